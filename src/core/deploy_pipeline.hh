// One deploy of one app: fetch (git, as a transient unit) → build steps →
// migrate → atomic switch of `current` → the release's unit files (if it
// has templates) → restart the app's services → health
// gate and stabilize → prune; a failure after the switch rolls back (switch
// back, restart, gate again). A rollback (DeployKind::Rollback) starts at the
// switch, to record.release. Every transition is an event and a progress
// callback (where the caller saves the record).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/app_config.hh"
#include "core/deploy_record.hh"
#include "core/events.hh"
#include "core/health_gate.hh"
#include "core/unit_apply.hh"
#include "systemd/pid1.hh"
#include "systemd/step_runner.hh"

namespace hoist {

struct PipelineDeps {
  StepRunner& steps;
  Pid1& pid1;
  HealthGate& gate;
  EventLog& events;
  // Where the apps' unit files go (null: templates are not applied).
  const UnitPaths* units = nullptr;
};

// The gate an app's units and [Health] settings describe (services and
// sockets alike must be active).
GateSpec gate_for(const AppConfig& app);

// The app's units a deploy restarts: its services, never its sockets (the
// socket PID 1 holds is what makes the restart lose no connection).
std::vector<std::string> units_to_restart(const AppConfig& app);

class DeployPipeline : public std::enable_shared_from_this<DeployPipeline> {
 public:
  using RecordFn = std::function<void(const DeployRecord&)>;

  // progress: after every transition; done: once, with the final record.
  static std::shared_ptr<DeployPipeline> create(PipelineDeps deps, AppConfig app,
                                                DeployRecord record, RecordFn progress,
                                                RecordFn done);
  void start();

 private:
  DeployPipeline(PipelineDeps deps, AppConfig app, DeployRecord record, RecordFn progress,
                 RecordFn done);

  using Next = std::function<void()>;
  void start_rollback();
  void precheck();
  void fetch();
  void resolve();
  void build(size_t index);
  void migrate();
  void switch_release();
  // The release's unit templates, when the app has some: installed and
  // reloaded before the restart (then continues with next), put back by a
  // rollback.
  void apply_units(std::function<void()> next);
  // Restarts the app's services (per Mode=); keeps the pipeline alive meanwhile.
  void restart(std::function<void(bool ok, std::string error)> then);
  void gate();
  void succeed();
  void rollback(std::string why);
  // The rest of a rollback: restart on the previous release, gate it.
  void restart_previous(const std::string& why, const std::string& failed_step);
  void fail(DeployState state, std::string step, std::string error);

  // Runs argv as step `name` in the release (or dir) as the app's user.
  void run_step(const std::string& name, const std::vector<std::string>& argv,
                const std::string& dir, std::function<void(const StepOutcome&)> then);
  StepSpec step_spec(const std::string& name, const std::vector<std::string>& argv,
                     const std::string& dir) const;
  void emit(EventKind kind, const std::string& step = "", const std::string& result = "",
            const std::string& detail = "");
  void set_step(const std::string& step);
  // Records the end of a step hoistd does itself (precheck, switch, restart, health).
  void finish_own_step(bool ok, const std::string& detail);
  void finish_own_step(const std::string& name, bool ok, const std::string& detail);
  std::string incoming_dir() const;  // in releases/: the clone before it is named
  bool remove_incoming(std::string& error) const;

  PipelineDeps deps_;
  AppConfig app_;
  DeployRecord record_;
  RecordFn progress_, done_;
  std::string releases_dir_;
  uint64_t step_started_usec_ = 0;
  std::shared_ptr<UnitApplier> units_;  // the release's unit files, once applied
};

}  // namespace hoist
