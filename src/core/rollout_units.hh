// What a rollout reads from PID 1 about the units of its apps before it
// starts: each unit's status (its InvocationID, to tell later whether
// systemd restarted it on its own; its unit file and drop-ins, to back them
// up) and its dependencies, which order the apps.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/app_config.hh"
#include "core/rollout_graph.hh"
#include "systemd/pid1.hh"
#include "systemd/unit_properties.hh"

namespace hoist {

struct RolloutUnit {
  std::string app;
  UnitStatus status;
  UnitDependencies dependencies;
};

using RolloutUnits = std::map<std::string, RolloutUnit>;  // by unit name

// The edges between apps that the units' dependencies make: a unit of app
// with After=, Requires=, BindsTo=, Wants= or PartOf= on a unit of another
// app waits for it; Before= is the same the other way round. Edges between
// units of one app, and to units not in units, are left out. Sorted, each once.
std::vector<RolloutEdge> rollout_unit_edges(const RolloutUnits& units);

using RolloutUnitsFn = std::function<void(std::optional<RolloutUnits> units, std::string error)>;

// Reads every unit of apps (Properties.GetAll of org.freedesktop.systemd1.Unit).
// A unit PID 1 cannot load reads as LoadState "not-found"; fn gets an error
// only when PID 1 cannot be asked.
void read_rollout_units(Pid1& pid1, const std::vector<const AppConfig*>& apps, RolloutUnitsFn fn);

}  // namespace hoist
