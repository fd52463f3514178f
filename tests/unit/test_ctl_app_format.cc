#include <gtest/gtest.h>
#include <json-glib/json-glib.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "common/glib_ptr.hh"
#include "ctl/app_format.hh"
#include "ctl/label_block.hh"
#include "ctl/table.hh"
#include "ctl/text.hh"
#include "test_ctl_json.hh"

using namespace hoist;
using namespace hoist::ctl;
using hoist::test::parse_json;
using hoist::test::record_from_json;

namespace {

const Style kPlain{false, true};
const Style kColored{true, true};

AppInfo hello() {
  AppInfo a;
  a.name = "hello";
  a.description = "Hello example";
  a.state = "idle";
  a.current_release = "20241121T220832Z-0123456";
  a.last_deploy = "20241121T220832Z-1a2b3c";
  a.last_result = "succeeded";
  a.object_path = "/org/hoist/Hoist1/app/hello";
  return a;
}

AppInfo my_app() {
  AppInfo a;
  a.name = "my-app";
  a.state = "deploying";
  a.last_deploy = "20241121T230000Z-4d5e6f";
  a.last_result = "rolled-back";
  a.failed_step = "health";
  a.queued_deploy = "20241121T232000Z-888888";
  a.object_path = "/org/hoist/Hoist1/app/my_2dapp";
  return a;
}

}  // namespace

TEST(CtlTable, PadsByDisplayWidthAndLeavesTheLastColumn) {
  Table t({"A", "BB", "C"});
  t.add_row({{"caf\u00e9"}, {"x"}, {"last"}});
  t.add_row({{"a"}, {""}});  // a missing cell is empty
  EXPECT_EQ(t.render(kPlain),
            "A     BB  C\n"
            "caf\u00e9  x   last\n"
            "a\n");
  EXPECT_FALSE(t.empty());
  EXPECT_TRUE(Table({"X"}).empty());
}

TEST(CtlTable, ColoursDoNotShiftColumns) {
  Table t({"S", "N"});
  t.add_row({{"ok", ansi::kGreen}, {"1"}});
  t.add_row({{"failed", ansi::kRed}, {"2"}});
  EXPECT_EQ(t.render(kColored), std::string(ansi::kBold) + "S" + ansi::kReset + "       " +
                                    ansi::kBold + "N" + ansi::kReset + "\n" + ansi::kGreen + "ok" +
                                    ansi::kReset + "      1\n" + ansi::kRed + "failed" +
                                    ansi::kReset + "  2\n");
}

TEST(CtlLabelBlock, RightAlignsLabels) {
  const char* const labels[] = {"A:", "Longer:"};
  LabelBlock b(label_width(labels));
  b.add("A:", "one");
  b.add_continuation("two");
  b.add("Longer:", "three");
  EXPECT_EQ(b.text(),
            "      A: one\n"
            "         two\n"
            " Longer: three\n");
  EXPECT_EQ(display_width("caf\u00e9"), 4u);
  EXPECT_EQ(display_width("caf\xc3"), 4u);  // not UTF-8: bytes
}

TEST(CtlAppFormat, AppsTable) {
  AppInfo drifted = my_app();
  drifted.drifted = true;
  EXPECT_EQ(format_apps_table({hello(), drifted}, kPlain),
            "NAME    STATE      CURRENT                   LAST-RESULT  DRIFT  DESCRIPTION\n"
            "hello   idle       20241121T220832Z-0123456  succeeded    -      Hello example\n"
            "my-app  deploying  -                         rolled-back  yes\n");
  std::string colored = format_apps_table({hello(), drifted}, kColored);
  EXPECT_NE(colored.find(std::string(ansi::kYellow) + "yes" + ansi::kReset), std::string::npos);
  EXPECT_NE(colored.find(std::string(ansi::kGreen) + "succeeded" + ansi::kReset),
            std::string::npos);
  EXPECT_NE(colored.find(std::string(ansi::kRed) + "rolled-back" + ansi::kReset),
            std::string::npos);
  EXPECT_NE(colored.find(std::string(ansi::kYellow) + "deploying" + ansi::kReset),
            std::string::npos);
}

TEST(CtlAppFormat, AppsJson) {
  auto node = parse_json(apps_to_json({hello(), my_app()}));
  ASSERT_TRUE(JSON_NODE_HOLDS_ARRAY(node.get()));
  JsonArray* a = json_node_get_array(node.get());
  ASSERT_EQ(json_array_get_length(a), 2u);
  JsonObject* o = json_array_get_object_element(a, 1);
  EXPECT_STREQ(json_object_get_string_member(o, "name"), "my-app");
  EXPECT_STREQ(json_object_get_string_member(o, "description"), "");
  EXPECT_STREQ(json_object_get_string_member(o, "state"), "deploying");
  EXPECT_STREQ(json_object_get_string_member(o, "current_release"), "");
  EXPECT_STREQ(json_object_get_string_member(o, "last_result"), "rolled-back");
  EXPECT_STREQ(json_object_get_string_member(o, "object_path"), "/org/hoist/Hoist1/app/my_2dapp");
  EXPECT_FALSE(json_object_get_boolean_member(o, "drifted"));
  EXPECT_EQ(json_object_get_size(o), 7u);
  EXPECT_EQ(apps_to_json({}), "[]");
}

TEST(CtlAppFormat, Releases) {
  std::vector<ReleaseInfo> releases = {{"r1", false}, {"r2", true}, {"r3", false}};
  EXPECT_EQ(format_releases(releases), "  r1\n* r2\n  r3\n");
  EXPECT_EQ(releases_to_json(releases),
            R"([{"name":"r1","current":false},{"name":"r2","current":true},)"
            R"({"name":"r3","current":false}])");
  EXPECT_EQ(format_releases({}), "");
}

TEST(CtlAppFormat, ShowText) {
  setenv("TZ", "UTC", 1);
  tzset();
  AppDetails d;
  d.app = my_app();
  d.app.description = "My app";
  d.app.pending_deploy = "20241121T233000Z-999999";
  d.command = "hoistctl --user";
  d.releases = {{"r1", true}};
  d.history.push_back(record_from_json(
      R"({"id": "20241121T230000Z-4d5e6f", "app": "my-app", "kind": "deploy",
          "state": "rolled-back", "step": "health", "commit": "abcdef0123",
          "started_usec": 1732226912000000, "finished_usec": 1732226972000000})"));
  EXPECT_EQ(format_app_details(d, kPlain),
            "\u25cf my-app - My app\n"
            "       State: deploying\n"
            "     Current: none yet\n"
            " Last deploy: 20241121T230000Z-4d5e6f (rolled-back)\n"
            " Failed step: health\n"
            "      Queued: 20241121T232000Z-888888\n"
            "     Pending: 20241121T233000Z-999999 (confirm with: hoistctl --user confirm "
            "my-app)\n"
            "\n"
            "Releases:\n"
            "* r1\n"
            "\n"
            "Deploys:\n"
            "ID                       KIND    STATE        REVISION  STARTED              "
            "DURATION  STEP\n"
            "20241121T230000Z-4d5e6f  deploy  rolled-back  abcdef0   2024-11-21 22:08:32  "
            "1min 0s   health\n");
}

TEST(CtlAppFormat, ShowTextNamesTheCurrentCommitWhenKnown) {
  AppDetails d;
  d.app = hello();
  d.app.current_commit = "0123456789abcdef0123456789abcdef01234567";
  EXPECT_NE(format_app_details(d, kPlain)
                .find("     Current: 20241121T220832Z-0123456\n"
                      "      Commit: 0123456789abcdef0123456789abcdef01234567\n"),
            std::string::npos);
  d.app.current_commit.clear();
  EXPECT_EQ(format_app_details(d, kPlain).find("Commit:"), std::string::npos);
}

TEST(CtlAppFormat, ShowTextOfANewApp) {
  AppDetails d;
  d.app.name = "fresh";
  d.app.state = "idle";
  EXPECT_EQ(format_app_details(d, kPlain),
            "\u25cb fresh\n"
            "       State: idle\n"
            "     Current: none yet\n"
            "\n"
            "Releases:\n"
            "  none yet\n"
            "\n"
            "Deploys:\n"
            "  none yet\n");
}

TEST(CtlAppFormat, ShowJson) {
  AppDetails d;
  d.app = hello();
  d.app.pending_deploy = "20241121T233000Z-999999";
  d.releases = {{"r0", false}, {"20241121T220832Z-0123456", true}};
  d.history.push_back(record_from_json(R"({"id": "20241121T220832Z-1a2b3c", "state": "succeeded",
                                 "future_member": [1, 2]})"));
  auto node = parse_json(app_details_to_json(d));
  ASSERT_TRUE(JSON_NODE_HOLDS_OBJECT(node.get()));
  JsonObject* o = json_node_get_object(node.get());
  for (const char* member : {"name", "description", "state", "current_release", "current_commit",
                             "last_deploy", "last_result", "failed_step", "queued_deploy",
                             "pending_deploy"})
    EXPECT_TRUE(json_object_has_member(o, member)) << member;
  EXPECT_FALSE(json_object_has_member(o, "object_path"));
  EXPECT_STREQ(json_object_get_string_member(o, "last_deploy"), "20241121T220832Z-1a2b3c");
  EXPECT_STREQ(json_object_get_string_member(o, "queued_deploy"), "");
  EXPECT_STREQ(json_object_get_string_member(o, "pending_deploy"), "20241121T233000Z-999999");
  JsonArray* releases = json_object_get_array_member(o, "releases");
  ASSERT_EQ(json_array_get_length(releases), 2u);
  EXPECT_TRUE(
      json_object_get_boolean_member(json_array_get_object_element(releases, 1), "current"));
  JsonArray* history = json_object_get_array_member(o, "history");
  ASSERT_EQ(json_array_get_length(history), 1u);
  JsonObject* h = json_array_get_object_element(history, 0);
  EXPECT_STREQ(json_object_get_string_member(h, "state"), "succeeded");
  EXPECT_TRUE(json_object_has_member(h, "future_member"));  // passed on as hoistd sent it
}

TEST(CtlAppFormat, ConfigProblemsJson) {
  EXPECT_EQ(config_problems_to_json({}), R"({"problems":[]})");
  EXPECT_EQ(config_problems_to_json({"/etc/hoist/apps/a.app:3: Branch: empty"}),
            R"({"problems":["/etc/hoist/apps/a.app:3: Branch: empty"]})");
}
