// hoistctl deploy APP [REVISION] [--wait] [--force] [--skip-migrations] [--dry-run]
// hoistctl rollback APP [RELEASE] [--wait]
// hoistctl confirm APP [--wait]
#include <cstdio>
#include <functional>
#include <optional>

#include "ctl/commands.hh"
#include "ctl/deploy_format.hh"
#include "ctl/deploy_progress.hh"
#include "ctl/deploy_wait.hh"
#include "ctl/exit_status.hh"
#include "ctl/report.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

int report_daemon_gone(const Options& o, const std::string& id) {
  fprintf(stderr, "%s\n",
          strprintf(_("hoistd stopped while deploy %s was under way; it ends as interrupted. "
                      "See '%s deploy-status %s'."),
                    id.c_str(), command_for(o), id.c_str())
              .c_str());
  return exit_status::kFailure;
}

void report_unsuccessful(const Options& o, const DeployInfo& d) {
  fputs(format_failure_output(d).c_str(), stderr);
  fprintf(stderr, "%s\n",
          strprintf(_("See '%s deploy-status %s' for every step."), command_for(o), d.id.c_str())
              .c_str());
}

// Shows the deploy's progress until it is over (--wait); 0 only if it succeeded.
int follow(Client& client, DeployWatch& watch, const Options& o, const std::string& id) {
  DeployProgress progress(style_for_fd(fileno(stdout)));
  DeployInfo d = client.get_deploy(id);  // it may be over already
  for (;;) {
    if (!o.json) {
      fputs(progress.update(d).c_str(), stdout);
      fflush(stdout);
    }
    if (d.finished()) break;
    WatchEvent e = watch.next();
    if (e.kind == WatchEvent::DaemonGone) return report_daemon_gone(o, id);
    d = client.get_deploy(id);
    // The signal is the last word should the record lag behind it.
    if (e.kind == WatchEvent::DeployFinished && !d.finished() && !e.state.empty())
      d.state = e.state;
  }
  if (o.json) printf("%s\n", deploy_to_json(d).c_str());
  if (d.succeeded()) return exit_status::kSuccess;
  if (!o.json) report_unsuccessful(o, d);
  return exit_status::kFailure;
}

// Queues the deploy or rollback with start (a confirmed deploy too), then
// prints its id or follows it.
int start_deploy(Client& client, const Options& o, const std::function<std::string()>& start,
                 const std::string& failure) {
  std::string id;
  std::optional<DeployWatch> watch;
  try {
    if (o.wait) watch.emplace(client);  // before the deploy starts, to miss no signal
    id = start();
  } catch (const CallError& e) {
    return report_failure(o, e, failure);
  }
  if (!o.wait) {
    printf("%s\n", o.json ? deploy_id_to_json(id).c_str() : id.c_str());
    return exit_status::kSuccess;
  }
  watch->follow(id);
  try {
    return follow(client, *watch, o, id);
  } catch (const CallError& e) {
    return report_failure(o, e, strprintf(_("Failed to follow deploy %s"), id.c_str()));
  }
}

int show_plan(Client& client, const Options& o, const DeployRequest& request) {
  std::vector<PlanStep> plan;
  try {
    plan = client.plan_deploy(request);
  } catch (const CallError& e) {
    return report_failure(o, e,
                          strprintf(_("Failed to plan a deploy of %s"), printable(o.app).c_str()));
  }
  fputs(o.json ? (plan_to_json(plan) + '\n').c_str() : format_plan(plan).c_str(), stdout);
  return exit_status::kSuccess;
}

}  // namespace

int run_deploy(Client& client, const Options& o) {
  DeployRequest request{o.app, o.revision, o.force, o.skip_migrations};
  if (o.dry_run) return show_plan(client, o, request);
  return start_deploy(
      client, o, [&] { return client.deploy(request); },
      strprintf(_("Failed to deploy %s"), printable(o.app).c_str()));
}

int run_rollback(Client& client, const Options& o) {
  return start_deploy(
      client, o, [&] { return client.rollback(o.app, o.release); },
      strprintf(_("Failed to roll back %s"), printable(o.app).c_str()));
}

int run_confirm(Client& client, const Options& o) {
  return start_deploy(
      client, o, [&] { return client.confirm(o.app); },
      strprintf(_("Failed to confirm the deploy of %s"), printable(o.app).c_str()));
}

}  // namespace hoist::ctl
