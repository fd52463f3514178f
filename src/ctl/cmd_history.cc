// hoistctl history [-n N] APP | deploy-status ID | pending
#include <cstdio>

#include "ctl/commands.hh"
#include "ctl/deploy_format.hh"
#include "ctl/exit_status.hh"
#include "ctl/listing.hh"
#include "ctl/report.hh"
#include "ctl/text.hh"
#include "ctl/time_format.hh"

namespace hoist::ctl {

int run_history(Client& client, const Options& o) {
  return fetch_and_list(
      o, [&] { return client.history(o.app, o.lines); },
      strprintf(_("Failed to read the deploys of %s"), printable(o.app).c_str()),
      deploys_to_json,
      [](const std::vector<DeployInfo>& deploys) {
        return format_deploy_history(deploys, style_for_fd(fileno(stdout)));
      },
      strprintf(_("%s has not been deployed yet."), printable(o.app).c_str()));
}

int run_deploy_status(Client& client, const Options& o) {
  DeployInfo d;
  try {
    d = client.get_deploy(o.deploy_id);
  } catch (const CallError& e) {
    return report_failure(o, e,
                          strprintf(_("Failed to read deploy %s"), printable(o.deploy_id).c_str()));
  }
  if (o.json)
    printf("%s\n", deploy_to_json(d).c_str());
  else
    fputs(format_deploy_record(d, style_for_fd(fileno(stdout)), now_realtime_usec()).c_str(),
          stdout);
  return exit_status::kSuccess;
}

int run_pending(Client& client, const Options& o) {
  return fetch_and_list(
      o, [&] { return client.list_pending(); },
      _("Failed to list the deploys waiting for confirmation"), pending_to_json,
      [](const std::vector<PendingInfo>& pending) {
        return format_pending_table(pending, style_for_fd(fileno(stdout)), now_realtime_usec());
      },
      _("No deploy waits for confirmation."));
}

}  // namespace hoist::ctl
