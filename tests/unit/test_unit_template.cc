// Unit file templates: placeholders filled from the app (an unknown one is
// an error naming file and line), '@' that is no placeholder kept, the
// files of a template directory, and Set= in the app file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/unit_template.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

AppConfig api() {
  AppConfig a;
  a.name = "api";
  a.user = "api";
  a.group = "www-data";
  a.directory = "/srv/hoist/api";
  a.unit_values = {{"PORT", "8080"}};
  return a;
}

}  // namespace

TEST(UnitTemplate, FillsThePlaceholders) {
  const auto values = template_values(api(), "20261122T040000Z-4310989");
  std::string error;
  auto text = render_template(
      "[Service]\nUser=@USER@\nGroup=@GROUP@\nEnvironment=STATIC_DIR=@CURRENT@/static\n"
      "ExecStart=@RELEASE@/bin/@APP@ --port @PORT@\nWorkingDirectory=@DIRECTORY@\n",
      "api.service", values, error);
  ASSERT_TRUE(text) << error;
  EXPECT_EQ(*text,
            "[Service]\nUser=api\nGroup=www-data\nEnvironment=STATIC_DIR=/srv/hoist/api/current/static\n"
            "ExecStart=/srv/hoist/api/releases/20261122T040000Z-4310989/bin/api --port 8080\n"
            "WorkingDirectory=/srv/hoist/api\n");
  EXPECT_EQ(template_values(api(), "").at("RELEASE"), "/srv/hoist/api/current")
      << "without a release, RELEASE is the current one";
}

TEST(UnitTemplate, KeepsEveryOtherAt) {
  std::string error;
  const auto values = template_values(api(), "");
  auto text = render_template("Wants=getty@tty1.service\n# mail root@example.org, @lower@, @ @\n"
                              "ExecStart=/bin/echo @@APP@@ 50@\n",
                              "x.service", values, error);
  ASSERT_TRUE(text) << error;
  EXPECT_EQ(*text, "Wants=getty@tty1.service\n# mail root@example.org, @lower@, @ @\n"
                   "ExecStart=/bin/echo @APP@ 50@\n");
}

TEST(UnitTemplate, AnUnknownPlaceholderNamesFileAndLine) {
  std::string error;
  EXPECT_FALSE(render_template("[Service]\n\nExecStart=@RELESE@/bin/api\n", "api.service",
                               template_values(api(), ""), error));
  EXPECT_NE(error.find("api.service:3: unknown placeholder @RELESE@"), std::string::npos) << error;
  EXPECT_NE(error.find("@RELEASE@"), std::string::npos) << "the known names are listed: " << error;
  EXPECT_NE(error.find("@PORT@"), std::string::npos) << error;
}

TEST(UnitTemplate, PlaceholderNames) {
  EXPECT_EQ(placeholder_name_problem("PORT"), "");
  EXPECT_EQ(placeholder_name_problem("DB_URL2"), "");
  EXPECT_NE(placeholder_name_problem("port"), "");
  EXPECT_NE(placeholder_name_problem("2PORT"), "");
  EXPECT_NE(placeholder_name_problem(""), "");
  EXPECT_NE(placeholder_name_problem("CURRENT").find("built-in"), std::string::npos);
}

TEST(UnitTemplate, FileNames) {
  EXPECT_TRUE(is_unit_file_name("api.service"));
  EXPECT_TRUE(is_unit_file_name("api.socket"));
  EXPECT_TRUE(is_unit_file_name("worker@.service"));
  EXPECT_TRUE(is_unit_file_name("api.service.d/env.conf"));
  EXPECT_FALSE(is_unit_file_name("README.md"));
  EXPECT_FALSE(is_unit_file_name("api.service.d/notes.txt"));
  EXPECT_FALSE(is_unit_file_name("api.service.d/.hidden.conf"));
  EXPECT_FALSE(is_unit_file_name("x.d/env.conf"));
  EXPECT_FALSE(is_unit_file_name("api.service.d/sub/env.conf"));
}

TEST(UnitTemplate, ReadsATemplateDirectory) {
  TempDir dir;
  write_file(dir / "api.service", "[Service]\nExecStart=@CURRENT@/api\n");
  write_file(dir / "api.socket", "[Socket]\nListenStream=8080\n");
  write_file(dir / "README.md", "not a unit\n");
  ASSERT_EQ(mkdir((dir / "api.service.d").c_str(), 0755), 0);
  write_file(dir / "api.service.d/env.conf", "[Service]\nEnvironment=A=@APP@\n");
  write_file(dir / "api.service.d/notes.txt", "ignored\n");
  std::string error;
  auto files = read_unit_templates(dir.path, error);
  ASSERT_TRUE(files) << error;
  std::vector<std::string> names;
  for (const auto& f : *files) names.push_back(f.name);
  EXPECT_EQ(names, (std::vector<std::string>{"api.service", "api.service.d/env.conf", "api.socket"}));
  auto rendered = render_unit_templates(*files, template_values(api(), ""), error);
  ASSERT_TRUE(rendered) << error;
  EXPECT_EQ((*rendered)[1].content, "[Service]\nEnvironment=A=api\n");
  EXPECT_FALSE(read_unit_templates(dir / "missing", error));
  EXPECT_NE(error.find("missing"), std::string::npos) << error;
}
