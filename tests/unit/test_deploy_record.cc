// Deploy records and app state as JSON, deploy ids, step output tails.
#include <glib.h>
#include <gtest/gtest.h>

#include "common/json.hh"
#include "core/deploy_id.hh"
#include "core/deploy_record.hh"
#include "core/utf8_text.hh"
#include "temp_dir.hh"  // parse_json

using namespace hoist;
using namespace hoist::testing;

namespace {

DeployRecord full_record() {
  DeployRecord r;
  r.id = "20261121T224435Z-1a2b3c";
  r.app = "api";
  r.revision = "main";
  r.commit = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
  r.state = DeployState::RolledBack;
  r.step = "health";
  r.queued_usec = 1'700'000'000'000'001;
  r.started_usec = 1'700'000'000'000'002;
  r.finished_usec = 1'700'000'000'000'003;
  r.release = "20261121T224436Z-1a2b3c4";
  r.previous_release = "20261120T101010Z-0000000";
  r.error = "health probe failed: HTTP 503 \"quoted\"\nsecond line";
  r.steps = {{"fetch", "success", 0, 1200, "Cloning into '.'...\n"},
             {"build-1", "exit-code", 2, 3'000'000, "make: *** [all] Error 2 — ünïcode\n"}};
  r.options.force = true;
  r.options.skip_migrations = true;
  r.kind = DeployKind::Rollback;
  r.trigger = "webhook github 72d3162e-cc78-11e3-81ab-4c9367dc0958";
  return r;
}

}  // namespace

TEST(DeployRecord, RoundTripsThroughJsonText) {
  const DeployRecord r = full_record();
  const std::string text = json_node_to_string(to_json(r).get(), true);
  std::string error;
  const auto back = deploy_record_from_json(parse_json(text).get(), error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, r);
  EXPECT_NE(text.find("\"state\" : \"rolled-back\""), std::string::npos) << text;
}

TEST(DeployRecord, DefaultsForMissingMembersAndErrorsForBadOnes) {
  std::string error;
  const auto minimal = deploy_record_from_json(
      parse_json("{\"id\": \"20261121T224435Z-000001\", \"app\": \"api\", \"state\": \"queued\", "
                 "\"started_usec\": \"soon\", \"steps\": 3}")
          .get(),
      error);
  ASSERT_TRUE(minimal) << error;
  EXPECT_EQ(minimal->started_usec, 0u);
  EXPECT_TRUE(minimal->steps.empty());
  EXPECT_EQ(minimal->options, DeployOptions{});

  for (const char* bad : {"[]", "{\"app\": \"api\", \"state\": \"queued\"}",
                          "{\"id\": \"../../etc\", \"app\": \"api\", \"state\": \"queued\"}",
                          "{\"id\": \"x1\", \"state\": \"queued\"}",
                          "{\"id\": \"x1\", \"app\": \"api\", \"state\": \"exploded\"}"}) {
    error.clear();
    EXPECT_FALSE(deploy_record_from_json(parse_json(bad).get(), error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

TEST(DeployRecord, StateNames) {
  for (const auto s : {DeployState::Pending, DeployState::Queued, DeployState::Running, DeployState::Succeeded,
                       DeployState::Failed, DeployState::RolledBack, DeployState::RollbackFailed,
                       DeployState::Interrupted, DeployState::Canceled})
    EXPECT_EQ(deploy_state_from_name(deploy_state_name(s)), s);
  EXPECT_EQ(deploy_state_name(DeployState::RollbackFailed), "rollback-failed");
  EXPECT_FALSE(deploy_state_from_name("Running"));
  EXPECT_FALSE(deploy_state_is_final(DeployState::Running));
  EXPECT_TRUE(deploy_state_is_final(DeployState::Interrupted));
}

TEST(AppState, RoundTripsWithAndWithoutLastResult) {
  AppState s{"api", "r2", "0123456789abcdef0123456789abcdef01234567", "r1", "20261121T224435Z-1a2b3c",
             DeployState::Failed, "build-1", ""};
  std::string error;
  auto back = app_state_from_json(parse_json(json_node_to_string(to_json(s).get())).get(), error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, s);
  s.last_result.reset();
  back = app_state_from_json(parse_json(json_node_to_string(to_json(s).get())).get(), error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, s);
  EXPECT_FALSE(app_state_from_json(parse_json("{\"current_release\": \"x\"}").get(), error));
}

TEST(StepResult, KeepsTheValidUtf8TailOfLongOutput) {
  std::string output;
  while (output.size() < 3 * kOutputTailBytes) output += "line ü €\n";
  output += "the end";
  StepResult s;
  s.set_output(output);
  EXPECT_LE(s.output_tail.size(), kOutputTailBytes);
  EXPECT_GT(s.output_tail.size(), kOutputTailBytes - 4);
  EXPECT_TRUE(
      g_utf8_validate(s.output_tail.data(), static_cast<gssize>(s.output_tail.size()), nullptr));
  EXPECT_TRUE(s.output_tail.ends_with("the end"));
}

TEST(Utf8Text, ReplacesInvalidBytesAndCutsOnCharacters) {
  EXPECT_EQ(make_valid_utf8(std::string("a\xff"
                                        "b\0c",
                                        5)),
            "a\uFFFDb\uFFFDc");
  EXPECT_EQ(utf8_tail("aü", 1), "");  // the lone continuation byte is skipped
  EXPECT_EQ(utf8_tail("aüb", 3), "üb");
  EXPECT_EQ(utf8_head("aüb", 2), "a");
  EXPECT_EQ(utf8_head("aüb", 3), "aü");
}
// --- deploy ids ---------------------------------------------------------------

TEST(DeployId, FormatAndValidation) {
  constexpr uint64_t kNow = 1'795'387'475'000'000;  // 2026-11-22T22:44:35Z
  const std::string id = make_deploy_id(kNow);
  EXPECT_TRUE(deploy_id_is_valid(id)) << id;
  EXPECT_EQ(id.size(), 23u);
  EXPECT_EQ(id.substr(0, 17), "20261122T224435Z-");
  for (const char* bad : {"", "-x", "../x", "a/b", "a b", "a.json", "é",
                          "0123456789012345678901234567890123456789012345678901234567890123456789"})
    EXPECT_FALSE(deploy_id_is_valid(bad)) << bad;
  EXPECT_TRUE(deploy_id_is_valid("20261121T224435Z-1a2b3c"));
}

TEST(DeployId, StrictlyIncreasingWithinASecondAndWhenTheClockGoesBack) {
  constexpr uint64_t kNow = 1'795'387'475'000'000;
  std::string last;
  for (int i = 0; i < 2000; i++) {
    const uint64_t now = kNow - static_cast<uint64_t>(i % 3) * 1'000'000;  // back and forth
    const std::string id = make_deploy_id(now, last);
    ASSERT_GT(id, last);
    ASSERT_TRUE(deploy_id_is_valid(id));
    last = id;
  }
  EXPECT_GT(make_deploy_id(kNow + 1'000'000, last), last);
}
