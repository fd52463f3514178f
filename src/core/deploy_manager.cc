#include "core/deploy_manager.hh"

#include "common/log.hh"
#include "common/wall_clock.hh"
#include "core/deploy_plan.hh"
#include "core/git_names.hh"

namespace hoist {
namespace {

std::string step_unit(const DeployRecord& r) {
  return "hoist-" + r.app + "-" + r.step + "-" + r.id + ".service";
}

}  // namespace

DeployManager::DeployManager(StateStore store, const AppRegistry& apps, PipelineDeps deps,
                             InFlight& in_flight)
    : store_(std::move(store)), apps_(apps), deps_(deps), in_flight_(in_flight) {
  for (const auto& p : store_.problems()) log::warning("State directory: " + p);
}

DeployManager::~DeployManager() {
  if (expiry_timer_) g_source_remove(expiry_timer_);
  if (index_timer_) g_source_remove(index_timer_);
}  // store_ saves the index if it changed

bool DeployManager::store_deploy(const DeployRecord& record, std::string& error) {
  const bool ok = store_.save_deploy(record, error);
  // The index is a cache (state_store.hh): saved a second later, once for
  // every record of that second.
  if (store_.index_dirty() && !index_timer_)
    index_timer_ = g_timeout_add_seconds(1, on_index_timer, this);
  return ok;
}

gboolean DeployManager::on_index_timer(gpointer data) {
  auto* self = static_cast<DeployManager*>(data);
  self->index_timer_ = 0;
  self->store_.flush_index();
  return G_SOURCE_REMOVE;
}

const AppConfig* DeployManager::config(const std::string& name, ApiError& error) const {
  auto it = apps_.apps().find(name);
  if (it != apps_.apps().end()) return &it->second;
  error = {errors::kNoSuchApp, "No app \"" + name + "\" is configured"};
  return nullptr;
}

AppState DeployManager::load_state(const std::string& app) const {
  std::string error;
  auto state = store_.load_app(app, error);
  if (state) return *state;
  log::error("Cannot read the state of " + app + ": " + error, {{"HOIST_APP", app}});
  return AppState{.app = app};
}

void DeployManager::save_state(const AppState& state) {
  if (std::string error; !store_.save_app(state, error))
    log::error("Cannot save the state of " + state.app + ": " + error, {{"HOIST_APP", state.app}});
  if (listener_.app_changed) listener_.app_changed(state.app);
}

void DeployManager::save(const DeployRecord& record) {
  if (std::string error; !store_deploy(record, error))
    log::error("Cannot save deploy " + record.id + ": " + error,
               {{"HOIST_APP", record.app}, {"HOIST_DEPLOY_ID", record.id}});
}

void DeployManager::emit(EventKind kind, const DeployRecord& record, const std::string& detail) {
  Event e;
  e.kind = kind;
  e.app = record.app;
  e.deploy_id = record.id;
  e.step = record.step;
  e.revision = record.commit.empty() ? record.revision : record.commit;
  e.detail = detail;
  deps_.events.emit(e);
}

const AppConfig* DeployManager::deployable(const std::string& app, const std::string& revision,
                                           ApiError& error) const {
  const AppConfig* config = this->config(app, error);
  if (!config) return nullptr;
  if (!config->has_repository()) {
    error = {errors::kInvalidArgument,
             app + " has no Repository= (" + config->source_file + "): it can be restarted, not deployed"};
    return nullptr;
  }
  if (!revision.empty())
    if (auto p = revision_problem(revision); !p.empty()) {
      error = {errors::kInvalidArgument, "Invalid revision \"" + revision + "\": " + p};
      return nullptr;
    }
  return config;
}

std::optional<std::vector<PlanStep>> DeployManager::plan(const std::string& app,
                                                         const std::string& revision,
                                                         const DeployOptions& options,
                                                         ApiError& error) const {
  const AppConfig* config = deployable(app, revision, error);
  if (!config) return std::nullopt;
  return deploy_plan(*config, revision, options);
}

std::optional<DeployRecord> DeployManager::deploy(const std::string& app,
                                                  const std::string& revision,
                                                  const DeployOptions& options, ApiError& error) {
  if (!deployable(app, revision, error)) return std::nullopt;
  DeployRecord r;
  r.app = app;
  r.revision = revision;
  r.options = options;
  return enqueue(std::move(r), error);
}

std::optional<DeployRecord> DeployManager::rollback(const std::string& app,
                                                    const std::string& release, ApiError& error) {
  const AppConfig* config = this->config(app, error);
  if (!config) return std::nullopt;
  std::string problem;
  auto list = list_releases(config->directory, problem);
  if (!list) {
    error = {errors::kFailed, problem};
    return std::nullopt;
  }
  std::string target;
  if (release.empty()) {
    // The newest release older than the current one.
    for (const auto& r : *list) {
      if (r.current) break;
      target = r.name;
    }
    bool has_current = false;
    for (const auto& r : *list) has_current |= r.current;
    if (!has_current || target.empty()) {
      error = {errors::kNoSuchRelease, app + " has no release older than the current one to roll back to"};
      return std::nullopt;
    }
  } else {
    for (const auto& r : *list)
      if (r.name == release) target = r.name;
    if (target.empty()) {
      error = {errors::kNoSuchRelease, app + " has no release \"" + release +
                                           "\" (see hoistctl releases " + app + ")"};
      return std::nullopt;
    }
  }
  DeployRecord r;
  r.app = app;
  r.kind = DeployKind::Rollback;
  r.release = target;
  r.options.force = true;  // a rollback is what fixes an unhealthy app
  return enqueue(std::move(r), error);
}

std::optional<DeployRecord> DeployManager::enqueue(DeployRecord record, ApiError& error) {
  record.id = store_.new_deploy_id();
  if (record.id.empty()) {
    error = {errors::kFailed, "Cannot make a deploy id"};
    return std::nullopt;
  }
  return enqueue_existing(std::move(record), error);
}

std::optional<DeployRecord> DeployManager::enqueue_existing(DeployRecord record, ApiError& error) {
  record.state = DeployState::Queued;
  record.queued_usec = now_usec();
  if (std::string e; !store_deploy(record, e)) {
    error = {errors::kFailed, "Cannot save the deploy: " + e};
    return std::nullopt;
  }
  AppState state = load_state(record.app);
  state.last_deploy_id = record.id;
  Worker& w = workers_[record.app];
  std::optional<DeployRecord> replaced = std::move(w.queued);
  w.queued = record;
  save_state(state);
  emit(EventKind::DeployQueued, record, "");
  if (replaced) end_unrun(*replaced, DeployState::Canceled, "replaced by the newer deploy " + record.id);
  if (!w.pipeline) start_next(record.app);
  return record;
}

void DeployManager::end_unrun(DeployRecord record, DeployState state, const std::string& why) {
  record.state = state;
  record.error = why;
  record.finished_usec = now_usec();
  save(record);
  emit(state == DeployState::Canceled ? EventKind::DeployCanceled : EventKind::DeployInterrupted,
       record, why);
  tell_finished(record);
}

void DeployManager::start_next(const std::string& app) {
  Worker& w = workers_[app];
  if (w.pipeline || !w.queued) return;
  DeployRecord record = std::move(*w.queued);
  w.queued.reset();
  ApiError error;
  const AppConfig* config = this->config(app, error);
  if (!config) return end_unrun(record, DeployState::Canceled, "the app is no longer configured");
  AppState state = load_state(app);
  state.in_progress_deploy_id = record.id;
  save_state(state);
  w.running = record;
  w.steps_told = 0;
  w.token = in_flight_.acquire();
  w.pipeline = DeployPipeline::create(
      deps_, *config, record, [this](const DeployRecord& r) { on_progress(r); },
      [this](const DeployRecord& r) { on_done(r); });
  // The pipeline may finish synchronously (an invalid release): keep it alive.
  auto pipeline = w.pipeline;
  pipeline->start();
}

void DeployManager::on_progress(const DeployRecord& record) {
  auto it = workers_.find(record.app);
  if (it == workers_.end()) return;
  Worker& w = it->second;
  bool just_started = w.running.state == DeployState::Queued && record.state == DeployState::Running;
  if (w.running == record) return;  // told already (on_done repeats the last progress)
  w.running = record;
  save(record);
  if (just_started && listener_.started) listener_.started(record);
  for (; w.steps_told < record.steps.size(); w.steps_told++)
    if (listener_.step_finished) listener_.step_finished(record, record.steps[w.steps_told]);
  if (just_started && listener_.app_changed) listener_.app_changed(record.app);
}

void DeployManager::read_current(AppState& state, const AppConfig* config, const DeployRecord* done) {
  std::string problem;
  auto current = config ? current_release(config->directory, problem) : std::nullopt;
  if (!current) return;
  if (done && done->kind == DeployKind::Deploy && done->state == DeployState::Succeeded &&
      done->release == *current) {
    state.current_commit = done->commit;
  } else if (*current != state.current_release) {
    // A rollback's release, or one switched by hand: the deploy that built
    // it knows its commit, if it is still in the history.
    state.current_commit.clear();
    for (const DeployRecord& r : store_.history(state.app))
      if (r.kind == DeployKind::Deploy && r.release == *current && !r.commit.empty()) {
        state.current_commit = r.commit;
        break;
      }
  }
  state.current_release = *current;
}

void DeployManager::on_done(const DeployRecord& record) {
  on_progress(record);
  AppState state = load_state(record.app);
  state.in_progress_deploy_id.clear();
  state.last_result = record.state;
  state.failed_step = record.state == DeployState::Succeeded ? "" : record.step;
  ApiError error;
  read_current(state, this->config(record.app, error), &record);
  if (record.state == DeployState::Succeeded) state.last_good_release = record.release;
  save_state(state);
  tell_finished(record);
  Worker& w = workers_[record.app];
  // The pipeline is still on the stack: let it go once it has returned.
  g_idle_add_full(
      G_PRIORITY_DEFAULT,
      [](gpointer p) -> gboolean {
        delete static_cast<std::shared_ptr<DeployPipeline>*>(p);
        return G_SOURCE_REMOVE;
      },
      new std::shared_ptr<DeployPipeline>(std::move(w.pipeline)), nullptr);
  w.pipeline.reset();
  w.token.reset();
  if (w.queued) start_next(record.app);
  else if (listener_.app_changed) listener_.app_changed(record.app);
}

void DeployManager::recover() {
  std::set<std::string> names;
  for (const auto& n : store_.app_names()) names.insert(n);
  for (const auto& [name, config] : apps_.apps()) names.insert(name);
  for (const auto& name : names) recover_app(name);
  expire_pending();
}

void DeployManager::recover_app(const std::string& app) {
  AppState state = load_state(app);
  bool interrupted = false;
  for (DeployRecord& r : store_.history(app)) {
    if (deploy_state_is_final(r.state)) continue;
    if (r.state == DeployState::Pending) {
      // Still waiting for a person: it waits on, until its time is up.
      ApiError e;
      const AppConfig* c = config(app, e);
      pending_.add(r, r.queued_usec + (c ? c->webhook.confirm_timeout_usec : 0));
      continue;
    }
    if (r.state == DeployState::Queued) {
      end_unrun(r, DeployState::Canceled, "hoistd stopped before it ran");
      continue;
    }
    interrupted = true;
    // A step unit may still run: it belongs to a deploy nobody finishes.
    if (!r.step.empty())
      deps_.pid1.run_job(JobKind::Stop, step_unit(r), [](const std::string&, const sd_bus_error*) {});
    state.last_result = DeployState::Interrupted;
    state.failed_step = r.step;
    std::string why = "hoistd stopped while step " + (r.step.empty() ? "start" : r.step) + " ran";
    log::warning(app + ": deploy " + r.id + " was interrupted: " + why,
                 {{"HOIST_APP", app}, {"HOIST_DEPLOY_ID", r.id}});
    end_unrun(r, DeployState::Interrupted, why);
  }
  if (!state.in_progress_deploy_id.empty()) interrupted = true;
  state.in_progress_deploy_id.clear();
  ApiError error;
  const AppConfig* config = this->config(app, error);
  read_current(state, config, nullptr);
  save_state(state);
  if (!interrupted || !config || state.current_release.empty()) return;
  std::string good = state.last_good_release;
  deps_.gate.check_now(gate_for(*config), [this, app, good](const GateResult& r) {
    if (r.healthy) {
      log::info(app + " is healthy after the interrupted deploy", {{"HOIST_APP", app}});
      return;
    }
    if (good.empty()) {
      log::error(app + " is unhealthy after the interrupted deploy (" + r.reason +
                     ") and has no last good release to restore",
                 {{"HOIST_APP", app}});
      return;
    }
    log::warning(app + " is unhealthy after the interrupted deploy (" + r.reason +
                     "): restoring its last good release " + good,
                 {{"HOIST_APP", app}});
    ApiError e;
    if (!rollback(app, good, e)) log::error(app + ": cannot restore " + good + ": " + e.message, {{"HOIST_APP", app}});
  });
}

std::optional<DeployRecord> DeployManager::get_deploy(const std::string& id, ApiError& error) const {
  for (const auto& [app, w] : workers_) {
    if (w.pipeline && w.running.id == id) return w.running;
    if (w.queued && w.queued->id == id) return *w.queued;
  }
  if (const auto* p = pending_.find(id)) return p->record;
  std::string problem;
  auto record = store_.load_deploy(id, problem);
  if (!record) error = {errors::kNoSuchDeploy, "No deploy \"" + id + "\": " + problem};
  return record;
}

std::optional<std::vector<DeployRecord>> DeployManager::history(const std::string& app, size_t limit,
                                                                 ApiError& error) const {
  if (!config(app, error) && store_.deploy_ids(app).empty()) return std::nullopt;
  return store_.history(app, limit);
}

std::optional<std::vector<Release>> DeployManager::releases(const std::string& app,
                                                            ApiError& error) const {
  const AppConfig* c = config(app, error);
  if (!c) return std::nullopt;
  std::string problem;
  auto list = list_releases(c->directory, problem);
  if (!list) error = {errors::kFailed, problem};
  return list;
}

AppView DeployManager::view(const AppConfig& config) const {
  AppView v;
  v.name = config.name;
  v.description = config.description;
  v.units = config.units;
  v.saved = load_state(config.name);
  auto it = workers_.find(config.name);
  if (it != workers_.end()) {
    const Worker& w = it->second;
    if (w.pipeline) {
      v.running_deploy = w.running.id;
      v.state = w.running.kind == DeployKind::Rollback ? "rolling-back" : "deploying";
    }
    if (w.queued) v.queued_deploy = w.queued->id;
  }
  if (const auto* p = pending_.for_app(config.name)) v.pending_deploy = p->record.id;
  return v;
}

std::vector<AppView> DeployManager::list() const {
  std::vector<AppView> out;
  for (const auto& [name, config] : apps_.apps()) out.push_back(view(config));
  return out;
}

std::optional<AppView> DeployManager::app(const std::string& name, ApiError& error) const {
  const AppConfig* c = config(name, error);
  if (!c) return std::nullopt;
  return view(*c);
}

void DeployManager::tell_finished(const DeployRecord& record) {
  if (listener_.finished) listener_.finished(record);
  auto [first, last] = finish_waiters_.equal_range(record.id);
  std::vector<std::function<void(const DeployRecord&)>> waiters;
  for (auto it = first; it != last; ++it) waiters.push_back(std::move(it->second));
  finish_waiters_.erase(first, last);
  for (auto& fn : waiters) fn(record);
}

void DeployManager::when_finished(const std::string& id,
                                  std::function<void(const DeployRecord&)> fn) {
  finish_waiters_.emplace(id, std::move(fn));
}

bool DeployManager::busy(const std::string& app) const {
  auto it = workers_.find(app);
  return it != workers_.end() && (it->second.pipeline || it->second.queued);
}

size_t DeployManager::running() const {
  size_t n = 0;
  for (const auto& [app, w] : workers_) n += w.pipeline ? 1 : 0;
  return n;
}

}  // namespace hoist
