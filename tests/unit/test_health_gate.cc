#include <gtest/gtest.h>

#include "core/health_gate.hh"

using hoist::UnitStatus;
using hoist::unit_health_problem;

namespace {

UnitStatus unit(const char* load, const char* active, const char* sub, const char* result) {
  UnitStatus s;
  s.name = "api.service";
  s.load_state = load;
  s.active_state = active;
  s.sub_state = sub;
  s.result = result;
  return s;
}

}  // namespace

TEST(HealthGate, WordsForUnitStates) {
  EXPECT_EQ(unit_health_problem(unit("loaded", "active", "running", "success")), "active");
  EXPECT_EQ(unit_health_problem(unit("loaded", "reloading", "reload", "success")), "active");
  EXPECT_EQ(unit_health_problem(unit("loaded", "failed", "failed", "exit-code")),
            "api.service is failed, result exit-code");
  EXPECT_EQ(unit_health_problem(unit("loaded", "activating", "auto-restart", "exit-code")),
            "api.service is activating (auto-restart), result exit-code");
  EXPECT_EQ(unit_health_problem(unit("loaded", "inactive", "dead", "success")),
            "api.service is inactive (dead)");
  EXPECT_EQ(unit_health_problem(unit("not-found", "inactive", "dead", "")), "api.service is not-found");
  EXPECT_EQ(unit_health_problem(unit("masked", "inactive", "dead", "")), "api.service is masked");
}
