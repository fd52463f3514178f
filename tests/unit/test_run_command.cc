// Running a helper program from the main loop (core/run_command.hh): how
// it ended, its output, a program that cannot run, and cancelling by
// dropping the handle.
#include <gtest/gtest.h>

#include <glib.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>

#include "core/run_command.hh"
#include "loopback_server.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

CommandResult run(const std::vector<std::string>& argv,
                  const std::vector<std::pair<std::string, std::string>>& env = {}, unsigned timeout_sec = 0) {
  std::optional<CommandResult> result;
  const auto handle = run_command(argv, env, [&result](const CommandResult& r) { result = r; }, timeout_sec);
  EXPECT_TRUE(run_until([&result] { return result.has_value(); }));
  return result.value_or(CommandResult{});
}

}  // namespace

TEST(RunCommand, Succeeds) {
  const CommandResult r = run({"true"});
  EXPECT_TRUE(r.exited_ok);
  EXPECT_EQ(r.error, "");
  EXPECT_EQ(r.output, "");
}

TEST(RunCommand, Fails) {
  CommandResult r = run({"false"});
  EXPECT_FALSE(r.exited_ok);
  EXPECT_EQ(r.error, "exited with status 1");
  r = run({"sh", "-c", "exit 7"});
  EXPECT_EQ(r.error, "exited with status 7");
  r = run({"sh", "-c", "kill -TERM $$"});
  EXPECT_FALSE(r.exited_ok);
  EXPECT_EQ(r.error, "was killed by signal 15");
}

TEST(RunCommand, CollectsStdoutAndStderr) {
  const CommandResult r = run({"sh", "-c", "echo out; echo err >&2; echo \"$GREETING\"; exit 2"},
                              {{"GREETING", "hello"}});
  EXPECT_FALSE(r.exited_ok);
  EXPECT_EQ(r.output, "out\nerr\nhello\n");
  EXPECT_EQ(r.error, "exited with status 2");
}

TEST(RunCommand, ArgumentsAreNoShell) {
  const CommandResult r = run({"echo", "$HOME", "a b", ";", "true"});
  EXPECT_TRUE(r.exited_ok);
  EXPECT_EQ(r.output, "$HOME a b ; true\n");
}

TEST(RunCommand, MissingProgram) {
  const CommandResult r = run({"hoist-no-such-program"});
  EXPECT_FALSE(r.exited_ok);
  EXPECT_FALSE(r.started);
  EXPECT_EQ(r.error.rfind("cannot run hoist-no-such-program: ", 0), 0u) << r.error;
}

TEST(RunCommand, MissingProgramIsReportedFromTheLoop) {
  bool called = false;
  const auto handle = run_command({"hoist-no-such-program"}, {}, [&called](const CommandResult&) { called = true; });
  EXPECT_FALSE(called);  // never before run_command returns
  EXPECT_TRUE(run_until([&called] { return called; }));
}

TEST(RunCommand, TimesOut) {
  const CommandResult r = run({"sleep", "30"}, {}, 1);
  EXPECT_TRUE(r.started);
  EXPECT_FALSE(r.exited_ok);
  EXPECT_EQ(r.error, "timed out after 1 s");
}

TEST(RunCommand, DroppingTheHandleKillsTheProgram) {
  char dir[] = "/tmp/hoist-run-XXXXXX";
  ASSERT_NE(g_mkdtemp(dir), nullptr);
  const std::string pid_file = std::string(dir) + "/pid";
  auto handle = run_command({"sh", "-c", "echo $$ >" + pid_file + "; exec sleep 30"}, {}, [](const CommandResult&) {});
  // Nothing in the loop wakes it while the file appears: tick.
  const guint tick = g_timeout_add(10, [](gpointer) -> gboolean { return G_SOURCE_CONTINUE; }, nullptr);
  ASSERT_TRUE(run_until([&pid_file] { return g_file_test(pid_file.c_str(), G_FILE_TEST_EXISTS); }));
  gchar* text = nullptr;
  ASSERT_TRUE(run_until([&] {
    g_free(text);
    text = nullptr;
    return g_file_get_contents(pid_file.c_str(), &text, nullptr, nullptr) && text[0] && strchr(text, '\n');
  }));
  const pid_t pid = static_cast<pid_t>(atoi(text));
  g_free(text);
  handle.reset();
  // Killed and reaped (GLib's child watch reaps it from the loop).
  EXPECT_TRUE(run_until([pid] { return kill(pid, 0) < 0 && errno == ESRCH; }));
  g_source_remove(tick);
  unlink(pid_file.c_str());
  rmdir(dir);
}

TEST(RunCommand, DroppingTheHandleCancels) {
  bool called = false;
  run_command({"echo", "dropped"}, {}, [&called](const CommandResult&) { called = true; }).reset();
  // Another command, started after it and kept, runs to its end meanwhile.
  EXPECT_TRUE(run({"true"}).exited_ok);
  run_pending();
  EXPECT_FALSE(called);
}
