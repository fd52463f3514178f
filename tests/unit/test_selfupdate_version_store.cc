// The self-update's version store (selfupdate/version_store.hh): opening,
// the current and previous links, the binaries, the trial, failed and
// fallback records, removing versions, and where it lives.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>

#include "selfupdate/version_store.hh"
#include "selfupdate_store.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

std::string link_target(const std::string& path) {
  char target[256] = {};
  const ssize_t n = readlink(path.c_str(), target, sizeof target - 1);
  return n > 0 ? std::string(target, static_cast<size_t>(n)) : "";
}

// Sets an environment variable for a test's duration, restoring it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value)
      setenv(name, value, 1);
    else
      unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_)
      setenv(name_, old_->c_str(), 1);
    else
      unsetenv(name_);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

}  // namespace

TEST(VersionStore, OpensOrCreates) {
  TempDir tmp;
  const std::string path = tmp / "self-update";
  std::string error;
  bool missing = false;
  EXPECT_FALSE(VersionStore::open(path, false, error, &missing));
  EXPECT_TRUE(missing);
  EXPECT_NE(error.find(path), std::string::npos) << error;

  auto store = VersionStore::open(path, true, error);
  ASSERT_TRUE(store) << error;
  EXPECT_EQ(store->path(), path);
  EXPECT_EQ(entries(path), std::set<std::string>{"versions"});
  EXPECT_TRUE(store->installed().empty());
  EXPECT_TRUE(VersionStore::open(path, false, error, &missing)) << error;

  write_file(tmp / "file", "");
  missing = true;
  EXPECT_FALSE(VersionStore::open(tmp / "file", false, error, &missing));
  EXPECT_FALSE(missing) << "it exists, but is no directory";
}

TEST(VersionStore, LinksPointAtVersions) {
  TempDir tmp;
  VersionStore store = open_store(tmp.path);
  EXPECT_EQ(store.current(), "");
  EXPECT_EQ(store.previous(), "");
  std::string error;
  ASSERT_TRUE(store.set_current("0.2.0", error)) << error;
  ASSERT_TRUE(store.set_previous("0.1.0", error)) << error;
  EXPECT_EQ(link_target(tmp / "current"), "versions/0.2.0");
  EXPECT_EQ(link_target(tmp / "previous"), "versions/0.1.0");
  EXPECT_EQ(store.current(), "0.2.0");
  EXPECT_EQ(store.previous(), "0.1.0");

  ASSERT_TRUE(store.set_current("0.3.0-rc.1", error)) << error;
  EXPECT_EQ(store.current(), "0.3.0-rc.1");
  EXPECT_EQ(entries(tmp.path), (std::set<std::string>{"current", "previous", "versions"}))
      << "replaced by a rename, no temporary left";

  EXPECT_FALSE(store.set_current("latest", error));
  EXPECT_NE(error.find("not a version: \"latest\""), std::string::npos) << error;
  EXPECT_FALSE(store.set_previous("../0.1.0", error));
  EXPECT_EQ(store.current(), "0.3.0-rc.1");

  ASSERT_TRUE(store.set_current("", error)) << error;
  ASSERT_TRUE(store.set_previous("", error)) << error;
  EXPECT_EQ(entries(tmp.path), std::set<std::string>{"versions"});
  EXPECT_TRUE(store.set_current("", error)) << "removing what is not there: " << error;
}

TEST(VersionStore, IgnoresLinksOfAnotherShape) {
  TempDir tmp;
  const VersionStore store = open_store(tmp.path);
  for (const std::string& target :
       {tmp / "versions/0.2.0", std::string("other/0.2.0"), std::string("versions/latest"),
        std::string("versions/1.02.0"), std::string("versions/0.2.0/hoistd"), std::string("versions/"),
        std::string("versions/..")}) {
    unlink((tmp / "current").c_str());
    ASSERT_EQ(symlink(target.c_str(), (tmp / "current").c_str()), 0);
    EXPECT_EQ(store.current(), "") << target;
  }
  unlink((tmp / "current").c_str());
  write_file(tmp / "current", "versions/0.2.0");
  EXPECT_EQ(store.current(), "") << "a file, not a link";
  ASSERT_EQ(symlink("versions/0.1.0", (tmp / "previous").c_str()), 0);
  EXPECT_EQ(store.previous(), "0.1.0") << "the target need not exist";
}

TEST(VersionStore, BinaryIsARegularExecutableFile) {
  TempDir tmp;
  const VersionStore store = open_store(tmp.path);
  EXPECT_EQ(store.binary("0.2.0"), tmp / "versions/0.2.0/hoistd");
  EXPECT_FALSE(store.has_binary("0.2.0")) << "missing";
  add_version(tmp.path, "0.2.0");
  EXPECT_TRUE(store.has_binary("0.2.0"));
  add_version(tmp.path, "0.3.0", 0644);
  EXPECT_FALSE(store.has_binary("0.3.0")) << "not executable";
  ASSERT_EQ(g_mkdir_with_parents((tmp / "versions/0.4.0").c_str(), 0755), 0);
  ASSERT_EQ(symlink((tmp / "versions/0.2.0/hoistd").c_str(), (tmp / "versions/0.4.0/hoistd").c_str()), 0);
  EXPECT_FALSE(store.has_binary("0.4.0")) << "a symlink";
  ASSERT_EQ(g_mkdir_with_parents((tmp / "versions/0.5.0/hoistd").c_str(), 0755), 0);
  EXPECT_FALSE(store.has_binary("0.5.0")) << "a directory";
  ASSERT_EQ(symlink("0.2.0", (tmp / "versions/0.6.0").c_str()), 0);
  EXPECT_TRUE(store.has_binary("0.6.0")) << "only the binary itself must not be a link";
  add_version(tmp.path, "latest");
  EXPECT_FALSE(store.has_binary("latest")) << "not a version";
  EXPECT_EQ(entries(tmp / "versions"),
            (std::set<std::string>{"0.2.0", "0.3.0", "0.4.0", "0.5.0", "0.6.0", "latest"}));
  const auto installed = store.installed();
  EXPECT_EQ(std::set<std::string>(installed.begin(), installed.end()), entries(tmp / "versions"));
}

TEST(VersionStore, TrialRoundTrip) {
  TempDir tmp;
  VersionStore store = open_store(tmp.path);
  EXPECT_FALSE(store.trial());
  std::string error;
  ASSERT_TRUE(store.write_trial({"0.2.0", 1, "0.1.0", 1700000000000000}, error)) << error;
  auto t = store.trial();
  ASSERT_TRUE(t);
  EXPECT_EQ(t->version, "0.2.0");
  EXPECT_EQ(t->tries_left, 1);
  EXPECT_EQ(t->from, "0.1.0");
  EXPECT_EQ(t->at_usec, 1700000000000000u);
  ASSERT_TRUE(store.write_trial({"0.2.0", 0, "0.1.0", 5}, error)) << error;
  EXPECT_EQ(store.trial()->tries_left, 0);
  ASSERT_TRUE(store.clear_trial(error)) << error;
  EXPECT_FALSE(store.trial());
  EXPECT_TRUE(store.clear_trial(error)) << error;

  write_file(tmp / "trial.json", R"({"tries_left": 1})");
  EXPECT_FALSE(store.trial()) << "no version";
  write_file(tmp / "trial.json", "{");
  EXPECT_FALSE(store.trial()) << "not JSON";
}

TEST(VersionStore, FailedListKeepsTheLastTwenty) {
  TempDir tmp;
  VersionStore store = open_store(tmp.path);
  EXPECT_TRUE(store.failed().empty());
  std::string error;
  for (int i = 0; i < 25; i++) {
    const std::string v = "0.0." + std::to_string(i);
    ASSERT_TRUE(store.add_failed({v, static_cast<uint64_t>(i) + 1, "reason " + std::to_string(i), ""}, error))
        << error;
  }
  const auto failed = store.failed();
  ASSERT_EQ(failed.size(), 20u);
  EXPECT_EQ(failed.front().version, "0.0.5") << "the oldest go first";
  EXPECT_EQ(failed.back().version, "0.0.24");
  EXPECT_EQ(failed.back().at_usec, 25u);
  EXPECT_EQ(failed.back().reason, "reason 24");
  EXPECT_EQ(failed.back().fell_back_to, "");
  EXPECT_TRUE(store.has_failed("0.0.24"));
  EXPECT_FALSE(store.has_failed("0.0.4"));
  const auto doc = parse_json(read_file(tmp / "failed.json"));
  ASSERT_TRUE(doc && JSON_NODE_HOLDS_ARRAY(doc.get()));
  EXPECT_FALSE(json_object_has_member(json_array_get_object_element(json_node_get_array(doc.get()), 0),
                                      "fell_back_to"));
}

TEST(VersionStore, FallbackRoundTrip) {
  TempDir tmp;
  VersionStore store = open_store(tmp.path);
  EXPECT_FALSE(store.fallback());
  std::string error;
  ASSERT_TRUE(store.write_fallback({"0.2.0", 42, "it crashed", "0.1.5"}, error)) << error;
  auto f = store.fallback();
  ASSERT_TRUE(f);
  EXPECT_EQ(f->version, "0.2.0");
  EXPECT_EQ(f->at_usec, 42u);
  EXPECT_EQ(f->reason, "it crashed");
  EXPECT_EQ(f->fell_back_to, "0.1.5");
  ASSERT_TRUE(store.write_fallback({"0.3.0", 43, "missing", ""}, error)) << error;
  EXPECT_EQ(store.fallback()->fell_back_to, "") << "back to the installed hoistd";
  ASSERT_TRUE(store.clear_fallback(error)) << error;
  EXPECT_FALSE(store.fallback());
}

TEST(VersionStore, RemovesOnlyUnselectedVersions) {
  TempDir tmp;
  VersionStore store = open_store(tmp.path);
  for (const char* v : {"0.1.0", "0.2.0", "0.3.0"}) add_version(tmp.path, v);
  std::string error;
  ASSERT_TRUE(store.set_current("0.3.0", error)) << error;
  ASSERT_TRUE(store.set_previous("0.2.0", error)) << error;
  EXPECT_FALSE(store.remove_version("0.3.0", error));
  EXPECT_NE(error.find("refusing to remove version \"0.3.0\""), std::string::npos) << error;
  EXPECT_FALSE(store.remove_version("0.2.0", error));
  EXPECT_FALSE(store.remove_version("..", error));
  EXPECT_FALSE(store.remove_version("", error));
  EXPECT_FALSE(store.remove_version("0.1.0/hoistd", error));
  EXPECT_EQ(entries(tmp / "versions"), (std::set<std::string>{"0.1.0", "0.2.0", "0.3.0"}));
  ASSERT_TRUE(store.remove_version("0.1.0", error)) << error;
  EXPECT_EQ(entries(tmp / "versions"), (std::set<std::string>{"0.2.0", "0.3.0"}));
  ASSERT_TRUE(store.set_previous("", error)) << error;
  EXPECT_TRUE(store.remove_version("0.2.0", error)) << error;
}

TEST(VersionStore, DirectoryFollowsStateDirectory) {
  {
    const ScopedEnv env("STATE_DIRECTORY", nullptr);
    EXPECT_EQ(self_update_directory(), "/var/lib/hoist/self-update");
  }
  {
    const ScopedEnv env("STATE_DIRECTORY", "/srv/state/hoist");
    EXPECT_EQ(self_update_directory(), "/srv/state/hoist/self-update");
  }
  {
    const ScopedEnv env("STATE_DIRECTORY", "/var/lib/hoist:/var/lib/other");
    EXPECT_EQ(self_update_directory(), "/var/lib/hoist/self-update") << "the first of several";
  }
  {
    const ScopedEnv env("STATE_DIRECTORY", "relative");
    EXPECT_EQ(self_update_directory(), "/var/lib/hoist/self-update");
  }
}
