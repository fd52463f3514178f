// hoistd's entry point choosing the version to run
// (selfupdate/boot_select.hh): newer or not, trial counts, and falling back
// from a version that failed or whose binary is missing.
#include <gtest/gtest.h>

#include "selfupdate/boot_select.hh"
#include "selfupdate_store.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

constexpr uint64_t kNow = 1700000000000000;

Version v(const char* text) {
  std::string error;
  auto parsed = parse_version(text, error);
  EXPECT_TRUE(parsed) << error;
  return parsed.value_or(Version{});
}

// A store in a temp dir, the running binary at 0.1.0.
class BootSelect : public ::testing::Test {
 protected:
  TempDir tmp;
  VersionStore store = open_store(tmp.path);
  const Version own = v("0.1.0");

  void select(const std::string& current, const std::string& previous = "") {
    std::string error;
    ASSERT_TRUE(store.set_current(current, error)) << error;
    ASSERT_TRUE(store.set_previous(previous, error)) << error;
  }
  // Both installed, and selected.
  void install(const std::string& current, const std::string& previous = "") {
    add_version(tmp.path, current);
    if (!previous.empty()) add_version(tmp.path, previous);
    select(current, previous);
  }
  void trial(const std::string& version, int64_t tries_left) {
    std::string error;
    ASSERT_TRUE(store.write_trial({version, tries_left, "0.1.0", kNow - 1}, error)) << error;
  }
  BootChoice choose() { return choose_boot_version(store, own, kNow); }
  std::string all(const BootChoice& c) {
    std::string text;
    for (const auto& m : c.messages) text += m + "\n";
    return text;
  }
};

}  // namespace

TEST_F(BootSelect, NothingSelectedRunsItself) {
  const BootChoice c = choose();
  EXPECT_EQ(c.binary, "");
  EXPECT_EQ(c.version, "");
  EXPECT_TRUE(c.messages.empty());
}

TEST_F(BootSelect, NotNewerRunsItself) {
  for (const char* version : {"0.1.0", "0.0.9", "0.1.0-rc.1"}) {
    install(version);
    const BootChoice c = choose();
    EXPECT_EQ(c.binary, "") << version;
    EXPECT_EQ(store.current(), version) << "left selected";
    EXPECT_TRUE(store.failed().empty());
  }
}

TEST_F(BootSelect, NewerRunsItsBinary) {
  add_version(tmp.path, "0.2.0");
  select("0.2.0", "0.1.5");
  trial("0.3.0", 0);  // another version's trial does not count
  const BootChoice c = choose();
  EXPECT_EQ(c.binary, tmp / "versions/0.2.0/hoistd");
  EXPECT_EQ(c.version, "0.2.0");
  EXPECT_TRUE(c.messages.empty()) << all(c);
  EXPECT_EQ(store.trial()->tries_left, 0);
  EXPECT_EQ(store.previous(), "0.1.5");
}

TEST_F(BootSelect, TrialCountsItsStart) {
  install("0.2.0");
  trial("0.2.0", 1);
  const BootChoice c = choose();
  EXPECT_EQ(c.binary, store.binary("0.2.0"));
  EXPECT_NE(all(c).find("Starting hoistd 0.2.0 on trial"), std::string::npos) << all(c);
  ASSERT_TRUE(store.trial());
  EXPECT_EQ(store.trial()->tries_left, 0);
  EXPECT_EQ(store.trial()->from, "0.1.0");
}

TEST_F(BootSelect, TrialWithoutTriesFallsBackToPrevious) {
  install("0.2.0", "0.1.5");
  trial("0.2.0", 0);
  const BootChoice c = choose();
  EXPECT_EQ(c.binary, store.binary("0.1.5")) << "previous is newer than this binary";
  EXPECT_EQ(c.version, "0.1.5");
  EXPECT_NE(all(c).find("hoistd 0.2.0 failed (it stopped before confirming itself"), std::string::npos) << all(c);
  EXPECT_NE(all(c).find("falling back to hoistd 0.1.5"), std::string::npos) << all(c);

  const auto failed = store.failed();
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].version, "0.2.0");
  EXPECT_EQ(failed[0].at_usec, kNow);
  EXPECT_NE(failed[0].reason.find("READY=1"), std::string::npos) << failed[0].reason;
  EXPECT_EQ(failed[0].fell_back_to, "");
  const auto fallback = store.fallback();
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->version, "0.2.0");
  EXPECT_EQ(fallback->fell_back_to, "0.1.5");
  EXPECT_EQ(fallback->reason, failed[0].reason);
  EXPECT_EQ(store.current(), "0.1.5");
  EXPECT_EQ(store.previous(), "");
  EXPECT_FALSE(store.trial());
  EXPECT_TRUE(store.has_binary("0.2.0")) << "removing it is the daemon's (prune)";
}

TEST_F(BootSelect, TrialWithoutTriesNorPreviousRunsItself) {
  install("0.2.0");
  trial("0.2.0", 0);
  const BootChoice c = choose();
  EXPECT_EQ(c.binary, "");
  EXPECT_EQ(c.version, "");
  EXPECT_NE(all(c).find("falling back to the installed hoistd"), std::string::npos) << all(c);
  EXPECT_EQ(store.current(), "");
  EXPECT_FALSE(store.trial());
  ASSERT_TRUE(store.fallback());
  EXPECT_EQ(store.fallback()->fell_back_to, "");
  EXPECT_TRUE(store.has_failed("0.2.0"));
}

TEST_F(BootSelect, PreviousNotNewerRunsItself) {
  install("0.2.0", "0.0.5");
  trial("0.2.0", 0);
  const BootChoice c = choose();
  EXPECT_EQ(c.binary, "");
  EXPECT_EQ(store.current(), "0.0.5") << "selected, though this binary is newer";
  EXPECT_EQ(store.fallback()->fell_back_to, "0.0.5");
}

TEST_F(BootSelect, PreviousSameAsCurrentDoesNotLoop) {
  install("0.2.0", "0.2.0");
  trial("0.2.0", 0);
  const BootChoice c = choose();
  EXPECT_EQ(c.binary, "");
  EXPECT_EQ(store.current(), "");
  EXPECT_EQ(store.previous(), "");
  EXPECT_EQ(store.failed().size(), 1u);
}

TEST_F(BootSelect, MissingBinaryFallsBack) {
  add_version(tmp.path, "0.1.5");
  select("0.2.0", "0.1.5");
  const BootChoice c = choose();
  EXPECT_EQ(c.binary, store.binary("0.1.5"));
  ASSERT_EQ(store.failed().size(), 1u);
  EXPECT_EQ(store.failed()[0].reason, "its binary " + store.binary("0.2.0") + " is missing");
  EXPECT_EQ(store.fallback()->fell_back_to, "0.1.5");
  EXPECT_EQ(store.current(), "0.1.5");
}

TEST_F(BootSelect, MissingBinariesFallBackToItself) {
  add_version(tmp.path, "0.1.5", 0644);
  select("0.2.0", "0.1.5");
  const BootChoice c = choose();
  EXPECT_EQ(c.binary, "");
  const auto failed = store.failed();
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[0].version, "0.2.0");
  EXPECT_EQ(failed[1].version, "0.1.5");
  EXPECT_NE(failed[1].reason.find(store.binary("0.1.5")), std::string::npos) << failed[1].reason;
  EXPECT_EQ(store.fallback()->version, "0.1.5");
  EXPECT_EQ(store.current(), "");
}

TEST_F(BootSelect, ExecFailureRecordsAndChoosesAgain) {
  install("0.2.0", "0.1.5");
  ASSERT_EQ(choose().version, "0.2.0");
  const BootChoice c = fall_back_from(store, own, "0.2.0", "exec: Exec format error", kNow + 1);
  EXPECT_EQ(c.binary, store.binary("0.1.5"));
  EXPECT_EQ(c.version, "0.1.5");
  EXPECT_NE(all(c).find("hoistd 0.2.0 failed (exec: Exec format error)"), std::string::npos) << all(c);
  ASSERT_EQ(store.failed().size(), 1u);
  EXPECT_EQ(store.failed()[0].reason, "exec: Exec format error");
  EXPECT_EQ(store.failed()[0].at_usec, kNow + 1);
  EXPECT_EQ(store.current(), "0.1.5");

  const BootChoice last = fall_back_from(store, own, "0.1.5", "exec: Permission denied", kNow + 2);
  EXPECT_EQ(last.binary, "");
  EXPECT_EQ(store.failed().size(), 2u);
  EXPECT_EQ(store.current(), "");
}
