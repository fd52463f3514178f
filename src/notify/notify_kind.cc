#include "notify/notify_event.hh"

namespace hoist {

std::string_view notify_kind_name(NotifyKind kind) {
  switch (kind) {
    case NotifyKind::WebhookReceived: return "webhook";
    case NotifyKind::DeployStarted: return "deploy-started";
    case NotifyKind::DeploySucceeded: return "deploy-succeeded";
    case NotifyKind::DeployFailed: return "deploy-failed";
    case NotifyKind::RolledBack: return "rolled-back";
    case NotifyKind::PendingConfirmation: return "pending-confirmation";
    case NotifyKind::UnitsDrifted: return "units-drifted";
    case NotifyKind::UpdateAvailable: return "update-available";
    case NotifyKind::UpdateApplied: return "update-applied";
    case NotifyKind::UpdateFailed: return "update-failed";
  }
  return "unknown";
}

std::optional<NotifyKind> notify_kind_from_name(std::string_view name) {
  for (NotifyKind kind : kAllNotifyKinds)
    if (notify_kind_name(kind) == name) return kind;
  return std::nullopt;
}

}  // namespace hoist
