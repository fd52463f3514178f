// Crash-safe files: atomic replacement (also under kill -9) and JSON reads
// that fail cleanly, naming the file and the line.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/json.hh"
#include "core/atomic_file.hh"
#include "core/json_file.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

TEST(AtomicFile, ReplacesContentAndLeavesNoTemporaryFile) {
  const TempDir tmp;
  const Fd dir = open_dir(tmp.path);
  std::string error;
  ASSERT_TRUE(write_file_atomic(dir.get(), "a.json", "old\n", 0600, error)) << error;
  ASSERT_TRUE(write_file_atomic(dir.get(), "a.json", "new\n", 0640, error)) << error;
  EXPECT_EQ(read_file(tmp / "a.json"), "new\n");
  EXPECT_EQ(entries(tmp.path), std::set<std::string>{"a.json"});
  struct stat st = {};
  ASSERT_EQ(stat((tmp / "a.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
}

TEST(AtomicFile, FailedWriteKeepsOldContentAndNoTemporaryFile) {
  const TempDir tmp;
  const Fd dir = open_dir(tmp.path);
  ASSERT_EQ(mkdir((tmp / "busy").c_str(), 0700), 0);
  write_file(tmp / "busy/x", "keep");
  std::string error;
  // rename() over a non-empty directory fails after the data was written.
  EXPECT_FALSE(write_file_atomic(dir.get(), "busy", "data", 0600, error));
  EXPECT_NE(error.find("busy"), std::string::npos) << error;
  EXPECT_EQ(read_file(tmp / "busy/x"), "keep");
  EXPECT_EQ(entries(tmp.path), std::set<std::string>{"busy"});
}

TEST(AtomicFile, RefusesNamesWithSlashes) {
  const TempDir tmp;
  const Fd dir = open_dir(tmp.path);
  std::string error;
  for (const char* name : {"../x", "a/b", "", ".", ".."})
    EXPECT_FALSE(write_file_atomic(dir.get(), name, "x", 0600, error)) << name;
  EXPECT_TRUE(entries(tmp.path).empty());
}

TEST(AtomicFile, TemporaryNamesAreRecognisedAndRemoved) {
  const TempDir tmp;
  const Fd dir = open_dir(tmp.path);
  const std::string temp = temp_name_for("apps.json");
  EXPECT_TRUE(is_temp_name(temp)) << temp;
  EXPECT_FALSE(is_temp_name("apps.json"));
  EXPECT_FALSE(is_temp_name(".hidden"));
  write_file(tmp / temp, "{\"half");
  write_file(tmp / "apps.json", "{}\n");
  EXPECT_EQ(remove_stale_temp_files(dir.get()), 1u);
  EXPECT_EQ(entries(tmp.path), std::set<std::string>{"apps.json"});
}

// kill -9 at random moments of a stream of writes: the file always parses and
// holds one complete version; no temporary file stays once cleaned up. (Each
// child starts from the same random state, so its temporary names collide with
// the ones a killed child left: writes must get past those.)
TEST(AtomicFile, SurvivesKillNineAtAnyPoint) {
  const TempDir tmp;
  const std::string big(200'000, 'x');
  for (int round = 0; round < 8; round++) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      const Fd dir = open_dir(tmp.path);
      for (int i = 0;; i++) {
        const std::string doc = "{\"n\": " + std::to_string(i) + ", \"pad\": \"" + big + "\"}\n";
        std::string error;
        if (!write_file_atomic(dir.get(), "state.json", doc, 0600, error)) _exit(1);
      }
    }
    usleep(static_cast<useconds_t>(2000 + round * 3000));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status));
    const JsonFile file = read_json(tmp / "state.json");
    if (file.missing) continue;  // killed before the first rename
    ASSERT_TRUE(file) << file.error;
    JsonObject* o = json_node_get_object(file.root.get());
    EXPECT_EQ(json_object_get_string_member(o, "pad"), big);
  }
  const Fd dir = open_dir(tmp.path);
  remove_stale_temp_files(dir.get());
  const auto left = entries(tmp.path);
  EXPECT_LE(left.size(), 1u);
}
// --- reading JSON -------------------------------------------------------------

TEST(JsonFile, WritesAndReadsBack) {
  const TempDir tmp;
  std::string error;
  ASSERT_TRUE(write_json_atomic(tmp / "doc.json", parse_json("{\"a\": [1, 2]}").get(), error))
      << error;
  const std::string text = read_file(tmp / "doc.json");
  EXPECT_EQ(text.back(), '\n');
  const JsonFile file = read_json(tmp / "doc.json");
  ASSERT_TRUE(file) << file.error;
  EXPECT_EQ(json_node_to_string(file.root.get()), "{\"a\":[1,2]}");
}

TEST(JsonFile, TruncatedFileIsACleanErrorWithPathAndLine) {
  const TempDir tmp;
  write_file(tmp / "t.json", "{\n  \"app\": \"api\",\n  \"state\": ");
  const JsonFile file = read_json(tmp / "t.json");
  EXPECT_FALSE(file);
  EXPECT_FALSE(file.missing);
  EXPECT_EQ(file.error.rfind(tmp / "t.json:3:", 0), 0u) << file.error;
}

TEST(JsonFile, GarbageEmptyAndMissingFiles) {
  const TempDir tmp;
  write_file(tmp / "g.json", std::string("\x7f"
                                         "ELF\0\0\x01",
                                         7));
  const JsonFile garbage = read_json(tmp / "g.json");
  EXPECT_FALSE(garbage);
  EXPECT_NE(garbage.error.find(tmp / "g.json"), std::string::npos) << garbage.error;

  write_file(tmp / "e.json", "");
  const JsonFile empty = read_json(tmp / "e.json");
  EXPECT_FALSE(empty);
  EXPECT_EQ(empty.error, tmp / "e.json" + ": empty file");

  const JsonFile missing = read_json(tmp / "none.json");
  EXPECT_FALSE(missing);
  EXPECT_TRUE(missing.missing);
  EXPECT_NE(missing.error.find("No such file"), std::string::npos) << missing.error;
}

TEST(JsonFile, DirectoryRelativeReadDoesNotFollowSymlinks) {
  const TempDir tmp;
  write_file(tmp / "real.json", "{}");
  ASSERT_EQ(symlink("real.json", (tmp / "link.json").c_str()), 0);
  const Fd dir = open_dir(tmp.path);
  EXPECT_TRUE(read_json(dir.get(), "real.json"));
  EXPECT_FALSE(read_json(dir.get(), "link.json"));
}
