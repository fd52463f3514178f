#include "core/rollout_scheduler.hh"

#include <utility>

namespace hoist {

std::string_view rollout_app_state_name(RolloutAppState state) {
  switch (state) {
    case RolloutAppState::Waiting:
      return "waiting";
    case RolloutAppState::Running:
      return "running";
    case RolloutAppState::Succeeded:
      return "succeeded";
    case RolloutAppState::Failed:
      return "failed";
    case RolloutAppState::Skipped:
      return "skipped";
  }
  return "unknown";
}

RolloutScheduler::RolloutScheduler(RolloutGraph graph, unsigned max_parallel)
    : graph_(std::move(graph)), max_parallel_(max_parallel) {
  for (const auto& app : graph_.apps()) {
    states_[app] = RolloutAppState::Waiting;
    unmet_[app] = graph_.dependencies(app).size();
  }
}

std::vector<std::string> RolloutScheduler::start() {
  if (started_) return {};
  started_ = true;
  if (!graph_.refusal().empty()) cancel();
  return launch();
}

std::vector<std::string> RolloutScheduler::finished(const std::string& app, bool healthy) {
  auto it = states_.find(app);
  if (it == states_.end() || it->second != RolloutAppState::Running) return {};
  in_flight_--;
  if (!healthy) {
    it->second = RolloutAppState::Failed;
    failed_.push_back(app);
    skip_waiting();
    return {};
  }
  it->second = RolloutAppState::Succeeded;
  for (const auto& dependent : graph_.dependents(app)) {
    auto unmet = unmet_.find(dependent);
    if (unmet != unmet_.end() && unmet->second > 0) unmet->second--;
  }
  return launch();
}

void RolloutScheduler::cancel() {
  cancelled_ = true;
  skip_waiting();
}

void RolloutScheduler::skip_waiting() {
  for (auto& entry : states_)
    if (entry.second == RolloutAppState::Waiting) entry.second = RolloutAppState::Skipped;
  unmet_.clear();
}

std::vector<std::string> RolloutScheduler::launch() {
  std::vector<std::string> out;
  if (stopping()) return out;
  for (auto it = unmet_.begin(); it != unmet_.end();) {  // by name
    if (max_parallel_ != 0 && in_flight_ >= max_parallel_) break;
    if (it->second != 0) {
      ++it;
      continue;
    }
    states_[it->first] = RolloutAppState::Running;
    in_flight_++;
    out.push_back(it->first);
    it = unmet_.erase(it);
  }
  return out;
}

std::vector<std::string> RolloutScheduler::dependents_to_restart(const std::string& app) const {
  return graph_.transitive_dependents(app);
}

bool RolloutScheduler::done() const noexcept {
  return (started_ || cancelled_) && in_flight_ == 0 && unmet_.empty();
}

RolloutAppState RolloutScheduler::state(const std::string& app) const {
  auto it = states_.find(app);
  return it == states_.end() ? RolloutAppState::Skipped : it->second;
}

std::vector<std::string> RolloutScheduler::running() const {
  std::vector<std::string> out;
  for (const auto& entry : states_)
    if (entry.second == RolloutAppState::Running) out.push_back(entry.first);
  return out;
}

}  // namespace hoist
