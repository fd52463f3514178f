#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "ctl/deploy_format.hh"
#include "ctl/deploy_progress.hh"
#include "test_ctl_json.hh"

using namespace hoist::ctl;
using hoist::test::record_from_json;

namespace {

constexpr uint64_t kSec = 1000000;
// Thu 2024-11-21 22:08:32 UTC
constexpr uint64_t kStarted = 1732226912 * kSec;

const Style kPlain{false, true};
const Style kColored{true, true};
const Style kAscii{false, false};

class DeployFormat : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
  }
};

StepInfo step(const char* name, const char* result, uint64_t usec, int64_t status = 0,
              const char* tail = "") {
  return {name, result, status, usec, tail};
}

// Thu 2024-11-21 22:08:32 UTC, done 63 s later.
DeployInfo succeeded_deploy() {
  return record_from_json(R"({
    "id": "20241121T220832Z-1a2b3c", "app": "hello", "kind": "deploy", "revision": "main",
    "commit": "0123456789abcdef0123456789abcdef01234567", "state": "succeeded", "step": "health",
    "queued_usec": 1732226912000000, "started_usec": 1732226912000000,
    "finished_usec": 1732226975000000, "release": "20241121T220832Z-0123456",
    "previous_release": "20241120T100000Z-fedcba9",
    "steps": [{"name": "fetch", "result": "success", "duration_usec": 1200000},
              {"name": "build-1", "result": "success", "duration_usec": 42000000}]})");
}

DeployInfo failed_deploy() {
  DeployInfo d = succeeded_deploy();
  d.id = "20241121T230000Z-4d5e6f";
  d.state = "failed";
  d.step = "build-1";
  d.error = "build-1 failed: exit-code";
  d.release = "";
  d.finished_usec = kStarted + 5 * kSec;
  d.steps = {step("fetch", "success", 1200 * 1000),
             step("build-1", "exit-code", 3400 * 1000, 2, "cc -c x.c\nx.c:1: error\n")};
  return d;
}

}  // namespace

TEST(CtlDeployFormat, StateColours) {
  EXPECT_STREQ(deploy_state_color("succeeded"), hoist::ctl::ansi::kGreen);
  EXPECT_STREQ(deploy_state_color("failed"), ansi::kRed);
  EXPECT_STREQ(deploy_state_color("rolled-back"), ansi::kRed);
  EXPECT_STREQ(deploy_state_color("rollback-failed"), ansi::kRed);
  EXPECT_STREQ(deploy_state_color("interrupted"), ansi::kRed);
  EXPECT_STREQ(deploy_state_color("running"), ansi::kYellow);
  EXPECT_STREQ(deploy_state_color("queued"), ansi::kYellow);
  EXPECT_STREQ(deploy_state_color("canceled"), "");
  EXPECT_STREQ(deploy_state_color(""), "");
}

TEST_F(DeployFormat, StepLines) {
  EXPECT_EQ(format_step_line(step("fetch", "success", 1200 * 1000), kPlain),
            "\u2713 fetch      1.2s\n");
  EXPECT_EQ(format_step_line(step("build-1", "exit-code", 3400 * 1000, 2), kPlain),
            "\u2717 build-1    3.4s  exit-code, exit status 2\n");
  EXPECT_EQ(format_step_line(step("health", "failed", 350 * 1000), kPlain),
            "\u2717 health     350ms  failed\n");
  EXPECT_EQ(format_step_line(step("a-very-long-step", "success", 125 * kSec), kPlain),
            "\u2713 a-very-long-step 2min 5s\n");
  EXPECT_EQ(format_step_line(step("fetch", "success", kSec), kAscii), "+ fetch      1.0s\n");
  EXPECT_EQ(format_step_line(step("fetch", "timeout", kSec), kAscii),
            "- fetch      1.0s  timeout\n");
  EXPECT_EQ(format_step_line(step("fetch", "success", kSec), kColored),
            std::string(ansi::kGreen) + "\u2713" + ansi::kReset + " fetch      1.0s\n");
  EXPECT_NE(format_step_line(step("x", "exit-code", kSec, 1), kColored)
                .find(std::string(ansi::kRed) + "exit-code, exit status 1" + ansi::kReset),
            std::string::npos);
}

TEST_F(DeployFormat, Summaries) {
  EXPECT_EQ(format_deploy_summary(succeeded_deploy(), kPlain),
            "hello: deploy 20241121T220832Z-1a2b3c succeeded, release 20241121T220832Z-0123456\n");
  EXPECT_EQ(format_deploy_summary(failed_deploy(), kPlain),
            "hello: deploy 20241121T230000Z-4d5e6f failed: build-1 failed: exit-code\n");
  DeployInfo d = failed_deploy();
  d.state = "rolled-back";
  d.error = "health gate: HTTP 503";
  EXPECT_EQ(format_deploy_summary(d, kPlain),
            "hello: deploy 20241121T230000Z-4d5e6f failed and was rolled back: health gate: "
            "HTTP 503\n");
  d.state = "rollback-failed";
  EXPECT_NE(format_deploy_summary(d, kPlain).find("rolling back failed too"), std::string::npos);
  d.state = "canceled";
  d.error = "";
  EXPECT_EQ(format_deploy_summary(d, kPlain),
            "hello: deploy 20241121T230000Z-4d5e6f was canceled\n");
  d.state = "interrupted";
  EXPECT_NE(format_deploy_summary(d, kPlain).find("interrupted"), std::string::npos);
  d.state = "queued";
  d.error = "not shown before the end";
  EXPECT_EQ(format_deploy_summary(d, kPlain), "hello: deploy 20241121T230000Z-4d5e6f queued\n");
  d.state = "running";
  d.kind = "rollback";
  EXPECT_EQ(format_deploy_summary(d, kPlain), "hello: rollback 20241121T230000Z-4d5e6f running\n");
  d.state = "a-new-state";
  EXPECT_EQ(format_deploy_summary(d, kPlain),
            "hello: rollback 20241121T230000Z-4d5e6f a-new-state: not shown before the end\n");
  EXPECT_NE(format_deploy_summary(succeeded_deploy(), kColored)
                .find(std::string(ansi::kGreen) + "succeeded, release"),
            std::string::npos);
}

TEST_F(DeployFormat, FailureOutput) {
  EXPECT_EQ(format_failure_output(failed_deploy()),
            "Last output of step build-1:\n"
            "  cc -c x.c\n"
            "  x.c:1: error\n");
  EXPECT_EQ(format_failure_output(succeeded_deploy()), "");
  DeployInfo d = failed_deploy();
  d.steps.back().output_tail = "";
  EXPECT_EQ(format_failure_output(d), "");
  d.steps.back().output_tail = "no newline at the end";
  EXPECT_EQ(format_failure_output(d), "Last output of step build-1:\n  no newline at the end\n");
}

TEST_F(DeployFormat, HistoryTable) {
  DeployInfo running;
  running.id = "20241121T231500Z-777777";
  running.kind = "rollback";
  running.state = "running";
  running.step = "restart";
  running.started_usec = kStarted + 3600 * kSec;
  DeployInfo queued;
  queued.id = "20241121T232000Z-888888";
  queued.kind = "deploy";
  queued.revision = "v1.2";
  queued.state = "queued";
  EXPECT_EQ(format_deploy_history({queued, running, failed_deploy(), succeeded_deploy()}, kPlain),
            "ID                       KIND      STATE      REVISION  STARTED              "
            "DURATION  STEP\n"
            "20241121T232000Z-888888  deploy    queued     v1.2      -                    -"
            "         -\n"
            "20241121T231500Z-777777  rollback  running    -         2024-11-21 23:08:32  -"
            "         restart\n"
            "20241121T230000Z-4d5e6f  deploy    failed     0123456   2024-11-21 22:08:32  5s"
            "        build-1\n"
            "20241121T220832Z-1a2b3c  deploy    succeeded  0123456   2024-11-21 22:08:32  "
            "1min 3s   -\n");
  std::string colored = format_deploy_history({failed_deploy()}, kColored);
  EXPECT_NE(colored.find(std::string(ansi::kRed) + "failed" + ansi::kReset + "  0123456"),
            std::string::npos)
      << colored;
  EXPECT_EQ(colored.rfind(std::string(ansi::kBold) + "ID" + ansi::kReset, 0), 0u);
}

TEST_F(DeployFormat, PendingTable) {
  constexpr uint64_t kMinute = 60 * kSec;
  std::vector<PendingInfo> pending = {
      {"hello", "20241121T220832Z-1a2b3c", "0123456789abcdef0123456789abcdef01234567",
       kStarted + 30 * kMinute},
      {"my-app", "20241121T221000Z-4d5e6f", "v1.2", kStarted + 3 * kMinute + 20 * kSec},
      {"old", "20241121T215000Z-777777", "0123456789ABCDEF0123456789ABCDEF01234567", kStarted},
      {"odd", "20241121T215500Z-888888", "0123456789abcdef0123456789abcdef0123456x",
       kStarted - kSec},
      {"head", "20241121T215900Z-999999", "", kStarted + 90 * kMinute}};
  EXPECT_EQ(format_pending_table(pending, kPlain, kStarted),
            "APP     DEPLOY                   REVISION                                  EXPIRES\n"
            "hello   20241121T220832Z-1a2b3c  0123456                                   "
            "2024-11-21 22:38:32 (in 30min)\n"
            "my-app  20241121T221000Z-4d5e6f  v1.2                                      "
            "2024-11-21 22:11:52 (in 3min 20s)\n"
            "old     20241121T215000Z-777777  0123456                                   "
            "2024-11-21 22:08:32 (expired)\n"
            "odd     20241121T215500Z-888888  0123456789abcdef0123456789abcdef0123456x  "
            "2024-11-21 22:08:31 (expired)\n"
            "head    20241121T215900Z-999999  -                                         "
            "2024-11-21 23:38:32 (in 1h 30min)\n");
  EXPECT_EQ(format_pending_table({}, kColored, kStarted).rfind(
                std::string(ansi::kBold) + "APP" + ansi::kReset, 0),
            0u);
}

TEST(CtlDeployJson, Pending) {
  EXPECT_EQ(pending_to_json({{"hello", "20241121T220832Z-1a2b3c",
                              "0123456789abcdef0123456789abcdef01234567", 1732228712000000}}),
            R"([{"app":"hello","deploy_id":"20241121T220832Z-1a2b3c",)"
            R"("revision":"0123456789abcdef0123456789abcdef01234567",)"
            R"("expires_usec":1732228712000000}])");
  EXPECT_EQ(pending_to_json({}), "[]");
}

TEST_F(DeployFormat, Record) {
  EXPECT_EQ(format_deploy_record(failed_deploy(), kPlain, kStarted + 3600 * kSec),
            "\u00d7 hello: deploy 20241121T230000Z-4d5e6f\n"
            "    State: failed (step build-1)\n"
            " Revision: main\n"
            "   Commit: 0123456789abcdef0123456789abcdef01234567\n"
            " Previous: 20241120T100000Z-fedcba9\n"
            "  Started: Thu 2024-11-21 22:08:32 UTC; 1h 0min ago\n"
            " Finished: Thu 2024-11-21 22:08:37 UTC; took 5s\n"
            "    Error: build-1 failed: exit-code\n"
            "\n"
            "Steps:\n"
            "  \u2713 fetch      1.2s\n"
            "  \u2717 build-1    3.4s  exit-code, exit status 2\n"
            "      cc -c x.c\n"
            "      x.c:1: error\n");
}

TEST_F(DeployFormat, RecordOfAQueuedRollbackWithOptions) {
  DeployInfo d = record_from_json(R"({
    "id": "20241121T232000Z-888888", "app": "hello", "kind": "rollback", "state": "queued",
    "release": "20241120T100000Z-fedcba9", "queued_usec": 1732226912000000,
    "options": {"force": true, "skip_migrations": true}})");
  EXPECT_EQ(format_deploy_record(d, kAscii, kStarted + 5 * kSec),
            "* hello: rollback 20241121T232000Z-888888\n"
            "    State: queued\n"
            "  Release: 20241120T100000Z-fedcba9\n"
            "  Options: force, skip-migrations\n"
            "   Queued: Thu 2024-11-21 22:08:32 UTC; 5s ago\n");
  d.kind = "deploy";
  d.force = false;
  d.skip_migrations = false;
  EXPECT_NE(format_deploy_record(d, kPlain, kStarted).find("\n Revision: the head of the branch\n"),
            std::string::npos);
}

TEST_F(DeployFormat, Plan) {
  std::vector<PlanStep> plan = {{"fetch", "git clone --branch main -- /srv/git/hello.git"},
                                {"build-1", "make"},
                                {"switch", "current -> the new release"},
                                {"health", ""}};
  EXPECT_EQ(format_plan(plan),
            "1. fetch    git clone --branch main -- /srv/git/hello.git\n"
            "2. build-1  make\n"
            "3. switch   current -> the new release\n"
            "4. health\n");
  std::vector<PlanStep> long_plan(10, {"build", "make"});
  std::string text = format_plan(long_plan);
  EXPECT_EQ(text.rfind(" 1. build  make\n", 0), 0u) << text;
  EXPECT_NE(text.find("\n10. build  make\n"), std::string::npos) << text;
  EXPECT_EQ(format_plan({}), "");
  EXPECT_EQ(
      plan_to_json(plan).rfind(
          R"([{"step":"fetch","description":"git clone --branch main -- /srv/git/hello.git"},)", 0),
      0u);
  EXPECT_EQ(plan_to_json({}), "[]");
}

TEST(CtlDeployJson, Id) { EXPECT_EQ(deploy_id_to_json("x-1"), R"({"id":"x-1"})"); }

TEST_F(DeployFormat, ProgressFromSuccessiveRecords) {
  DeployProgress progress(kPlain);
  DeployInfo d = succeeded_deploy();
  d.state = "queued";
  d.steps.clear();
  EXPECT_EQ(progress.update(d), "hello: deploy 20241121T220832Z-1a2b3c queued\n");
  d.state = "running";
  EXPECT_EQ(progress.update(d), "");
  d.steps = {step("fetch", "success", 1200 * 1000)};
  EXPECT_EQ(progress.update(d), "\u2713 fetch      1.2s\n");
  EXPECT_EQ(progress.update(d), "");  // the same record again (a repeated signal)
  DeployInfo done = succeeded_deploy();
  EXPECT_EQ(progress.update(done),
            "\u2713 build-1    42.0s\n"
            "hello: deploy 20241121T220832Z-1a2b3c succeeded, release 20241121T220832Z-0123456\n");
  EXPECT_EQ(progress.update(done), "");
}

TEST_F(DeployFormat, ProgressOfADeployAlreadyOver) {
  DeployProgress progress(kPlain);
  EXPECT_EQ(progress.update(failed_deploy()),
            "\u2713 fetch      1.2s\n"
            "\u2717 build-1    3.4s  exit-code, exit status 2\n"
            "hello: deploy 20241121T230000Z-4d5e6f failed: build-1 failed: exit-code\n");
}
