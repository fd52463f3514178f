#include "core/app_registry.hh"

#include <set>

#include "common/log.hh"

namespace hoist {
namespace {

void log_problem(int priority, const ConfigProblem& p) {
  log::write(priority, p.to_string(),
             {{"HOIST_CONFIG_FILE", p.file},
              {"HOIST_CONFIG_LINE", std::to_string(p.line)},
              {"HOIST_CONFIG_KEY", p.key}});
}

}  // namespace

std::vector<std::string> AppRegistry::load(bool reload) {
  LoadResult fresh = load_config(path_);
  for (const auto& p : fresh.errors) log_problem(LOG_ERR, p);
  for (const auto& p : fresh.warnings) log_problem(LOG_WARNING, p);
  if (!reload) {
    daemon_ = fresh.daemon;
    apps_ = fresh.apps;
  } else {
    std::vector<ConfigProblem> notes;
    apps_ = merge_reload(apps_, fresh, &notes);
    for (const auto& p : notes) log_problem(LOG_NOTICE, p);
    if (!fresh.daemon_failed) daemon_ = fresh.daemon;
  }
  std::string names;
  for (const auto& [name, app] : apps_) names += (names.empty() ? "" : ", ") + name;
  log::info(std::string(reload ? "Reloaded" : "Loaded") + " the configuration: " +
                std::to_string(apps_.size()) + " app(s)" + (names.empty() ? "" : " (" + names + ")") +
                ", " + std::to_string(fresh.errors.size()) + " error(s)",
            {{"HOIST_EVENT", reload ? "config-reloaded" : "config-loaded"}});
  std::vector<std::string> problems;
  for (const auto& p : fresh.errors) problems.push_back(p.to_string());
  return problems;
}

size_t AppRegistry::units_managed() const {
  std::set<std::string> units;
  for (const auto& [name, app] : apps_) units.insert(app.units.begin(), app.units.end());
  return units.size();
}

}  // namespace hoist
