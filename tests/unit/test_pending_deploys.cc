// PendingDeploys: one waiting deploy per app, the newest wins, expiry by the
// clock passed in.
#include <gtest/gtest.h>

#include "core/pending_deploys.hh"

using namespace hoist;

namespace {

DeployRecord record(const std::string& app, const std::string& id) {
  DeployRecord r;
  r.app = app;
  r.id = id;
  r.state = DeployState::Pending;
  return r;
}

constexpr uint64_t kMinute = 60ull * 1000 * 1000;

}  // namespace

TEST(PendingDeploys, NewestPushReplacesTheWaitingOne) {
  PendingDeploys p;
  EXPECT_FALSE(p.add(record("web", "a"), 10 * kMinute));
  auto replaced = p.add(record("web", "b"), 11 * kMinute);
  ASSERT_TRUE(replaced);
  EXPECT_EQ(replaced->id, "a");
  EXPECT_FALSE(p.add(record("api", "c"), 12 * kMinute)) << "another app waits on its own";
  EXPECT_EQ(p.entries().size(), 2u);
  ASSERT_NE(p.find("b"), nullptr);
  EXPECT_EQ(p.find("a"), nullptr);
  EXPECT_EQ(p.for_app("api")->record.id, "c");
}

TEST(PendingDeploys, TakeBeforeExpiryOnly) {
  PendingDeploys p;
  p.add(record("web", "a"), 10 * kMinute);
  EXPECT_FALSE(p.take("api", kMinute)) << "nothing waits for api";
  EXPECT_FALSE(p.take("web", 10 * kMinute)) << "expired at its expiry time";
  EXPECT_EQ(p.entries().size(), 1u) << "an expired one is left for expire() to report";
  p.add(record("web", "b"), 20 * kMinute);
  auto taken = p.take("web", 19 * kMinute);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->id, "b");
  EXPECT_TRUE(p.entries().empty());
}

TEST(PendingDeploys, ExpireReturnsWhatRanOutAndTheNextExpiry) {
  PendingDeploys p;
  EXPECT_EQ(p.next_expiry(), 0u);
  p.add(record("web", "a"), 10 * kMinute);
  p.add(record("api", "b"), 5 * kMinute);
  EXPECT_EQ(p.next_expiry(), 5 * kMinute);
  EXPECT_TRUE(p.expire(4 * kMinute).empty());
  auto gone = p.expire(5 * kMinute);
  ASSERT_EQ(gone.size(), 1u);
  EXPECT_EQ(gone[0].id, "b");
  EXPECT_EQ(p.next_expiry(), 10 * kMinute);
  EXPECT_EQ(p.expire(60 * kMinute).size(), 1u);
  EXPECT_TRUE(p.entries().empty());
}
