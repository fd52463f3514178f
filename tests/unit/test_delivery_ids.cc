// The webhook delivery ids hoistd remembers across restarts (deliveries.log).
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <memory>

#include "core/delivery_ids.hh"
#include "core/state_dir.hh"
#include "state_dir_open.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

size_t line_count(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

}  // namespace

TEST(DeliveryIds, RemembersPersistsAndEvictsTheOldest) {
  const TempDir tmp;
  const StateDir dir = open_state(tmp.path);
  {
    DeliveryIds ids(dir, 3);
    EXPECT_TRUE(ids.load_error().empty());
    EXPECT_FALSE(ids.seen_or_add("a"));
    EXPECT_TRUE(ids.seen_or_add("a"));
    EXPECT_FALSE(ids.seen_or_add("b"));
    EXPECT_FALSE(ids.seen_or_add("c"));
    EXPECT_FALSE(ids.seen_or_add("d"));  // evicts "a"
    EXPECT_EQ(ids.size(), 3u);
  }
  EXPECT_EQ(read_file(tmp / "deliveries.log"), "a\nb\nc\nd\n") << "one line appended per new id";
  DeliveryIds again(dir, 3);
  EXPECT_TRUE(again.load_error().empty()) << again.load_error();
  EXPECT_TRUE(again.seen_or_add("d"));
  EXPECT_TRUE(again.seen_or_add("b"));
  EXPECT_FALSE(again.seen_or_add("a"));
}

TEST(DeliveryIds, LongIdsAndControlCharactersAreKeptAsTheirHash) {
  const TempDir tmp;
  const StateDir dir = open_state(tmp.path);
  const std::string long_id(1000, 'z');
  const std::string two_lines = "a\nb";
  {
    DeliveryIds ids(dir);
    EXPECT_FALSE(ids.seen_or_add(long_id));
    EXPECT_TRUE(ids.seen_or_add(long_id));
    EXPECT_FALSE(ids.seen_or_add(two_lines));
    EXPECT_FALSE(ids.seen_or_add("a"));
  }
  const std::string log = read_file(tmp / "deliveries.log");
  EXPECT_EQ(log.find(long_id), std::string::npos);
  EXPECT_EQ(line_count(log), 3u) << log;
  EXPECT_EQ(log.rfind("sha256:", 0), 0u) << log;
  DeliveryIds again(dir);
  EXPECT_TRUE(again.seen_or_add(long_id));
  EXPECT_TRUE(again.seen_or_add(two_lines));
  EXPECT_FALSE(again.seen_or_add("b"));
}

TEST(DeliveryIds, TheLogIsCompactedAtTwiceTheCapacity) {
  const TempDir tmp;
  const StateDir dir = open_state(tmp.path);
  {
    DeliveryIds ids(dir, 3);
    for (const char* id : {"1", "2", "3", "4", "5", "6"}) EXPECT_FALSE(ids.seen_or_add(id));
    EXPECT_EQ(line_count(read_file(tmp / "deliveries.log")), 6u);
    EXPECT_FALSE(ids.seen_or_add("7"));
    EXPECT_EQ(read_file(tmp / "deliveries.log"), "5\n6\n7\n");
    EXPECT_FALSE(ids.seen_or_add("8"));
  }
  DeliveryIds again(dir, 3);
  for (const char* id : {"6", "7", "8"}) EXPECT_TRUE(again.seen_or_add(id)) << id;
  EXPECT_FALSE(again.seen_or_add("5"));
}

TEST(DeliveryIds, AnIdAddedAgainAfterItsEvictionCountsFromItsLastLine) {
  const TempDir tmp;
  write_file(tmp / "deliveries.log", "a\nb\nc\na\n");
  const StateDir dir = open_state(tmp.path);
  DeliveryIds ids(dir, 2);
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_FALSE(ids.seen_or_add("d"));  // evicts c, the oldest of {c, a}
  EXPECT_TRUE(ids.seen_or_add("a"));
  EXPECT_FALSE(ids.seen_or_add("c"));
}

TEST(DeliveryIds, ALastLineCutShortIsDroppedAndTheLogRepaired) {
  const TempDir tmp;
  write_file(tmp / "deliveries.log", "a\nb\nhalf-an-i");
  const StateDir dir = open_state(tmp.path);
  {
    DeliveryIds ids(dir);
    EXPECT_EQ(read_file(tmp / "deliveries.log"), "a\nb\nhalf-an-i\n")
        << "kept (it may be a whole id), and the next one starts on its own line";
    EXPECT_FALSE(ids.seen_or_add("c"));
  }
  DeliveryIds again(dir);
  for (const char* id : {"a", "b", "c"}) EXPECT_TRUE(again.seen_or_add(id)) << id;
}

TEST(DeliveryIds, TheJsonFileOfAnOlderHoistdIsTakenOver) {
  const TempDir tmp;
  write_file(tmp / "deliveries.json", "{\"ids\": [\"x\", \"y\"]}\n");
  const StateDir dir = open_state(tmp.path);
  DeliveryIds ids(dir);
  EXPECT_TRUE(ids.load_error().empty()) << ids.load_error();
  EXPECT_TRUE(ids.seen_or_add("x"));
  EXPECT_TRUE(ids.seen_or_add("y"));
  EXPECT_EQ(read_file(tmp / "deliveries.log"), "x\ny\n");
  EXPECT_NE(access((tmp / "deliveries.json").c_str(), F_OK), 0);
}

TEST(DeliveryIds, ACorruptJsonFileIsReportedAndLeftAlone) {
  const TempDir tmp;
  write_file(tmp / "deliveries.json", "{\"ids\": [\"a\", ");
  const StateDir dir = open_state(tmp.path);
  DeliveryIds ids(dir);
  EXPECT_NE(ids.load_error().find("deliveries.json:1:"), std::string::npos) << ids.load_error();
  EXPECT_FALSE(ids.seen_or_add("a"));
  EXPECT_TRUE(ids.seen_or_add("a"));
  EXPECT_EQ(read_file(tmp / "deliveries.json"), "{\"ids\": [\"a\", ");
}

TEST(DeliveryIds, WhenSavedCallsBackFromTheLoopOnceForEveryWaiter) {
  const TempDir tmp;
  const StateDir dir = open_state(tmp.path);
  DeliveryIds ids(dir);
  int told = 0;
  EXPECT_FALSE(ids.seen_or_add("a"));
  ids.when_saved([&] { told++; });
  EXPECT_FALSE(ids.seen_or_add("b"));
  ids.when_saved([&] { told++; });
  EXPECT_EQ(told, 0) << "never before when_saved() returns";
  while (told < 2) g_main_context_iteration(nullptr, TRUE);
  EXPECT_EQ(read_file(tmp / "deliveries.log"), "a\nb\n");
  ids.when_saved([&] { told++; });  // nothing new to sync: still called, later
  EXPECT_EQ(told, 2);
  while (told < 3) g_main_context_iteration(nullptr, TRUE);
}

TEST(DeliveryIds, DroppedWithWaitersItSyncsAndReleasesThem) {
  const TempDir tmp;
  const StateDir dir = open_state(tmp.path);
  auto held = std::make_shared<int>(0);
  {
    DeliveryIds ids(dir);
    EXPECT_FALSE(ids.seen_or_add("a"));
    ids.when_saved([held] { (*held)++; });
    EXPECT_EQ(held.use_count(), 2);
  }
  EXPECT_EQ(held.use_count(), 1) << "the callback was released";
  EXPECT_EQ(*held, 0) << "and not called";
  EXPECT_EQ(read_file(tmp / "deliveries.log"), "a\n");
  EXPECT_FALSE(g_main_context_iteration(nullptr, FALSE)) << "no source left behind";
}
