// What a notification is about: the kinds of events people hear of in chat
// (a subset of the deploy events of core/event_kinds.hh, plus webhooks and
// self-update) and the fields their messages show.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hoist {

enum class NotifyKind {
  WebhookReceived,      // a push arrived and matched the app
  DeployStarted,
  DeploySucceeded,
  DeployFailed,         // before the switch: the old release still serves
  RolledBack,           // after the switch, rolled back (or rollback-failed: failed = true)
  PendingConfirmation,  // a webhook deploy waits for `hoistctl confirm`
  UnitsDrifted,         // the unit files PID 1 uses differ from the templates
  UpdateAvailable,      // self-update
  UpdateApplied,
  UpdateFailed,         // the new version did not start: hoistd fell back
};

inline constexpr NotifyKind kAllNotifyKinds[] = {
    NotifyKind::WebhookReceived,     NotifyKind::DeployStarted,   NotifyKind::DeploySucceeded,
    NotifyKind::DeployFailed,        NotifyKind::RolledBack,      NotifyKind::PendingConfirmation,
    NotifyKind::UnitsDrifted,        NotifyKind::UpdateAvailable, NotifyKind::UpdateApplied,
    NotifyKind::UpdateFailed,
};

// "webhook", "deploy-started", "deploy-succeeded", "deploy-failed",
// "rolled-back", "pending-confirmation", "units-drifted", "update-available", "update-applied",
// "update-failed":
// the names Events= uses and the "event" of generic webhooks.
std::string_view notify_kind_name(NotifyKind kind);
std::optional<NotifyKind> notify_kind_from_name(std::string_view name);

struct NotifyEvent {
  NotifyKind kind = NotifyKind::DeployStarted;
  std::string app;          // empty for self-update events
  std::string deploy_id;
  std::string revision;     // full commit id (shown as sha7), or a ref name
  std::string branch;
  std::string repository;   // for "repo@sha7" ("owner/name" or a URL)
  std::string commit_url;   // link for repo@sha7, if known
  std::string compare_url;
  std::string author;
  std::string message;      // first line of the commit message (cut at 300 characters)
  std::string step;         // failed step
  std::string error;        // why it failed
  std::string output_tail;  // the failed step's output (its end is kept when too long)
  uint64_t duration_usec = 0;
  bool failed = false;      // RolledBack: the rollback failed too
  std::string version;      // Update*: the new version (revision: the one running before,
                            // or for UpdateFailed the one running now; error: why)
  std::string host;         // the machine; Notifiers fills in g_get_host_name() if empty
};

}  // namespace hoist
