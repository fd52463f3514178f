// Installing rendered unit files: what is added, changed, removed (only
// files hoist installed before) or left alone; writing it; enablement from
// [Install]; the manifest of what hoist installed.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/unit_install.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

TEST(UnitInstall, PlansAndInstalls) {
  TempDir dir;
  write_file(dir / "api.service", "[Service]\nExecStart=/old\n");
  write_file(dir / "api.socket", "[Socket]\nListenStream=8080\n");
  write_file(dir / "old.timer", "[Timer]\nOnCalendar=daily\n");
  write_file(dir / "foreign.service", "[Service]\n");
  const std::vector<UnitFile> rendered = {
      {"api.service", "[Service]\nExecStart=/new\n"},
      {"api.service.d/env.conf", "[Service]\nEnvironment=A=1\n"},
      {"api.socket", "[Socket]\nListenStream=8080\n"},
  };
  const auto plan = plan_unit_install(rendered, dir.path, {"api.service", "api.socket", "old.timer"},
                                      read_unit_file);
  ASSERT_EQ(plan.added.size(), 1u);
  EXPECT_EQ(plan.added[0].name, "api.service.d/env.conf");
  ASSERT_EQ(plan.changed.size(), 1u);
  EXPECT_EQ(plan.changed[0].name, "api.service");
  EXPECT_EQ(plan.unchanged, std::vector<std::string>{"api.socket"});
  EXPECT_EQ(plan.removed, std::vector<std::string>{"old.timer"}) << "foreign.service was never hoist's";
  EXPECT_EQ(plan.touched_units(), std::vector<std::string>{"api.service"});
  EXPECT_EQ(plan.removed_units(), std::vector<std::string>{"old.timer"});
  EXPECT_FALSE(plan.empty());

  std::string error;
  ASSERT_TRUE(install_unit_files(plan, dir.path, error)) << error;
  EXPECT_EQ(read_file(dir / "api.service"), "[Service]\nExecStart=/new\n");
  EXPECT_EQ(read_file(dir / "api.service.d/env.conf"), "[Service]\nEnvironment=A=1\n");
  EXPECT_EQ(access((dir / "old.timer").c_str(), F_OK), -1);
  EXPECT_EQ(access((dir / "foreign.service").c_str(), F_OK), 0);
  EXPECT_TRUE(plan_unit_install(rendered, dir.path, {"api.service"}, read_unit_file).empty());

  UnitInstallPlan drop;
  drop.removed = {"api.service.d/env.conf"};
  ASSERT_TRUE(install_unit_files(drop, dir.path, error)) << error;
  EXPECT_EQ(access((dir / "api.service.d").c_str(), F_OK), -1) << "an emptied UNIT.d/ goes too";
}

TEST(UnitInstall, InstallSection) {
  EXPECT_TRUE(has_install_section("[Service]\nExecStart=/x\n\n[Install]\nWantedBy=multi-user.target\n"));
  EXPECT_TRUE(has_install_section("[Install]\n  Alias = api2.service\n"));
  EXPECT_FALSE(has_install_section("[Service]\nWantedBy=multi-user.target\n"));
  EXPECT_FALSE(has_install_section("[Install]\n# WantedBy=multi-user.target\nWantedBy=\n"));
  EXPECT_FALSE(has_install_section("[Unit]\nDescription=x\n"));
}

TEST(UnitInstall, Manifest) {
  TempDir dir;
  const Fd fd = open_dir(dir.path);
  EXPECT_TRUE(load_unit_manifest(fd.get(), "api").empty());
  std::string error;
  ASSERT_TRUE(save_unit_manifest(fd.get(), "api", {"api.socket", "api.service"}, error)) << error;
  EXPECT_EQ(load_unit_manifest(fd.get(), "api"), (std::vector<std::string>{"api.service", "api.socket"}));
  write_file(dir / "units/web.json", R"({"files": ["../../etc/passwd", "web.service"]})");
  EXPECT_EQ(load_unit_manifest(fd.get(), "web"), std::vector<std::string>{"web.service"})
      << "a name that is no unit file is ignored";
}
