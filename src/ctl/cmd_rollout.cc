// hoistctl rollout [APP...|--all] [--deploy] [--max-parallel N] [--dry-run]
//                  [--force] [--skip-migrations] [--no-block]
// hoistctl rollout-status ID
// hoistctl cancel-rollout ID
#include <unistd.h>

#include <cstdio>
#include <optional>

#include "ctl/commands.hh"
#include "ctl/deploy_format.hh"
#include "ctl/exit_status.hh"
#include "ctl/json_output.hh"
#include "ctl/report.hh"
#include "ctl/rollout_format.hh"
#include "ctl/rollout_progress.hh"
#include "ctl/rollout_wait.hh"
#include "ctl/text.hh"
#include "ctl/time_format.hh"

namespace hoist::ctl {
namespace {

// How often the rows on a terminal are redrawn at most (for their times).
constexpr uint64_t kRedrawPeriodUsec = 250 * 1000;

RolloutRequest request_for(const Options& o) {
  return {o.apps, o.all, o.deploy, o.max_parallel, o.force, o.skip_migrations};
}

void print(const std::string& text) {
  fputs(text.c_str(), stdout);
  fflush(stdout);
}

int report_daemon_gone(const Options& o, const std::string& id) {
  fprintf(stderr, "%s\n",
          strprintf(_("hoistd stopped while rollout %s was under way; it ends as interrupted. "
                      "See '%s rollout-status %s'."),
                    id.c_str(), command_for(o), id.c_str())
              .c_str());
  return exit_status::kFailure;
}

// live: on a terminal, which echoed "^C" where the next line would start.
int report_interrupted(const Options& o, const std::string& id, bool live) {
  if (live) fputc('\n', stderr);
  fprintf(stderr, "%s\n",
          strprintf(_("Stopped following rollout %s; it goes on."), id.c_str()).c_str());
  fprintf(stderr, "%s\n",
          strprintf(_("See how it does with '%s rollout-status %s', cancel it with '%s "
                      "cancel-rollout %s'."),
                    command_for(o), id.c_str(), command_for(o), id.c_str())
              .c_str());
  return exit_status::kFailure;
}

// Where to look further after a rollout that did not succeed.
void report_unsuccessful(const Options& o, const RolloutInfo& r) {
  const RolloutAppInfo* failed = r.find(r.failed_app);
  if (!failed || failed->deploy_id.empty()) return;
  fprintf(stderr, "%s\n",
          strprintf(_("See '%s deploy-status %s' for every step of %s."), command_for(o),
                    failed->deploy_id.c_str(), failed->app.c_str())
              .c_str());
}

// Shows the rollout's progress until it is over (rows redrawn in place on
// a terminal, a line per change elsewhere, nothing with --json), then the
// record; 0 only if it succeeded.
int follow(Client& client, RolloutWatch& watch, const Options& o, const std::string& id) {
  Style style = style_for_fd(fileno(stdout));
  bool live = !o.json && isatty(fileno(stdout));
  RolloutInfo r = client.get_rollout(id);  // it may be over already
  RolloutProgress progress(r, style);
  if (!o.json)
    print(strprintf(_("Rollout %s started; cancel it with '%s cancel-rollout %s'."), id.c_str(),
                    command_for(o), id.c_str()) +
          '\n');
  if (live) {
    watch.tick_every(kRedrawPeriodUsec);
    print(progress.redraw(now_realtime_usec()));
  }
  while (!r.finished()) {
    RolloutEvent e = watch.next();
    switch (e.kind) {
      case RolloutEvent::AppChanged:
        progress.change(e.app, e.state, e.step, now_realtime_usec());
        if (!live && !o.json) print(format_app_change(e.app, e.state, e.step) + '\n');
        break;
      case RolloutEvent::Tick:
        print(progress.redraw(now_realtime_usec()));
        break;
      case RolloutEvent::Finished:
        r = client.get_rollout(id);
        // The signal is the last word should the record lag behind it.
        if (!r.finished() && !e.state.empty()) {
          r.state = e.state;
          if (r.error.empty()) r.error = e.error;
        }
        break;
      case RolloutEvent::DaemonGone:
        return report_daemon_gone(o, id);
      case RolloutEvent::Interrupted:
        return report_interrupted(o, id, live);
    }
  }
  if (o.json) {
    printf("%s\n", node_to_json(r.json).c_str());
  } else {
    if (live) print(progress.erase());
    print(format_rollout_record(r, style, now_realtime_usec()));
  }
  if (r.succeeded()) return exit_status::kSuccess;
  if (!o.json) report_unsuccessful(o, r);
  return exit_status::kFailure;
}

int show_plan(Client& client, const Options& o) {
  RolloutPlan plan;
  try {
    plan = client.plan_rollout(request_for(o));
  } catch (const CallError& e) {
    return report_failure(o, e, _("Failed to plan the rollout"));
  }
  print(o.json ? node_to_json(plan.json) + '\n' : format_rollout_plan(plan));
  return exit_status::kSuccess;
}

}  // namespace

int run_rollout(Client& client, const Options& o) {
  if (o.dry_run) return show_plan(client, o);
  std::string id;
  std::optional<RolloutWatch> watch;
  try {
    if (!o.no_block) watch.emplace(client);  // before the rollout starts, to miss no signal
    id = client.rollout(request_for(o));
  } catch (const CallError& e) {
    return report_failure(o, e, _("Failed to start the rollout"));
  }
  if (o.no_block) {
    printf("%s\n", o.json ? deploy_id_to_json(id).c_str() : id.c_str());
    return exit_status::kSuccess;
  }
  watch->follow(id);
  try {
    // Only now: interrupting the call itself (or polkit's password prompt)
    // ends hoistctl as for any other command.
    watch->catch_interrupts();
    return follow(client, *watch, o, id);
  } catch (const CallError& e) {
    return report_failure(o, e, strprintf(_("Failed to follow rollout %s"), id.c_str()));
  }
}

int run_rollout_status(Client& client, const Options& o) {
  RolloutInfo r;
  try {
    r = client.get_rollout(o.rollout_id);
  } catch (const CallError& e) {
    return report_failure(
        o, e, strprintf(_("Failed to read rollout %s"), printable(o.rollout_id).c_str()));
  }
  if (o.json)
    printf("%s\n", node_to_json(r.json).c_str());
  else
    print(format_rollout_record(r, style_for_fd(fileno(stdout)), now_realtime_usec()));
  return exit_status::kSuccess;
}

int run_cancel_rollout(Client& client, const Options& o) {
  try {
    client.cancel_rollout(o.rollout_id);
  } catch (const CallError& e) {
    return report_failure(
        o, e, strprintf(_("Failed to cancel rollout %s"), printable(o.rollout_id).c_str()));
  }
  return exit_status::kSuccess;
}

}  // namespace hoist::ctl
