// hoistctl self-update [--check] [--no-block]
#include <cstdio>
#include <optional>

#include "ctl/commands.hh"
#include "ctl/exit_status.hh"
#include "ctl/report.hh"
#include "ctl/restart_wait.hh"
#include "ctl/selfupdate_format.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

// What a check (or the check SelfUpdate makes first) found, as text or
// JSON; its error on stderr (with --json only in the JSON). 0 unless the
// check failed.
int show_status(const Options& o, const SelfUpdateStatus& s, bool suggest_install) {
  if (o.json)
    printf("%s\n", selfupdate_status_to_json(s).c_str());
  else
    fputs(format_update_check(s, command_for(o), suggest_install).c_str(), stdout);
  fflush(stdout);
  if (!o.json) fputs(format_check_error(s).c_str(), stderr);
  return s.error.empty() ? exit_status::kSuccess : exit_status::kFailure;
}

int check(Client& client, const Options& o) {
  SelfUpdateStatus s;
  try {
    s = client.check_for_update();
  } catch (const CallError& e) {
    return report_failure(o, e, _("Failed to check for a new release of hoistd"));
  }
  return show_status(o, s, true);
}

// Waits for the new hoistd and says which version came up; 0 if it is the
// one installed.
int follow_restart(Client& client, RestartWatch& watch, const Options& o,
                   const SelfUpdateStatus& s) {
  if (!watch.wait(kRestartTimeoutUsec)) {
    fputs(format_restart_timeout(s, kRestartTimeoutUsec, command_for(o)).c_str(), stderr);
    return exit_status::kFailure;
  }
  std::string version = client.version();
  bool updated = version == s.installing;
  if (o.json)
    printf("%s\n", selfupdate_status_to_json(s, updated ? "updated" : "fell-back").c_str());
  else
    fputs(format_restart_result(s, version, command_for(o)).c_str(), updated ? stdout : stderr);
  return updated ? exit_status::kSuccess : exit_status::kFailure;
}

}  // namespace

int run_self_update(Client& client, const Options& o) {
  if (o.check) return check(client, o);
  SelfUpdateStatus s;
  std::string answered_by;
  std::optional<RestartWatch> watch;
  try {
    if (!o.no_block) watch.emplace(client);  // before the call, to miss no owner change
    s = client.self_update(answered_by);
  } catch (const CallError& e) {
    return report_failure(o, e, _("Failed to update hoistd"));
  }
  if (s.installing.empty()) return show_status(o, s, false);
  if (o.json && o.no_block) {
    printf("%s\n", selfupdate_status_to_json(s).c_str());
    return exit_status::kSuccess;
  }
  if (!o.json) {
    fputs(format_installing(s).c_str(), stdout);
    fflush(stdout);
  }
  if (o.no_block) return exit_status::kSuccess;
  watch->ignore_owner(answered_by);
  try {
    return follow_restart(client, *watch, o, s);
  } catch (const CallError& e) {
    return report_failure(o, e, _("Failed to follow hoistd's restart"));
  }
}

}  // namespace hoist::ctl
