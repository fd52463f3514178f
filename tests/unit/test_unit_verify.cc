// systemd-analyze verify of rendered unit files: its output reduced to the
// problems of the files verified, named as in the templates; a real run on
// files that pass and on files that do not.
#include <gtest/gtest.h>

#include "core/unit_verify.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

struct Result {
  bool called = false;
  bool ok = false;
  std::string problems;
};

Result run(const std::vector<UnitFile>& files, const std::string& work_dir) {
  Result r;
  GMainLoop* loop = g_main_loop_new(nullptr, FALSE);
  auto handle = verify_unit_files(files, work_dir, false, [&](bool ok, const std::string& problems) {
    r = {true, ok, problems};
    g_main_loop_quit(loop);
  });
  if (!r.called) g_main_loop_run(loop);
  g_main_loop_unref(loop);
  return r;
}

}  // namespace

TEST(UnitVerify, KeepsTheLinesAboutTheVerifiedFiles) {
  const std::string out =
      "/var/lib/hoist/.verify-ab12/api.service:3: Unknown key 'Bogus' in section [Service], ignoring.\n"
      "/usr/lib/systemd/system/other.service:1: Something about another unit\n"
      "/var/lib/hoist/.verify-ab12/api.service.d/env.conf:2: Unknown section 'Servce'. Ignoring.\n";
  EXPECT_EQ(verify_problems(out, "/var/lib/hoist/.verify-ab12", true),
            "api.service:3: Unknown key 'Bogus' in section [Service], ignoring.\n"
            "api.service.d/env.conf:2: Unknown section 'Servce'. Ignoring.");
  EXPECT_EQ(verify_problems("api.service: Command /srv/x is not executable: No such file or directory\n",
                            "/d", false),
            "api.service: Command /srv/x is not executable: No such file or directory");
  EXPECT_EQ(verify_problems("", "/d", true), "");
  EXPECT_EQ(verify_problems("", "/d", false), "systemd-analyze verify failed");
}

TEST(UnitVerify, RunsSystemdAnalyze) {
  const GCharPtr analyze(g_find_program_in_path("systemd-analyze"));
  if (!analyze) GTEST_SKIP() << "no systemd-analyze";
  TempDir dir;
  const Result good = run({{"hoist-verify-test.service", "[Service]\nExecStart=/bin/true\n"},
                           {"hoist-verify-test.service.d/env.conf", "[Service]\nEnvironment=A=1\n"}},
                          dir.path);
  EXPECT_TRUE(good.ok) << good.problems;
  const Result bad = run({{"hoist-verify-test.service", "[Service]\nExecStart=/bin/true\n"},
                          {"hoist-verify-test.service.d/env.conf", "[Service]\nEnvironmnt=A=1\n"}},
                         dir.path);
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.problems.find("hoist-verify-test.service.d/env.conf:2: Unknown key"), std::string::npos)
      << bad.problems;
  const Result missing = run({{"hoist-verify-test.service", "[Service]\nExecStart=/nonexistent/app\n"}}, dir.path);
  EXPECT_FALSE(missing.ok);
  EXPECT_NE(missing.problems.find("/nonexistent/app is not executable"), std::string::npos) << missing.problems;
  EXPECT_TRUE(entries(dir.path).empty()) << "the verify directories are removed";
}
