#include "core/rollout_units.hh"

#include <algorithm>
#include <memory>
#include <set>

namespace hoist {

std::vector<RolloutEdge> rollout_unit_edges(const RolloutUnits& units) {
  std::set<std::pair<std::string, std::string>> edges;
  for (const auto& [name, unit] : units)
    for (const auto& [property, others] : unit.dependencies)
      for (const auto& other : others) {
        auto it = units.find(other);
        if (it == units.end() || it->second.app == unit.app) continue;
        if (property == "Before")
          edges.emplace(it->second.app, unit.app);
        else
          edges.emplace(unit.app, it->second.app);
      }
  std::vector<RolloutEdge> out;
  for (const auto& [app, dep] : edges) out.push_back({app, dep});
  return out;
}

void read_rollout_units(Pid1& pid1, const std::vector<const AppConfig*>& apps, RolloutUnitsFn fn) {
  struct Reading {
    RolloutUnits units;
    size_t waiting = 0;
    std::string error;
    RolloutUnitsFn fn;
  };
  auto reading = std::make_shared<Reading>();
  reading->fn = std::move(fn);
  for (const AppConfig* app : apps)
    for (const auto& unit : app->units) reading->units[unit].app = app->name;
  reading->waiting = reading->units.size();
  if (reading->waiting == 0) return reading->fn(std::move(reading->units), {});
  std::vector<std::string> names;
  for (const auto& entry : reading->units) names.push_back(entry.first);
  for (const auto& name : names) {
    pid1.get_all(name, "org.freedesktop.systemd1.Unit",
                 [reading, name](sd_bus_message* reply, const sd_bus_error* e) {
                   RolloutUnit& unit = reading->units[name];
                   unit.status.name = name;
                   if (e || !reply || read_unit_properties(reply, unit.status, unit.dependencies) < 0) {
                     if (e && e->name && std::string(e->name) == kSystemdNoSuchUnit)
                       unit.status.load_state = "not-found";
                     else if (reading->error.empty())
                       reading->error = "cannot read " + name + " from PID 1" +
                                        (e && e->message ? std::string(": ") + e->message : "");
                   }
                   if (--reading->waiting > 0) return;
                   if (!reading->error.empty()) return reading->fn(std::nullopt, reading->error);
                   reading->fn(std::move(reading->units), {});
                 });
  }
}

}  // namespace hoist
