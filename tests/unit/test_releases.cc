// Releases on disk: names, listing, the atomic switch of `current`, pruning,
// and removal of trees that never leaves them.
#include <glib.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <set>

#include "core/releases.hh"
#include "core/remove_tree.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

constexpr uint64_t kNov21 = 1'795'301'075'000'000;  // 2026-11-21T22:44:35Z

bool exists(const std::string& path) {
  struct stat st = {};
  return lstat(path.c_str(), &st) == 0;
}

std::string link_target(const std::string& path) {
  char buf[4096];
  const ssize_t n = readlink(path.c_str(), buf, sizeof buf);
  return n > 0 ? std::string(buf, static_cast<size_t>(n)) : std::string();
}

// An app directory with releases/ holding the given release directories.
struct AppDir : TempDir {
  explicit AppDir(std::initializer_list<const char*> releases) {
    mkdir((*this / "releases").c_str(), 0755);
    for (const char* r : releases) add(r);
  }
  void add(const std::string& release) const {
    mkdir((*this / "releases/" + release).c_str(), 0755);
    write_file(*this / "releases/" + release + "/VERSION", release + "\n");
  }
  std::vector<std::string> names() const {
    std::string error;
    const auto list = list_releases(path, error);
    EXPECT_TRUE(list) << error;
    std::vector<std::string> out;
    for (const auto& r : list.value_or(std::vector<Release>{})) out.push_back(r.name);
    return out;
  }
};

const char* const kR1 = "20261101T000000Z-1111111";
const char* const kR2 = "20261102T000000Z-2222222";
const char* const kR3 = "20261103T000000Z-3333333";
const char* const kR4 = "20261104T000000Z-4444444";
const char* const kR5 = "20261105T000000Z-5555555";

}  // namespace

TEST(ReleaseName, Validation) {
  for (const char* good :
       {"20261121T224435Z-1a2b3c4", "20261121T224435Z-1a2b3c4-2", "20261121T224435Z-abcdef0-999"})
    EXPECT_TRUE(release_name_is_valid(good)) << good;
  for (const char* bad :
       {"", "..", ".", "current", "20261121T224435Z-1a2b3c", "20261121T224435Z-1A2B3C4",
        "20261121T224435Z-1a2b3c4/..", "../20261121T224435Z-1a2b3c4", "20261121T224435Z-1a2b3c4-1",
        "20261121T224435Z-1a2b3c4-01", "20261121T224435Z-1a2b3c4-1000", "20261121T224435Z-1a2b3c4d",
        "20261121 224435Z-1a2b3c4", "2026112T2244350Z-1a2b3c4", ".20261121T224435Z-1a2b3c4"})
    EXPECT_FALSE(release_name_is_valid(bad)) << bad;
}

TEST(ReleaseName, NewNames) {
  EXPECT_EQ(new_release_name(kNov21, "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"),
            "20261121T224435Z-1a2b3c4");
  EXPECT_EQ(new_release_name(kNov21, "1A2B3C4"), "20261121T224435Z-1a2b3c4");
  EXPECT_EQ(new_release_name(kNov21, "1a2b3c"), "");
  EXPECT_EQ(new_release_name(kNov21, "main"), "");
  EXPECT_EQ(new_release_name(kNov21, "--force"), "");
  EXPECT_TRUE(release_name_is_valid(new_release_name(kNov21, "abcdef0123")));
}

TEST(ReleaseName, UnusedNameAvoidsAnExistingRelease) {
  const AppDir app({"20261121T224435Z-1a2b3c4", "20261121T224435Z-1a2b3c4-2"});
  EXPECT_EQ(unused_release_name(app.path, kNov21, "1a2b3c4ff"), "20261121T224435Z-1a2b3c4-3");
  EXPECT_EQ(unused_release_name(app.path, kNov21, "9999999"), "20261121T224435Z-9999999");
  EXPECT_EQ(release_path(app.path, "20261121T224435Z-9999999"),
            app.path + "/releases/20261121T224435Z-9999999");
  EXPECT_EQ(release_path(app.path, "../x"), "");
}

TEST(Releases, ListedOldestFirstWithCurrentAndOnlyRealReleases) {
  const AppDir app({kR3, kR1, kR2});
  write_file(app / "releases/20261106T000000Z-6666666", "a file, not a release");
  mkdir((app / "releases/.tmp-clone").c_str(), 0755);
  symlink("/", (app / "releases/20261107T000000Z-7777777").c_str());
  std::string error;
  ASSERT_TRUE(switch_current(app.path, kR2, error)) << error;
  const auto list = list_releases(app.path, error);
  ASSERT_TRUE(list) << error;
  EXPECT_EQ(*list, (std::vector<Release>{{kR1, false}, {kR2, true}, {kR3, false}}));
}

TEST(Releases, NoReleasesYet) {
  const TempDir dir;
  std::string error;
  const auto list = list_releases(dir.path, error);
  ASSERT_TRUE(list) << error;
  EXPECT_TRUE(list->empty());
  EXPECT_EQ(current_release(dir.path, error), "");
  // An app never deployed has no directory yet: no releases, no current.
  EXPECT_EQ(list_releases(dir / "missing", error), std::vector<Release>{});
  EXPECT_EQ(current_release(dir / "missing", error), "");
  write_file(dir / "file", "not a directory\n");
  EXPECT_FALSE(list_releases(dir / "file", error)) << "anything else that is no directory is an error";
}

TEST(Releases, SwitchIsARelativeSymlinkReplacedAtomically) {
  const AppDir app({kR1, kR2});
  std::string error;
  ASSERT_TRUE(switch_current(app.path, kR1, error)) << error;
  EXPECT_EQ(link_target(app / "current"), std::string("releases/") + kR1);
  ASSERT_TRUE(switch_current(app.path, kR2, error)) << error;
  EXPECT_EQ(link_target(app / "current"), std::string("releases/") + kR2);
  EXPECT_EQ(current_release(app.path, error), kR2);
  EXPECT_EQ(read_file(app / "current/VERSION"), std::string(kR2) + "\n");
  EXPECT_EQ(entries(app.path), (std::set<std::string>{"current", "releases"}));
}

TEST(Releases, SwitchRefusesInvalidMissingAndSymlinkedReleases) {
  const AppDir app({kR1});
  symlink("/tmp", (app / "releases/20261109T000000Z-9999999").c_str());
  std::string error;
  ASSERT_TRUE(switch_current(app.path, kR1, error)) << error;
  for (const char* bad : {"../../etc", "/etc", "", "20261109T000000Z-9999999", kR2}) {
    error.clear();
    EXPECT_FALSE(switch_current(app.path, bad, error)) << bad;
    EXPECT_FALSE(error.empty());
  }
  EXPECT_EQ(current_release(app.path, error), kR1);
}

TEST(Releases, SwitchCleansLinksAnInterruptedSwitchLeft) {
  const AppDir app({kR1});
  symlink("releases/x", (app / ".current.tmp-abc123").c_str());
  std::string error;
  ASSERT_TRUE(switch_current(app.path, kR1, error)) << error;
  EXPECT_EQ(entries(app.path), (std::set<std::string>{"current", "releases"}));
}

TEST(Releases, CurrentMustPointIntoReleases) {
  const AppDir app({kR1});
  std::string error;
  symlink("/etc", (app / "current").c_str());
  EXPECT_FALSE(current_release(app.path, error));
  EXPECT_NE(error.find("not to a release"), std::string::npos) << error;
  EXPECT_FALSE(list_releases(app.path, error));

  unlink((app / "current").c_str());
  symlink((std::string("releases/../releases/") + kR1).c_str(), (app / "current").c_str());
  EXPECT_FALSE(current_release(app.path, error));

  unlink((app / "current").c_str());
  symlink((app / "releases/" + kR1).c_str(), (app / "current").c_str());
  EXPECT_EQ(current_release(app.path, error), kR1) << error;
  EXPECT_EQ(current_release(app.path + "/", error), kR1) << error;

  unlink((app / "current").c_str());
  mkdir((app / "current").c_str(), 0755);
  EXPECT_FALSE(current_release(app.path, error));
  EXPECT_NE(error.find("not a symlink"), std::string::npos) << error;
  EXPECT_FALSE(switch_current(app.path, kR1, error));
}

TEST(Releases, PruneKeepsTheNewestTheCurrentAndTheProtected) {
  const AppDir app({kR1, kR2, kR3, kR4, kR5});
  std::string error;
  ASSERT_TRUE(switch_current(app.path, kR1, error)) << error;
  const PruneResult result = prune_releases(app.path, 3, {kR2});
  EXPECT_TRUE(result.errors.empty()) << result.errors.front();
  EXPECT_EQ(result.removed, (std::vector<std::string>{kR3, kR4}));
  EXPECT_EQ(app.names(), (std::vector<std::string>{kR1, kR2, kR5}));
}

TEST(Releases, PruneRemovesNothingWithinKeepOrWhenAllAreProtected) {
  const AppDir app({kR1, kR2, kR3});
  std::string error;
  ASSERT_TRUE(switch_current(app.path, kR3, error)) << error;
  EXPECT_TRUE(prune_releases(app.path, 5).removed.empty());
  EXPECT_TRUE(prune_releases(app.path, 0, {kR1, kR2}).removed.empty());
  EXPECT_EQ(app.names().size(), 3u);
  EXPECT_EQ(prune_releases(app.path, 1).removed, (std::vector<std::string>{kR1, kR2}));
  EXPECT_EQ(app.names(), std::vector<std::string>{kR3});
}

TEST(Releases, PruneNeverFollowsSymlinksOutOfTheTree) {
  const TempDir outside;
  mkdir((outside / "data").c_str(), 0755);
  write_file(outside / "data/precious", "keep me");
  write_file(outside / "file", "keep me too");

  const AppDir app({kR1, kR2});
  mkdir((app / "releases/" + kR1 + "/node_modules").c_str(), 0755);
  symlink((outside / "data").c_str(), (app / "releases/" + kR1 + "/node_modules/link-dir").c_str());
  symlink((outside / "file").c_str(), (app / "releases/" + kR1 + "/link-file").c_str());
  symlink("../../..", (app / "releases/" + kR1 + "/up").c_str());
  std::string error;
  ASSERT_TRUE(switch_current(app.path, kR2, error)) << error;

  const PruneResult result = prune_releases(app.path, 1);
  EXPECT_TRUE(result.errors.empty()) << result.errors.front();
  EXPECT_EQ(result.removed, std::vector<std::string>{kR1});
  EXPECT_FALSE(exists(app / "releases/" + kR1));
  EXPECT_TRUE(exists(outside / "data/precious"));
  EXPECT_TRUE(exists(outside / "file"));
  EXPECT_TRUE(exists(app / "releases/" + kR2 + "/VERSION"));
}

TEST(RemoveTree, RemovesNestedTreesAndRefusesPaths) {
  const TempDir tmp;
  std::string dir = tmp / "t";
  mkdir(dir.c_str(), 0755);
  for (int i = 0; i < 20; i++) {
    dir += "/d";
    mkdir(dir.c_str(), 0755);
  }
  const Fd fd = open_dir(tmp.path);
  std::string error;
  EXPECT_FALSE(remove_tree_at(fd.get(), "..", error));
  EXPECT_FALSE(remove_tree_at(fd.get(), "t/d", error));
  EXPECT_FALSE(remove_tree_at(fd.get(), "", error));
  ASSERT_TRUE(remove_tree_at(fd.get(), "t", error)) << error;
  EXPECT_FALSE(exists(tmp / "t"));
  EXPECT_TRUE(remove_tree_at(fd.get(), "never-existed", error)) << error;
}
