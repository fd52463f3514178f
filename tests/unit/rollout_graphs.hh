// App sets for the rollout graph and scheduler tests.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/app_config.hh"
#include "core/rollout_graph.hh"

namespace hoist::testing {

// name → the apps it names in After= (and, for names after a "+", in Requires=).
using AppDeps = std::vector<std::pair<std::string, std::vector<std::string>>>;

inline std::map<std::string, AppConfig> app_configs(const AppDeps& apps) {
  std::map<std::string, AppConfig> out;
  for (const auto& entry : apps) {
    AppConfig config;
    config.name = entry.first;
    config.units = {entry.first + ".service"};
    for (const auto& dep : entry.second) {
      if (dep.front() == '+')
        config.requires_apps.push_back(dep.substr(1));
      else
        config.after_apps.push_back(dep);
    }
    out[entry.first] = config;
  }
  return out;
}

inline std::vector<std::string> app_names(const std::map<std::string, AppConfig>& configs) {
  std::vector<std::string> out;
  for (const auto& entry : configs) out.push_back(entry.first);
  return out;
}

// 13 apps: four roots (one, metrics, on its own), chains, fan-outs and
// fan-ins. Waves: [cache db metrics queue] [auth mailer search worker]
// [api notifier] [admin web] [gateway]. worker's wait for queue and
// notifier's for worker come from their units (platform_unit_edges()).
inline std::map<std::string, AppConfig> platform_apps() {
  return app_configs({
      {"db", {}},
      {"cache", {}},
      {"queue", {}},
      {"metrics", {}},
      {"auth", {"+db"}},
      {"mailer", {"queue"}},
      {"search", {"db"}},
      {"worker", {"db"}},
      {"api", {"db", "+cache", "auth"}},
      {"notifier", {"mailer"}},
      {"admin", {"api", "+auth"}},
      {"web", {"api"}},
      {"gateway", {"web", "admin", "search"}},
  });
}

inline std::vector<RolloutEdge> platform_unit_edges() {
  return {{"worker", "queue"}, {"notifier", "worker"}};
}

// Every platform app selected.
inline RolloutGraph platform_graph() {
  const auto configs = platform_apps();
  return RolloutGraph(app_names(configs), configs, platform_unit_edges());
}

// How long each platform app takes to restart and turn healthy, in seconds:
// the longest chain is db → search → gateway (35 s), the sum 102 s.
inline std::map<std::string, uint64_t> platform_durations() {
  return {{"db", 10},    {"cache", 2},  {"queue", 3},   {"metrics", 30}, {"auth", 5},
          {"mailer", 4}, {"search", 20}, {"worker", 6}, {"api", 8},      {"notifier", 3},
          {"admin", 2},  {"web", 4},     {"gateway", 5}};
}

}  // namespace hoist::testing
