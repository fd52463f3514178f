#include "core/app_graph.hh"

#include <algorithm>
#include <deque>

#include "core/config_paths.hh"
#include "core/config_values.hh"

namespace hoist {

std::vector<std::string> app_dependencies(const AppConfig& app) {
  std::vector<std::string> deps = app.after_apps;
  for (const auto& r : app.requires_apps)
    if (std::find(deps.begin(), deps.end(), r) == deps.end()) deps.push_back(r);
  std::sort(deps.begin(), deps.end());
  return deps;
}

std::vector<std::string> dependency_cycle(const std::map<std::string, AppConfig>& apps,
                                          const std::string& name) {
  // Breadth-first from name's dependencies until name is reached again.
  std::map<std::string, std::string> reached_from;
  std::deque<std::string> queue;
  auto visit = [&](const std::string& from) {
    for (const auto& dep : app_dependencies(apps.at(from))) {
      if (!apps.count(dep) || reached_from.count(dep)) continue;
      reached_from[dep] = from;
      queue.push_back(dep);
    }
  };
  if (!apps.count(name)) return {};
  visit(name);
  while (!queue.empty() && !reached_from.count(name)) {
    const std::string next = queue.front();
    queue.pop_front();
    visit(next);
  }
  if (!reached_from.count(name)) return {};
  std::vector<std::string> cycle{name};
  for (std::string at = reached_from[name]; at != name; at = reached_from[at]) cycle.push_back(at);
  cycle.push_back(name);
  std::reverse(cycle.begin(), cycle.end());
  return cycle;
}

namespace {

const char* key_naming(const AppConfig& app, const std::string& other) {
  const auto& after = app.after_apps;
  return std::find(after.begin(), after.end(), other) != after.end() ? "After" : "Requires";
}

void missing_dependencies(const AppConfig& app, const std::map<std::string, AppConfig>& apps,
                          const std::set<std::string>& failed,
                          std::vector<AppRelationProblem>& out) {
  for (const auto& dep : app_dependencies(app)) {
    if (apps.count(dep)) continue;
    const bool has_file = failed.count(dep) > 0;
    out.push_back({app.name, key_naming(app, dep), dep,
                   quote_value(dep) + (has_file ? " names an app whose definition has errors"
                                                : " names no app (there is no " + dep + ".app)"),
                   !has_file});
  }
}

void cycle_through(const AppConfig& app, const std::map<std::string, AppConfig>& apps,
                   std::vector<AppRelationProblem>& out) {
  const auto cycle = dependency_cycle(apps, app.name);
  if (cycle.empty()) return;
  std::string path;
  for (const auto& member : cycle) path += (path.empty() ? "" : " -> ") + member;
  out.push_back({app.name, key_naming(app, cycle[1]), cycle[1], "dependency cycle: " + path});
}

void overlapping_directories(const AppConfig& app, const std::map<std::string, AppConfig>& apps,
                             std::vector<AppRelationProblem>& out) {
  if (app.directory == default_app_directory(app.name)) return;  // the default
  for (const auto& [name, other] : apps) {
    if (name == app.name) continue;
    std::string how;
    if (app.directory == other.directory)
      how = "is also the directory of app " + name;
    else if (path_is_inside(app.directory, other.directory))
      how = "is inside the directory of app " + name + " (" + other.directory + ")";
    else if (path_is_inside(other.directory, app.directory))
      how = "contains the directory of app " + name + " (" + other.directory + ")";
    if (!how.empty())
      out.push_back({app.name, "Directory", name, quote_value(app.directory) + " " + how});
  }
}

}  // namespace

std::vector<AppRelationProblem> app_relation_problems(const std::map<std::string, AppConfig>& apps,
                                                      const std::set<std::string>& failed) {
  std::vector<AppRelationProblem> out;
  for (const auto& [name, app] : apps) {
    missing_dependencies(app, apps, failed, out);
    cycle_through(app, apps, out);
    overlapping_directories(app, apps, out);
  }
  return out;
}

}  // namespace hoist
