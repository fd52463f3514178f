// The rollouts hoistd runs, one at a time: checks a request (the apps
// exist, none is being deployed, no dependency cycle, reading the units'
// dependencies from PID 1), runs it (rollout_runner.hh), saves its record
// (rollout_store.hh: at the start, once per main-loop turn while it
// changes, and at the end) and tells the listener.
#pragma once

#include <glib.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/errors.hh"
#include "core/app_registry.hh"
#include "core/in_flight.hh"
#include "core/rollout_runner.hh"
#include "core/rollout_store.hh"

namespace hoist {

class RolloutManager {
 public:
  // Told after the record is saved; all optional.
  struct Listener {
    std::function<void(const RolloutRecord&)> started;  // passed its pre-check
    std::function<void(const RolloutRecord&, const RolloutAppRecord&)> app_changed;
    std::function<void(const RolloutRecord&)> finished;
  };

  RolloutManager(RolloutStore store, const AppRegistry& apps, RolloutDeps deps, InFlight& in_flight);
  ~RolloutManager();
  RolloutManager(const RolloutManager&) = delete;
  RolloutManager& operator=(const RolloutManager&) = delete;

  void set_listener(Listener listener) { listener_ = std::move(listener); }

  using StartFn = std::function<void(std::optional<RolloutRecord> record, const ApiError& error)>;
  // Checks the request and starts the rollout; fn gets its record (running)
  // or why not: InvalidArgument (no apps, apps and all, a cycle), NoSuchApp,
  // Busy (a rollout runs, an app is being deployed), Failed (PID 1).
  void start(const std::vector<std::string>& apps, const RolloutOptions& options, StartFn fn);

  using PlanFn = std::function<void(std::optional<std::string> plan_json, const ApiError& error)>;
  // What start() would do (rollout_plan.hh), with the same checks but Busy.
  void plan(const std::vector<std::string>& apps, const RolloutOptions& options, PlanFn fn);

  // A rollout's record (NoSuchRollout if unknown).
  std::optional<RolloutRecord> get(const std::string& id, ApiError& error) const;
  // Cancels the running rollout id (NoSuchRollout if it is not the one running).
  bool cancel(const std::string& id, ApiError& error);

  bool running() const noexcept { return runner_ != nullptr; }

 private:
  struct Prepared {
    RolloutGraph graph;
    std::map<std::string, AppConfig> configs;  // the selected apps
    RolloutUnits units;
  };
  using PreparedFn = std::function<void(std::optional<Prepared> prepared, const ApiError& error)>;
  void prepare(const std::vector<std::string>& apps, const RolloutOptions& options, PreparedFn fn);
  void save(const RolloutRecord& record);
  // Saves the newest unsaved record now.
  void flush();
  void on_changed(const RolloutRecord& record, const RolloutAppRecord* app);
  void on_finished(const RolloutRecord& record);

  RolloutStore store_;
  const AppRegistry& apps_;
  RolloutDeps deps_;
  InFlight& in_flight_;
  Listener listener_;
  std::shared_ptr<RolloutRunner> runner_;
  bool starting_ = false;  // between start() and the runner
  std::optional<RolloutRecord> unsaved_;
  guint save_source_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace hoist
