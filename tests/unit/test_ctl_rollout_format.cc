// Reading and showing rollouts: the record and the plan as hoistd sends
// them, rollout-status, rollout --dry-run and the live rows of rollout.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "ctl/rollout_format.hh"
#include "ctl/rollout_progress.hh"
#include "test_ctl_rollout_json.hh"

using namespace hoist::ctl;
using hoist::test::kFailedRollout;
using hoist::test::kPlan;
using hoist::test::plan_from_json;
using hoist::test::rollout_from_json;

namespace {

constexpr uint64_t kSec = 1000000;
// Sun 2026-11-22 04:00:00 UTC
constexpr uint64_t kStarted = 1795320000 * kSec;

const Style kPlain{false, true};
const Style kColored{true, true};

class RolloutFormat : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
  }
};

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST(CtlRolloutInfo, ReadsTheRecord) {
  RolloutInfo r = rollout_from_json(kFailedRollout);
  EXPECT_EQ(r.id, "r20261122T040000Z-1");
  EXPECT_EQ(r.state, "failed");
  EXPECT_TRUE(r.finished());
  EXPECT_FALSE(r.succeeded());
  EXPECT_EQ(r.started_usec, kStarted);
  EXPECT_EQ(r.finished_usec, kStarted + 9500000);
  EXPECT_EQ(r.duration_usec, 9500000u);
  EXPECT_EQ(r.failed_app, "api");
  EXPECT_EQ(r.failed_step, "health");
  EXPECT_EQ(r.waves, (std::vector<std::vector<std::string>>{{"db"}, {"api", "cache"}, {"web"}}));
  ASSERT_EQ(r.apps.size(), 4u);
  EXPECT_EQ(r.apps[0].started_usec, 0u);  // "..." is no time
  EXPECT_EQ(r.apps[0].duration_usec, 2000000u);
  EXPECT_EQ(r.apps[1].wave, 1u);
  EXPECT_EQ(r.apps[1].depends_on, std::vector<std::string>{"db"});
  EXPECT_TRUE(r.apps[1].rolled_back);
  EXPECT_EQ(r.apps[2].restarted_by_systemd, std::vector<std::string>{"cache-worker.service"});
  EXPECT_EQ(r.apps[3].step, "");
  EXPECT_EQ(r.find("cache"), &r.apps[2]);
  EXPECT_EQ(r.find("nope"), nullptr);
  ASSERT_TRUE(r.json);  // kept whole, unknown members too
  EXPECT_TRUE(json_object_has_member(json_node_get_object(r.json.get()), "something_new"));
}

TEST(CtlRolloutInfo, PrefersMicrosecondsAndToleratesOddRecords) {
  RolloutInfo r = rollout_from_json(
      R"({"id": "r1", "state": "running", "started": "2026-11-22T04:00:00Z",
          "started_usec": 5, "max_parallel": -3, "waves": [["a"], 7], "apps": [3, {"app": "a"}]})");
  EXPECT_EQ(r.started_usec, 5u);
  EXPECT_EQ(r.max_parallel, 0u);
  EXPECT_FALSE(r.finished());
  EXPECT_EQ(r.waves.size(), 1u);
  ASSERT_EQ(r.apps.size(), 1u);
  EXPECT_EQ(r.apps[0].app, "a");

  std::string error;
  EXPECT_FALSE(parse_rollout_record("[]", error));
  EXPECT_EQ(error, "the rollout record is not a JSON object");
  EXPECT_FALSE(parse_rollout_record(R"({"state": "running"})", error));
  EXPECT_EQ(error, "the rollout record has no id");
  EXPECT_FALSE(parse_rollout_record("{", error));
  EXPECT_TRUE(error.starts_with("hoistd sent invalid JSON: ")) << error;
  EXPECT_FALSE(parse_rollout_plan("\"plan\"", error));
  EXPECT_EQ(error, "the rollout plan is not a JSON object");
}

TEST(CtlRolloutInfo, ReadsThePlan) {
  RolloutPlan p = plan_from_json(kPlan);
  EXPECT_EQ(p.apps, (std::vector<std::string>{"api", "db"}));
  ASSERT_EQ(p.waves.size(), 2u);
  ASSERT_EQ(p.waves[1].size(), 1u);
  const RolloutPlanApp& api = p.waves[1][0];
  EXPECT_EQ(api.app, "api");
  EXPECT_EQ(api.depends_on, std::vector<std::string>{"db"});
  EXPECT_EQ(api.action, "restart");
  EXPECT_EQ(api.units, (std::vector<std::string>{"api.service", "api.socket"}));
  EXPECT_EQ(api.steps, (std::vector<PlanStep>{{"precheck", "api.service active"},
                                              {"restart", "api.service (restart)"}}));
}

TEST(CtlRolloutFormat, Plan) {
  EXPECT_EQ(format_rollout_plan(plan_from_json(kPlan)),
            "Wave 1\n"
            "  db: restart db.service\n"
            "    1. precheck  db.service active, TCP 127.0.0.1:5432\n"
            "    2. restart   db.service (restart)\n"
            "    3. health    TCP 127.0.0.1:5432, stable for 30 s\n"
            "\n"
            "Wave 2\n"
            "  api: restart api.service, api.socket (waits for db)\n"
            "    1. precheck  api.service active\n"
            "    2. restart   api.service (restart)\n");
  RolloutPlan limited = plan_from_json(kPlan);
  limited.max_parallel = 1;
  EXPECT_TRUE(format_rollout_plan(limited).starts_with("At most 1 app at a time.\n\nWave 1\n"));
  limited.max_parallel = 3;
  EXPECT_TRUE(format_rollout_plan(limited).starts_with("At most 3 apps at a time.\n\n"));
  EXPECT_EQ(format_rollout_plan(RolloutPlan{}), "No app to roll out.\n");
}

TEST_F(RolloutFormat, Record) {
  RolloutInfo r = rollout_from_json(kFailedRollout);
  EXPECT_EQ(format_rollout_record(r, kPlain, kStarted + 3600 * kSec),
            "\u00d7 rollout r20261122T040000Z-1\n"
            "    State: failed (app api, step health)\n"
            "  Started: Sun 2026-11-22 04:00:00 UTC; 1h 0min ago\n"
            " Finished: Sun 2026-11-22 04:00:09 UTC; took 9s\n"
            "    Error: health gate: api.service is failed (exit-code)\n"
            "\n"
            "APP    WAVE  STATE      STEP    DURATION  NOTE\n"
            "db     1     succeeded  -       2.0s\n"
            "api    2     failed     health  -         health gate: ...; rolled back\n"
            "cache  2     succeeded  -       -         restarted by systemd: cache-worker.service\n"
            "web    3     skipped    -       -\n");
}

TEST_F(RolloutFormat, RecordOfARunningDeployRollout) {
  RolloutInfo r = rollout_from_json(
      R"({"id": "r2", "state": "running", "started_usec": 1795320000000000, "deploy": true,
          "force": true, "max_parallel": 2,
          "apps": [{"app": "db", "wave": 0, "state": "running", "step": "deploy",
                    "started_usec": 1795320001000000, "deploy_id": "20261122T040001Z-abcdef"}]})");
  std::string text = format_rollout_record(r, kPlain, kStarted + 5 * kSec);
  EXPECT_TRUE(text.starts_with("\u25cf rollout r2\n    State: running\n")) << text;
  EXPECT_TRUE(contains(text, "  Options: deploy, force, max-parallel 2\n")) << text;
  EXPECT_FALSE(contains(text, "Finished:")) << text;
  EXPECT_TRUE(
      contains(text, "db   1     running  deploy  4.0s      deploy 20261122T040001Z-abcdef\n"))
      << text;
}

TEST_F(RolloutFormat, RecordColours) {
  std::string text = format_rollout_record(rollout_from_json(kFailedRollout), kColored, kStarted);
  EXPECT_TRUE(text.starts_with("\033[0;1;31m\u00d7\033[0m rollout")) << text;
  EXPECT_TRUE(contains(text, "State: \033[0;1;31mfailed\033[0m (app api")) << text;
  EXPECT_TRUE(contains(text, "\033[0;1;32msucceeded\033[0m")) << text;
}

TEST(CtlRolloutFormat, AppChangeLines) {
  EXPECT_EQ(format_app_change("api", "running", "health"), "api: running (health)");
  EXPECT_EQ(format_app_change("web", "skipped", ""), "web: skipped");
}

TEST(CtlRolloutProgress, RowsFromTheRecordAndTheSignals) {
  RolloutInfo r = rollout_from_json(
      R"({"id": "r3", "state": "running",
          "apps": [{"app": "db", "wave": 0, "state": "running", "step": "restart",
                    "started_usec": 1795320000000000},
                   {"app": "api", "wave": 1, "depends_on": ["db", "cache"], "state": "waiting"}]})");
  RolloutProgress p(r, kPlain);
  EXPECT_EQ(p.rows(kStarted + 1500000),
            "\u25cf db   running    restart   1.5s\n"
            "\u25cb api  waiting              waits for db, cache\n");

  p.change("db", "running", "health", kStarted + 2 * kSec);
  p.change("db", "succeeded", "done", kStarted + 3 * kSec);
  p.change("api", "running", "precheck", kStarted + 3 * kSec);
  p.change("cache", "skipped", "", kStarted + 3 * kSec);  // not in the record
  EXPECT_EQ(p.rows(kStarted + 4 * kSec),
            "\u25cf db     succeeded            3.0s\n"
            "\u25cf api    running    precheck  1.0s\n"
            "\u25cb cache  skipped\n");

  // The final record has the last word on times.
  r.apps[0].state = "succeeded";
  r.apps[0].duration_usec = 2500000;
  r.apps[1].state = "failed";
  r.apps[1].step = "health";
  r.apps[1].duration_usec = 700000;
  p.update(r);
  EXPECT_EQ(p.rows(kStarted + 9 * kSec),
            "\u25cf db     succeeded            2.5s\n"
            "\u00d7 api    failed     health    0.7s\n"
            "\u25cb cache  skipped\n");
}

TEST(CtlRolloutProgress, RedrawsInPlaceOnlyWhenSomethingChanged) {
  RolloutInfo r = rollout_from_json(
      R"({"id": "r4", "state": "running",
          "apps": [{"app": "db", "state": "running", "step": "restart",
                    "started_usec": 1795320000000000}, {"app": "api", "state": "waiting"}]})");
  RolloutProgress p(r, kPlain);
  EXPECT_EQ(p.erase(), "");  // nothing drawn yet
  std::string first = p.redraw(kStarted + 1000000);
  EXPECT_EQ(first, p.rows(kStarted + 1000000));
  EXPECT_EQ(p.redraw(kStarted + 1050000), "");  // still "1.0s"
  EXPECT_EQ(p.redraw(kStarted + 1100000),
            "\033[2A\033[J" + p.rows(kStarted + 1100000));  // two rows up, erased, drawn again
  EXPECT_EQ(p.erase(), "\033[2A\033[J");
  EXPECT_EQ(p.erase(), "");
}

TEST(CtlRolloutProgress, ColoursOnlyWhenAllowed) {
  RolloutInfo r = rollout_from_json(
      R"({"id": "r5", "state": "running", "apps": [{"app": "db", "state": "failed", "step": "x"}]})");
  EXPECT_EQ(RolloutProgress(r, kColored).rows(kStarted),
            "\033[0;1;31m\u00d7\033[0m db  \033[0;1;31mfailed\033[0m     x\n");
  EXPECT_EQ(RolloutProgress(r, Style{false, false}).rows(kStarted), "x db  failed     x\n");
  // A time that ticks evenly from the start.
  RolloutInfo running = rollout_from_json(
      R"({"id": "r6", "state": "running",
          "apps": [{"app": "db", "state": "running", "started_usec": 1795320000000000}]})");
  EXPECT_EQ(RolloutProgress(running, kPlain).rows(kStarted + 40),
            "\u25cf db  running              0.0s\n");
}
