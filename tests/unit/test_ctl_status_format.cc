#include <gtest/gtest.h>
#include <json-glib/json-glib.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "common/glib_ptr.hh"
#include "ctl/status_format.hh"
#include "ctl/terminal.hh"
#include "ctl/time_format.hh"
#include "test_ctl_json.hh"

using namespace hoist;
using namespace hoist::ctl;
using hoist::test::parse_json;

namespace {

constexpr uint64_t kSec = 1000000;
constexpr uint64_t kMinute = 60 * kSec;
constexpr uint64_t kHour = 60 * kMinute;
constexpr uint64_t kDay = 24 * kHour;
// Thu 2024-11-21 22:08:32 UTC
constexpr uint64_t kStarted = 1732226912 * kSec;

class InUtc : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
  }
};

const Style kPlain{false, true};
const Style kColored{true, true};
const Style kAscii{false, false};

UnitStatus running_api() {
  UnitStatus s;
  s.name = "api.service";
  s.description = "API server";
  s.load_state = "loaded";
  s.active_state = "active";
  s.sub_state = "running";
  s.result = "success";
  s.n_restarts = 2;
  s.main_pid = 4242;
  s.invocation_id = "0123456789abcdef0123456789abcdef";
  s.active_enter_timestamp = kStarted;
  s.fragment_path = "/etc/systemd/system/api.service";
  return s;
}

}  // namespace

TEST(CtlTerminal, ColorsOnlyOnUsefulTerminals) {
  EXPECT_TRUE(colors_wanted(true, nullptr, "xterm-256color"));
  EXPECT_FALSE(colors_wanted(false, nullptr, "xterm"));
  EXPECT_FALSE(colors_wanted(true, "1", "xterm"));
  EXPECT_TRUE(colors_wanted(true, "", "xterm"));  // NO_COLOR counts only when not empty
  EXPECT_FALSE(colors_wanted(true, nullptr, "dumb"));
  EXPECT_FALSE(colors_wanted(true, nullptr, nullptr));
  EXPECT_FALSE(colors_wanted(true, nullptr, ""));
}

TEST(CtlStateLook, BulletAndColourByActiveState) {
  EXPECT_STREQ(state_look("active", kPlain).glyph, "\u25cf");
  EXPECT_STREQ(state_look("active", kPlain).color, ansi::kGreen);
  EXPECT_STREQ(state_look("reloading", kPlain).color, ansi::kGreen);
  EXPECT_STREQ(state_look("failed", kPlain).glyph, "\u00d7");
  EXPECT_STREQ(state_look("failed", kPlain).color, ansi::kRed);
  EXPECT_STREQ(state_look("activating", kPlain).color, ansi::kYellow);
  EXPECT_STREQ(state_look("inactive", kPlain).glyph, "\u25cb");
  EXPECT_STREQ(state_look("inactive", kPlain).color, "");
  EXPECT_STREQ(state_look("something-new", kPlain).color, "");
  EXPECT_STREQ(state_look("active", kAscii).glyph, "*");
  EXPECT_STREQ(state_look("failed", kAscii).glyph, "x");
}

TEST(CtlTime, CoarseSpansLikeSystemctl) {
  EXPECT_EQ(format_timespan_coarse(500), "500us");
  EXPECT_EQ(format_timespan_coarse(1500), "1ms");
  EXPECT_EQ(format_timespan_coarse(3 * kSec), "3s");
  EXPECT_EQ(format_timespan_coarse(2 * kMinute + 3 * kSec), "2min 3s");
  EXPECT_EQ(format_timespan_coarse(7 * kMinute + 3 * kSec), "7min");
  EXPECT_EQ(format_timespan_coarse(kHour + 5 * kMinute), "1h 5min");
  EXPECT_EQ(format_timespan_coarse(7 * kHour + 5 * kMinute), "7h");
  EXPECT_EQ(format_timespan_coarse(kDay + 2 * kHour), "1 day 2h");
  EXPECT_EQ(format_timespan_coarse(3 * kDay + 2 * kHour), "3 days");
  EXPECT_EQ(format_timespan_coarse(15 * kDay), "2 weeks 1 day");
  EXPECT_EQ(format_timespan_coarse(65 * kDay), "2 months 4 days");
  EXPECT_EQ(format_timespan_coarse(400 * kDay), "1 year 1 month");
  EXPECT_EQ(format_timespan_coarse(800 * kDay), "2 years 2 months");
}

TEST(CtlTime, StepDurationsAndElapsedTimes) {
  EXPECT_EQ(format_step_duration(350 * 1000), "350ms");
  EXPECT_EQ(format_step_duration(1250 * 1000), "1.2s");
  EXPECT_EQ(format_step_duration(2 * kMinute + 3 * kSec), "2min 3s");
  EXPECT_EQ(format_elapsed(40), "0.0s");
  EXPECT_EQ(format_elapsed(350 * 1000), "0.3s");
  EXPECT_EQ(format_elapsed(59 * kSec + 999999), "59.9s");
  EXPECT_EQ(format_elapsed(2 * kMinute + 3 * kSec), "2min 3s");
}

TEST(CtlTime, Relative) {
  EXPECT_EQ(format_relative(kStarted, kStarted), "now");
  EXPECT_EQ(format_relative(kStarted, kStarted + 2 * kHour + 3 * kMinute), "2h 3min ago");
  EXPECT_EQ(format_relative(kStarted + 5 * kSec, kStarted), "in 5s");
}

TEST_F(InUtc, Timestamps) {
  EXPECT_EQ(format_timestamp(kStarted), "Thu 2024-11-21 22:08:32 UTC");
  EXPECT_EQ(format_short_time(kStarted), "Nov 21 22:08:32");
  EXPECT_EQ(format_short_time(kStarted + 999999), "Nov 21 22:08:32");
}

TEST_F(InUtc, RunningServiceBlock) {
  EXPECT_EQ(format_unit_status(running_api(), kPlain, kStarted + 2 * kHour + 3 * kMinute, false),
            "\u25cf api.service - API server\n"
            "     Loaded: loaded (/etc/systemd/system/api.service)\n"
            "     Active: active (running) since Thu 2024-11-21 22:08:32 UTC; 2h 3min ago\n"
            " Invocation: 0123456789abcdef0123456789abcdef\n"
            "   Main PID: 4242\n"
            "   Restarts: 2\n");
}

TEST_F(InUtc, DropInsGroupedByDirectory) {
  auto s = running_api();
  s.drop_in_paths = {"/etc/systemd/system/api.service.d/a.conf",
                     "/etc/systemd/system/api.service.d/b.conf",
                     "/run/systemd/system/api.service.d/c.conf"};
  std::string text = format_unit_status(s, kPlain, kStarted, false);
  EXPECT_NE(text.find("    Drop-In: /etc/systemd/system/api.service.d\n"
                      "             \u2514\u2500a.conf, b.conf\n"
                      "             /run/systemd/system/api.service.d\n"
                      "             \u2514\u2500c.conf\n"),
            std::string::npos)
      << text;
  EXPECT_NE(format_unit_status(s, kAscii, kStarted, false).find("`-a.conf, b.conf"),
            std::string::npos);
}

TEST_F(InUtc, FailedAndInactiveUnits) {
  auto s = running_api();
  s.active_state = "failed";
  s.sub_state = "failed";
  s.result = "exit-code";
  s.main_pid = 0;
  std::string text = format_unit_status(s, kPlain, kStarted, false);
  EXPECT_EQ(text.rfind("\u00d7 api.service - API server\n", 0), 0u) << text;
  EXPECT_NE(text.find("     Active: failed (Result: exit-code)\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("Main PID"), std::string::npos);

  UnitStatus t;
  t.name = "backup.timer";
  t.load_state = "loaded";
  t.active_state = "inactive";
  t.sub_state = "dead";
  EXPECT_EQ(format_unit_status(t, kPlain, kStarted, false),
            "\u25cb backup.timer\n"
            "     Loaded: loaded\n"
            "     Active: inactive (dead)\n");
}

TEST_F(InUtc, NeedDaemonReloadWarning) {
  auto s = running_api();
  s.need_daemon_reload = true;
  EXPECT_NE(format_unit_status(s, kPlain, kStarted, false).find("Run 'hoistctl daemon-reload'"),
            std::string::npos);
  EXPECT_NE(format_unit_status(s, kPlain, kStarted, true)
                .find("Run 'hoistctl --user daemon-reload'"),
            std::string::npos);
}

TEST_F(InUtc, ColoursOnlyWhenAllowed) {
  auto s = running_api();
  std::string colored = format_unit_status(s, kColored, kStarted, false);
  EXPECT_EQ(colored.rfind(std::string(ansi::kGreen) + "\u25cf" + ansi::kReset + " api.service", 0),
            0u);
  EXPECT_NE(colored.find(std::string(ansi::kGreen) + "active (running)" + ansi::kReset),
            std::string::npos);
  EXPECT_EQ(format_unit_status(s, kPlain, kStarted, false).find('\033'), std::string::npos);
  s.load_state = "not-found";
  EXPECT_NE(format_unit_status(s, kColored, kStarted, false)
                .find(std::string(ansi::kRed) + "not-found" + ansi::kReset),
            std::string::npos);
}

TEST(CtlStatusJson, ArrayOfUnits) {
  auto node = parse_json(unit_statuses_to_json({running_api()}));
  ASSERT_TRUE(JSON_NODE_HOLDS_ARRAY(node.get()));
  JsonArray* a = json_node_get_array(node.get());
  ASSERT_EQ(json_array_get_length(a), 1u);
  JsonObject* o = json_array_get_object_element(a, 0);
  EXPECT_STREQ(json_object_get_string_member(o, "name"), "api.service");
  EXPECT_STREQ(json_object_get_string_member(o, "active_state"), "active");
  EXPECT_EQ(json_object_get_int_member(o, "main_pid"), 4242);
  EXPECT_EQ(json_object_get_int_member(o, "n_restarts"), 2);
  EXPECT_EQ(unit_statuses_to_json({}), "[]");
}

TEST(CtlStatusJson, Daemon) { EXPECT_EQ(daemon_status_to_json("0.1.0"), "{\"version\":\"0.1.0\"}"); }
