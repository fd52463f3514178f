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
  Rollout,
  RolloutStatus,
  CancelRollout,
  Diff,
  Apply,
  SelfUpdate,
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
  std::string app;               // show, deploy, rollback, releases, history, confirm, diff, apply
  std::string revision;          // deploy: "" for the head of the app's branch
  std::string release;           // rollback: "" for the release before the current one
  std::string deploy_id;         // deploy-status
  bool wait = false;             // deploy, rollback, confirm
  bool force = false;            // deploy, rollout
  bool skip_migrations = false;  // deploy, rollout
  bool dry_run = false;          // deploy, rollout, apply
  // rollouts
  std::vector<std::string> apps;  // rollout: the apps, empty with --all
  bool all = false;
  bool deploy = false;        // deploy apps instead of restarting them
  uint32_t max_parallel = 0;  // 0: no limit
  bool no_block = false;      // print the id (rollout), do not wait (self-update)
  std::string rollout_id;     // rollout-status, cancel-rollout
  // self-update
  bool check = false;  // only check for a newer release
};

struct ParseResult {
  Options options;  // on error: the verb, if one was named
  std::string error;  // translated, names what was wrong; empty on success
  bool ok() const { return error.empty(); }
};

// Parses argv with getopt_long (options may come before or after the verb).
// Unit names are validated here; status arguments containing * ? [ are
// patterns; "reload" without units is Verb::ReloadConfig. --help and
// --version skip the checks of the verb's arguments. The first problem is
// the error, and the verb is known even then if it was named (for its exit
// status, see exit_status::for_usage_error).
ParseResult parse_args(int argc, char* const* argv);

// The verb as typed on the command line ("reload-or-restart"; "reload" for
// ReloadConfig too).
const char* verb_name(Verb verb);

// True for a status argument that is a shell-style pattern rather than a name.
bool is_unit_pattern(const std::string& arg);

}  // namespace hoist::ctl
