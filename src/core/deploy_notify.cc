#include "core/deploy_notify.hh"

namespace hoist {
namespace {

NotifyEvent base(NotifyKind kind, const DeployRecord& r, const AppConfig* app) {
  NotifyEvent n;
  if (app) {
    n.branch = app->branch;
    n.repository = app->webhook.name.empty() ? app->repository : app->webhook.name;
  }
  n.kind = kind;
  n.app = r.app;
  n.deploy_id = r.id;
  n.revision = r.commit.empty() ? (r.kind == DeployKind::Rollback ? r.release : r.revision) : r.commit;
  return n;
}

}  // namespace

std::optional<NotifyEvent> deploy_notification(const DeployRecord& r, const AppConfig* app) {
  switch (r.state) {
    case DeployState::Running: return base(NotifyKind::DeployStarted, r, app);
    case DeployState::Succeeded: {
      NotifyEvent n = base(NotifyKind::DeploySucceeded, r, app);
      n.duration_usec = r.finished_usec > r.started_usec ? r.finished_usec - r.started_usec : 0;
      return n;
    }
    case DeployState::Failed:
    case DeployState::RolledBack:
    case DeployState::RollbackFailed: {
      NotifyEvent n = base(
          r.state == DeployState::Failed ? NotifyKind::DeployFailed : NotifyKind::RolledBack, r, app);
      n.failed = r.state == DeployState::RollbackFailed;
      n.step = r.step;
      n.error = r.error;
      for (const auto& s : r.steps)
        if (s.name == r.step) n.output_tail = s.output_tail;
      n.duration_usec = r.finished_usec > r.started_usec ? r.finished_usec - r.started_usec : 0;
      return n;
    }
    default: return std::nullopt;
  }
}

NotifyEvent pending_notification(const DeployRecord& r, const AppConfig* app) {
  return base(NotifyKind::PendingConfirmation, r, app);
}

NotifyEvent drift_notification(const AppConfig& app, const std::vector<DriftItem>& drift) {
  NotifyEvent n;
  n.kind = NotifyKind::UnitsDrifted;
  n.app = app.name;
  for (const auto& d : drift) n.error += (n.error.empty() ? "" : "; ") + describe_drift(d);
  return n;
}

}  // namespace hoist
