// hoistd's self-update status as hoistctl reads and shows it.
#include <gtest/gtest.h>
#include <json-glib/json-glib.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "ctl/selfupdate_format.hh"
#include "ctl/selfupdate_info.hh"
#include "test_ctl_fake_selfupdate.hh"
#include "test_ctl_json.hh"

using namespace hoist;
using namespace hoist::ctl;
using hoist::test::selfupdate_status;

namespace {

constexpr const char* kFailed =
    R"([{"version": "0.1.2", "at": "2026-11-22T05:00:00Z", "reason": "exited with status 1 before READY=1"}])";

// The status text must parse (a failure of the test otherwise).
SelfUpdateStatus status(const std::map<std::string, std::string>& changes = {}) {
  std::string error;
  auto s = parse_selfupdate_status(selfupdate_status(changes), error);
  EXPECT_TRUE(s) << error;
  return s ? std::move(*s) : SelfUpdateStatus{};
}

SelfUpdateStatus available(const char* mode = "\"notify\"") {
  return status({{"latest", "\"0.1.1\""},
                 {"available", "true"},
                 {"mode", mode},
                 {"release_url", "\"https://github.com/hoist/hoist/releases/tag/v0.1.1\""}});
}

class InUtc : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
  }
};

}  // namespace

TEST(CtlSelfUpdateStatus, ReadsEveryMember) {
  SelfUpdateStatus s = status({{"latest", "\"0.1.2\""},
                               {"mode", "\"apply\""},
                               {"previous", "\"0.0.9\""},
                               {"failed", kFailed},
                               {"installing", "\"0.1.1\""},
                               {"error", "\"HTTP 503\""}});
  EXPECT_TRUE(s.enabled);
  EXPECT_EQ(s.mode, "apply");
  EXPECT_TRUE(s.applies_by_itself());
  EXPECT_EQ(s.source, "https://github.com/hoist/hoist");
  EXPECT_EQ(s.running, "0.1.0");
  EXPECT_EQ(s.latest, "0.1.2");
  EXPECT_FALSE(s.available);
  EXPECT_EQ(s.checked_at, "2026-11-22T06:00:00Z");
  EXPECT_EQ(s.next_check_at, "2026-11-22T12:00:00Z");
  EXPECT_EQ(s.error, "HTTP 503");
  EXPECT_EQ(s.previous, "0.0.9");
  ASSERT_EQ(s.failed.size(), 1u);
  EXPECT_EQ(s.failed[0],
            (FailedRelease{"0.1.2", "2026-11-22T05:00:00Z", "exited with status 1 before READY=1"}));
  EXPECT_EQ(s.failed_release("0.1.2"), &s.failed[0]);
  EXPECT_EQ(s.failed_release("0.1.1"), nullptr);
  EXPECT_EQ(s.installing, "0.1.1");
  ASSERT_TRUE(s.json);
}

TEST(CtlSelfUpdateStatus, RefusesWhatIsNoStatus) {
  std::string error;
  EXPECT_FALSE(parse_selfupdate_status("[]", error));
  EXPECT_EQ(error, "the self-update status is not a JSON object with \"running\"");
  EXPECT_FALSE(parse_selfupdate_status("{\"latest\": \"0.1.0\"}", error));
  EXPECT_FALSE(parse_selfupdate_status("{", error));
  EXPECT_TRUE(error.starts_with("hoistd sent invalid JSON")) << error;
}

TEST(CtlSelfUpdateFormat, Available) {
  EXPECT_EQ(format_update_check(available(), "hoistctl", true),
            "hoistd 0.1.0 is running; 0.1.1 is available: "
            "https://github.com/hoist/hoist/releases/tag/v0.1.1\n"
            "Install it with 'hoistctl self-update'.\n");
  EXPECT_EQ(format_update_check(available(), "hoistctl --user", false),
            "hoistd 0.1.0 is running; 0.1.1 is available: "
            "https://github.com/hoist/hoist/releases/tag/v0.1.1\n");
  EXPECT_EQ(format_update_check(available("\"apply\""), "hoistctl", true),
            "hoistd 0.1.0 is running; 0.1.1 is available: "
            "https://github.com/hoist/hoist/releases/tag/v0.1.1\n"
            "hoistd installs it by itself (Mode=apply) and restarts into it when no deploy or "
            "rollout is in flight.\n");
  SelfUpdateStatus s = available();
  s.release_url.clear();
  EXPECT_EQ(format_update_check(s, "hoistctl", false),
            "hoistd 0.1.0 is running; 0.1.1 is available.\n");
}

TEST(CtlSelfUpdateFormat, UpToDate) {
  EXPECT_EQ(format_update_check(status(), "hoistctl", true),
            "hoistd 0.1.0 is up to date (latest release: 0.1.0).\n");
  // A hoistd newer than any release is up to date too.
  EXPECT_EQ(format_update_check(status({{"running", "\"0.2.0-dev\""}}), "hoistctl", true),
            "hoistd 0.2.0-dev is up to date (latest release: 0.1.0).\n");
  EXPECT_EQ(format_update_check(status({{"latest", "\"\""}}), "hoistctl", true),
            "hoistd 0.1.0 is running; no release was found at https://github.com/hoist/hoist.\n");
}

TEST_F(InUtc, FailedBefore) {
  SelfUpdateStatus s = status({{"latest", "\"0.1.2\""}, {"failed", kFailed}});
  EXPECT_EQ(format_update_check(s, "hoistctl", true),
            "hoistd 0.1.0 is running; the latest release, 0.1.2, failed to start here on "
            "Sun 2026-11-22 05:00:00 UTC (exited with status 1 before READY=1).\n"
            "It is not installed again until a newer release appears.\n");
  s.failed[0].at = "yesterday";  // as it came if it is no time
  EXPECT_TRUE(format_update_check(s, "hoistctl", true).find(" here on yesterday (") !=
              std::string::npos);
}

TEST(CtlSelfUpdateFormat, CheckError) {
  EXPECT_EQ(format_check_error(status()), "");
  EXPECT_EQ(format_check_error(status({{"error", "\"api.github.com: HTTP 503\""}})),
            "The last check for a new release failed: api.github.com: HTTP 503\n");
}

TEST(CtlSelfUpdateFormat, InstallAndRestart) {
  SelfUpdateStatus s = available();
  s.installing = "0.1.1";
  EXPECT_EQ(format_installing(s),
            "Installing hoistd 0.1.1 (running 0.1.0); hoistd restarts into it when no deploy is "
            "in flight.\n");
  EXPECT_EQ(format_restart_result(s, "0.1.1", "hoistctl"), "hoistd updated to 0.1.1.\n");
  EXPECT_EQ(format_restart_result(s, "0.1.0", "hoistctl --user"),
            "hoistd 0.1.1 did not start; hoistd fell back to 0.1.0.\n"
            "See why with 'hoistctl --user self-update --check'.\n");
  EXPECT_EQ(format_restart_timeout(s, 120ull * 1000 * 1000, "hoistctl"),
            "hoistd did not restart into 0.1.1 within 120 seconds; it restarts once no deploy or "
            "rollout is in flight.\n"
            "See which version runs with 'hoistctl status'.\n");
}

TEST(CtlSelfUpdateJson, AsHoistdSentItWithTheResult) {
  SelfUpdateStatus s = status({{"installing", "\"0.1.1\""}});
  auto plain = test::parse_json(selfupdate_status_to_json(s));
  JsonObject* o = json_node_get_object(plain.get());
  EXPECT_STREQ(json_object_get_string_member(o, "installing"), "0.1.1");
  EXPECT_EQ(json_object_get_size(o), 13u);
  EXPECT_FALSE(json_object_has_member(o, "result"));

  std::string text = selfupdate_status_to_json(s, "fell-back");
  EXPECT_EQ(text.find('\n'), std::string::npos) << text;
  auto with_result = test::parse_json(text);
  EXPECT_STREQ(json_object_get_string_member(json_node_get_object(with_result.get()), "result"),
               "fell-back");
  // The status itself is never changed.
  EXPECT_FALSE(json_object_has_member(json_node_get_object(s.json.get()), "result"));
  EXPECT_EQ(selfupdate_status_to_json(SelfUpdateStatus{}), "null");
}
