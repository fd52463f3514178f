// The kinds of events a deploy or rollout goes through. Each has a fixed
// journal MESSAGE_ID (explained by catalog/hoist.catalog, so `journalctl -x`
// shows what it means) and a name used in events.jsonl ("deploy-started").
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace hoist {

enum class EventKind {
  DeployQueued,
  DeployStarted,
  StepStarted,
  StepFinished,
  StepFailed,
  ReleaseSwitched,
  UnitsRestarted,
  HealthPassed,
  HealthFailed,
  DeploySucceeded,
  DeployFailed,
  RollbackStarted,
  RollbackSucceeded,
  RollbackFailed,
  DeployInterrupted,
  DeployCanceled,
  DeployPending,
  RolloutStarted,
  RestartStarted,
  RestartSucceeded,
  RestartFailed,
  RolloutFinished,
};

struct EventKindInfo {
  EventKind kind;
  std::string_view name;        // "deploy-started"
  std::string_view message_id;  // 32 lower-case hex digits (systemd-id128 new), never changed
  int priority;                 // syslog priority of its journal entry
  // The journal MESSAGE after "APP: ", with {step}, {result}, {revision}
  // replaced by the event's fields ("step {step} failed: {result}").
  std::string_view summary;
};

// Every kind, in the order of the enum.
std::span<const EventKindInfo> event_kinds();

const EventKindInfo& event_kind_info(EventKind kind);
std::optional<EventKind> event_kind_from_name(std::string_view name);

}  // namespace hoist
