// An app's unit files as hoistctl shows them: ApplyUnits' result (applied,
// failed with a multi-line error, rolled back, a dry run), the drift in
// "show", the diffs of "diff" (made by diff(1)) and their JSON, and the
// exit statuses of diff and apply.
#include <glib.h>
#include <gtest/gtest.h>
#include <json-glib/json-glib.h>

#include <string>
#include <vector>

#include "common/errors.hh"
#include "common/glib_ptr.hh"
#include "ctl/app_format.hh"
#include "ctl/exit_status.hh"
#include "ctl/unified_diff.hh"
#include "ctl/unit_files_format.hh"
#include "ctl/unit_files_info.hh"
#include "test_ctl_json.hh"

using namespace hoist;
using namespace hoist::ctl;
using hoist::test::parse_json;

namespace {

const Style kPlain{false, true};
const Style kColored{true, true};

ApplyResult apply_from_json(const std::string& text) {
  std::string error;
  auto r = parse_apply_result(text, error);
  EXPECT_TRUE(r) << error << "\n" << text;
  return r ? std::move(*r) : ApplyResult{};
}

constexpr const char* kApplied = R"({"ok": true, "dry_run": false,
    "added": ["static-worker.service"], "changed": ["static.service", "static.service.d/env.conf"],
    "removed": ["old.service"], "unchanged": ["static.socket"],
    "restarted": ["static.socket", "static.service"], "rolled_back": false})";

constexpr const char* kFailedAtVerify = R"({"ok": false, "dry_run": false, "step": "verify",
    "error": "systemd-analyze verify refused the units:\nstatic.service: Command /nonexistent/bin/static is not executable\nstatic.service: Unit configuration has fatal error, unit will not be started.\n",
    "added": [], "changed": ["static.service"], "removed": [], "unchanged": [],
    "restarted": [], "rolled_back": false})";

UnitFileDiff changed_file() {
  return {"static.service", "/etc/systemd/system/static.service", "changed",
          "[Service]\nExecStart=/bin/sleep infinity\n",
          "[Service]\nEnvironment=STATIC_DIR=/srv/static\nExecStart=/bin/sleep infinity\n"};
}

bool have_diff() {
  char* path = g_find_program_in_path("diff");
  bool found = path != nullptr;
  g_free(path);
  return found;
}

}  // namespace

TEST(CtlApplyResult, ReadsTheResult) {
  ApplyResult r = apply_from_json(kApplied);
  EXPECT_TRUE(r.ok);
  EXPECT_FALSE(r.dry_run);
  EXPECT_EQ(r.added, std::vector<std::string>{"static-worker.service"});
  EXPECT_EQ(r.changed, (std::vector<std::string>{"static.service", "static.service.d/env.conf"}));
  EXPECT_EQ(r.removed, std::vector<std::string>{"old.service"});
  EXPECT_EQ(r.unchanged, std::vector<std::string>{"static.socket"});
  EXPECT_EQ(r.restarted, (std::vector<std::string>{"static.socket", "static.service"}));
  EXPECT_FALSE(r.nothing_to_do());
  ASSERT_TRUE(r.json);
  EXPECT_TRUE(json_object_has_member(json_node_get_object(r.json.get()), "rolled_back"));

  r = apply_from_json(kFailedAtVerify);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.step, "verify");
  EXPECT_TRUE(r.error.starts_with("systemd-analyze verify refused the units:\n"));

  std::string error;
  EXPECT_FALSE(parse_apply_result("[]", error));
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(parse_apply_result(R"({"added": []})", error));
  EXPECT_FALSE(parse_apply_result("{", error));
  EXPECT_TRUE(error.starts_with("hoistd sent invalid JSON")) << error;
}

TEST(CtlApplyResult, Applied) {
  EXPECT_EQ(format_apply_result("static", apply_from_json(kApplied), kPlain),
            "\u25cf Applied the unit files of static.\n"
            "     Added: static-worker.service\n"
            "   Changed: static.service\n"
            "            static.service.d/env.conf\n"
            "   Removed: old.service\n"
            " Unchanged: static.socket\n"
            " Restarted: static.socket\n"
            "            static.service\n");
  std::string colored = format_apply_result("static", apply_from_json(kApplied), kColored);
  EXPECT_TRUE(colored.starts_with(std::string(ansi::kGreen) + "\u25cf" + ansi::kReset)) << colored;
}

TEST(CtlApplyResult, NothingToDo) {
  EXPECT_EQ(format_apply_result("static", apply_from_json(R"({"ok": true, "dry_run": false,
                "added": [], "changed": [], "removed": [], "unchanged": ["static.service"],
                "restarted": [], "rolled_back": false})"),
                                kPlain),
            "\u25cf The unit files of static are up to date; nothing was changed.\n"
            " Unchanged: static.service\n");
}

TEST(CtlApplyResult, FailedAtVerifyWithAMultiLineError) {
  EXPECT_EQ(format_apply_result("static", apply_from_json(kFailedAtVerify), kPlain),
            "\u00d7 Applying the unit files of static failed at verify.\n"
            "     Error: systemd-analyze verify refused the units:\n"
            "            static.service: Command /nonexistent/bin/static is not executable\n"
            "            static.service: Unit configuration has fatal error, unit will not be "
            "started.\n"
            " To change: static.service\n");
  std::string colored = format_apply_result("static", apply_from_json(kFailedAtVerify), kColored);
  EXPECT_TRUE(colored.starts_with(std::string(ansi::kRed) + "\u00d7" + ansi::kReset)) << colored;
}

TEST(CtlApplyResult, RolledBackAfterTheHealthGate) {
  EXPECT_EQ(format_apply_result("static", apply_from_json(R"({"ok": false, "dry_run": false,
                "step": "health", "error": "health gate: static.service is failed; the previous unit files are back",
                "added": [], "changed": ["static.service"], "removed": [], "unchanged": [],
                "restarted": ["static.service"], "rolled_back": true})"),
                                kPlain),
            "\u00d7 Applying the unit files of static failed at health and was rolled back.\n"
            "     Error: health gate: static.service is failed; the previous unit files are "
            "back\n"
            " To change: static.service\n"
            " Restarted: static.service\n");
}

TEST(CtlApplyResult, DryRun) {
  EXPECT_EQ(format_apply_result("static", apply_from_json(R"({"ok": true, "dry_run": true,
                "added": ["static.service"], "changed": [], "removed": ["old.service"],
                "unchanged": ["static.socket"], "restarted": [], "rolled_back": false})"),
                                kPlain),
            "\u25cb Dry run of applying the unit files of static; nothing was changed.\n"
            "    Would add: static.service\n"
            " Would remove: old.service\n"
            "    Unchanged: static.socket\n");
  EXPECT_EQ(format_apply_result("static", apply_from_json(R"({"ok": true, "dry_run": true,
                "added": [], "changed": [], "removed": [], "unchanged": [], "restarted": [],
                "rolled_back": false})"),
                                kPlain),
            "\u25cb The unit files of static are up to date; applying them would change "
            "nothing.\n");
  // A template that does not render fails a dry run too.
  EXPECT_EQ(format_apply_result("static", apply_from_json(R"({"ok": false, "dry_run": true,
                "step": "render", "error": "static.service:4: unknown placeholder @NOPE@"})"),
                                kPlain),
            "\u00d7 Applying the unit files of static failed at render.\n"
            "     Error: static.service:4: unknown placeholder @NOPE@\n");
}

TEST(CtlDrift, ShownByShow) {
  AppDetails d;
  d.app.name = "static";
  d.app.state = "idle";
  d.command = "hoistctl";
  d.drift = std::vector<DriftInfo>{};
  std::string text = format_app_details(d, kPlain);
  EXPECT_NE(text.find("     Current: none yet\n       Drift: none\n\nReleases:"), std::string::npos)
      << text;

  d.drift = std::vector<DriftInfo>{
      {"changed", "static.service", "/etc/systemd/system/static.service",
       "/etc/systemd/system/static.service differs from its template"},
      {"needs-reload", "static.service", "",
       "changed on disk since PID 1 loaded it (needs a daemon-reload)"}};
  text = format_app_details(d, kPlain);
  EXPECT_NE(text.find("       Drift: static.service: /etc/systemd/system/static.service differs "
                      "from its template\n"
                      "              static.service: changed on disk since PID 1 loaded it (needs "
                      "a daemon-reload)\n"
                      "              (see it with 'hoistctl diff static', undo it with 'hoistctl "
                      "apply static')\n"),
            std::string::npos)
      << text;
  text = format_app_details(d, kColored);
  EXPECT_NE(text.find(std::string(ansi::kYellow) + "static.service: changed on disk"),
            std::string::npos)
      << text;

  // Only a reload missing: daemon-reload, not apply, is the fix.
  d.command = "hoistctl --user";
  d.drift->erase(d.drift->begin());
  text = format_app_details(d, kPlain);
  EXPECT_NE(text.find("              (make PID 1 load the files with 'hoistctl --user "
                      "daemon-reload')\n"),
            std::string::npos)
      << text;

  // A hoistd that does not know GetDrift: no line at all.
  d.drift.reset();
  EXPECT_EQ(format_app_details(d, kPlain).find("Drift:"), std::string::npos);
}

TEST(CtlDrift, InShowJson) {
  AppDetails d;
  d.app.name = "static";
  auto node = parse_json(app_details_to_json(d));
  EXPECT_TRUE(json_object_get_null_member(json_node_get_object(node.get()), "drift"));

  d.drift = std::vector<DriftInfo>{{"extra", "static.service",
                                    "/etc/systemd/system/static.service.d/override.conf",
                                    "unexpected drop-in /etc/systemd/system/static.service.d/"
                                    "override.conf"}};
  node = parse_json(app_details_to_json(d));
  JsonArray* drift = json_object_get_array_member(json_node_get_object(node.get()), "drift");
  ASSERT_EQ(json_array_get_length(drift), 1u);
  JsonObject* item = json_array_get_object_element(drift, 0);
  EXPECT_STREQ(json_object_get_string_member(item, "kind"), "extra");
  EXPECT_STREQ(json_object_get_string_member(item, "unit"), "static.service");
  EXPECT_STREQ(json_object_get_string_member(item, "path"),
               "/etc/systemd/system/static.service.d/override.conf");
  EXPECT_TRUE(g_str_has_prefix(json_object_get_string_member(item, "detail"), "unexpected"));
}

TEST(CtlUnitDiff, SidesAndTheirLabels) {
  UnitFileDiff f = changed_file();
  EXPECT_EQ(installed_side(f).label, "/etc/systemd/system/static.service (installed)");
  EXPECT_EQ(installed_side(f).text, f.installed);
  EXPECT_EQ(rendered_side(f).label, "static.service (rendered from the template)");
  EXPECT_EQ(rendered_side(f).text, f.rendered);
  f.change = "added";
  EXPECT_EQ(installed_side(f).label, "/dev/null");
  EXPECT_EQ(installed_side(f).text, "");
  f.change = "removed";
  EXPECT_EQ(rendered_side(f).label, "/dev/null");
  EXPECT_EQ(rendered_side(f).text, "");
}

TEST(CtlUnitDiff, MadeByDiff) {
  if (!have_diff()) GTEST_SKIP() << "diff is not installed";
  UnitFileDiff f = changed_file();
  std::string error;
  auto diff = unified_diff(installed_side(f), rendered_side(f), error);
  ASSERT_TRUE(diff) << error;
  EXPECT_EQ(*diff,
            "--- /etc/systemd/system/static.service (installed)\n"
            "+++ static.service (rendered from the template)\n"
            "@@ -1,2 +1,3 @@\n"
            " [Service]\n"
            "+Environment=STATIC_DIR=/srv/static\n"
            " ExecStart=/bin/sleep infinity\n");

  f.change = "removed";
  diff = unified_diff(installed_side(f), rendered_side(f), error);
  ASSERT_TRUE(diff) << error;
  EXPECT_EQ(*diff,
            "--- /etc/systemd/system/static.service (installed)\n"
            "+++ /dev/null\n"
            "@@ -1,2 +0,0 @@\n"
            "-[Service]\n"
            "-ExecStart=/bin/sleep infinity\n");

  EXPECT_EQ(unified_diff({"a", "same\n"}, {"b", "same\n"}, error), "");
  // Bigger than a pipe's buffer.
  std::string big(300000, 'x');
  diff = unified_diff({"a", big + "\n"}, {"b", big + "y\n"}, error);
  ASSERT_TRUE(diff) << error;
  EXPECT_EQ(*diff, "--- a\n+++ b\n@@ -1 +1 @@\n-" + big + "\n+" + big + "y\n");
}

TEST(CtlUnitDiff, ColouredAsGitDoes) {
  std::string diff =
      "--- a (installed)\n"
      "+++ b (rendered from the template)\n"
      "@@ -1,2 +1,2 @@\n"
      " [Service]\n"
      "-Environment=A=1\n"
      "+Environment=A=2\n";
  EXPECT_EQ(color_diff(diff, kPlain), diff);
  EXPECT_EQ(color_diff(diff, kColored),
            "\033[1m--- a (installed)\033[0m\n"
            "\033[1m+++ b (rendered from the template)\033[0m\n"
            "\033[36m@@ -1,2 +1,2 @@\033[0m\n"
            " [Service]\n"
            "\033[31m-Environment=A=1\033[0m\n"
            "\033[32m+Environment=A=2\033[0m\n");
}

TEST(CtlUnitDiff, Json) {
  UnitFileDiff added = changed_file();
  added.change = "added";
  added.installed = "";
  EXPECT_EQ(unit_diffs_to_json({}), "[]");
  auto node = parse_json(unit_diffs_to_json({changed_file(), added}));
  JsonArray* a = json_node_get_array(node.get());
  ASSERT_EQ(json_array_get_length(a), 2u);
  JsonObject* o = json_array_get_object_element(a, 0);
  EXPECT_STREQ(json_object_get_string_member(o, "name"), "static.service");
  EXPECT_STREQ(json_object_get_string_member(o, "path"), "/etc/systemd/system/static.service");
  EXPECT_STREQ(json_object_get_string_member(o, "change"), "changed");
  EXPECT_EQ(json_object_get_string_member(o, "installed"), changed_file().installed);
  EXPECT_EQ(json_object_get_string_member(o, "rendered"), changed_file().rendered);
  o = json_array_get_object_element(a, 1);
  EXPECT_TRUE(json_object_get_null_member(o, "installed"));
  EXPECT_FALSE(json_object_get_null_member(o, "rendered"));
}

TEST(CtlUnitFilesExitStatus, DiffIsLikeDiff) {
  EXPECT_EQ(exit_status::kDiffers, 1);
  EXPECT_EQ(exit_status::failure(Verb::Diff), 2);
  EXPECT_EQ(exit_status::failure(Verb::Apply), 1);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Diff, errors::kFailed), 2);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Diff, errors::kNoSuchApp), 4);  // as show
  EXPECT_EQ(exit_status::for_bus_error(Verb::Apply, errors::kNoSuchApp), 5);  // as deploy
  EXPECT_EQ(exit_status::for_bus_error(Verb::Apply, errors::kNotAuthorized), 4);
  EXPECT_EQ(exit_status::for_bus_error(Verb::Apply, errors::kFailed), 1);
}
