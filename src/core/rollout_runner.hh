// One rollout as it runs: the pre-check of every app, then each app as the
// scheduler (rollout_scheduler.hh) lets it start: back up its unit files,
// deploy it (with --deploy, through the DeployManager) or restart its
// services per Mode= (leaving out the ones PID 1 already restarted itself
// in this rollout), health gate; a failure rolls the app back, starts the
// apps waiting for it again if systemd stopped them, and ends the rollout
// once the apps in flight are done.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/app_config.hh"
#include "core/deploy_manager.hh"
#include "core/events.hh"
#include "core/health_gate.hh"
#include "core/in_flight.hh"
#include "core/rollout_record.hh"
#include "core/rollout_scheduler.hh"
#include "core/rollout_units.hh"
#include "core/unit_file_backup.hh"
#include "systemd/pid1.hh"

namespace hoist {

struct RolloutDeps {
  Pid1& pid1;
  HealthGate& gate;
  EventLog& events;
  DeployManager& deploys;
};

// The record and its apps as the graph orders them, every app waiting.
RolloutRecord new_rollout_record(const std::string& id, const RolloutGraph& graph,
                                 const RolloutOptions& options);

class RolloutRunner : public std::enable_shared_from_this<RolloutRunner> {
 public:
  struct Callbacks {
    // After every change; app is the app that changed (nullptr: the rollout).
    std::function<void(const RolloutRecord&, const RolloutAppRecord* app)> changed;
    // Once the pre-check passed, before the first apps start.
    std::function<void(const RolloutRecord&)> started;
    // Once, at the end (after a last changed()).
    std::function<void(const RolloutRecord&)> finished;
  };

  // configs: the selected apps' configurations; units: what PID 1 said
  // about their units before the rollout (rollout_units.hh).
  static std::shared_ptr<RolloutRunner> create(RolloutDeps deps, RolloutRecord record,
                                               RolloutGraph graph,
                                               std::map<std::string, AppConfig> configs,
                                               RolloutUnits units, InFlight::Token token,
                                               Callbacks callbacks);
  void start();
  // Starts no new app; the ones in flight finish.
  void cancel();

  const RolloutRecord& record() const noexcept { return record_; }

 private:
  RolloutRunner(RolloutDeps deps, RolloutRecord record, RolloutGraph graph,
                std::map<std::string, AppConfig> configs, RolloutUnits units,
                InFlight::Token token, Callbacks callbacks);

  void precheck_done();
  void launch(const std::vector<std::string>& apps);
  void run_app(const std::string& app);
  void deploy_app(const std::string& app);
  void restart_app(const std::string& app);
  void gate_app(const std::string& app);
  void app_succeeded(const std::string& app);
  void app_failed(const std::string& app, const std::string& step, const std::string& error);
  void rollback_app(const std::string& app);
  void start_dependents(const std::string& app, std::function<void()> then);
  void start_units(std::shared_ptr<std::vector<std::string>> units, size_t index,
                   std::function<void()> then);
  void finish_if_done();

  void precheck_next();
  // PID 1's status of each unit it knows, by name.
  void unit_statuses(const std::vector<std::string>& units,
                     std::function<void(std::map<std::string, UnitStatus>)> fn);
  // When the last app app waits for finished healthy (0: it waits for none).
  uint64_t dependencies_done_usec(const std::string& app);
  void set_step(const std::string& app, const std::string& step);
  // Copies the scheduler's states into the record; tells every app that changed.
  void sync_states();
  void emit(EventKind kind, const std::string& app, const std::string& result,
            const std::string& detail, uint64_t duration_usec = 0);
  void tell(const RolloutAppRecord* app);

  RolloutDeps deps_;
  RolloutRecord record_;
  RolloutScheduler scheduler_;
  std::map<std::string, AppConfig> configs_;
  RolloutUnits units_;
  InFlight::Token token_;
  Callbacks callbacks_;
  std::map<std::string, UnitFileBackup> backups_;
  std::map<std::string, std::string> precheck_problems_;  // unhealthy app → why
  static constexpr size_t kPrecheckParallel = 8;
  size_t prechecks_started_ = 0;
  size_t prechecks_waiting_ = 0;
  size_t rollbacks_running_ = 0;
  bool finished_ = false;
};

}  // namespace hoist
