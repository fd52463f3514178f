#include <gtest/gtest.h>

#include "bus_message.hh"
#include "systemd/step_runner.hh"
#include <map>


using namespace hoist;

TEST(StepRunner, ResolvesTheExecutable) {
  EXPECT_EQ(resolve_executable("/bin/sh", "/srv"), "/bin/sh");
  EXPECT_EQ(resolve_executable("./build.sh", "/srv/app"), "/srv/app/build.sh");
  EXPECT_EQ(resolve_executable("bin/build", "/srv/app"), "/srv/app/bin/build");
  EXPECT_NE(resolve_executable("sh", "/srv"), "");
  EXPECT_EQ(resolve_executable("no-such-command-hoist", "/srv"), "");
  EXPECT_EQ(resolve_executable("", "/srv"), "");
}

TEST(StepRunner, DescribesOutcomes) {
  StepOutcome o;
  o.result = "success";
  EXPECT_TRUE(o.ok());
  EXPECT_EQ(o.describe(), "succeeded");
  o.result = "exit-code";
  o.exit_code = 1;
  o.exit_status = 2;
  EXPECT_FALSE(o.ok());
  EXPECT_EQ(o.describe(), "exit status 2");
  o.result = "signal";
  o.exit_code = 2;
  o.exit_status = 9;
  EXPECT_EQ(o.describe(), "killed by signal KILL");
  o.result = "timeout";
  EXPECT_EQ(o.describe(), "timed out");
  o.error = "Unit x.service already exists.";
  EXPECT_FALSE(o.ok());
  EXPECT_EQ(o.describe(), "could not start: Unit x.service already exists.");
}

TEST(StepRunner, BuildsTheTransientUnitRequest) {
  auto bus = test::offline_bus();
  auto m = test::new_message(bus.get());
  StepSpec spec;
  spec.unit = "hoist-api-build-1.service";
  spec.description = "api: build";
  spec.argv = {"npm", "run", "build"};
  spec.user = "api";
  spec.working_directory = "/srv/api/releases/r1";
  spec.environment = {"NODE_ENV=production"};
  spec.environment_files = {{"/etc/api.env", true}};
  spec.timeout_usec = 60'000'000;
  ASSERT_GE(append_transient_step(m.get(), spec, "/usr/bin/npm"), 0);
  test::seal_for_reading(m.get());
  const char *name = nullptr, *mode = nullptr;
  ASSERT_GE(sd_bus_message_read(m.get(), "ss", &name, &mode), 0);
  EXPECT_STREQ(name, "hoist-api-build-1.service");
  EXPECT_STREQ(mode, "fail");
  std::map<std::string, std::string> seen;  // property → its signature
  ASSERT_GE(sd_bus_message_enter_container(m.get(), 'a', "(sv)"), 0);
  while (sd_bus_message_enter_container(m.get(), 'r', "sv") > 0) {
    const char* key = nullptr;
    ASSERT_GE(sd_bus_message_read(m.get(), "s", &key), 0);
    const char* contents = nullptr;
    ASSERT_GE(sd_bus_message_peek_type(m.get(), nullptr, &contents), 0);
    seen[key] = contents;
    if (std::string(key) == "User") {
      const char* v = nullptr;
      ASSERT_GE(sd_bus_message_read(m.get(), "v", "s", &v), 0);
      EXPECT_STREQ(v, "api");
    } else if (std::string(key) == "TimeoutStartUSec") {
      uint64_t t = 0;
      ASSERT_GE(sd_bus_message_read(m.get(), "v", "t", &t), 0);
      EXPECT_EQ(t, 60'000'000u);
    } else {
      ASSERT_GE(sd_bus_message_skip(m.get(), "v"), 0);
    }
    ASSERT_GE(sd_bus_message_exit_container(m.get()), 0);
  }
  EXPECT_EQ(seen["Type"], "s");
  EXPECT_EQ(seen["ExecStart"], "a(sasb)");
  EXPECT_EQ(seen["Environment"], "as");
  EXPECT_EQ(seen["EnvironmentFiles"], "a(sb)");
  EXPECT_EQ(seen["WorkingDirectory"], "s");
  EXPECT_EQ(seen["AddRef"], "b");
  EXPECT_EQ(seen["NoNewPrivileges"], "b");
  EXPECT_EQ(seen["ProtectSystem"], "s");
  EXPECT_EQ(seen.count("Group"), 0u);  // not set: not sent
}
