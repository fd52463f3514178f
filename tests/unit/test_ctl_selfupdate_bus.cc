// hoistctl self-update against a fake hoistd on a private bus: what it
// asks, prints and exits with, and how it waits for hoistd to restart.
#include <gtest/gtest.h>
#include <json-glib/json-glib.h>

#include <cstdlib>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "common/errors.hh"
#include "ctl/commands.hh"
#include "ctl/restart_wait.hh"
#include "test_ctl_bus.hh"
#include "test_ctl_fake_selfupdate.hh"
#include "test_ctl_json.hh"

using namespace hoist;
using namespace hoist::ctl;
using hoist::test::selfupdate_status;

namespace {

constexpr const char* kUrl = "https://github.com/hoist/hoist/releases/tag/v0.1.1";

// SelfUpdate's answer when it installs 0.1.1.
std::string installing() {
  return selfupdate_status({{"latest", "\"0.1.1\""},
                            {"available", "true"},
                            {"release_url", std::string("\"") + kUrl + "\""},
                            {"installing", "\"0.1.1\""}});
}

class CtlSelfUpdate : public test::CtlBusTest {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
    CtlBusTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    selfupdate_ = std::make_unique<test::FakeSelfUpdate>(hoistd());
    ASSERT_TRUE(selfupdate_->ok());
  }
  void TearDown() override {
    CtlBusTest::TearDown();  // first: hoistd's thread serves the self-update methods
    selfupdate_.reset();
  }

  test::FakeSelfUpdate& selfupdate() { return *selfupdate_; }

  // "hoistctl --user self-update", with --check if check.
  static Options self_update_options(bool check) {
    Options o = options(Verb::SelfUpdate);
    o.check = check;
    return o;
  }

  int self_update(const Options& o) {
    return run([&](Client& c) { return run_self_update(c, o); });
  }
  int self_update_again(const Options& o) {
    return run_again([&](Client& c) { return run_self_update(c, o); });
  }

 private:
  std::unique_ptr<test::FakeSelfUpdate> selfupdate_;
};

}  // namespace

TEST_F(CtlSelfUpdate, CheckFindsANewerRelease) {
  selfupdate().status = selfupdate_status(
      {{"latest", "\"0.1.1\""}, {"available", "true"}, {"release_url", std::string("\"") + kUrl + "\""}});
  Options o = self_update_options(true);
  EXPECT_EQ(self_update(o), 0) << err_;
  EXPECT_EQ(out_, std::string("hoistd 0.1.0 is running; 0.1.1 is available: ") + kUrl +
                      "\nInstall it with 'hoistctl --user self-update'.\n");
  EXPECT_EQ(err_, "");
  o.json = true;
  EXPECT_EQ(self_update_again(o), 0) << err_;
  auto node = test::parse_json(out_);
  ASSERT_TRUE(JSON_NODE_HOLDS_OBJECT(node.get())) << out_;
  EXPECT_STREQ(json_object_get_string_member(json_node_get_object(node.get()), "latest"), "0.1.1");
  EXPECT_EQ(selfupdate().calls(), std::vector<std::string>(2, "CheckForUpdate"));
}

TEST_F(CtlSelfUpdate, CheckUpToDate) {
  EXPECT_EQ(self_update(self_update_options(true)), 0) << err_;
  EXPECT_EQ(out_, "hoistd 0.1.0 is up to date (latest release: 0.1.0).\n");
  EXPECT_EQ(err_, "");
}

TEST_F(CtlSelfUpdate, CheckSaysWhenTheLatestFailedHere) {
  selfupdate().status = selfupdate_status(
      {{"latest", "\"0.1.2\""},
       {"failed", R"([{"version": "0.1.2", "at": "2026-11-22T05:00:00Z", "reason": "timeout"}])"}});
  EXPECT_EQ(self_update(self_update_options(true)), 0) << err_;
  EXPECT_EQ(out_,
            "hoistd 0.1.0 is running; the latest release, 0.1.2, failed to start here on "
            "Sun 2026-11-22 05:00:00 UTC (timeout).\n"
            "It is not installed again until a newer release appears.\n");
}

TEST_F(CtlSelfUpdate, NotEnabled) {
  selfupdate().error_name = test::kNotEnabled;
  selfupdate().error_message = "Self-update is not enabled in /etc/hoist/hoist.conf.";
  Options o = self_update_options(true);
  EXPECT_EQ(self_update(o), 1);
  EXPECT_EQ(out_, "");
  EXPECT_EQ(err_, "Self-update is not enabled in /etc/hoist/hoist.conf.\n");
  o.check = false;
  EXPECT_EQ(self_update_again(o), 1);
  EXPECT_EQ(err_, "Self-update is not enabled in /etc/hoist/hoist.conf.\n");
}

TEST_F(CtlSelfUpdate, NotAuthorized) {
  selfupdate().error_name = errors::kNotAuthorized;
  selfupdate().error_message = "Not authorized to update hoistd.";
  EXPECT_EQ(self_update(self_update_options(true)), 4);
  EXPECT_EQ(err_, "Not authorized to update hoistd.\n");
}

TEST_F(CtlSelfUpdate, FailedUpdate) {
  selfupdate().error_name = errors::kFailed;
  selfupdate().error_message = "hoist-0.1.1.tar.gz: SHA-256 does not match SHA256SUMS";
  EXPECT_EQ(self_update(self_update_options(false)), 1);
  EXPECT_EQ(out_, "");
  EXPECT_EQ(err_, "hoist-0.1.1.tar.gz: SHA-256 does not match SHA256SUMS\n");
}

TEST_F(CtlSelfUpdate, AnErrorInTheStatusFailsTheCheck) {
  selfupdate().status = selfupdate_status({{"error", "\"api.github.com: HTTP 503\""}});
  Options o = self_update_options(true);
  EXPECT_EQ(self_update(o), 1);
  EXPECT_EQ(out_, "hoistd 0.1.0 is up to date (latest release: 0.1.0).\n");
  EXPECT_EQ(err_, "The last check for a new release failed: api.github.com: HTTP 503\n");
  o.json = true;  // the error is in the JSON
  EXPECT_EQ(self_update_again(o), 1);
  EXPECT_EQ(err_, "");
}

TEST_F(CtlSelfUpdate, NothingToInstall) {
  Options o = self_update_options(false);
  EXPECT_EQ(self_update(o), 0) << err_;
  EXPECT_EQ(out_, "hoistd 0.1.0 is up to date (latest release: 0.1.0).\n");
  EXPECT_EQ(err_, "");
  EXPECT_EQ(selfupdate().calls(), std::vector<std::string>{"SelfUpdate"});
}

TEST_F(CtlSelfUpdate, NoBlockReturnsOnceInstalled) {
  selfupdate().update = installing();
  Options o = self_update_options(false);
  o.no_block = true;
  EXPECT_EQ(self_update(o), 0) << err_;
  EXPECT_EQ(out_,
            "Installing hoistd 0.1.1 (running 0.1.0); hoistd restarts into it when no deploy is "
            "in flight.\n");
  o.json = true;
  EXPECT_EQ(self_update_again(o), 0) << err_;
  auto node = test::parse_json(out_);
  ASSERT_TRUE(JSON_NODE_HOLDS_OBJECT(node.get())) << out_;
  EXPECT_STREQ(json_object_get_string_member(json_node_get_object(node.get()), "installing"),
               "0.1.1");
  EXPECT_FALSE(json_object_has_member(json_node_get_object(node.get()), "result"));
  EXPECT_EQ(selfupdate().calls(), std::vector<std::string>(2, "SelfUpdate"));
}

TEST_F(CtlSelfUpdate, WaitsForTheNewVersion) {
  selfupdate().update = installing();
  selfupdate().successor_version = "0.1.1";
  EXPECT_EQ(self_update(self_update_options(false)), 0) << err_;
  EXPECT_EQ(out_,
            "Installing hoistd 0.1.1 (running 0.1.0); hoistd restarts into it when no deploy is "
            "in flight.\n"
            "hoistd updated to 0.1.1.\n");
  EXPECT_EQ(err_, "");
  EXPECT_EQ(selfupdate().calls(), std::vector<std::string>{"SelfUpdate"});
}

TEST_F(CtlSelfUpdate, SaysWhenHoistdFellBack) {
  selfupdate().update = installing();
  selfupdate().successor_version = "0.1.0";
  EXPECT_EQ(self_update(self_update_options(false)), 1);
  EXPECT_EQ(out_,
            "Installing hoistd 0.1.1 (running 0.1.0); hoistd restarts into it when no deploy is "
            "in flight.\n");
  EXPECT_EQ(err_,
            "hoistd 0.1.1 did not start; hoistd fell back to 0.1.0.\n"
            "See why with 'hoistctl --user self-update --check'.\n");
}

TEST_F(CtlSelfUpdate, JsonAfterTheRestartHasTheResult) {
  selfupdate().update = installing();
  selfupdate().successor_version = "0.1.0";
  Options o = self_update_options(false);
  o.json = true;
  EXPECT_EQ(self_update(o), 1);
  EXPECT_EQ(err_, "");
  auto node = test::parse_json(out_);
  ASSERT_TRUE(JSON_NODE_HOLDS_OBJECT(node.get())) << out_;
  JsonObject* status = json_node_get_object(node.get());
  EXPECT_STREQ(json_object_get_string_member(status, "result"), "fell-back");
  EXPECT_STREQ(json_object_get_string_member(status, "installing"), "0.1.1");
}

// The hoistd that answers may announce itself while the call runs (the
// call started it): only another owner is the restarted hoistd.
TEST_F(CtlSelfUpdate, TheAnsweringHoistdIsNoRestart) {
  selfupdate().update = installing();
  selfupdate().retake_name_first = true;
  selfupdate().successor_version = "0.1.1";
  hoistd().start();
  Client client = Client::connect(true, false);
  RestartWatch watch(client);
  std::string answered_by;
  EXPECT_EQ(client.self_update(answered_by).installing, "0.1.1");
  EXPECT_FALSE(answered_by.empty());
  watch.ignore_owner(answered_by);
  ASSERT_TRUE(watch.wait(kRestartTimeoutUsec));
  EXPECT_EQ(watch.new_owner(), selfupdate().successor_name());
  EXPECT_NE(watch.new_owner(), answered_by);
}

TEST_F(CtlSelfUpdate, WaitingEndsAtTheTimeLimit) {
  hoistd().start();
  Client client = Client::connect(true, false);
  RestartWatch watch(client);
  EXPECT_FALSE(watch.wait(100 * 1000));
  EXPECT_EQ(watch.new_owner(), "");
}
