// fuzz-config: the input as /etc/hoist/hoist.conf (parse_daemon_config) and
// as /etc/hoist/apps/fuzz.app (parse_app, with the daemon settings the same
// text gave), then the app's template placeholders and its relations to two
// fixed apps (app_relation_problems). Pure: no file is read.
//
// Properties: an app comes back exactly when there was no error; every
// problem reads as valid UTF-8; a valid app has at least one unit, valid and
// each once, a directory, and each environment variable once.
#include <glib.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "common/unit_name.hh"
#include "core/app_graph.hh"
#include "core/app_parser.hh"
#include "core/config_loader.hh"
#include "core/unit_template.hh"
#include "fuzz_check.hh"

using namespace hoist;

namespace {

void check_problems(const std::vector<ConfigProblem>& problems) {
  for (const auto& p : problems) {
    const std::string text = p.to_string();
    FUZZ_CHECK(g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr));
  }
}

template <class T>
bool all_different(std::vector<T> items) {
  std::sort(items.begin(), items.end());
  return std::adjacent_find(items.begin(), items.end()) == items.end();
}

void check_app(const AppConfig& app) {
  FUZZ_CHECK(!app.units.empty());
  for (const auto& unit : app.units) FUZZ_CHECK(unit_name_is_valid(unit));
  FUZZ_CHECK(all_different(app.units));
  FUZZ_CHECK(!app.directory.empty());
  std::vector<std::string> names;
  for (const auto& assignment : app.environment) {
    FUZZ_CHECK(assignment.find('=') != std::string::npos);
    names.push_back(assignment.substr(0, assignment.find('=')));
  }
  FUZZ_CHECK(all_different(names));
  FUZZ_CHECK(all_different(app.after_apps));
  FUZZ_CHECK(all_different(app.requires_apps));
  for (const auto& [key, value] : app.unit_values) FUZZ_CHECK(placeholder_name_problem(key).empty());
}

AppConfig other_app(const std::string& name, std::vector<std::string> after) {
  AppConfig a;
  a.name = name;
  a.units = {name + ".service"};
  a.directory = default_app_directory(name);
  a.after_apps = std::move(after);
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(fuzz::text_of(data, size));

  std::vector<ConfigProblem> errors, warnings;
  const DaemonConfig daemon =
      parse_daemon_config("/etc/hoist/hoist.conf", text, DaemonConfig{}, errors, warnings);
  check_problems(errors);
  check_problems(warnings);

  std::vector<ConfigProblem> app_errors, app_warnings;
  const auto app = parse_app("fuzz", "/etc/hoist/apps/fuzz.app", text, daemon, app_errors, app_warnings);
  check_problems(app_errors);
  check_problems(app_warnings);
  FUZZ_CHECK(app.has_value() == app_errors.empty());
  if (!app) return 0;
  check_app(*app);
  template_values(*app, "20260101T000000Z-0123456");

  std::map<std::string, AppConfig> apps = {
      {"fuzz", *app},
      {"api", other_app("api", {"fuzz"})},
      {"db", other_app("db", {})},
  };
  for (const auto& p : app_relation_problems(apps, {"broken"})) FUZZ_CHECK(apps.count(p.app));
  const auto cycle = dependency_cycle(apps, "fuzz");
  FUZZ_CHECK(cycle.empty() || (cycle.front() == "fuzz" && cycle.back() == "fuzz"));
  return 0;
}
