// hoistctl rollout, rollout-status and cancel-rollout against a fake hoistd
// on a private bus.
#include <gtest/gtest.h>
#include <signal.h>

#include <string>
#include <vector>

#include "common/errors.hh"
#include "ctl/commands.hh"
#include "test_ctl_bus.hh"
#include "test_ctl_json.hh"
#include "test_ctl_rollout_json.hh"

using namespace hoist;
using namespace hoist::ctl;

namespace {

constexpr const char* kId = "r20261122T040000Z-1";

// A record of kId in state, its apps db and api as given.
std::string record(const std::string& state, const std::string& db, const std::string& api,
                   const std::string& extra = "") {
  return std::string(R"({"id": ")") + kId + R"(", "state": ")" + state +
         R"(", "waves": [["db"], ["api"]], "apps": [{"app": "db", "wave": 0, )" + db +
         R"(}, {"app": "api", "wave": 1, "depends_on": ["db"], )" + api + "}]" + extra + "}";
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

class CtlRollout : public test::CtlBusTest {
 protected:
  // "hoistctl --user rollout db api" with more options to come.
  static Options rollout_options() {
    Options o = options(Verb::Rollout);
    o.apps = {"db", "api"};
    return o;
  }

  int rollout(const Options& o) {
    return run([&](Client& c) { return run_rollout(c, o); });
  }

  // The signals of a rollout of kId in which db and then api succeed.
  static std::vector<test::FakeRollouts::Signal> signals_to_success() {
    return {{"RolloutAppChanged", "someone-else", {"db", "failed", "health"}},
            {"RolloutAppChanged", kId, {"db", "running", "restart"}},
            {"RolloutAppChanged", kId, {"db", "succeeded", "done"}},
            {"RolloutAppChanged", kId, {"api", "running", "restart"}},
            {"RolloutAppChanged", kId, {"api", "succeeded", "done"}},
            {"RolloutFinished", kId, {"succeeded", ""}}};
  }
};

}  // namespace

TEST_F(CtlRollout, NoBlockPrintsTheId) {
  Options o = rollout_options();
  o.no_block = true;
  o.deploy = true;
  o.max_parallel = 2;
  o.skip_migrations = true;
  EXPECT_EQ(rollout(o), 0) << err_;
  EXPECT_EQ(out_, std::string(kId) + "\n");
  o.json = true;
  o.apps.clear();
  o.all = true;
  o.deploy = o.skip_migrations = false;
  o.max_parallel = 0;
  o.force = true;
  EXPECT_EQ(run_again([&](Client& c) { return run_rollout(c, o); }), 0) << err_;
  EXPECT_EQ(out_, std::string(R"({"id":")") + kId + "\"}\n");
  EXPECT_EQ(
      rollouts().calls(),
      (std::vector<std::string>{"Rollout db,api,deploy=true,max-parallel=2,skip-migrations=true",
                                "Rollout all=true,force=true"}));
}

TEST_F(CtlRollout, FollowsToSuccessLineByLine) {
  rollouts().records = {
      record("running", R"("state": "waiting")", R"("state": "waiting")"),
      record("succeeded", R"("state": "succeeded", "step": "done", "duration_usec": 1200000)",
             R"("state": "succeeded", "step": "done", "duration_usec": 3400000)",
             R"(, "started_usec": 1795320000000000, "finished_usec": 1795320005000000)")};
  rollouts().signals = signals_to_success();
  EXPECT_EQ(rollout(rollout_options()), 0) << err_;
  // A line per change (not another rollout's), then the record.
  EXPECT_TRUE(out_.starts_with(std::string("Rollout ") + kId +
                               " started; cancel it with 'hoistctl --user cancel-rollout " + kId +
                               "'.\n"
                               "db: running (restart)\n"
                               "db: succeeded (done)\n"
                               "api: running (restart)\n"
                               "api: succeeded (done)\n"))
      << out_;
  EXPECT_TRUE(contains(out_, std::string(" rollout ") + kId + "\n")) << out_;
  EXPECT_TRUE(contains(out_, "State: succeeded\n")) << out_;
  EXPECT_TRUE(contains(out_, "\ndb   1     succeeded  -     1.2s\n")) << out_;
  EXPECT_TRUE(contains(out_, "\napi  2     succeeded  -     3.4s\n")) << out_;
  EXPECT_EQ(err_, "");
  EXPECT_EQ(rollouts().calls(),
            (std::vector<std::string>{"Rollout db,api", std::string("GetRollout ") + kId,
                                      std::string("GetRollout ") + kId}));
}

TEST_F(CtlRollout, FailureEndsInOneAndPointsAtTheDeploy) {
  rollouts().records = {record(
      "failed", R"("state": "succeeded")",
      R"("state": "failed", "step": "health", "deploy_id": "20261122T040001Z-abcdef",
         "rolled_back": true)",
      R"(, "failed_app": "api", "failed_step": "health", "error": "health gate: HTTP 503")")};
  Options o = rollout_options();
  o.deploy = true;
  EXPECT_EQ(rollout(o), 1);
  EXPECT_TRUE(contains(out_, "State: failed (app api, step health)\n")) << out_;
  EXPECT_TRUE(contains(out_, "Error: health gate: HTTP 503\n")) << out_;
  EXPECT_TRUE(contains(out_, "rolled back; deploy 20261122T040001Z-abcdef\n")) << out_;
  EXPECT_EQ(err_,
            "See 'hoistctl --user deploy-status 20261122T040001Z-abcdef' for every step of api.\n");
}

TEST_F(CtlRollout, JsonPrintsOnlyTheFinalRecord) {
  rollouts().records = {record("running", R"("state": "running")", R"("state": "waiting")"),
                        record("canceled", R"("state": "succeeded")", R"("state": "skipped")")};
  rollouts().signals = {{"RolloutAppChanged", kId, {"db", "succeeded", "done"}},
                        {"RolloutFinished", kId, {"canceled", ""}}};
  Options o = rollout_options();
  o.json = true;
  EXPECT_EQ(rollout(o), 1);  // canceled is no success
  auto node = test::parse_json(out_);
  ASSERT_TRUE(JSON_NODE_HOLDS_OBJECT(node.get())) << out_;
  EXPECT_STREQ(json_object_get_string_member(json_node_get_object(node.get()), "state"),
               "canceled");
  EXPECT_EQ(std::count(out_.begin(), out_.end(), '\n'), 1) << out_;
  EXPECT_EQ(err_, "");
}

TEST_F(CtlRollout, TrustsTheSignalOverALaggingRecord) {
  rollouts().records = {record("running", R"("state": "running")", R"("state": "waiting")")};
  rollouts().signals = {{"RolloutFinished", kId, {"failed", "precheck: db.service is inactive"}}};
  EXPECT_EQ(rollout(rollout_options()), 1);
  EXPECT_TRUE(contains(out_, "State: failed\n")) << out_;
  EXPECT_TRUE(contains(out_, "Error: precheck: db.service is inactive\n")) << out_;
}

TEST_F(CtlRollout, InterruptStopsFollowingNotTheRollout) {
  rollouts().records = {record("running", R"("state": "running")", R"("state": "waiting")")};
  sigset_t mask, old;
  sigemptyset(&mask);
  sigaddset(&mask, SIGINT);
  ASSERT_EQ(sigprocmask(SIG_BLOCK, &mask, &old), 0);
  raise(SIGINT);  // waits, blocked, until hoistctl reads it
  EXPECT_EQ(rollout(rollout_options()), 1);
  sigprocmask(SIG_SETMASK, &old, nullptr);
  EXPECT_EQ(err_, std::string("Stopped following rollout ") + kId +
                      "; it goes on.\nSee how it does with 'hoistctl --user rollout-status " + kId +
                      "', cancel it with 'hoistctl --user cancel-rollout " + kId + "'.\n");
  EXPECT_EQ(rollouts().calls().size(), 2u);  // Rollout, GetRollout: no CancelRollout
}

TEST_F(CtlRollout, RefusalsAndTheirExitStatuses) {
  Options o = rollout_options();
  auto roll = [&](Client& c) { return run_rollout(c, o); };
  o.apps = {"nope"};
  EXPECT_EQ(run(roll), 5);
  EXPECT_EQ(err_, "There is no app \"nope\".\n");
  EXPECT_EQ(out_, "");
  o.apps = {"cycle", "db"};
  EXPECT_EQ(run_again(roll), 1);
  EXPECT_EQ(err_, "The apps depend on each other in a cycle: cycle -> db -> cycle.\n");
  o.apps = {"busy"};
  EXPECT_EQ(run_again(roll), 1);
  EXPECT_EQ(err_, "Rollout r1 is running.\n");
  o.apps = {"locked"};
  o.no_block = true;
  EXPECT_EQ(run_again(roll), 4);
  EXPECT_EQ(err_, "Not authorized to roll out.\n");
  o.apps = {"nope"};
  o.no_block = false;
  o.dry_run = true;
  EXPECT_EQ(run_again(roll), 5);
  EXPECT_EQ(err_, "There is no app \"nope\".\n");
}

TEST_F(CtlRollout, DryRunPrintsThePlan) {
  rollouts().plan = test::kPlan;
  Options o = rollout_options();
  o.dry_run = true;
  o.max_parallel = 1;
  EXPECT_EQ(rollout(o), 0) << err_;
  EXPECT_TRUE(out_.starts_with("Wave 1\n  db: restart db.service\n")) << out_;
  o.json = true;
  EXPECT_EQ(run_again([&](Client& c) { return run_rollout(c, o); }), 0) << err_;
  auto node = test::parse_json(out_);
  ASSERT_TRUE(JSON_NODE_HOLDS_OBJECT(node.get())) << out_;
  EXPECT_EQ(json_array_get_length(
                json_object_get_array_member(json_node_get_object(node.get()), "waves")),
            2u);
  EXPECT_EQ(rollouts().calls(), std::vector<std::string>(2, "PlanRollout db,api,max-parallel=1"));
}

TEST_F(CtlRollout, StatusAndCancel) {
  rollouts().records = {test::kFailedRollout};
  Options o = options(Verb::RolloutStatus);
  o.rollout_id = kId;
  EXPECT_EQ(run([&](Client& c) { return run_rollout_status(c, o); }), 0) << err_;
  EXPECT_TRUE(contains(out_, std::string(" rollout ") + kId + "\n    State: failed")) << out_;
  EXPECT_TRUE(contains(out_, "\nweb    3     skipped    -       -\n")) << out_;
  o.json = true;
  EXPECT_EQ(run_again([&](Client& c) { return run_rollout_status(c, o); }), 0) << err_;
  EXPECT_TRUE(out_.starts_with(std::string(R"({"id":")") + kId)) << out_;

  o.rollout_id = "r0";
  EXPECT_EQ(run_again([&](Client& c) { return run_rollout_status(c, o); }), 4);
  EXPECT_EQ(err_, "There is no rollout \"r0\".\n");

  o.verb = Verb::CancelRollout;
  EXPECT_EQ(run_again([&](Client& c) { return run_cancel_rollout(c, o); }), 5);
  EXPECT_EQ(err_, "There is no rollout \"r0\".\n");
  o.rollout_id = kId;
  EXPECT_EQ(run_again([&](Client& c) { return run_cancel_rollout(c, o); }), 0) << err_;
  EXPECT_EQ(out_, "");
  EXPECT_EQ(rollouts().calls().back(), std::string("CancelRollout ") + kId);
}
