// DeployManager: the deploys pushes ask for (webhook_deploy), confirmation
// of pending ones and their expiry.
#include <glib.h>

#include "common/wall_clock.hh"
#include "core/deploy_manager.hh"

namespace hoist {
namespace {

// A deploy record of the commit a push is for (the push's revision is the
// full commit the forge sent).
bool deploys_commit(const DeployRecord& r, const std::string& revision) {
  return r.kind == DeployKind::Deploy && !revision.empty() &&
         (g_ascii_strcasecmp(r.revision.c_str(), revision.c_str()) == 0 ||
          g_ascii_strcasecmp(r.commit.c_str(), revision.c_str()) == 0);
}

}  // namespace

std::optional<PushDeploy> DeployManager::existing_for_push(const AppConfig& config,
                                                           const std::string& revision) const {
  if (revision.empty()) return std::nullopt;  // the branch head: whatever it is now
  auto worker = workers_.find(config.name);
  const Worker* w = worker == workers_.end() ? nullptr : &worker->second;
  if (!config.webhook.require_confirmation && w) {
    // A deploy of this very commit waits, or runs with none waiting behind
    // it: the push joins it (a redelivery, or the same commit pushed again).
    if (w->queued && deploys_commit(*w->queued, revision))
      return PushDeploy{.how = PushDeploy::How::Joined, .record = *w->queued};
    if (w->pipeline && !w->queued && deploys_commit(w->running, revision))
      return PushDeploy{.how = PushDeploy::How::Joined, .record = w->running};
  }
  if ((w && (w->pipeline || w->queued)) || pending_.for_app(config.name)) return std::nullopt;
  // Nothing runs or waits, and the commit is the one serving.
  const AppState state = load_state(config.name);
  std::string problem;
  if (!state.current_commit.empty() &&
      g_ascii_strcasecmp(state.current_commit.c_str(), revision.c_str()) == 0 &&
      current_release(config.directory, problem) == state.current_release)
    return PushDeploy{.how = PushDeploy::How::UpToDate, .release = state.current_release};
  return std::nullopt;
}

bool DeployManager::push_needs_deploy(const std::string& app, const std::string& revision) const {
  auto it = apps_.apps().find(app);
  return it == apps_.apps().end() || !existing_for_push(it->second, revision);
}

std::optional<PushDeploy> DeployManager::webhook_deploy(const std::string& app,
                                                        const std::string& revision,
                                                        const std::string& trigger,
                                                        ApiError& error) {
  const AppConfig* config = deployable(app, revision, error);
  if (!config) return std::nullopt;
  if (auto existing = existing_for_push(*config, revision)) return existing;
  DeployRecord r;
  r.app = app;
  r.revision = revision;
  r.trigger = trigger;
  if (!config->webhook.require_confirmation) {
    auto queued = enqueue(std::move(r), error);
    if (!queued) return std::nullopt;
    return PushDeploy{.how = PushDeploy::How::Queued, .record = std::move(queued)};
  }
  r.id = store_.new_deploy_id();
  if (r.id.empty()) {
    error = {errors::kFailed, "Cannot make a deploy id"};
    return std::nullopt;
  }
  r.state = DeployState::Pending;
  r.queued_usec = now_usec();
  if (std::string e; !store_deploy(r, e)) {
    error = {errors::kFailed, "Cannot save the deploy: " + e};
    return std::nullopt;
  }
  std::optional<DeployRecord> replaced =
      pending_.add(r, r.queued_usec + config->webhook.confirm_timeout_usec);
  if (replaced) end_unrun(*replaced, DeployState::Canceled, "replaced by the newer push " + r.id);
  AppState state = load_state(app);
  state.last_deploy_id = r.id;
  save_state(state);
  emit(EventKind::DeployPending, r, "confirm with: hoistctl confirm " + app);
  if (listener_.pending) listener_.pending(r);
  expire_pending();
  return PushDeploy{.how = PushDeploy::How::Pending, .record = std::move(r)};
}

std::optional<DeployRecord> DeployManager::confirm(const std::string& app, ApiError& error) {
  if (!config(app, error)) return std::nullopt;
  expire_pending();
  auto record = pending_.take(app, now_usec());
  if (!record) {
    error = {errors::kNoSuchDeploy, "No deploy of " + app + " waits for confirmation"};
    return std::nullopt;
  }
  expire_pending();
  // Queued under its own id, which the webhook's answer already named.
  record->state = DeployState::Queued;
  return enqueue_existing(std::move(*record), error);
}

void DeployManager::expire_pending() {
  for (DeployRecord& r : pending_.expire(now_usec()))
    end_unrun(std::move(r), DeployState::Canceled, "not confirmed in time (ConfirmTimeoutSec=)");
  if (expiry_timer_) g_source_remove(expiry_timer_);
  expiry_timer_ = 0;
  if (uint64_t next = pending_.next_expiry()) {
    uint64_t now = now_usec();
    guint ms = next > now ? static_cast<guint>((next - now) / 1000 + 1) : 0;
    expiry_timer_ = g_timeout_add(ms, on_expiry, this);
  }
}

gboolean DeployManager::on_expiry(gpointer data) {
  auto* self = static_cast<DeployManager*>(data);
  self->expiry_timer_ = 0;
  self->expire_pending();
  return G_SOURCE_REMOVE;
}

}  // namespace hoist
