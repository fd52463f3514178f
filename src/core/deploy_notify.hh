// What a deploy's transitions say to the notifiers (notify/notifiers.hh).
#pragma once

#include <optional>

#include "core/app_config.hh"
#include "core/deploy_record.hh"
#include "core/unit_drift.hh"
#include "notify/notifiers.hh"

namespace hoist {

// The notification of a deploy that started (running) or ended (final):
// succeeded, failed (the failed step and the end of its output), rolled back
// or rollback-failed. nullopt for endings nobody is told about (canceled,
// interrupted: those are logged).
// app (may be null) adds the branch and the repository.
std::optional<NotifyEvent> deploy_notification(const DeployRecord& record, const AppConfig* app);

// The notification that a webhook deploy waits for `hoistctl confirm`.
NotifyEvent pending_notification(const DeployRecord& record, const AppConfig* app);

// The notification that an app's unit files drifted (drift not empty).
NotifyEvent drift_notification(const AppConfig& app, const std::vector<DriftItem>& drift);

}  // namespace hoist
