// hoistctl's command line: the verb, its units or app and the options, parsed
// and checked without touching the bus.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hoist::ctl {

enum class Verb {
  None,
  Status,
  Start,
  Stop,
  Restart,
  Reload,
  ReloadOrRestart,
  TryRestart,
  Logs,
  DaemonReload,
  ReloadConfig,  // "reload" without units: hoistd reads its configuration again
  Apps,
  Show,
  Deploy,
  Rollback,
  Releases,
  History,
  DeployStatus,
  Confirm,
  Pending,
};

enum class LogFormat { Short, Cat, Json };

// Lines "hoistctl logs" (and deploys "hoistctl history") shows without -n,
// and the most hoistd returns in one call.
inline constexpr uint32_t kDefaultLogLines = 10;
inline constexpr uint32_t kMaxLogLines = 10000;

struct Options {
  Verb verb = Verb::None;
  std::vector<std::string> units;  // unit names, or for status also patterns
  bool help = false;
  bool version = false;
  bool json = false;
  bool user = false;
  bool ask_password = true;
  // logs
  uint32_t lines = kDefaultLogLines;
  bool follow = false;
  LogFormat log_format = LogFormat::Short;
  // apps and deploys
  std::string app;        // show, deploy, rollback, releases, history, confirm
  std::string revision;   // deploy: "" for the head of the app's branch
  std::string release;    // rollback: "" for the release before the current one
  std::string deploy_id;  // deploy-status
  bool wait = false;      // deploy, rollback, confirm
  bool force = false;     // deploy
  bool skip_migrations = false;
  bool dry_run = false;
};

struct ParseResult {
  Options options;
  std::string error;  // translated, names what was wrong; empty on success
  bool ok() const { return error.empty(); }
};

// Parses argv with getopt_long (options may come before or after the verb).
// Unit names are validated here; status arguments containing * ? [ are
// patterns; "reload" without units is Verb::ReloadConfig. --help and
// --version skip the checks of the verb's arguments.
ParseResult parse_args(int argc, char* const* argv);

// The verb as typed on the command line ("reload-or-restart"; "reload" for
// ReloadConfig too).
const char* verb_name(Verb verb);

// True for a status argument that is a shell-style pattern rather than a name.
bool is_unit_pattern(const std::string& arg);

}  // namespace hoist::ctl
