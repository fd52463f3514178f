#include "ctl/help.hh"

#include "config.h"
#include "ctl/args.hh"
#include "ctl/text.hh"

namespace hoist::ctl {

std::string help_text() {
  std::string text = _(
      "Usage: hoistctl [OPTION...] COMMAND [UNIT...]\n"
      "\n"
      "Query and control systemd units through hoistd, the hoist deploy daemon,\n"
      "over D-Bus (org.hoist.Hoist1). Options may come before or after the command.\n");
  text += '\n';
  text += _(
      "Commands:\n"
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
  text += strprintf(
      _("Options:\n"
        "  -h --help              Show this help\n"
        "     --version           Show hoistctl's version\n"
        "     --json              Machine-readable output: status prints a JSON\n"
        "                         array of units (without units: {\"version\": ...}),\n"
        "                         logs one JSON object per entry\n"
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
  text += _(
      "Exit status (as systemctl's):\n"
      "  0  Success; for status: every unit is active\n"
      "  1  Failure: invalid arguments, a failed job, hoistd unreachable, ...\n"
      "  3  status: some unit is not active\n"
      "  4  status: some unit does not exist;\n"
      "     other commands: not authorized\n"
      "  5  start, stop, ...: the unit does not exist\n");
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
      "  hoistctl --json status api.service | jq '.[].active_state'\n");
  return text;
}

std::string version_text() { return std::string("hoistctl ") + HOIST_VERSION; }

}  // namespace hoist::ctl
