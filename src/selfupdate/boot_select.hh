// hoistd's entry point: systemd always starts the packaged hoistd, which
// first picks the version to run, like systemd-sysupdate's A/B with boot
// counting:
//
// - no current link, or current not newer than this binary: run this one;
// - current on trial (trial.json) with tries left: count one down, run it;
// - current on trial with none left (it exited, crashed, or missed READY=1
//   before confirming itself), or its binary missing: record it as failed
//   (never tried again), select previous (or this binary) and run that.
//
// Then the packaged hoistd execs the chosen binary in place: same PID, same
// environment, so LISTEN_FDS and NOTIFY_SOCKET still hold for it.
#pragma once

#include <string>
#include <vector>

#include "selfupdate/version.hh"
#include "selfupdate/version_store.hh"

namespace hoist {

struct BootChoice {
  std::string binary;   // what to exec; "" to go on with this binary
  std::string version;  // its version ("" with binary "")
  std::vector<std::string> messages;  // for the journal: what was decided and why
};

// Decides (and records trial counts and fallbacks in store); own is this
// binary's version. now_usec stamps recorded failures.
BootChoice choose_boot_version(VersionStore& store, const Version& own, uint64_t now_usec);

// Records that version could not be exec'd (the fallback choose_boot_version
// makes for a version whose start failed) and chooses again.
BootChoice fall_back_from(VersionStore& store, const Version& own, const std::string& version,
                          const std::string& reason, uint64_t now_usec);

// The entry point in hoistd's main(): opens self_update_directory() if it
// exists, chooses and execs; returns (going on with this binary) when
// nothing newer is selected or every exec failed.
void exec_selected_version(char** argv, const Version& own);

}  // namespace hoist
