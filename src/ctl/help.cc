#include "ctl/help.hh"

#include "config.h"
#include "ctl/args.hh"
#include "ctl/text.hh"

namespace hoist::ctl {

std::string help_text() {
  std::string text = _(
      "Usage: hoistctl [OPTION...] COMMAND [ARGUMENT...]\n"
      "\n"
      "Query and control systemd units and deploy apps through hoistd, the hoist\n"
      "deploy daemon, over D-Bus (org.hoist.Hoist1). Options may come before or\n"
      "after the command.\n");
  text += '\n';
  text += _(
      "Unit commands:\n"
      "  status [UNIT|PATTERN...]   Show the status of units; shell-style patterns\n"
      "                             such as 'api*' match loaded units. Without\n"
      "                             units, check that hoistd answers and show its\n"
      "                             version\n"
      "  start UNIT...              Start units\n"
      "  stop UNIT...               Stop units\n"
      "  restart UNIT...            Restart units, starting them if not running\n"
      "  reload UNIT...             Make units reload their configuration\n"
      "  reload-or-restart UNIT...  Reload units if they support it, else restart\n"
      "  try-restart UNIT...        Restart units that are running\n"
      "  logs UNIT                  Show the unit's newest journal entries\n"
      "  daemon-reload              Make PID 1 reload all unit files\n"
      "\n"
      "start, stop and the other unit commands wait until PID 1's job has\n"
      "finished and print nothing when it succeeded.\n");
  text += '\n';
  text += _(
      "App commands:\n"
      "  apps                       List the configured apps: state, current\n"
      "                             release and how their last deploy ended\n"
      "  show APP                   Show an app, its releases and its newest 5\n"
      "                             deploys\n"
      "  deploy APP [REVISION]      Queue a deploy of REVISION (a commit id or a\n"
      "                             ref name; without it the head of the app's\n"
      "                             branch) and print the deploy's id\n"
      "  rollback APP [RELEASE]     Queue a switch back to RELEASE (without it the\n"
      "                             newest release older than the current one)\n"
      "                             and print the deploy's id\n"
      "  releases APP               List the app's releases on disk, oldest first;\n"
      "                             \"*\" marks the current one\n"
      "  history APP                List the app's newest deploys, newest first\n"
      "  deploy-status ID           Show one deploy: state, times, every step with\n"
      "                             its result and duration, and the last output\n"
      "                             of a step that failed\n"
      "  confirm APP                Queue the deploy of APP that waits for\n"
      "                             confirmation and print its id\n"
      "  pending                    List the deploys that wait for confirmation:\n"
      "                             app, deploy id, revision and when the wait\n"
      "                             expires\n"
      "  reload                     Make hoistd read hoist.conf and the app files\n"
      "                             again and print the problems it found, one a\n"
      "                             line, on stderr (an app whose file has errors\n"
      "                             keeps its last good definition). With units,\n"
      "                             reload reloads the units instead\n"
      "\n"
      "A deploy fetches, builds, migrates, switches the app's current release,\n"
      "restarts its units and waits for the health gate; if the new release fails\n"
      "after the switch, hoistd rolls back to the previous one by itself. A\n"
      "rollback switches, restarts and checks health the same way. One deploy of\n"
      "an app runs at a time; a newer request replaces one that still waits.\n"
      "\n"
      "A push to an app with RequireConfirmation=yes in its [Webhook] section\n"
      "does not deploy at once: the deploy waits for confirmation (listed by\n"
      "pending and shown by show) until confirm queues it; if nobody confirms it\n"
      "in time, it ends as canceled. A newer push replaces the deploy that waits.\n");
  text += '\n';
  text += strprintf(
      _("Options:\n"
        "  -h --help              Show this help\n"
        "     --version           Show hoistctl's version\n"
        "     --json              Machine-readable output (see \"JSON output\")\n"
        "     --user              Talk to the user's hoistd on the user bus\n"
        "     --no-ask-password   Never ask for a password when hoistd needs\n"
        "                         authorization (asked only when stdin is a terminal)\n"
        "\n"
        "Options of logs:\n"
        "  -n --lines=N           Show the newest N entries (default %u, at most %u;\n"
        "                         0 shows none, useful with --follow)\n"
        "  -f --follow            Then keep printing new entries as they arrive,\n"
        "                         until interrupted\n"
        "  -o --output=FORMAT     short: like journalctl (the default),\n"
        "                         cat: messages only, json: one object per entry\n"),
      kDefaultLogLines, kMaxLogLines);
  text += '\n';
  text += strprintf(
      _("Options of history:\n"
        "  -n --lines=N           Show the newest N deploys (default %u, at most %u;\n"
        "                         0 shows all that hoistd keeps)\n"
        "\n"
        "Options of deploy, rollback and confirm:\n"
        "     --wait              Follow the deploy until it ends: a line for each\n"
        "                         step as it finishes, then one saying how it ended;\n"
        "                         if it did not succeed, the last output of the\n"
        "                         failed step on stderr. Without --wait, hoistctl\n"
        "                         returns as soon as the deploy is queued.\n"
        "                         Interrupting hoistctl does not stop the deploy\n"
        "     --force             deploy: deploy even if the app is unhealthy before\n"
        "     --skip-migrations   deploy: do not run the app's Migrate= commands\n"
        "     --dry-run           deploy: print the steps the deploy would run and\n"
        "                         change nothing\n"),
      kDefaultLogLines, kMaxLogLines);
  text += '\n';
  text += _(
      "JSON output:\n"
      "  status                     An array of units (without units:\n"
      "                             {\"version\": ...})\n"
      "  logs                       One object per entry, one a line\n"
      "  apps                       An array of {name, description, state,\n"
      "                             current_release, last_result, object_path}\n"
      "  show                       {name, description, state, current_release,\n"
      "                             last_deploy, last_result, failed_step,\n"
      "                             queued_deploy, pending_deploy, releases,\n"
      "                             history}\n"
      "  releases                   An array of {name, current}\n"
      "  history                    An array of deploy records, as hoistd keeps\n"
      "                             them (id, app, kind, state, steps, ...)\n"
      "  deploy-status              One deploy record\n"
      "  deploy, rollback, confirm  {\"id\": ...}; with --wait the deploy's final\n"
      "                             record; deploy --dry-run: an array of\n"
      "                             {step, description}\n"
      "  pending                    An array of {app, deploy_id, revision,\n"
      "                             expires_usec} (microseconds since the epoch)\n"
      "  reload                     {\"problems\": [...]} (and nothing on stderr)\n");
  text += '\n';
  text += _(
      "Exit status (as systemctl's):\n"
      "  0  Success; for status: every unit is active\n"
      "  1  Failure: invalid arguments, a failed job, hoistd unreachable, a\n"
      "     deploy, rollback or confirmed deploy followed with --wait that did\n"
      "     not succeed (or whose hoistd stopped meanwhile), problems found by\n"
      "     reload, ...\n"
      "  3  status: some unit is not active\n"
      "  4  status: some unit does not exist; show, releases, history,\n"
      "     deploy-status: the app or deploy does not exist;\n"
      "     other commands: not authorized\n"
      "  5  start, stop, ...: the unit does not exist;\n"
      "     deploy, rollback: the app or release does not exist;\n"
      "     confirm: the app does not exist or no deploy of it waits for\n"
      "     confirmation (none was pushed, it was confirmed already or it\n"
      "     expired)\n");
  text += '\n';
  text += _(
      "Environment:\n"
      "  NO_COLOR, TERM         Colours are used only on a terminal, without\n"
      "                         NO_COLOR and with a TERM other than \"dumb\"\n");
  text += '\n';
  text += _(
      "Examples:\n"
      "  hoistctl status 'api*'            Status of every loaded unit named api...\n"
      "  hoistctl restart api.service      Restart api.service and wait for it\n"
      "  hoistctl logs -n 50 -f api.service\n"
      "                                    The last 50 lines, then follow\n"
      "  hoistctl --json status api.service | jq '.[].active_state'\n"
      "  hoistctl deploy --wait hello      Deploy the head of hello's branch and\n"
      "                                    follow it to the end\n"
      "  hoistctl deploy --dry-run hello v1.2\n"
      "                                    What a deploy of the tag v1.2 would do\n"
      "  hoistctl rollback --wait hello    Back to the release before the current one\n"
      "  hoistctl confirm --wait hello     Deploy the push to hello that waits for\n"
      "                                    confirmation and follow it to the end\n"
      "  hoistctl history -n 3 hello       The last three deploys of hello\n");
  return text;
}

std::string version_text() { return std::string("hoistctl ") + HOIST_VERSION; }

}  // namespace hoist::ctl
