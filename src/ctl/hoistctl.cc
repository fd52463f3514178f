// hoistctl: the command line client of hoistd's D-Bus API.
#include <clocale>
#include <cstdio>

#include <unistd.h>

#include "config.h"
#include "ctl/args.hh"
#include "ctl/bus_client.hh"
#include "ctl/commands.hh"
#include "ctl/exit_status.hh"
#include "ctl/help.hh"
#include "ctl/polkit_agent.hh"
#include "ctl/report.hh"
#include "ctl/text.hh"

using namespace hoist::ctl;

namespace {

// Verbs whose calls hoistd may have polkit authorize (reading is open to all).
bool may_need_authorization(const Options& o) {
  switch (o.verb) {
    case Verb::Status:
    case Verb::Apps:
    case Verb::Show:
    case Verb::Releases:
    case Verb::History:
    case Verb::DeployStatus:
    case Verb::Pending:
    case Verb::RolloutStatus:
    case Verb::Diff:
      return false;
    case Verb::Deploy:
    case Verb::Rollout:
    case Verb::Apply:
      return !o.dry_run;
    default:
      return true;
  }
}

int run(Client& client, const Options& o) {
  switch (o.verb) {
    case Verb::Status:
      return run_status(client, o);
    case Verb::Logs:
      return run_logs(client, o);
    case Verb::DaemonReload:
      return run_daemon_reload(client, o);
    case Verb::ReloadConfig:
      return run_reload_config(client, o);
    case Verb::Apps:
      return run_apps(client, o);
    case Verb::Show:
      return run_show(client, o);
    case Verb::Releases:
      return run_releases(client, o);
    case Verb::History:
      return run_history(client, o);
    case Verb::DeployStatus:
      return run_deploy_status(client, o);
    case Verb::Deploy:
      return run_deploy(client, o);
    case Verb::Rollback:
      return run_rollback(client, o);
    case Verb::Confirm:
      return run_confirm(client, o);
    case Verb::Pending:
      return run_pending(client, o);
    case Verb::Rollout:
      return run_rollout(client, o);
    case Verb::RolloutStatus:
      return run_rollout_status(client, o);
    case Verb::CancelRollout:
      return run_cancel_rollout(client, o);
    case Verb::Diff:
      return run_diff(client, o);
    case Verb::Apply:
      return run_apply(client, o);
    case Verb::SelfUpdate:
      return run_self_update(client, o);
    default:
      return run_unit_jobs(client, o);
  }
}

}  // namespace

int main(int argc, char** argv) {
  setlocale(LC_ALL, "");
  bindtextdomain(GETTEXT_PACKAGE, LOCALEDIR);
  textdomain(GETTEXT_PACKAGE);

  ParseResult parsed = parse_args(argc, argv);
  if (!parsed.ok()) {
    fprintf(stderr, "hoistctl: %s\n", parsed.error.c_str());
    fprintf(stderr, "%s\n", _("Try 'hoistctl --help' for more information."));
    return exit_status::failure(parsed.options.verb);
  }
  const Options& o = parsed.options;
  if (o.help) {
    fputs(help_text().c_str(), stdout);
    return exit_status::kSuccess;
  }
  if (o.version) {
    printf("%s\n", version_text().c_str());
    return exit_status::kSuccess;
  }

  bool interactive = o.ask_password && isatty(STDIN_FILENO);
  PolkitAgent agent;
  if (interactive && !o.user && may_need_authorization(o)) agent.start_if_useful();
  try {
    Client client = Client::connect(o.user, interactive);
    return run(client, o);
  } catch (const CallError& e) {
    return report_failure(o, e, "");
  }
}
