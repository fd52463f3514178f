#include <gtest/gtest.h>

#include <string>

#include "ctl/deploy_format.hh"
#include "ctl/deploy_info.hh"
#include "test_ctl_json.hh"

using namespace hoist::ctl;
using hoist::test::record_from_json;

namespace {

// A record as hoistd sends it (dbus/org.hoist.Hoist1.Manager.xml).
const char* const kFailedRecord = R"({
  "id": "20261121T224435Z-1a2b3c", "app": "hello", "kind": "deploy",
  "revision": "main", "commit": "0123456789abcdef0123456789abcdef01234567",
  "state": "failed", "step": "build-1", "error": "build-1 failed: exit-code",
  "queued_usec": 1732226912000000, "started_usec": 1732226913000000,
  "finished_usec": 1732226920500000, "release": "", "previous_release": "r1",
  "options": {"force": true, "skip_migrations": false, "dry_run": false},
  "steps": [
    {"name": "fetch", "result": "success", "exit_status": 0, "duration_usec": 1200000,
     "output_tail": "Cloning..."},
    {"name": "build-1", "result": "exit-code", "exit_status": 2, "duration_usec": 3400000,
     "output_tail": "make: *** [all] Error 2\n"}
  ],
  "something_new": {"a": 1}
})";

std::string parse_error(const std::string& text) {
  std::string error;
  EXPECT_FALSE(parse_deploy_record(text, error));
  return error;
}

}  // namespace

TEST(CtlDeployInfo, ReadsEveryDocumentedMember) {
  DeployInfo d = record_from_json(kFailedRecord);
  EXPECT_EQ(d.id, "20261121T224435Z-1a2b3c");
  EXPECT_EQ(d.app, "hello");
  EXPECT_EQ(d.kind, "deploy");
  EXPECT_EQ(d.revision, "main");
  EXPECT_EQ(d.commit, "0123456789abcdef0123456789abcdef01234567");
  EXPECT_EQ(d.state, "failed");
  EXPECT_EQ(d.step, "build-1");
  EXPECT_EQ(d.error, "build-1 failed: exit-code");
  EXPECT_EQ(d.queued_usec, 1732226912000000u);
  EXPECT_EQ(d.started_usec, 1732226913000000u);
  EXPECT_EQ(d.finished_usec, 1732226920500000u);
  EXPECT_EQ(d.release, "");
  EXPECT_EQ(d.previous_release, "r1");
  EXPECT_TRUE(d.force);
  EXPECT_FALSE(d.skip_migrations);
  ASSERT_EQ(d.steps.size(), 2u);
  EXPECT_EQ(d.steps[0].name, "fetch");
  EXPECT_TRUE(d.steps[0].succeeded());
  EXPECT_EQ(d.steps[0].duration_usec, 1200000u);
  EXPECT_EQ(d.steps[1].result, "exit-code");
  EXPECT_EQ(d.steps[1].exit_status, 2);
  EXPECT_EQ(d.steps[1].output_tail, "make: *** [all] Error 2\n");
  EXPECT_FALSE(d.steps[1].succeeded());
  EXPECT_TRUE(d.finished());
  EXPECT_FALSE(d.succeeded());
}

TEST(CtlDeployInfo, MissingOrMistypedMembersReadAsEmpty) {
  DeployInfo d = record_from_json(
      R"({"id": "x1", "state": 3, "queued_usec": -5, "started_usec": "soon",
          "options": [], "steps": [{"name": "fetch", "duration_usec": null}, 7]})");
  EXPECT_EQ(d.id, "x1");
  EXPECT_EQ(d.app, "");
  EXPECT_EQ(d.state, "");
  EXPECT_EQ(d.queued_usec, 0u);
  EXPECT_EQ(d.started_usec, 0u);
  EXPECT_FALSE(d.force);
  ASSERT_EQ(d.steps.size(), 1u);
  EXPECT_EQ(d.steps[0].duration_usec, 0u);
  EXPECT_FALSE(d.finished());  // no state is not an end
}

TEST(CtlDeployInfo, RefusesWhatIsNotARecord) {
  EXPECT_NE(parse_error("{"), "");
  EXPECT_NE(parse_error(""), "");
  EXPECT_EQ(parse_error("[1]"), "the deploy record is not a JSON object");
  EXPECT_EQ(parse_error(R"({"app": "hello"})"), "the deploy record has no id");
}

TEST(CtlDeployInfo, KeepsTheRecordAsSentForJson) {
  DeployInfo d = record_from_json(kFailedRecord);
  std::string json = deploy_to_json(d);
  EXPECT_NE(json.find("\"something_new\":{\"a\":1}"), std::string::npos) << json;
  EXPECT_NE(json.find("\"dry_run\":false"), std::string::npos) << json;
  DeployInfo again = record_from_json(json);
  EXPECT_EQ(again.id, d.id);
  EXPECT_EQ(again.steps.size(), 2u);
  EXPECT_EQ(deploy_to_json(DeployInfo{}), "null");
}

TEST(CtlDeployInfo, History) {
  std::string error;
  auto list = parse_deploy_records(
      std::string("[") + kFailedRecord + R"(, {"id": "x0", "state": "succeeded"}])", error);
  ASSERT_TRUE(list) << error;
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, "20261121T224435Z-1a2b3c");
  EXPECT_EQ((*list)[1].id, "x0");
  EXPECT_TRUE((*list)[1].succeeded());
  EXPECT_EQ(deploys_to_json(*list).rfind("[{\"id\":\"20261121T224435Z-1a2b3c\"", 0), 0u);

  auto empty = parse_deploy_records("[]", error);
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
  EXPECT_EQ(deploys_to_json(*empty), "[]");

  EXPECT_FALSE(parse_deploy_records(kFailedRecord, error));
  EXPECT_EQ(error, "the deploy history is not a JSON array");
  EXPECT_FALSE(parse_deploy_records("[{\"state\": \"failed\"}]", error));
  EXPECT_EQ(error, "the deploy record has no id");
}

TEST(CtlDeployInfo, FinishedStates) {
  DeployInfo d;
  for (const char* state : {"queued", "running", ""}) {
    d.state = state;
    EXPECT_FALSE(d.finished()) << state;
  }
  for (const char* state : {"succeeded", "failed", "rolled-back", "rollback-failed", "interrupted",
                            "canceled", "a-state-from-the-future"}) {
    d.state = state;
    EXPECT_TRUE(d.finished()) << state;
  }
}

TEST(CtlDeployInfo, FailedStep) {
  DeployInfo d;
  EXPECT_EQ(d.failed_step(), nullptr);
  d.steps = {{"fetch", "success", 0, 1, ""},
             {"health", "failed", 0, 1, "probe: 503"},
             {"rollback", "success", 0, 1, ""}};
  d.step = "health";
  ASSERT_NE(d.failed_step(), nullptr);
  EXPECT_EQ(d.failed_step()->name, "health");
  // The record's step not among the failed ones: the last failed step.
  d.step = "stabilize";
  d.steps.push_back({"rollback", "failed", 0, 1, "unhealthy too"});
  ASSERT_NE(d.failed_step(), nullptr);
  EXPECT_EQ(d.failed_step()->output_tail, "unhealthy too");
  d.steps = {{"fetch", "success", 0, 1, ""}};
  EXPECT_EQ(d.failed_step(), nullptr);
}
