// Rollout records and plans in hoistctl's tests, written as hoistd sends
// them (dbus/org.hoist.Hoist1.Manager.xml).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "ctl/rollout_info.hh"

namespace hoist::test {

// A rollout that failed at api's health gate: db done, api rolled back,
// cache restarted (one of its units by systemd itself), web skipped.
// Sun 2026-11-22 04:00:00 UTC, 9.5 s long.
inline constexpr const char* kFailedRollout = R"json({
  "id": "r20261122T040000Z-1", "state": "failed",
  "started": "2026-11-22T04:00:00.000000Z", "finished": "2026-11-22T04:00:09.500000Z",
  "duration_usec": 9500000, "deploy": false, "force": false, "max_parallel": 0,
  "failed_app": "api", "failed_step": "health",
  "error": "health gate: api.service is failed (exit-code)",
  "waves": [["db"], ["api", "cache"], ["web"]],
  "apps": [
    {"app": "db", "wave": 0, "depends_on": [], "state": "succeeded", "step": "done",
     "started": "...", "finished": "...", "duration_usec": 2000000},
    {"app": "api", "wave": 1, "depends_on": ["db"], "state": "failed", "step": "health",
     "error": "health gate: ...", "rolled_back": true},
    {"app": "cache", "wave": 1, "depends_on": ["db"], "state": "succeeded", "step": "done",
     "restarted_by_systemd": ["cache-worker.service"]},
    {"app": "web", "wave": 2, "depends_on": ["api"], "state": "skipped"}],
  "something_new": [1, 2]
})json";

// The plan of a restart of api and db: db first, then api.
inline constexpr const char* kPlan = R"json({
  "apps": ["api", "db"], "deploy": false, "max_parallel": 0,
  "waves": [
    [{"app": "db", "depends_on": [], "action": "restart", "units": ["db.service"],
      "steps": [{"step": "precheck", "description": "db.service active, TCP 127.0.0.1:5432"},
                {"step": "restart", "description": "db.service (restart)"},
                {"step": "health", "description": "TCP 127.0.0.1:5432, stable for 30 s"}]}],
    [{"app": "api", "depends_on": ["db"], "action": "restart",
      "units": ["api.service", "api.socket"],
      "steps": [{"step": "precheck", "description": "api.service active"},
                {"step": "restart", "description": "api.service (restart)"}]}]]
})json";

// The text must parse (a failure of the test otherwise).
inline ctl::RolloutInfo rollout_from_json(const std::string& text) {
  std::string error;
  auto r = ctl::parse_rollout_record(text, error);
  EXPECT_TRUE(r) << error << "\n" << text;
  return r ? std::move(*r) : ctl::RolloutInfo{};
}

inline ctl::RolloutPlan plan_from_json(const std::string& text) {
  std::string error;
  auto p = ctl::parse_rollout_plan(text, error);
  EXPECT_TRUE(p) << error << "\n" << text;
  return p ? std::move(*p) : ctl::RolloutPlan{};
}

}  // namespace hoist::test
