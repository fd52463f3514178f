// hoistctl history [-n N] APP | deploy-status ID
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
  std::vector<DeployInfo> deploys;
  try {
    deploys = client.history(o.app, o.lines);
  } catch (const CallError& e) {
    return report_failure(
        o, e, strprintf(_("Failed to read the deploys of %s"), printable(o.app).c_str()));
  }
  print_listing(o, deploys.empty(), deploys_to_json(deploys),
                format_deploy_history(deploys, style_for_fd(fileno(stdout))),
                strprintf(_("%s has not been deployed yet."), printable(o.app).c_str()));
  return exit_status::kSuccess;
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

}  // namespace hoist::ctl
