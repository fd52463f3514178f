#include "core/rollout_graph.hh"

#include <algorithm>
#include <deque>
#include <set>
#include <utility>

#include "core/app_graph.hh"
#include "core/config_values.hh"

namespace hoist {

RolloutGraph::RolloutGraph(const std::vector<std::string>& selected,
                           const std::map<std::string, AppConfig>& configs,
                           const std::vector<RolloutEdge>& unit_edges) {
  const std::set<std::string> unique(selected.begin(), selected.end());
  apps_.assign(unique.begin(), unique.end());
  for (std::size_t i = 0; i < apps_.size(); i++) index_[apps_[i]] = i;
  dependencies_.resize(apps_.size());
  dependents_.resize(apps_.size());
  for (const auto& app : apps_) {
    auto config = configs.find(app);
    if (config == configs.end()) {
      unknown_.push_back(app);
      continue;
    }
    for (const auto& dep : app_dependencies(config->second)) add_edge(app, dep);
  }
  for (const auto& edge : unit_edges) add_edge(edge.app, edge.depends_on);
  find_cycle();
}

void RolloutGraph::add_edge(const std::string& app, const std::string& depends_on) {
  auto from = index_.find(app);
  auto to = index_.find(depends_on);
  if (from == index_.end() || to == index_.end()) return;  // outside the selection
  auto insert_sorted = [](std::vector<std::size_t>& list, std::size_t value) {
    auto at = std::lower_bound(list.begin(), list.end(), value);
    if (at == list.end() || *at != value) list.insert(at, value);
  };
  insert_sorted(dependencies_[from->second], to->second);
  insert_sorted(dependents_[to->second], from->second);
}

std::vector<std::string> RolloutGraph::names(const std::vector<std::size_t>& indices) const {
  std::vector<std::string> out;
  out.reserve(indices.size());
  for (auto i : indices) out.push_back(apps_[i]);
  return out;
}

std::vector<std::string> RolloutGraph::dependencies(const std::string& app) const {
  auto it = index_.find(app);
  return it == index_.end() ? std::vector<std::string>{} : names(dependencies_[it->second]);
}

std::vector<std::string> RolloutGraph::dependents(const std::string& app) const {
  auto it = index_.find(app);
  return it == index_.end() ? std::vector<std::string>{} : names(dependents_[it->second]);
}

std::vector<std::string> RolloutGraph::transitive_dependents(const std::string& app) const {
  auto it = index_.find(app);
  if (it == index_.end()) return {};
  std::vector<bool> reached(apps_.size(), false);
  std::deque<std::size_t> queue{it->second};
  while (!queue.empty()) {
    const std::size_t at = queue.front();
    queue.pop_front();
    for (auto d : dependents_[at])
      if (!reached[d]) {
        reached[d] = true;
        queue.push_back(d);
      }
  }
  reached[it->second] = false;  // on a cycle, app reaches itself
  std::vector<std::size_t> out;
  for (auto i : topological_order())
    if (reached[i]) {
      out.push_back(i);
      reached[i] = false;
    }
  for (std::size_t i = 0; i < apps_.size(); i++)  // on or behind a cycle: last, by name
    if (reached[i]) out.push_back(i);
  return names(out);
}

// Breadth-first along dependencies until start is reached again: the first
// arrival closes a shortest cycle through start.
std::vector<std::size_t> RolloutGraph::shortest_cycle_from(std::size_t start) const {
  constexpr auto kUnreached = static_cast<std::size_t>(-1);
  std::vector<std::size_t> reached_from(apps_.size(), kUnreached);
  std::deque<std::size_t> queue{start};
  while (!queue.empty() && reached_from[start] == kUnreached) {
    const std::size_t at = queue.front();
    queue.pop_front();
    for (auto dep : dependencies_[at]) {
      if (reached_from[dep] != kUnreached) continue;
      reached_from[dep] = at;
      queue.push_back(dep);
    }
  }
  if (reached_from[start] == kUnreached) return {};
  std::vector<std::size_t> cycle{start};
  for (std::size_t at = reached_from[start]; at != start; at = reached_from[at]) cycle.push_back(at);
  cycle.push_back(start);
  std::reverse(cycle.begin(), cycle.end());
  return cycle;
}

void RolloutGraph::find_cycle() {
  std::vector<std::size_t> shortest;
  // Only apps Kahn's algorithm cannot order can lie on a cycle.
  const auto ordered = depths();
  for (std::size_t i = 0; i < apps_.size(); i++) {
    if (ordered.count(i)) continue;
    auto cycle = shortest_cycle_from(i);
    if (!cycle.empty() && (shortest.empty() || cycle.size() < shortest.size()))
      shortest = std::move(cycle);
  }
  cycle_ = names(shortest);
}

std::string describe_cycle(const std::vector<std::string>& cycle) {
  std::string out;
  for (const auto& app : cycle) out += (out.empty() ? "" : " → ") + app;
  return out;
}

std::string RolloutGraph::refusal() const {
  if (!unknown_.empty()) return "no app named " + quote_value(unknown_.front());
  if (!cycle_.empty()) return "dependency cycle: " + describe_cycle(cycle_);
  return {};
}

std::map<std::size_t, std::size_t> RolloutGraph::depths() const {
  std::vector<std::size_t> waiting_for(apps_.size());
  std::deque<std::size_t> ready;
  std::map<std::size_t, std::size_t> depth;
  for (std::size_t i = 0; i < apps_.size(); i++) {
    waiting_for[i] = dependencies_[i].size();
    if (waiting_for[i] == 0) {
      ready.push_back(i);
      depth[i] = 0;
    }
  }
  while (!ready.empty()) {
    const std::size_t at = ready.front();
    ready.pop_front();
    for (auto d : dependents_[at]) {
      if (--waiting_for[d] != 0) continue;
      std::size_t deepest = 0;
      for (auto dep : dependencies_[d]) deepest = std::max(deepest, depth.at(dep) + 1);
      depth[d] = deepest;
      ready.push_back(d);
    }
  }
  return depth;
}

std::vector<std::size_t> RolloutGraph::topological_order() const {
  std::vector<std::pair<std::size_t, std::size_t>> by_depth;  // (depth, index)
  for (const auto& entry : depths()) by_depth.emplace_back(entry.second, entry.first);
  std::sort(by_depth.begin(), by_depth.end());
  std::vector<std::size_t> order;
  order.reserve(by_depth.size());
  for (const auto& entry : by_depth) order.push_back(entry.second);
  return order;
}

std::vector<std::vector<std::string>> RolloutGraph::waves() const {
  std::vector<std::vector<std::string>> out;
  for (const auto& entry : depths()) {  // by index, which is by name
    if (out.size() <= entry.second) out.resize(entry.second + 1);
    out[entry.second].push_back(apps_[entry.first]);
  }
  return out;
}

CriticalPath RolloutGraph::critical_path(const std::map<std::string, uint64_t>& durations) const {
  auto duration = [&](std::size_t i) {
    auto it = durations.find(apps_[i]);
    return it == durations.end() ? uint64_t{0} : it->second;
  };
  constexpr auto kNone = static_cast<std::size_t>(-1);
  std::vector<uint64_t> finish(apps_.size(), 0);   // the longest chain ending with the app
  std::vector<std::size_t> before(apps_.size(), kNone);  // the app before it on that chain
  std::size_t last = kNone;
  for (auto i : topological_order()) {
    uint64_t start = 0;
    for (auto dep : dependencies_[i])
      if (before[i] == kNone || finish[dep] > start) {
        start = finish[dep];
        before[i] = dep;
      }
    finish[i] = start + duration(i);
    if (last == kNone || finish[i] > finish[last]) last = i;
  }
  CriticalPath path;
  if (last == kNone) return path;
  path.length = finish[last];
  for (std::size_t at = last; at != kNone; at = before[at]) path.chain.push_back(apps_[at]);
  std::reverse(path.chain.begin(), path.chain.end());
  return path;
}

uint64_t RolloutGraph::sequential_time(const std::map<std::string, uint64_t>& durations) const {
  uint64_t sum = 0;
  for (const auto& app : apps_) {
    auto it = durations.find(app);
    if (it != durations.end()) sum += it->second;
  }
  return sum;
}

}  // namespace hoist
