// The dependency graph of a rollout: which of the selected apps wait for
// which, from the apps' After=/Requires= and from the dependencies PID 1
// reports between their units. Pure: the rollout runner reads the units and
// passes the edges in. An edge "app → dep" means app is restarted only once
// dep is healthy again.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/app_config.hh"

namespace hoist {

// One unit-level dependency between two apps: a unit of app has After=,
// Requires=, BindsTo=, Wants= or PartOf= on a unit of depends_on (a unit's
// Before= is the same edge the other way round).
struct RolloutEdge {
  std::string app;
  std::string depends_on;

  bool operator==(const RolloutEdge&) const = default;
};

// The longest chain of a graph weighted by each app's duration.
struct CriticalPath {
  uint64_t length = 0;              // the sum of the durations along chain
  std::vector<std::string> chain;   // from the first app restarted to the last

  bool operator==(const CriticalPath&) const = default;
};

class RolloutGraph {
 public:
  RolloutGraph() = default;
  // selected: the apps of the rollout (duplicates count once). configs: every
  // app's configuration (After=/Requires= through app_dependencies()); a
  // selected app without one is reported by unknown_apps(). unit_edges: the
  // edges read from PID 1. Only edges between two selected apps count: an app
  // outside the selection is taken as healthy. An edge from an app to itself
  // is a cycle, so the runner must leave out edges between units of one app
  // (api.service After=api.socket).
  RolloutGraph(const std::vector<std::string>& selected,
               const std::map<std::string, AppConfig>& configs,
               const std::vector<RolloutEdge>& unit_edges);

  // The selected apps, by name.
  const std::vector<std::string>& apps() const noexcept { return apps_; }
  bool contains(const std::string& app) const { return index_.count(app) > 0; }
  // The selected apps app waits for, by name (none for an app not selected).
  std::vector<std::string> dependencies(const std::string& app) const;
  // The selected apps that wait for app, by name.
  std::vector<std::string> dependents(const std::string& app) const;
  // Every selected app that waits for app directly or through others, in an
  // order that restarts each after what it waits for (wave, then name).
  std::vector<std::string> transitive_dependents(const std::string& app) const;

  // Selected apps that have no configuration, by name.
  const std::vector<std::string>& unknown_apps() const noexcept { return unknown_; }
  // A shortest dependency cycle, as the apps along it back to the first
  // ({"a", "b", "c", "a"}: a waits for b, b for c, c for a), starting at the
  // first name among the apps on shortest cycles; empty when there is none.
  const std::vector<std::string>& cycle() const noexcept { return cycle_; }
  // Why the rollout must be refused: "no app named \"x\"" or
  // "dependency cycle: a → b → c → a"; empty when it may run.
  std::string refusal() const;

  // The apps by depth: wave 0 waits for no app, wave n for some app of wave
  // n-1 (the longest chain from a root), by name inside a wave. With a cycle,
  // the apps on or behind it are left out.
  std::vector<std::vector<std::string>> waves() const;
  // The longest chain weighted by durations (microseconds or any unit; an app
  // missing from durations counts 0): what a rollout with unlimited
  // parallelism cannot beat. With a cycle, only the apps waves() shows count.
  CriticalPath critical_path(const std::map<std::string, uint64_t>& durations) const;
  // The sum of every selected app's duration: a rollout one app at a time.
  uint64_t sequential_time(const std::map<std::string, uint64_t>& durations) const;

 private:
  using Adjacency = std::vector<std::vector<std::size_t>>;  // by app index, sorted

  void add_edge(const std::string& app, const std::string& depends_on);
  std::vector<std::string> names(const std::vector<std::size_t>& indices) const;
  std::vector<std::size_t> shortest_cycle_from(std::size_t start) const;
  void find_cycle();
  // The depth of each app on no cycle nor behind one (others: absent).
  std::map<std::size_t, std::size_t> depths() const;
  // Those apps by depth, then name: an order in which each follows what it waits for.
  std::vector<std::size_t> topological_order() const;

  std::vector<std::string> apps_;              // index → name, by name
  std::map<std::string, std::size_t> index_;  // name → index
  Adjacency dependencies_;
  Adjacency dependents_;
  std::vector<std::string> unknown_;
  std::vector<std::string> cycle_;
};

// "a → b → c → a".
std::string describe_cycle(const std::vector<std::string>& cycle);

}  // namespace hoist
