// Rollouts as hoistctl reads them: the JSON text of GetRollout (the
// record) and PlanRollout (the plan), documented in
// dbus/org.hoist.Hoist1.Manager.xml, read leniently (unknown members
// ignored, missing ones empty) and kept whole for --json; and what a
// rollout request carries.
#pragma once

#include <json-glib/json-glib.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ctl/app_info.hh"

namespace hoist::ctl {

// The arguments of Rollout and PlanRollout.
struct RolloutRequest {
  std::vector<std::string> apps;  // empty with all
  bool all = false;
  bool deploy = false;
  uint32_t max_parallel = 0;  // 0: no limit
  bool force = false;
  bool skip_migrations = false;
};

// One app of a rollout record.
struct RolloutAppInfo {
  std::string app;
  size_t wave = 0;  // from 0
  std::vector<std::string> depends_on;
  std::string state;          // "waiting", "running", "succeeded", "failed", "skipped"
  std::string step;           // "precheck", "restart", "deploy", "health", "rollback", "done", ...
  uint64_t started_usec = 0;  // µs since the epoch, 0 if unknown
  uint64_t finished_usec = 0;
  uint64_t duration_usec = 0;
  std::string deploy_id;  // with "deploy", the app's deploy
  std::string error;
  bool rolled_back = false;
  std::vector<std::string> restarted_by_systemd;  // units PID 1 restarted itself

  bool succeeded() const { return state == "succeeded"; }
};

struct RolloutInfo {
  std::string id;
  std::string state;  // "running", "succeeded", "failed", "canceled", ...
  uint64_t started_usec = 0;
  uint64_t finished_usec = 0;
  uint64_t duration_usec = 0;
  bool deploy = false;
  bool force = false;
  bool skip_migrations = false;
  uint32_t max_parallel = 0;
  std::string failed_app;
  std::string failed_step;
  std::string error;
  std::vector<std::vector<std::string>> waves;  // app names
  std::vector<RolloutAppInfo> apps;
  // The record as hoistd sent it, never changed (null if made here).
  std::shared_ptr<JsonNode> json;

  // Over: not running (any state newer than hoistctl counts as over).
  bool finished() const { return !state.empty() && state != "running"; }
  bool succeeded() const { return state == "succeeded"; }
  // The app of that name, nullptr if none.
  const RolloutAppInfo* find(const std::string& app) const;
};

// One app of a plan, in its wave.
struct RolloutPlanApp {
  std::string app;
  std::vector<std::string> depends_on;
  std::string action;  // "restart" or "deploy"
  std::vector<std::string> units;
  std::vector<PlanStep> steps;
};

struct RolloutPlan {
  std::vector<std::string> apps;
  bool deploy = false;
  uint32_t max_parallel = 0;
  std::vector<std::vector<RolloutPlanApp>> waves;
  std::shared_ptr<JsonNode> json;  // as hoistd sent it
};

// GetRollout's record. nullopt with error saying what is wrong if text is
// not a JSON object with an id.
std::optional<RolloutInfo> parse_rollout_record(const std::string& text, std::string& error);

// PlanRollout's plan. nullopt with error if text is not a JSON object.
std::optional<RolloutPlan> parse_rollout_plan(const std::string& text, std::string& error);

}  // namespace hoist::ctl
