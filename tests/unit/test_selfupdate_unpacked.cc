// What the installer looks for in an unpacked release
// (selfupdate/installer.hh): where its hoistd is, and the version that
// hoistd --version reports.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <utility>
#include <vector>

#include "selfupdate/installer.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

void add_file(const std::string& path, mode_t mode) {
  const GCharPtr dir(g_path_get_dirname(path.c_str()));
  ASSERT_EQ(g_mkdir_with_parents(dir.get(), 0755), 0);
  write_file(path, "#!/bin/sh\n");
  ASSERT_EQ(chmod(path.c_str(), mode), 0);
}

}  // namespace

TEST(UnpackedRoot, HoistdAtTheTop) {
  TempDir tmp;
  add_file(tmp / "hoistd", 0755);
  add_file(tmp / "README", 0644);
  EXPECT_EQ(unpacked_root(tmp.path), tmp.path);
}

TEST(UnpackedRoot, HoistdInTheOnlyDirectory) {
  TempDir tmp;
  add_file(tmp / "hoist-1.2.0/hoistd", 0755);
  EXPECT_EQ(unpacked_root(tmp.path), tmp / "hoist-1.2.0");
}

TEST(UnpackedRoot, NoneOtherwise) {
  TempDir empty;
  EXPECT_EQ(unpacked_root(empty.path), "");
  EXPECT_EQ(unpacked_root(empty / "missing"), "");

  struct Tree {
    const char* why;
    std::vector<std::pair<std::string, mode_t>> files;
  };
  const Tree trees[] = {
      {"two entries", {{"hoist-1.2.0/hoistd", 0755}, {"hoist-1.3.0/hoistd", 0755}}},
      {"a file beside the directory", {{"hoist-1.2.0/hoistd", 0755}, {"NOTES", 0644}}},
      {"not executable", {{"hoistd", 0644}}},
      {"not executable, in the directory", {{"hoist-1.2.0/hoistd", 0644}}},
      {"only one level down", {{"hoist/bin/hoistd", 0755}}},
  };
  for (const Tree& tree : trees) {
    TempDir tmp;
    for (const auto& [name, mode] : tree.files) add_file(tmp / name, mode);
    EXPECT_EQ(unpacked_root(tmp.path), "") << tree.why;
  }

  TempDir link;
  add_file(link / "real", 0755);
  ASSERT_EQ(symlink("real", (link / "hoistd").c_str()), 0);
  EXPECT_EQ(unpacked_root(link.path), "") << "a symlink";
}

TEST(ReportedVersion, FirstLine) {
  EXPECT_EQ(reported_version("hoistd 1.2.0\n"), "1.2.0");
  EXPECT_EQ(reported_version("hoistd 1.3.0-rc.1 \r\nbuilt with meson\n"), "1.3.0-rc.1");
  EXPECT_EQ(reported_version("hoistd v1.2.0"), "v1.2.0");
  EXPECT_EQ(reported_version(""), "");
  EXPECT_EQ(reported_version("hoistctl 1.2.0\n"), "");
  EXPECT_EQ(reported_version("warning: x\nhoistd 1.2.0\n"), "") << "only the first line counts";
}
