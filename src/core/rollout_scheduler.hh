// When each app of a rollout restarts: an app starts as soon as every app it
// waits for has finished healthy (not when a whole wave is done), with at
// most max_parallel apps in flight. Pure state machine: the rollout runner
// starts what start() and finished() return and reports back each result.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/rollout_graph.hh"

namespace hoist {

enum class RolloutAppState {
  Waiting,    // not started yet
  Running,    // handed to the runner, no result yet
  Succeeded,  // finished healthy
  Failed,     // finished unhealthy (the runner rolls it back)
  Skipped,    // never started: an app failed or the rollout was cancelled
};

// "waiting", "running", "succeeded", "failed", "skipped".
std::string_view rollout_app_state_name(RolloutAppState state);

class RolloutScheduler {
 public:
  // graph must have no refusal(): with one, start() starts nothing, skips
  // every app and cancels the rollout. max_parallel 0: no limit.
  RolloutScheduler(RolloutGraph graph, unsigned max_parallel);

  // The apps to start now (those that wait for no app, up to max_parallel),
  // by name. Only the first call starts anything.
  std::vector<std::string> start();
  // Records the result of a running app and returns the apps to start now:
  // those whose last dependency just succeeded and those waiting for a free
  // slot, by name, up to max_parallel in flight. After a failure or cancel()
  // nothing new starts and the waiting apps are skipped. An app that is not
  // running is ignored.
  std::vector<std::string> finished(const std::string& app, bool healthy);
  // Starts nothing new: waiting apps are skipped, running ones still finish.
  void cancel();

  // The selected apps that wait for app directly or through others, in the
  // order to restart them after app failed (each after what it waits for):
  // systemd stops the units that Require=/BindsTo= a unit that failed, so the
  // runner restarts these once app is rolled back, so that nothing is left
  // stopped.
  std::vector<std::string> dependents_to_restart(const std::string& app) const;

  // No app is running and none will start.
  bool done() const noexcept;
  // done() with every app succeeded.
  bool succeeded() const noexcept { return done() && failed_.empty() && !cancelled_; }
  bool cancelled() const noexcept { return cancelled_; }
  // The first app that failed; empty while none has.
  std::string failed_app() const { return failed_.empty() ? std::string{} : failed_.front(); }
  // Every app that failed, in the order they were reported.
  const std::vector<std::string>& failed_apps() const noexcept { return failed_; }

  RolloutAppState state(const std::string& app) const;  // Skipped for an unknown app
  // Every app's state, by name.
  const std::map<std::string, RolloutAppState>& states() const noexcept { return states_; }
  // The running apps, by name.
  std::vector<std::string> running() const;
  unsigned max_parallel() const noexcept { return max_parallel_; }
  const RolloutGraph& graph() const noexcept { return graph_; }

 private:
  bool stopping() const noexcept { return cancelled_ || !failed_.empty(); }
  void skip_waiting();
  // Moves ready apps to Running while a slot is free; returns them by name.
  std::vector<std::string> launch();

  RolloutGraph graph_;
  unsigned max_parallel_;
  bool started_ = false;
  bool cancelled_ = false;
  std::map<std::string, RolloutAppState> states_;
  std::map<std::string, std::size_t> unmet_;  // waiting app → dependencies not yet succeeded
  unsigned in_flight_ = 0;
  std::vector<std::string> failed_;
};

}  // namespace hoist
