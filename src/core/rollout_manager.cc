#include "core/rollout_manager.hh"

#include <algorithm>
#include <set>

#include "common/json.hh"
#include "common/log.hh"
#include "core/rollout_plan.hh"
#include "core/utc_time.hh"

namespace hoist {

RolloutManager::RolloutManager(RolloutStore store, const AppRegistry& apps, RolloutDeps deps,
                               InFlight& in_flight)
    : store_(std::move(store)), apps_(apps), deps_(deps), in_flight_(in_flight) {}

RolloutManager::~RolloutManager() {
  *alive_ = false;
  flush();
}

void RolloutManager::prepare(const std::vector<std::string>& names, const RolloutOptions& options,
                             PreparedFn fn) {
  std::vector<std::string> selected = names;
  if (options.all) {
    if (!names.empty())
      return fn(std::nullopt, {errors::kInvalidArgument, "Name apps or ask for all of them, not both"});
    for (const auto& entry : apps_.apps()) selected.push_back(entry.first);
  }
  if (selected.empty())
    return fn(std::nullopt, {errors::kInvalidArgument,
                             options.all ? "No app is configured" : "No apps named (name some, or all of them)"});
  std::sort(selected.begin(), selected.end());
  selected.erase(std::unique(selected.begin(), selected.end()), selected.end());
  Prepared prepared;
  std::vector<const AppConfig*> configs;
  for (const auto& name : selected) {
    auto it = apps_.apps().find(name);
    if (it == apps_.apps().end())
      return fn(std::nullopt, {errors::kNoSuchApp, "No app \"" + name + "\" is configured"});
    prepared.configs[name] = it->second;
    configs.push_back(&it->second);
  }
  auto p = std::make_shared<Prepared>(std::move(prepared));
  std::weak_ptr<bool> alive = alive_;
  read_rollout_units(deps_.pid1, configs,
                     [this, alive, p, selected, fn](std::optional<RolloutUnits> units, std::string error) {
                       if (alive.expired()) return;
                       if (!units)
                         return fn(std::nullopt, {errors::kFailed, "Cannot read the units: " + error});
                       p->units = std::move(*units);
                       p->graph = RolloutGraph(selected, apps_.apps(), rollout_unit_edges(p->units));
                       if (auto why = p->graph.refusal(); !why.empty())
                         return fn(std::nullopt, {errors::kInvalidArgument, "Refusing the rollout: " + why});
                       fn(std::move(*p), {});
                     });
}

void RolloutManager::plan(const std::vector<std::string>& apps, const RolloutOptions& options,
                          PlanFn fn) {
  prepare(apps, options, [options, fn](std::optional<Prepared> p, const ApiError& error) {
    if (!p) return fn(std::nullopt, error);
    fn(json_node_to_string(rollout_plan_json(p->graph, p->configs, options).get()), {});
  });
}

void RolloutManager::start(const std::vector<std::string>& apps, const RolloutOptions& options,
                           StartFn fn) {
  auto busy = [this]() -> std::string {
    if (runner_) return "Rollout " + runner_->record().id + " is running (hoistctl cancel-rollout " +
                        runner_->record().id + " stops it)";
    if (starting_) return "Another rollout is starting";
    return {};
  };
  if (auto why = busy(); !why.empty()) return fn(std::nullopt, {errors::kBusy, why});
  starting_ = true;
  prepare(apps, options, [this, options, fn](std::optional<Prepared> p, const ApiError& error) {
    starting_ = false;
    if (!p) return fn(std::nullopt, error);
    for (const auto& app : p->graph.apps())
      if (deps_.deploys.busy(app))
        return fn(std::nullopt, {errors::kBusy, "A deploy of " + app + " is running or queued"});
    RolloutRecord record = new_rollout_record(store_.new_id(), p->graph, options);
    record.started_usec = realtime_now_usec();
    if (std::string e; !store_.save(record, e))
      return fn(std::nullopt, {errors::kFailed, "Cannot save the rollout: " + e});
    RolloutRunner::Callbacks callbacks;
    callbacks.changed = [this](const RolloutRecord& r, const RolloutAppRecord* a) { on_changed(r, a); };
    callbacks.started = [this](const RolloutRecord& r) {
      unsaved_ = r;
      flush();
      if (listener_.started) listener_.started(r);
    };
    callbacks.finished = [this](const RolloutRecord& r) { on_finished(r); };
    runner_ = RolloutRunner::create(deps_, record, std::move(p->graph), std::move(p->configs),
                                    std::move(p->units), in_flight_.acquire(), std::move(callbacks));
    log::notice("Rollout " + record.id + " of " + std::to_string(record.apps.size()) + " apps started",
                {{"HOIST_ROLLOUT_ID", record.id}});
    fn(record, {});
    auto runner = runner_;  // it may finish at once
    runner->start();
  });
}

void RolloutManager::save(const RolloutRecord& record) {
  if (std::string error; !store_.save(record, error))
    log::error("Cannot save rollout " + record.id + ": " + error, {{"HOIST_ROLLOUT_ID", record.id}});
}

// Changes are saved once per main-loop turn: a rollout of many apps changes
// its record many times a second, and each save is two fsync()s.
void RolloutManager::on_changed(const RolloutRecord& record, const RolloutAppRecord* app) {
  unsaved_ = record;
  if (!save_source_)
    save_source_ = g_idle_add(
        [](gpointer data) -> gboolean {
          auto* self = static_cast<RolloutManager*>(data);
          self->save_source_ = 0;
          self->flush();
          return G_SOURCE_REMOVE;
        },
        this);
  if (app && listener_.app_changed) listener_.app_changed(record, *app);
}

void RolloutManager::flush() {
  if (save_source_) g_source_remove(save_source_);
  save_source_ = 0;
  if (unsaved_) save(*unsaved_);
  unsaved_.reset();
}

void RolloutManager::on_finished(const RolloutRecord& record) {
  unsaved_ = record;
  flush();
  if (listener_.finished) listener_.finished(record);
  // The runner is still on the stack: let it go once it has returned.
  g_idle_add_full(
      G_PRIORITY_DEFAULT,
      [](gpointer p) -> gboolean {
        delete static_cast<std::shared_ptr<RolloutRunner>*>(p);
        return G_SOURCE_REMOVE;
      },
      new std::shared_ptr<RolloutRunner>(std::move(runner_)), nullptr);
  runner_.reset();
}

std::optional<RolloutRecord> RolloutManager::get(const std::string& id, ApiError& error) const {
  if (runner_ && runner_->record().id == id) return runner_->record();
  std::string problem;
  bool missing = false;
  auto record = store_.load(id, problem, &missing);
  if (!record)
    error = {missing ? errors::kNoSuchRollout : errors::kFailed,
             missing ? "No rollout \"" + id + "\"" : "Cannot read rollout " + id + ": " + problem};
  return record;
}

bool RolloutManager::cancel(const std::string& id, ApiError& error) {
  if (!runner_ || runner_->record().id != id) {
    error = {errors::kNoSuchRollout, "No rollout \"" + id + "\" is running"};
    return false;
  }
  auto runner = runner_;
  runner->cancel();
  return true;
}

}  // namespace hoist
