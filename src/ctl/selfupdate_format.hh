// hoistd's self-update as "hoistctl self-update" shows it: what a check
// found, the release being installed, how the restart went, and the JSON.
#pragma once

#include <cstdint>
#include <string>

#include "ctl/selfupdate_info.hh"

namespace hoist::ctl {

// What the status says about the newest release, ending in a newline:
//  "hoistd 0.1.0 is running; 0.1.1 is available: URL" and, if
//  suggest_install, how to install it ("Install it with "COMMAND
//  self-update".", or with Mode=apply that hoistd installs it by itself);
//  "hoistd 0.1.0 is up to date (latest release: 0.1.0).";
//  for a latest release that failed to start here, when and why, and that
//  it is not installed again until a newer release appears.
// command: "hoistctl" or "hoistctl --user".
std::string format_update_check(const SelfUpdateStatus& s, const std::string& command,
                                bool suggest_install);

// "The last check for a new release failed: ERROR\n" (for stderr); "" if
// the status has no error.
std::string format_check_error(const SelfUpdateStatus& s);

// "Installing hoistd 0.1.1 (running 0.1.0); hoistd restarts into it when
// no deploy is in flight.\n"
std::string format_installing(const SelfUpdateStatus& s);

// After the restart, version being what the new hoistd says it is:
// "hoistd updated to 0.1.1.\n" if it is s.installing, else (for stderr)
// "hoistd 0.1.1 did not start; hoistd fell back to 0.1.0.\n" and where to
// see why.
std::string format_restart_result(const SelfUpdateStatus& s, const std::string& version,
                                  const std::string& command);

// hoistd did not take its bus name again within timeout_usec (for stderr).
std::string format_restart_timeout(const SelfUpdateStatus& s, uint64_t timeout_usec,
                                   const std::string& command);

// The status as hoistd sent it, with "result" added unless result is
// null ("updated", "fell-back"); one line, no newline.
std::string selfupdate_status_to_json(const SelfUpdateStatus& s, const char* result = nullptr);

}  // namespace hoist::ctl
