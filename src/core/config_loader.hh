// Loading hoist's whole configuration: hoist.conf, then every NAME.app in the
// apps directory, then the relations between apps (app_graph.hh); and merging
// a reload into the last good set of apps. docs/configuration.md documents
// the files.
//
// How the Manager uses it:
//   start:  auto r = load_config(kDefaultConfigPath);
//           log r.errors and r.warnings (ConfigProblem::to_string());
//           manage r.apps (apps in r.failed_apps are not loaded).
//   reload: auto r = load_config(kDefaultConfigPath);
//           log them; apps = merge_reload(apps, r, &notes); log notes;
//           compare old and new AppConfig with == to see which apps changed.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/app_config.hh"

namespace hoist {

inline constexpr const char* kDefaultConfigPath = SYSCONFDIR "/hoist/hoist.conf";

// Files larger than this are refused.
inline constexpr size_t kConfigFileMaxBytes = 1024 * 1024;

struct LoadResult {
  DaemonConfig daemon;
  std::map<std::string, AppConfig> apps;  // by name; only apps without errors
  std::vector<ConfigProblem> errors;
  std::vector<ConfigProblem> warnings;
  std::set<std::string> failed_apps;  // NAME of every NAME.app that has errors
  // hoist.conf had errors: each bad key kept its default. A reload with this
  // set changes nothing (merge_reload); at start the daemon may go on with it.
  bool daemon_failed = false;
};

// The defaults of hoist.conf: StateDirectory= and LogsDirectory= from
// $STATE_DIRECTORY and $LOGS_DIRECTORY (set by systemd; the first path if
// several) or /var/lib/hoist and /var/log/hoist.
DaemonConfig daemon_defaults();

// Parses the text of hoist.conf read from path, starting from defaults. Pure.
DaemonConfig parse_daemon_config(const std::string& path, const std::string& text,
                                 const DaemonConfig& defaults, std::vector<ConfigProblem>& errors,
                                 std::vector<ConfigProblem>& warnings);

// Reads hoist_conf_path (missing: all defaults) and every *.app file of its
// AppsDirectory=, or of apps_dir_override if that is not empty. Other files
// are ignored. An app with any problem, its own or with the apps it names, is
// not loaded; the others are.
LoadResult load_config(const std::string& hoist_conf_path = kDefaultConfigPath,
                       const std::string& apps_dir_override = "");

// The apps after a reload: fresh's valid apps; for each app of
// fresh.failed_apps its definition in previous_good, if it had one; apps
// whose files are gone are dropped. A new definition that is valid alone but
// clashes with a kept previous one (a cycle, an overlapping directory, a
// dependency on an app that could not be kept) is itself replaced by its
// previous definition (or left out if it is new), and notes say so. When
// fresh.daemon_failed, previous_good is returned unchanged.
std::map<std::string, AppConfig> merge_reload(const std::map<std::string, AppConfig>& previous_good,
                                              const LoadResult& fresh,
                                              std::vector<ConfigProblem>* notes = nullptr);

}  // namespace hoist
