// The apps hoistd manages: loaded from hoist.conf and apps/*.app at start,
// reloaded on SIGHUP (systemctl reload hoistd). Every problem is logged with
// file, line and key; an app whose file has errors keeps its last good
// definition, and the other apps are unaffected.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/app_config.hh"
#include "core/config_loader.hh"

namespace hoist {

class AppRegistry {
 public:
  explicit AppRegistry(std::string hoist_conf_path = kDefaultConfigPath)
      : path_(std::move(hoist_conf_path)) {}

  // First load (reload = false) or a reload. Returns the errors logged
  // (ConfigProblem::to_string()).
  std::vector<std::string> load(bool reload);

  const std::map<std::string, AppConfig>& apps() const noexcept { return apps_; }
  const DaemonConfig& daemon() const noexcept { return daemon_; }
  // Distinct units of all apps (/healthz's units_managed).
  size_t units_managed() const;

 private:
  std::string path_;
  DaemonConfig daemon_ = daemon_defaults();
  std::map<std::string, AppConfig> apps_;
};

}  // namespace hoist
