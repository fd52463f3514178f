// hoistctl diff, apply and the drift in show and apps against a fake
// hoistd on a private bus: what they ask, print and exit with.
#include <glib.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ctl/commands.hh"
#include "test_ctl_bus.hh"
#include "test_ctl_json.hh"

using namespace hoist;
using namespace hoist::ctl;
using hoist::test::parse_json;

namespace {

constexpr const char* kUnit = "/etc/systemd/system/hello.service";

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

bool have_diff() {
  char* path = g_find_program_in_path("diff");
  bool found = path != nullptr;
  g_free(path);
  return found;
}

class CtlUnitFiles : public test::CtlBusTest {
 protected:
  int diff(const Options& o) {
    return run([&](Client& c) { return run_diff(c, o); });
  }
  int diff_again(const Options& o) {
    return run_again([&](Client& c) { return run_diff(c, o); });
  }
  int apply_again(const Options& o) {
    return run_again([&](Client& c) { return run_apply(c, o); });
  }

  // hello.service hand-edited (its Environment= line dropped), a drop-in
  // to add, one to remove.
  void script_differences() {
    unit_files().files = {
        {"hello.service", kUnit, "changed", "[Service]\nExecStart=/bin/hello\n",
         "[Service]\nEnvironment=GREETING=hi\nExecStart=/bin/hello\n"},
        {"hello.service.d/limits.conf", std::string(kUnit) + ".d/limits.conf", "added", "",
         "[Service]\nMemoryMax=1G\n"},
        {"hello.service.d/override.conf", std::string(kUnit) + ".d/override.conf", "removed",
         "[Service]\nEnvironment=EXTRA=1\n", ""}};
  }
};

}  // namespace

TEST_F(CtlUnitFiles, DiffWithoutDifferencesExits0) {
  Options o = options(Verb::Diff);
  EXPECT_EQ(diff(o), 0) << err_;
  EXPECT_EQ(out_, "");
  EXPECT_EQ(err_, "");
  EXPECT_EQ(unit_files().calls(), std::vector<std::string>{"DiffUnits hello"});
  o.json = true;
  EXPECT_EQ(diff_again(o), 0) << err_;
  EXPECT_EQ(out_, "[]\n");
}

TEST_F(CtlUnitFiles, DiffWithDifferencesExits1) {
  if (!have_diff()) GTEST_SKIP() << "diff is not installed";
  script_differences();
  Options o = options(Verb::Diff);
  EXPECT_EQ(diff(o), 1) << err_;
  EXPECT_EQ(err_, "");
  EXPECT_EQ(out_,
            "--- /etc/systemd/system/hello.service (installed)\n"
            "+++ hello.service (rendered from the template)\n"
            "@@ -1,2 +1,3 @@\n"
            " [Service]\n"
            "+Environment=GREETING=hi\n"
            " ExecStart=/bin/hello\n"
            "--- /dev/null\n"
            "+++ hello.service.d/limits.conf (rendered from the template)\n"
            "@@ -0,0 +1,2 @@\n"
            "+[Service]\n"
            "+MemoryMax=1G\n"
            "--- /etc/systemd/system/hello.service.d/override.conf (installed)\n"
            "+++ /dev/null\n"
            "@@ -1,2 +0,0 @@\n"
            "-[Service]\n"
            "-Environment=EXTRA=1\n");

  o.json = true;
  EXPECT_EQ(diff_again(o), 1) << err_;
  auto node = parse_json(out_);
  JsonArray* files = json_node_get_array(node.get());
  ASSERT_EQ(json_array_get_length(files), 3u);
  JsonObject* added = json_array_get_object_element(files, 1);
  EXPECT_STREQ(json_object_get_string_member(added, "change"), "added");
  EXPECT_TRUE(json_object_get_null_member(added, "installed"));
}

TEST_F(CtlUnitFiles, DiffFailuresAreNot1) {
  hoistd().start();
  Options o = options(Verb::Diff);
  o.app = "nope";
  EXPECT_EQ(diff_again(o), 4);  // a missing app, as for show
  EXPECT_EQ(err_, "No app \"nope\" is configured\n");
  o.app = "plain";
  EXPECT_EQ(diff_again(o), 2);  // as diff(1) in trouble
  EXPECT_EQ(err_, "App plain has no unit templates (/etc/hoist/units/plain/).\n");
  EXPECT_EQ(out_, "");
}

TEST_F(CtlUnitFiles, ApplyPrintsWhatChanged) {
  unit_files().apply_result = R"({"ok": true, "dry_run": false, "added": [],
      "changed": ["hello.service"], "removed": [], "unchanged": [],
      "restarted": ["hello.service"], "rolled_back": false})";
  hoistd().start();
  Options o = options(Verb::Apply);
  EXPECT_EQ(apply_again(o), 0) << err_;
  EXPECT_TRUE(out_.ends_with("Applied the unit files of hello.\n"
                             "   Changed: hello.service\n"
                             " Restarted: hello.service\n"))
      << out_;
  o.json = true;
  EXPECT_EQ(apply_again(o), 0) << err_;
  auto node = parse_json(out_);
  EXPECT_EQ(json_array_get_length(
                json_object_get_array_member(json_node_get_object(node.get()), "restarted")),
            1u);
  o.json = false;
  o.dry_run = true;
  EXPECT_EQ(apply_again(o), 0) << err_;
  EXPECT_EQ(unit_files().calls(),
            (std::vector<std::string>{"ApplyUnits hello", "ApplyUnits hello",
                                      "ApplyUnits hello,dry-run=true"}));
}

TEST_F(CtlUnitFiles, ApplyFailures) {
  unit_files().apply_result = R"({"ok": false, "dry_run": false, "step": "verify",
      "error": "systemd-analyze verify refused the units:\nhello.service: bad\n",
      "added": [], "changed": ["hello.service"], "removed": [], "unchanged": [],
      "restarted": [], "rolled_back": false})";
  hoistd().start();
  Options o = options(Verb::Apply);
  EXPECT_EQ(apply_again(o), 1);
  EXPECT_TRUE(contains(out_, "Applying the unit files of hello failed at verify.\n")) << out_;
  EXPECT_TRUE(contains(out_, "     Error: systemd-analyze verify refused the units:\n"
                             "            hello.service: bad\n"))
      << out_;
  o.json = true;
  EXPECT_EQ(apply_again(o), 1);
  EXPECT_FALSE(
      json_object_get_boolean_member(json_node_get_object(parse_json(out_).get()), "ok"));
  o.json = false;
  o.app = "nope";
  EXPECT_EQ(apply_again(o), 5);  // as deploy
  o.app = "locked";
  EXPECT_EQ(apply_again(o), 4);
  EXPECT_EQ(err_, "Not authorized to deploy locked.\n");
  o.app = "plain";
  EXPECT_EQ(apply_again(o), 1);
}

TEST_F(CtlUnitFiles, ShowChecksTheDrift) {
  unit_files().drift = {{"changed", "hello.service", kUnit,
                         std::string(kUnit) + " differs from its template"}};
  Options o = options(Verb::Show);
  EXPECT_EQ(run([&](Client& c) { return run_show(c, o); }), 0) << err_;
  EXPECT_TRUE(contains(out_, "       Drift: hello.service: /etc/systemd/system/hello.service "
                             "differs from its template\n"
                             "              (see it with 'hoistctl --user diff hello', undo it "
                             "with 'hoistctl --user apply hello')\n"))
      << out_;
  EXPECT_EQ(unit_files().calls(), std::vector<std::string>{"GetDrift hello"});
  o.json = true;
  EXPECT_EQ(run_again([&](Client& c) { return run_show(c, o); }), 0) << err_;
  auto node = parse_json(out_);
  JsonArray* drift = json_object_get_array_member(json_node_get_object(node.get()), "drift");
  ASSERT_EQ(json_array_get_length(drift), 1u);
  EXPECT_STREQ(json_object_get_string_member(json_array_get_object_element(drift, 0), "kind"),
               "changed");
}

TEST_F(CtlUnitFiles, AppsMarksDriftedApps) {
  unit_files().drift = {
      {"missing", "hello.service", kUnit, std::string(kUnit) + " is not installed"}};
  Options o = options(Verb::Apps);
  EXPECT_EQ(run([&](Client& c) { return run_apps(c, o); }), 0) << err_;
  // hello's object says Drifted; my-app has no object here: not drifted.
  EXPECT_EQ(out_,
            "NAME    STATE      CURRENT  LAST-RESULT  DRIFT  DESCRIPTION\n"
            "hello   idle       r2       succeeded    yes    Hello example\n"
            "my-app  deploying  -        -            -\n");
  o.json = true;
  EXPECT_EQ(run_again([&](Client& c) { return run_apps(c, o); }), 0) << err_;
  auto node = parse_json(out_);
  JsonArray* apps = json_node_get_array(node.get());
  ASSERT_EQ(json_array_get_length(apps), 2u);
  EXPECT_TRUE(json_object_get_boolean_member(json_array_get_object_element(apps, 0), "drifted"));
  EXPECT_FALSE(json_object_get_boolean_member(json_array_get_object_element(apps, 1), "drifted"));
}
