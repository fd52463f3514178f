#include "core/rollout_runner.hh"

#include <algorithm>
#include <set>

#include "common/log.hh"
#include "core/deploy_pipeline.hh"
#include "core/unit_jobs.hh"
#include "core/utc_time.hh"

namespace hoist {
namespace {

bool is_up(const UnitStatus& s) {
  return s.active_state == "active" || s.active_state == "activating" ||
         s.active_state == "reloading";
}

}  // namespace

RolloutRecord new_rollout_record(const std::string& id, const RolloutGraph& graph,
                                 const RolloutOptions& options) {
  RolloutRecord r;
  r.id = id;
  r.options = options;
  r.waves = graph.waves();
  for (size_t wave = 0; wave < r.waves.size(); wave++)
    for (const auto& app : r.waves[wave]) {
      RolloutAppRecord a;
      a.app = app;
      a.wave = wave;
      a.depends_on = graph.dependencies(app);
      r.apps.push_back(std::move(a));
    }
  return r;
}

std::shared_ptr<RolloutRunner> RolloutRunner::create(RolloutDeps deps, RolloutRecord record,
                                                     RolloutGraph graph,
                                                     std::map<std::string, AppConfig> configs,
                                                     RolloutUnits units, InFlight::Token token,
                                                     Callbacks callbacks) {
  return std::shared_ptr<RolloutRunner>(
      new RolloutRunner(deps, std::move(record), std::move(graph), std::move(configs),
                        std::move(units), std::move(token), std::move(callbacks)));
}

RolloutRunner::RolloutRunner(RolloutDeps deps, RolloutRecord record, RolloutGraph graph,
                             std::map<std::string, AppConfig> configs, RolloutUnits units,
                             InFlight::Token token, Callbacks callbacks)
    : deps_(deps),
      record_(std::move(record)),
      scheduler_(std::move(graph), record_.options.max_parallel),
      configs_(std::move(configs)),
      units_(std::move(units)),
      token_(std::move(token)),
      callbacks_(std::move(callbacks)) {}

void RolloutRunner::tell(const RolloutAppRecord* app) {
  if (callbacks_.changed) callbacks_.changed(record_, app);
}

void RolloutRunner::emit(EventKind kind, const std::string& app, const std::string& result,
                         const std::string& detail, uint64_t duration_usec) {
  Event e;
  e.kind = kind;
  e.app = app;
  e.result = result;
  e.detail = detail;
  if (duration_usec) e.duration_usec = duration_usec;
  if (const RolloutAppRecord* a = record_.find(app)) {
    e.step = a->step;
    e.deploy_id = a->deploy_id;
  }
  e.extra.push_back({"rollout_id", record_.id});
  deps_.events.emit(e);
}

void RolloutRunner::set_step(const std::string& app, const std::string& step) {
  RolloutAppRecord* a = record_.find(app);
  if (!a || a->step == step) return;
  a->step = step;
  tell(a);
}

void RolloutRunner::sync_states() {
  for (auto& a : record_.apps) {
    RolloutAppState s = scheduler_.state(a.app);
    if (s == a.state) continue;
    a.state = s;
    tell(&a);
  }
}

void RolloutRunner::start() {
  record_.started_usec = realtime_now_usec();
  for (auto& a : record_.apps) a.step = "precheck";
  tell(nullptr);
  prechecks_waiting_ = record_.apps.size();
  if (prechecks_waiting_ == 0) return precheck_done();
  for (size_t i = 0; i < kPrecheckParallel; i++) precheck_next();
}

// A few apps at a time: each check asks PID 1 about every unit of its app,
// and the bus limits the replies one connection may wait for.
void RolloutRunner::precheck_next() {
  if (prechecks_started_ >= record_.apps.size()) return;
  const std::string app = record_.apps[prechecks_started_++].app;
  deps_.gate.check_now(gate_for(configs_.at(app)), [self = shared_from_this(), app](const GateResult& r) {
    if (!r.healthy) self->precheck_problems_[app] = r.reason;
    if (--self->prechecks_waiting_ == 0) return self->precheck_done();
    self->precheck_next();
  });
}

void RolloutRunner::precheck_done() {
  for (auto& a : record_.apps) a.step.clear();
  if (!precheck_problems_.empty()) {
    std::string list;
    for (const auto& [app, why] : precheck_problems_)
      list += (list.empty() ? "" : "; ") + app + ": " + why;
    if (!record_.options.force) {
      record_.failed_app = precheck_problems_.begin()->first;
      record_.failed_step = "precheck";
      record_.error = "unhealthy before the rollout, nothing was restarted (--force goes on anyway): " + list;
      if (RolloutAppRecord* a = record_.find(record_.failed_app)) {
        a->step = "precheck";
        a->error = precheck_problems_.begin()->second;
      }
      scheduler_.cancel();
      sync_states();
      return finish_if_done();
    }
    log::warning("Rollout " + record_.id + " goes on (--force) although apps are unhealthy: " + list);
  }
  if (scheduler_.cancelled()) {
    sync_states();
    return finish_if_done();
  }
  emit(EventKind::RolloutStarted, "", "",
       std::to_string(record_.apps.size()) + " apps in " + std::to_string(record_.waves.size()) +
           " waves");
  if (callbacks_.started) callbacks_.started(record_);
  launch(scheduler_.start());
  finish_if_done();
}

void RolloutRunner::launch(const std::vector<std::string>& apps) {
  sync_states();
  for (const auto& app : apps) run_app(app);
}

void RolloutRunner::run_app(const std::string& app) {
  RolloutAppRecord* a = record_.find(app);
  const AppConfig& config = configs_.at(app);
  a->started_usec = realtime_now_usec();
  set_step(app, "backup");
  std::vector<std::string> paths, problems;
  for (const auto& unit : config.units) {
    const UnitStatus& s = units_[unit].status;
    if (!s.fragment_path.empty()) paths.push_back(s.fragment_path);
    paths.insert(paths.end(), s.drop_in_paths.begin(), s.drop_in_paths.end());
  }
  backups_[app] = UnitFileBackup::take(paths, problems);
  for (const auto& p : problems) log::warning(app + ": " + p, {{"HOIST_APP", app}});
  emit(EventKind::RestartStarted, app, "", "");
  if (record_.options.deploy && config.has_repository()) return deploy_app(app);
  restart_app(app);
}

void RolloutRunner::deploy_app(const std::string& app) {
  set_step(app, "deploy");
  DeployOptions options;
  options.force = record_.options.force;
  options.skip_migrations = record_.options.skip_migrations;
  ApiError error;
  auto deploy = deps_.deploys.deploy(app, "", options, error);
  if (!deploy) return app_failed(app, "deploy", error.message);
  RolloutAppRecord* a = record_.find(app);
  a->deploy_id = deploy->id;
  tell(a);
  deps_.deploys.when_finished(deploy->id, [self = shared_from_this(), app](const DeployRecord& d) {
    if (d.state == DeployState::Succeeded) return self->app_succeeded(app);
    std::string step = d.step.empty() ? "deploy" : d.step;
    self->app_failed(app, step,
                     "deploy " + d.id + " " + std::string(deploy_state_name(d.state)) +
                         (d.error.empty() ? "" : ": " + d.error));
  });
}

void RolloutRunner::unit_statuses(const std::vector<std::string>& units,
                                  std::function<void(std::map<std::string, UnitStatus>)> fn) {
  struct Asking {
    std::map<std::string, UnitStatus> found;
    size_t waiting = 0;
    std::function<void(std::map<std::string, UnitStatus>)> fn;
  };
  auto asking = std::make_shared<Asking>();
  asking->fn = std::move(fn);
  asking->waiting = units.size();
  if (units.empty()) return asking->fn({});
  for (const auto& unit : units)
    deps_.pid1.unit_status(unit, [asking, unit](const UnitStatus* s, const sd_bus_error*) {
      if (s) asking->found[unit] = *s;
      if (--asking->waiting == 0) asking->fn(std::move(asking->found));
    });
}

uint64_t RolloutRunner::dependencies_done_usec(const std::string& app) {
  uint64_t done = 0;
  for (const auto& dep : record_.find(app)->depends_on)
    if (const RolloutAppRecord* d = record_.find(dep)) done = std::max(done, d->finished_usec);
  return done;
}

// systemd restarts units itself when a unit they Require=, BindsTo= or are
// PartOf= restarts: such a unit (a new InvocationID since the rollout began)
// is waited for with a start job and not restarted again, unless it became
// active before every app it waits for was healthy again, which a restart
// by hoistd would not have allowed.
void RolloutRunner::restart_app(const std::string& app) {
  set_step(app, "restart");
  auto self = shared_from_this();
  const std::vector<std::string> services = units_to_restart(configs_.at(app));
  unit_statuses(services, [self, app, services](std::map<std::string, UnitStatus> now) {
    std::vector<std::string> candidates;
    for (const auto& unit : services) {
      const std::string& before = self->units_[unit].status.invocation_id;
      auto it = now.find(unit);
      if (it != now.end() && !before.empty() && !it->second.invocation_id.empty() &&
          it->second.invocation_id != before && is_up(it->second))
        candidates.push_back(unit);
    }
    run_unit_jobs(self->deps_.pid1, candidates, JobKind::Start,
                  [self, app, services, candidates](bool started, std::string why) {
      if (!started) return self->app_failed(app, "restart", why);
      self->unit_statuses(candidates, [self, app, services](std::map<std::string, UnitStatus> up) {
        const uint64_t ready = self->dependencies_done_usec(app);
        RolloutAppRecord* a = self->record_.find(app);
        a->restarted_by_systemd.clear();
        std::vector<std::string> units;
        for (const auto& unit : services) {
          auto it = up.find(unit);
          if (it != up.end() && it->second.active_enter_timestamp >= ready)
            a->restarted_by_systemd.push_back(unit);
          else
            units.push_back(unit);
        }
        self->tell(a);
        const AppConfig& c = self->configs_.at(app);
        run_unit_jobs(self->deps_.pid1, units, restart_job_kind(c.restart_mode),
                      [self, app](bool ok, std::string error) {
                        if (!ok) return self->app_failed(app, "restart", error);
                        self->gate_app(app);
                      });
      });
    });
  });
}

void RolloutRunner::gate_app(const std::string& app) {
  set_step(app, "health");
  deps_.gate.check(gate_for(configs_.at(app)), [self = shared_from_this(), app](const GateResult& r) {
    if (r.healthy) return self->app_succeeded(app);
    self->app_failed(app, "health", "health gate: " + r.reason);
  });
}

void RolloutRunner::app_succeeded(const std::string& app) {
  RolloutAppRecord* a = record_.find(app);
  a->finished_usec = realtime_now_usec();
  a->step = "done";
  emit(EventKind::RestartSucceeded, app, "succeeded", "", a->finished_usec - a->started_usec);
  launch(scheduler_.finished(app, true));
  finish_if_done();
}

void RolloutRunner::app_failed(const std::string& app, const std::string& step,
                               const std::string& error) {
  RolloutAppRecord* a = record_.find(app);
  a->finished_usec = realtime_now_usec();
  a->step = step;
  a->error = error;
  emit(EventKind::RestartFailed, app, step, error, a->finished_usec - a->started_usec);
  if (record_.failed_app.empty()) {
    record_.failed_app = app;
    record_.failed_step = step;
    record_.error = app + ": " + error;
  }
  scheduler_.finished(app, false);
  sync_states();
  rollbacks_running_++;
  rollback_app(app);
}

// A deploy restored the release itself (its own rollback); the unit files
// are restored here. An app whose files did not change has nothing more to
// restore: its units are started again if they stopped. rolled_back: the
// app passes its checks afterwards.
void RolloutRunner::rollback_app(const std::string& app) {
  const std::string failed_step = record_.find(app)->step;
  set_step(app, "rollback");
  emit(EventKind::RollbackStarted, app, "", "");
  std::vector<std::string> problems;
  std::vector<std::string> restored = backups_[app].restore(problems);
  for (const auto& p : problems) log::error(app + ": " + p, {{"HOIST_APP", app}});
  auto self = shared_from_this();
  auto check = [self, app, failed_step](bool ok, std::string error) {
    if (!ok) log::warning(app + ": " + error, {{"HOIST_APP", app}});
    self->deps_.gate.check_now(
        gate_for(self->configs_.at(app)),
        [self, app, failed_step](const GateResult& r) {
          RolloutAppRecord* a = self->record_.find(app);
          a->rolled_back = r.healthy;
          self->emit(r.healthy ? EventKind::RollbackSucceeded : EventKind::RollbackFailed, app,
                     r.healthy ? "succeeded" : "failed", r.healthy ? "" : r.reason);
          a->step = failed_step;
          self->tell(a);
          self->start_dependents(app, [self] {
            self->rollbacks_running_--;
            self->finish_if_done();
          });
        });
  };
  const AppConfig& config = configs_.at(app);
  if (restored.empty())
    return run_unit_jobs(deps_.pid1, units_to_restart(config), JobKind::Start, check);
  log::notice(app + ": restored " + std::to_string(restored.size()) + " unit files", {{"HOIST_APP", app}});
  deps_.pid1.daemon_reload([self, app, check](const sd_bus_error* e) {
    if (e) return check(false, std::string("daemon-reload failed: ") + (e->message ? e->message : e->name));
    const AppConfig& c = self->configs_.at(app);
    run_unit_jobs(self->deps_.pid1, units_to_restart(c), restart_job_kind(c.restart_mode), check);
  });
}

void RolloutRunner::start_dependents(const std::string& app, std::function<void()> then) {
  std::vector<std::string> units;
  for (const auto& dependent : scheduler_.dependents_to_restart(app))
    for (const auto& u : units_to_restart(configs_.at(dependent))) units.push_back(u);
  start_units(std::make_shared<std::vector<std::string>>(std::move(units)), 0, std::move(then));
}

// One unit at a time, going on after a failure (logged): start what can be started.
void RolloutRunner::start_units(std::shared_ptr<std::vector<std::string>> units, size_t index,
                                std::function<void()> then) {
  if (index >= units->size()) return then();
  auto self = shared_from_this();
  run_unit_jobs(deps_.pid1, {(*units)[index]}, JobKind::Start,
                [self, units, index, then](bool ok, std::string error) {
                  if (!ok) log::warning("Rollout " + self->record_.id + ": " + error);
                  self->start_units(units, index + 1, then);
                });
}

void RolloutRunner::cancel() {
  if (finished_) return;
  scheduler_.cancel();
  sync_states();
  finish_if_done();
}

void RolloutRunner::finish_if_done() {
  if (finished_ || prechecks_waiting_ > 0 || rollbacks_running_ > 0 || !scheduler_.done()) return;
  finished_ = true;
  record_.state = !record_.failed_app.empty() ? RolloutState::Failed
                  : scheduler_.cancelled()   ? RolloutState::Canceled
                                             : RolloutState::Succeeded;
  if (record_.state == RolloutState::Canceled && record_.error.empty())
    record_.error = "canceled: no app was started after the request";
  record_.finished_usec = realtime_now_usec();
  emit(EventKind::RolloutFinished, "", std::string(rollout_state_name(record_.state)), record_.error,
       record_.finished_usec - record_.started_usec);
  tell(nullptr);
  if (callbacks_.finished) callbacks_.finished(record_);
  token_.reset();
}

}  // namespace hoist
