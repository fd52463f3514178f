// The unit files a rollout backs up before touching an app are written
// back, with their mode, only where they changed or went missing.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/unit_file_backup.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

TEST(UnitFileBackup, RestoresWhatChangedOnly) {
  TempDir dir;
  const std::string unit = dir / "api.service";
  const std::string dropin = dir / "override.conf";
  const std::string same = dir / "same.conf";
  write_file(unit, "[Service]\nExecStart=/usr/bin/api\nEnvironment=STATIC_DIR=/srv/api/static\n");
  write_file(dropin, "[Service]\nNice=5\n");
  write_file(same, "[Unit]\n");
  ASSERT_EQ(chmod(dropin.c_str(), 0640), 0);
  std::vector<std::string> problems;
  const auto backup = UnitFileBackup::take({unit, dropin, same, dir / "missing.conf"}, problems);
  EXPECT_EQ(backup.size(), 3u);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("missing.conf"), std::string::npos) << problems[0];

  write_file(unit, "[Service]\nExecStart=/usr/bin/api\n");
  ASSERT_EQ(unlink(dropin.c_str()), 0);
  problems.clear();
  const auto written = backup.restore(problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(written, (std::vector<std::string>{unit, dropin}));
  EXPECT_EQ(read_file(unit), "[Service]\nExecStart=/usr/bin/api\nEnvironment=STATIC_DIR=/srv/api/static\n");
  EXPECT_EQ(read_file(dropin), "[Service]\nNice=5\n");
  struct stat st;
  ASSERT_EQ(stat(dropin.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_TRUE(backup.restore(problems).empty()) << "nothing differs any more";
}

TEST(UnitFileBackup, NamesAFileItCannotWriteBack) {
  TempDir dir;
  const std::string unit = dir / "sub/api.service";
  ASSERT_EQ(mkdir((dir / "sub").c_str(), 0755), 0);
  write_file(unit, "[Service]\n");
  std::vector<std::string> problems;
  const auto backup = UnitFileBackup::take({unit}, problems);
  ASSERT_EQ(unlink(unit.c_str()), 0);
  ASSERT_EQ(rmdir((dir / "sub").c_str()), 0);
  EXPECT_TRUE(backup.restore(problems).empty());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find(unit), std::string::npos) << problems[0];
}

TEST(UnitFileBackup, RemovesWhatWasAbsent) {
  TempDir dir;
  const std::string added = dir / "new.service";
  std::vector<std::string> problems;
  const auto backup = UnitFileBackup::take({added}, problems, true);
  EXPECT_TRUE(problems.empty());
  write_file(added, "[Service]\n");
  EXPECT_EQ(backup.restore(problems), std::vector<std::string>{added});
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(access(added.c_str(), F_OK), -1) << "a file that was not there is removed again";
  EXPECT_TRUE(backup.restore(problems).empty());
}
