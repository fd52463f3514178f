// hoistctl's app and deploy commands against a fake hoistd on a private bus.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/errors.hh"
#include "ctl/bus_client.hh"
#include "ctl/commands.hh"
#include "ctl/deploy_wait.hh"
#include "ctl/time_format.hh"
#include "test_ctl_bus.hh"
#include "test_ctl_json.hh"

using namespace hoist;
using namespace hoist::ctl;
using hoist::test::FakeHoistd;

namespace {

constexpr const char* kId = "20261121T224435Z-1a2b3c";

std::string record(const std::string& state, int steps, const std::string& extra = "") {
  std::string text = std::string(R"({"id": ")") + kId + R"(", "app": "hello", "kind": "deploy", )" +
                     R"("state": ")" + state + R"(", "release": "r3", "steps": [)";
  if (steps > 0) text += R"({"name": "fetch", "result": "success", "duration_usec": 1200000})";
  if (steps > 1) text += R"(, {"name": "build-1", "result": "success", "duration_usec": 2000000})";
  return text + "]" + extra + "}";
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// fn must throw CallError with this D-Bus error name and message.
template <class Fn>
void expect_call_error(const Fn& fn, const std::string& name, const char* message) {
  try {
    fn();
    ADD_FAILURE() << "no error, expected " << name;
  } catch (const CallError& e) {
    EXPECT_EQ(e.name(), name);
    EXPECT_STREQ(e.what(), message);
  }
}

class CtlBus : public test::CtlBusTest {
 protected:
  // Runs verb plain, then with --json: each must print kId as deploy and
  // rollback do.
  void expect_prints_the_id(Options o, int (*verb)(Client&, const Options&)) {
    EXPECT_EQ(run([&](Client& c) { return verb(c, o); }), 0) << err_;
    EXPECT_EQ(out_, std::string(kId) + "\n");
    o.json = true;
    EXPECT_EQ(run_again([&](Client& c) { return verb(c, o); }), 0) << err_;
    EXPECT_EQ(out_, std::string(R"({"id":")") + kId + "\"}\n");
  }

  // What --wait prints for a deploy of kId that went from queued through
  // fetch and build-1 to success (records queued, running, succeeded).
  void expect_followed_to_success() {
    EXPECT_TRUE(out_.starts_with(std::string("hello: deploy ") + kId + " queued\n")) << out_;
    EXPECT_TRUE(contains(out_, " fetch      1.2s\n")) << out_;
    EXPECT_TRUE(contains(out_, " build-1    2.0s\n")) << out_;
    EXPECT_TRUE(out_.ends_with(std::string("hello: deploy ") + kId + " succeeded, release r3\n"))
        << out_;
    EXPECT_EQ(err_, "");
  }
};

}  // namespace

TEST_F(CtlBus, ReadsApps) {
  hoistd().records = {record("succeeded", 2)};
  hoistd().start();
  Client client = Client::connect(true, false);

  EXPECT_EQ(client.list_apps(),
            (std::vector<AppInfo>{{.name = "hello",
                                   .description = "Hello example",
                                   .state = "idle",
                                   .current_release = "r2",
                                   .last_result = "succeeded",
                                   .object_path = "/org/hoist/Hoist1/app/hello"},
                                  {.name = "my-app",
                                   .state = "deploying",
                                   .object_path = "/org/hoist/Hoist1/app/my_2dapp"}}));
  // Every property of the object, its unknown ones (Generation u) skipped.
  EXPECT_EQ(client.app("hello"), (AppInfo{.name = "hello",
                                          .description = "Hello example",
                                          .state = "idle",
                                          .current_release = "r2",
                                          .current_commit = "c2",
                                          .last_deploy = "d2",
                                          .last_result = "rolled-back",
                                          .failed_step = "health",
                                          .pending_deploy = FakeHoistd::kPendingDeploy,
                                          .object_path = "/org/hoist/Hoist1/app/hello"}));
  expect_call_error([&] { client.app("nope"); }, errors::kNoSuchApp, "There is no app 'nope'.");

  EXPECT_EQ(client.list_releases("hello"), (std::vector<ReleaseInfo>{{"r1", false}, {"r2", true}}));

  auto history = client.history("hello", 5);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].id, kId);
  EXPECT_EQ(history[0].steps.size(), 2u);
  EXPECT_EQ(client.get_deploy(kId).state, "succeeded");

  EXPECT_EQ(
      client.plan_deploy({"hello", "v1", true, false}),
      (std::vector<PlanStep>{{"fetch", "git clone -- /srv/git/hello.git"}, {"build-1", "make"}}));

  EXPECT_EQ(client.reload_config(),
            std::vector<std::string>{"/etc/hoist/apps/a.app:3: Branch: must not be empty"});
  EXPECT_EQ(hoistd().calls(),
            (std::vector<std::string>{"ListApps", "ListReleases hello", "History hello,5",
                                      std::string("GetDeploy ") + kId,
                                      "PlanDeploy hello,v1,force=true", "Reload"}));
}

TEST_F(CtlBus, WatchSeesOnlyItsDeploy) {
  hoistd().signals = {{"DeployFinished", "someone-else", "failed"},
                      {"StepFinished", kId, "success"},
                      {"DeployFinished", kId, "succeeded"}};
  hoistd().start();
  Client client = Client::connect(true, false);
  DeployWatch watch(client);
  std::string id = client.deploy({"hello", "", false, false});
  EXPECT_EQ(id, kId);
  watch.follow(id);
  WatchEvent e = watch.next();
  EXPECT_EQ(e.kind, WatchEvent::StepFinished);
  e = watch.next();
  EXPECT_EQ(e.kind, WatchEvent::DeployFinished);
  EXPECT_EQ(e.state, "succeeded");
}

TEST_F(CtlBus, DeployPrintsTheId) {
  Options o = options(Verb::Deploy);
  o.skip_migrations = true;
  expect_prints_the_id(o, run_deploy);
  EXPECT_EQ(hoistd().calls(), std::vector<std::string>(2, "Deploy hello,,skip-migrations=true"));
}

TEST_F(CtlBus, DeployWaitFollowsToSuccess) {
  hoistd().records = {record("queued", 0), record("running", 1), record("succeeded", 2)};
  hoistd().signals = {{"DeployFinished", "someone-else", "failed"},
                      {"StepFinished", kId, "success"},
                      {"DeployFinished", kId, "succeeded"}};
  Options o = options(Verb::Deploy);
  o.wait = true;
  o.revision = "v1.2";
  o.force = true;
  EXPECT_EQ(run([&](Client& c) { return run_deploy(c, o); }), 0) << err_;
  expect_followed_to_success();
  EXPECT_EQ(hoistd().calls().front(), "Deploy hello,v1.2,force=true");
}

TEST_F(CtlBus, DeployWaitReportsARollback) {
  hoistd().records = {
      record("running", 1),
      record("rolled-back", 1,
             R"(, "step": "health", "error": "health gate: HTTP 503",)"
             R"( "steps": [{"name": "health", "result": "failed", "output_tail": "HTTP 503\n"}])")};
  hoistd().signals = {{"DeployFinished", kId, "rolled-back"}};
  Options o = options(Verb::Deploy);
  o.wait = true;
  EXPECT_EQ(run([&](Client& c) { return run_deploy(c, o); }), 1);
  EXPECT_TRUE(contains(out_, "failed and was rolled back: health gate: HTTP 503\n")) << out_;
  EXPECT_TRUE(contains(err_, "Last output of step health:\n  HTTP 503\n")) << err_;
  EXPECT_TRUE(contains(err_, std::string("hoistctl --user deploy-status ") + kId)) << err_;
}

TEST_F(CtlBus, DeployWaitEndsWhenHoistdGoesAway) {
  hoistd().records = {record("running", 0)};
  hoistd().release_name_after_first_get = true;
  Options o = options(Verb::Deploy);
  o.wait = true;
  EXPECT_EQ(run([&](Client& c) { return run_deploy(c, o); }), 1);
  EXPECT_TRUE(contains(err_, std::string("hoistd stopped while deploy ") + kId)) << err_;
}

TEST_F(CtlBus, DeployWaitTrustsTheSignalOverALaggingRecord) {
  hoistd().records = {record("running", 0)};
  hoistd().signals = {{"DeployFinished", kId, "succeeded"}};
  Options o = options(Verb::Deploy);
  o.wait = true;
  o.json = true;
  EXPECT_EQ(run([&](Client& c) { return run_deploy(c, o); }), 0) << err_;
  EXPECT_TRUE(out_.starts_with(std::string(R"({"id":")") + kId)) << out_;
}

TEST_F(CtlBus, RollbackWaitJson) {
  hoistd().records = {record("succeeded", 0)};
  Options o = options(Verb::Rollback);
  o.release = "r1";
  o.wait = true;
  o.json = true;
  EXPECT_EQ(run([&](Client& c) { return run_rollback(c, o); }), 0) << err_;
  EXPECT_TRUE(contains(out_, R"("state":"succeeded")")) << out_;
  EXPECT_EQ(hoistd().calls().front(), "Rollback hello,r1");
}

TEST_F(CtlBus, DryRunPlansOnly) {
  Options o = options(Verb::Deploy);
  o.dry_run = true;
  EXPECT_EQ(run([&](Client& c) { return run_deploy(c, o); }), 0) << err_;
  EXPECT_EQ(out_, "1. fetch    git clone -- /srv/git/hello.git\n2. build-1  make\n");
  EXPECT_EQ(hoistd().calls(), std::vector<std::string>{"PlanDeploy hello,"});
}

TEST_F(CtlBus, ShowAndItsExitStatuses) {
  hoistd().records = {record("rolled-back", 1)};
  Options o = options(Verb::Show);
  EXPECT_EQ(run([&](Client& c) { return run_show(c, o); }), 0) << err_;
  EXPECT_TRUE(contains(out_, "Last deploy: d2 (rolled-back)\n")) << out_;
  EXPECT_TRUE(contains(out_, std::string("Pending: ") + FakeHoistd::kPendingDeploy +
                                 " (confirm with: hoistctl --user confirm hello)\n"))
      << out_;
  EXPECT_TRUE(contains(out_, "* r2\n")) << out_;
  EXPECT_EQ(hoistd().calls().back(), "History hello,5");

  o.app = "nope";
  Client client = Client::connect(true, false);
  testing::internal::CaptureStderr();
  EXPECT_EQ(run_show(client, o), 4);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "There is no app 'nope'.\n");
  o.verb = Verb::Releases;
  testing::internal::CaptureStderr();
  EXPECT_EQ(run_releases(client, o), 4);
  testing::internal::GetCapturedStderr();
  o.verb = Verb::DeployStatus;
  o.deploy_id = "20261121T000000Z-000000";
  testing::internal::CaptureStderr();
  EXPECT_EQ(run_deploy_status(client, o), 4);
  testing::internal::GetCapturedStderr();
}

TEST_F(CtlBus, ReloadReportsProblems) {
  Options o = options(Verb::ReloadConfig);
  EXPECT_EQ(run([&](Client& c) { return run_reload_config(c, o); }), 1);
  EXPECT_EQ(err_, "/etc/hoist/apps/a.app:3: Branch: must not be empty\n");
  EXPECT_EQ(out_, "");
}

TEST_F(CtlBus, ReadsPendingAndConfirms) {
  hoistd().pending = {{"hello", kId, "v1.2", 1732228712000000}};
  hoistd().start();
  Client client = Client::connect(true, false);
  EXPECT_EQ(client.list_pending(),
            (std::vector<PendingInfo>{{"hello", kId, "v1.2", 1732228712000000}}));
  EXPECT_EQ(client.confirm("hello"), kId);
  expect_call_error([&] { client.confirm("quiet"); }, errors::kNoSuchDeploy,
                    "No deploy of quiet waits for confirmation.");
  EXPECT_EQ(hoistd().calls(),
            (std::vector<std::string>{"ListPending", "Confirm hello", "Confirm quiet"}));
}

TEST_F(CtlBus, ConfirmPrintsTheId) {
  expect_prints_the_id(options(Verb::Confirm), run_confirm);
  EXPECT_EQ(hoistd().calls(), std::vector<std::string>(2, "Confirm hello"));
}

TEST_F(CtlBus, ConfirmWaitFollowsLikeDeploy) {
  hoistd().records = {record("queued", 0), record("running", 1), record("succeeded", 2)};
  hoistd().signals = {{"StepFinished", kId, "success"}, {"DeployFinished", kId, "succeeded"}};
  Options o = options(Verb::Confirm);
  o.wait = true;
  EXPECT_EQ(run([&](Client& c) { return run_confirm(c, o); }), 0) << err_;
  expect_followed_to_success();
  EXPECT_EQ(hoistd().calls().front(), "Confirm hello");
}

TEST_F(CtlBus, ConfirmWaitReportsAFailure) {
  hoistd().records = {record("failed", 1, R"(, "step": "build-1", "error": "build-1 failed")")};
  hoistd().signals = {{"DeployFinished", kId, "failed"}};
  Options o = options(Verb::Confirm);
  o.wait = true;
  EXPECT_EQ(run([&](Client& c) { return run_confirm(c, o); }), 1);
  EXPECT_TRUE(contains(out_, "failed: build-1 failed\n")) << out_;
  EXPECT_TRUE(contains(err_, std::string("hoistctl --user deploy-status ") + kId)) << err_;
}

TEST_F(CtlBus, ConfirmExitStatuses) {
  Options o = options(Verb::Confirm);
  auto confirm = [&](Client& c) { return run_confirm(c, o); };
  o.app = "quiet";
  EXPECT_EQ(run(confirm), 5);
  EXPECT_EQ(err_, "No deploy of quiet waits for confirmation.\n");
  EXPECT_EQ(out_, "");
  o.wait = true;  // the same, having subscribed to the signals first
  EXPECT_EQ(run_again(confirm), 5);
  EXPECT_EQ(err_, "No deploy of quiet waits for confirmation.\n");
  o.app = "nope";
  EXPECT_EQ(run_again(confirm), 5);
  EXPECT_EQ(err_, "There is no app \"nope\".\n");
  o.app = "locked";
  EXPECT_EQ(run_again(confirm), 4);
  EXPECT_EQ(err_, "Not authorized to deploy locked.\n");
}

TEST_F(CtlBus, PendingTableAndJson) {
  constexpr uint64_t kMinute = 60ull * 1000 * 1000;
  uint64_t expires = now_realtime_usec() + 30 * kMinute + kMinute / 2;
  hoistd().pending = {{"hello", kId, "0123456789abcdef0123456789abcdef01234567", expires},
                      {"my-app", "20261121T230000Z-4d5e6f", "v1.2", expires + 10 * kMinute}};
  Options o = options(Verb::Pending);
  EXPECT_EQ(run([&](Client& c) { return run_pending(c, o); }), 0) << err_;
  EXPECT_TRUE(out_.starts_with("APP     DEPLOY                   REVISION  EXPIRES\n")) << out_;
  EXPECT_TRUE(contains(out_, std::string("\nhello   ") + kId + "  0123456   " +
                                 format_table_time(expires) + " (in 30min)\n"))
      << out_;
  EXPECT_TRUE(contains(out_, "\nmy-app  20261121T230000Z-4d5e6f  v1.2      ")) << out_;
  EXPECT_TRUE(out_.ends_with(" (in 40min)\n")) << out_;

  o.json = true;
  EXPECT_EQ(run_again([&](Client& c) { return run_pending(c, o); }), 0) << err_;
  auto node = test::parse_json(out_);
  ASSERT_TRUE(JSON_NODE_HOLDS_ARRAY(node.get()));
  JsonArray* a = json_node_get_array(node.get());
  ASSERT_EQ(json_array_get_length(a), 2u);
  JsonObject* first = json_array_get_object_element(a, 0);
  EXPECT_STREQ(json_object_get_string_member(first, "app"), "hello");
  EXPECT_STREQ(json_object_get_string_member(first, "deploy_id"), kId);
  EXPECT_STREQ(json_object_get_string_member(first, "revision"),
               "0123456789abcdef0123456789abcdef01234567");  // whole, unlike the table
  EXPECT_EQ(json_object_get_int_member(first, "expires_usec"), static_cast<gint64>(expires));
}

TEST_F(CtlBus, PendingWhenNothingWaits) {
  Options o = options(Verb::Pending);
  EXPECT_EQ(run([&](Client& c) { return run_pending(c, o); }), 0) << err_;
  EXPECT_EQ(out_, "No deploy waits for confirmation.\n");
  o.json = true;
  EXPECT_EQ(run_again([&](Client& c) { return run_pending(c, o); }), 0) << err_;
  EXPECT_EQ(out_, "[]\n");
  EXPECT_EQ(hoistd().calls(), std::vector<std::string>(2, "ListPending"));
}
