// Loading a configuration tree (core/config_loader.hh): the fixtures under
// tests/unit/fixtures/config, relations between apps (core/app_graph.hh) and
// reloads keeping the last good definitions.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config_fixtures.hh"
#include "core/app_graph.hh"
#include "core/app_parser.hh"
#include "core/config_loader.hh"

using namespace hoist;

namespace {

using Strings = std::vector<std::string>;
constexpr uint64_t kS = 1000000;
const std::string kFixtures = HOIST_CONFIG_FIXTURES;

Strings to_strings(const std::vector<ConfigProblem>& problems) {
  Strings out;
  for (const auto& p : problems) out.push_back(p.to_string());
  return out;
}

std::vector<std::string> names(const std::map<std::string, AppConfig>& apps) {
  std::vector<std::string> out;
  for (const auto& entry : apps) out.push_back(entry.first);
  return out;
}

// A scratch configuration tree: DIR/hoist.conf and DIR/apps/, removed at the end.
class ConfigTree {
 public:
  ConfigTree() {
    char tmpl[] = "/tmp/hoist-config-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
    std::filesystem::create_directory(dir_ + "/apps");
  }
  ~ConfigTree() { std::filesystem::remove_all(dir_); }
  ConfigTree(const ConfigTree&) = delete;
  ConfigTree& operator=(const ConfigTree&) = delete;

  void write(const std::string& relative, const std::string& text) const {
    std::ofstream(dir_ + "/" + relative) << text;
  }
  void remove(const std::string& relative) const { std::filesystem::remove(dir_ + "/" + relative); }
  LoadResult load() const { return load_config(conf(), apps_dir()); }
  std::string apps_dir() const { return dir_ + "/apps"; }
  std::string conf() const { return dir_ + "/hoist.conf"; }
  std::string app(const std::string& name) const { return apps_dir() + "/" + name + ".app"; }

 private:
  std::string dir_;
};

std::string app_text(const std::string& units, const std::string& more = "") {
  return "[App]\nUnits=" + units + "\n" + more;
}

}  // namespace

TEST(ConfigLoader, LoadsTheFixtureTree) {
  const std::string apps = kFixtures + "/apps";
  const LoadResult r = load_config(kFixtures + "/hoist.conf", apps);
  EXPECT_FALSE(r.daemon_failed);
  EXPECT_EQ(r.daemon.source_file, kFixtures + "/hoist.conf");
  EXPECT_EQ(r.daemon.apps_directory, apps);
  EXPECT_EQ(r.daemon.state_directory, "/srv/hoist-state");
  EXPECT_EQ(r.daemon.logs_directory, "/srv/hoist-logs");
  EXPECT_EQ(r.daemon.default_step_timeout_usec, 20 * 60 * kS);

  EXPECT_EQ(names(r.apps), (Strings{"api", "db", "worker"}));
  EXPECT_EQ(r.failed_apps, (std::set<std::string>{"Bad_Name", "broken"}));
  EXPECT_EQ(to_strings(r.errors),
            (Strings{
                apps + "/Bad_Name.app:0: app name \"Bad_Name\" (from the file name) does not start "
                       "with a-z or 0-9",
                apps + "/broken.app:2: [App] Units=: \"nope\" is not a valid unit name: unit name "
                       "has no valid type suffix (.service, .socket, .timer, ...)",
                apps + "/broken.app:3: [App] Repository=: \"--upload-pack=evil\" starts with '-'",
                apps + "/broken.app:4: [App] KeepReleases=: \"0\" is out of range (1 to 100)",
                apps + "/broken.app:8: [Health] TCP=: conflicts with URL= on line 7; set only one "
                       "of URL=, TCP= and Exec=",
            }));
  EXPECT_EQ(to_strings(r.warnings),
            (Strings{
                kFixtures + "/hoist.conf:10: [Rollout]: unknown group, ignored",
                kFixtures + "/hoist.conf:7: [Daemon] ColourScheme=: unknown key, ignored",
                apps + "/worker.app:7: [App] Colour=: unknown key, ignored",
                apps + "/worker.app:6: [App] Requires=: \"broken\" names an app whose definition "
                       "has errors",
            }));

  const AppConfig& api = r.apps.at("api");
  EXPECT_EQ(api.source_file, apps + "/api.app");
  EXPECT_EQ(api.units, (Strings{"api.service", "api.socket"}));
  EXPECT_EQ(api.directory, "/srv/api");
  EXPECT_EQ(api.build.step_timeout_usec, 10 * 60 * kS);
  EXPECT_EQ(api.environment, (Strings{"NODE_ENV=production", "GREETING=hello world", "PORT=8080"}));
  EXPECT_EQ(api.health.probe, HealthConfig::Probe::Http);
  EXPECT_EQ(api.restart_mode, RestartMode::ReloadOrRestart);
  EXPECT_EQ(api.webhook.secret_credential, "api-webhook");
  EXPECT_TRUE(api.webhook.require_confirmation);

  const AppConfig& db = r.apps.at("db");
  EXPECT_FALSE(db.has_repository());
  EXPECT_EQ(db.units, (Strings{"postgresql@15-main.service"}));
  EXPECT_EQ(db.directory, "/srv/hoist/db");  // the default, whatever StateDirectory= is
  EXPECT_EQ(db.build.step_timeout_usec, 20 * 60 * kS);  // DefaultStepTimeoutSec=
  EXPECT_EQ(db.health.tcp_port, 5432);
  EXPECT_EQ(r.apps.at("worker").requires_apps, (Strings{"broken"}));
}

TEST(ConfigLoader, NoFilesAtAll) {
  const LoadResult r = load_config("/nonexistent/hoist.conf", "/nonexistent/apps");
  EXPECT_FALSE(r.daemon_failed);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_TRUE(r.apps.empty());
  EXPECT_EQ(r.daemon.source_file, "");
  EXPECT_EQ(r.daemon.default_step_timeout_usec, 15 * 60 * kS);
  EXPECT_EQ(to_strings(r.warnings),
            (Strings{"/nonexistent/apps:0: apps directory does not exist; no apps"}));
}

TEST(ConfigLoader, DefaultsFromTheEnvironment) {
  setenv("STATE_DIRECTORY", "/run/state-test:/other", 1);
  setenv("LOGS_DIRECTORY", "relative", 1);
  const DaemonConfig d = daemon_defaults();
  unsetenv("STATE_DIRECTORY");
  unsetenv("LOGS_DIRECTORY");
  EXPECT_EQ(d.state_directory, "/run/state-test");
  EXPECT_EQ(d.logs_directory, "/var/log/hoist");
  EXPECT_EQ(daemon_defaults().state_directory, "/var/lib/hoist");
}

TEST(ConfigLoader, HoistConfUsesAppsDirectory) {
  ConfigTree tree;
  tree.write("hoist.conf", "[Daemon]\nAppsDirectory=" + tree.apps_dir() + "/\n");
  tree.write("apps/x.app", app_text("x.service"));
  const LoadResult r = load_config(tree.conf());
  EXPECT_EQ(names(r.apps), (Strings{"x"}));
}

TEST(ConfigLoader, BadHoistConfFailsTheDaemon) {
  ConfigTree tree;
  tree.write("hoist.conf", "[Daemon]\nStateDirectory=state\n");
  tree.write("apps/x.app", app_text("x.service"));
  const LoadResult r = tree.load();
  EXPECT_TRUE(r.daemon_failed);
  EXPECT_EQ(
      to_strings(r.errors),
      (Strings{tree.conf() + ":2: [Daemon] StateDirectory=: \"state\" is not an absolute path"}));
  EXPECT_EQ(r.daemon.state_directory, "/var/lib/hoist");
  EXPECT_EQ(names(r.apps), (Strings{"x"}));
}

TEST(ConfigLoader, UnreadableFiles) {
  ConfigTree tree;
  std::filesystem::create_directory(tree.app("dir"));
  tree.write("apps/big.app", std::string(kConfigFileMaxBytes + 1, '#'));
  const LoadResult r = tree.load();
  EXPECT_EQ(r.failed_apps, (std::set<std::string>{"big", "dir"}));
  EXPECT_EQ(to_strings(r.errors), (Strings{tree.app("big") + ":0: is larger than 1 MiB",
                                           tree.app("dir") + ":0: is not a regular file"}));
}

TEST(ConfigLoader, DependencyCyclesAndUnknownApps) {
  const std::string dir = kFixtures + "/cycle";
  const LoadResult r = load_config("/nonexistent/hoist.conf", dir);
  EXPECT_EQ(names(r.apps), (Strings{"d"}));
  EXPECT_EQ(r.failed_apps, (std::set<std::string>{"a", "b", "c", "e"}));
  EXPECT_EQ(to_strings(r.errors),
            (Strings{dir + "/a.app:3: [App] After=: dependency cycle: a -> b -> c -> a",
                     dir + "/b.app:3: [App] Requires=: dependency cycle: b -> c -> a -> b",
                     dir + "/c.app:3: [App] After=: dependency cycle: c -> a -> b -> c",
                     dir + "/e.app:3: [App] Requires=: \"ghost\" names no app (there is no "
                           "ghost.app)"}));
  EXPECT_EQ(to_strings(r.warnings),
            (Strings{dir + "/d.app:4: [App] After=: \"a\" names an app whose definition has "
                           "errors"}));
}

TEST(ConfigLoader, ErrorLineIsTheAssignmentNamingTheApp) {
  ConfigTree tree;
  tree.write("apps/a.app", app_text("a.service", "After=b\nAfter=zzz\nRequires=\nRequires=b\n"));
  tree.write("apps/b.app", app_text("b.service", "Requires=a\n"));
  const LoadResult r = tree.load();
  EXPECT_EQ(to_strings(r.errors),
            (Strings{tree.app("a") + ":4: [App] After=: \"zzz\" names no app (there is no zzz.app)",
                     tree.app("a") + ":3: [App] After=: dependency cycle: a -> b -> a",
                     tree.app("b") + ":3: [App] Requires=: dependency cycle: b -> a -> b"}));
}

TEST(ConfigLoader, OverlappingDirectories) {
  ConfigTree tree;
  tree.write("apps/a.app", app_text("a.service", "Directory=/srv/a\n"));
  tree.write("apps/b.app", app_text("b.service", "Directory=/srv/a/b\n"));
  tree.write("apps/c.app", app_text("c.service", "Directory=/srv/c\n"));
  tree.write("apps/d.app", app_text("d.service", "\nDirectory=/srv/c/\n"));
  tree.write("apps/e.app", app_text("e.service"));  // at its default: never blamed
  tree.write("apps/f.app", app_text("f.service", "Directory=/srv/hoist/e\n"));
  const LoadResult r = tree.load();
  EXPECT_EQ(names(r.apps), (Strings{"e"}));
  EXPECT_EQ(to_strings(r.errors),
            (Strings{tree.app("a") + ":3: [App] Directory=: \"/srv/a\" contains the directory of "
                                     "app b (/srv/a/b)",
                     tree.app("b") + ":3: [App] Directory=: \"/srv/a/b\" is inside the directory "
                                     "of app a (/srv/a)",
                     tree.app("c") + ":3: [App] Directory=: \"/srv/c\" is also the directory of "
                                     "app d",
                     tree.app("d") + ":4: [App] Directory=: \"/srv/c\" is also the directory of "
                                     "app c",
                     tree.app("f") + ":3: [App] Directory=: \"/srv/hoist/e\" is also the "
                                     "directory of app e"}));
}

TEST(AppGraph, DependenciesAndCycles) {
  std::map<std::string, AppConfig> apps;
  auto add = [&](const std::string& name, Strings after, Strings requires_) {
    AppConfig a;
    a.name = name;
    a.after_apps = std::move(after);
    a.requires_apps = std::move(requires_);
    apps[name] = a;
  };
  add("web", {"db", "cache"}, {"db"});
  add("db", {}, {});
  add("cache", {}, {"db"});
  add("x", {"y"}, {});
  add("y", {"z"}, {"x"});
  add("z", {"x"}, {});
  EXPECT_EQ(app_dependencies(apps.at("web")), (Strings{"cache", "db"}));
  EXPECT_TRUE(dependency_cycle(apps, "web").empty());
  EXPECT_TRUE(dependency_cycle(apps, "nope").empty());
  // The shortest cycle through x: x -> y -> x rather than x -> y -> z -> x.
  EXPECT_EQ(dependency_cycle(apps, "x"), (Strings{"x", "y", "x"}));
  EXPECT_EQ(dependency_cycle(apps, "z"), (Strings{"z", "x", "y", "z"}));
}

TEST(MergeReload, FailedAppsKeepTheirLastGoodDefinition) {
  ConfigTree tree;
  tree.write("apps/api.app", app_text("api.service", "[Build]\nStep=make\n"));
  tree.write("apps/db.app", app_text("db.service"));
  tree.write("apps/old.app", app_text("old.service"));
  const LoadResult first = tree.load();
  ASSERT_EQ(names(first.apps), (Strings{"api", "db", "old"}));
  const auto current = merge_reload({}, first);
  EXPECT_EQ(current, first.apps);

  tree.write("apps/api.app", app_text("api.service", "[Build]\nStep=make all\nStepTimeoutSec=x\n"));
  tree.write("apps/db.app", app_text("db.service", "Description=changed\n"));
  tree.remove("apps/old.app");
  tree.write("apps/new.app", app_text("new.service"));
  tree.write("apps/bad.app", app_text("nope"));
  const LoadResult second = tree.load();
  EXPECT_EQ(second.failed_apps, (std::set<std::string>{"api", "bad"}));
  std::vector<ConfigProblem> notes;
  const auto merged = merge_reload(current, second, &notes);
  EXPECT_EQ(names(merged), (Strings{"api", "db", "new"}));
  EXPECT_EQ(merged.at("api"), current.at("api"));  // last good
  EXPECT_EQ(merged.at("api").build.steps, (std::vector<Strings>{{"make"}}));
  EXPECT_EQ(merged.at("db").description, "changed");  // changed and valid
  EXPECT_NE(merged.at("db"), current.at("db"));
  EXPECT_EQ(to_strings(notes),
            (Strings{tree.app("api") + ":0: has errors; app api keeps its previous definition"}));
}

TEST(MergeReload, BrokenHoistConfChangesNothing) {
  ConfigTree tree;
  tree.write("apps/api.app", app_text("api.service"));
  const auto current = merge_reload({}, tree.load());
  tree.write("hoist.conf", "[Daemon]\nAppsDirectory=relative\n");
  tree.remove("apps/api.app");
  std::vector<ConfigProblem> notes;
  const auto merged = merge_reload(current, tree.load(), &notes);
  EXPECT_EQ(merged, current);
  EXPECT_EQ(to_strings(notes),
            (Strings{tree.conf() + ":0: has errors; the configuration was not reloaded"}));
}

TEST(MergeReload, NewDefinitionClashingWithAKeptOneIsTakenBack) {
  ConfigTree tree;
  tree.write("apps/a.app", app_text("a.service", "After=c\n"));
  tree.write("apps/c.app", app_text("c.service"));
  const auto current = merge_reload({}, tree.load());
  ASSERT_EQ(names(current), (Strings{"a", "c"}));

  // a now forms a cycle with the new b (both fail, a keeps After=c), and c
  // now wants a: valid alone, a cycle with the a that is kept.
  tree.write("apps/a.app", app_text("a.service", "After=b\n"));
  tree.write("apps/b.app", app_text("b.service", "After=a\n"));
  tree.write("apps/c.app", app_text("c.service", "After=a\n"));
  tree.write("apps/n.app", app_text("n.service", "Requires=c\nDirectory=/srv/n\n"));
  const LoadResult fresh = tree.load();
  EXPECT_EQ(names(fresh.apps), (Strings{"c", "n"}));
  std::vector<ConfigProblem> notes;
  const auto merged = merge_reload(current, fresh, &notes);
  EXPECT_EQ(names(merged), (Strings{"a", "c", "n"}));
  EXPECT_EQ(merged.at("a"), current.at("a"));
  EXPECT_EQ(merged.at("c"), current.at("c"));
  EXPECT_EQ(merged.at("n"), fresh.apps.at("n"));
  EXPECT_EQ(to_strings(notes),
            (Strings{tree.app("a") + ":0: has errors; app a keeps its previous definition",
                     tree.app("c") + ":0: app c keeps its previous definition: [App] After=: "
                                     "dependency cycle: c -> a -> c"}));
}

TEST(MergeReload, NewAppClashingWithAKeptOneIsNotAdded) {
  ConfigTree tree;
  tree.write("apps/a.app", app_text("a.service", "Directory=/srv/a\n"));
  const auto current = merge_reload({}, tree.load());
  tree.write("apps/a.app", app_text("a.service", "Directory=/srv/a\nKeepReleases=0\n"));
  tree.write("apps/b.app", app_text("b.service", "Directory=/srv/a/b\n"));
  tree.write("apps/c.app", app_text("c.service", "Requires=b\n"));
  std::vector<ConfigProblem> notes;
  const auto merged = merge_reload(current, tree.load(), &notes);
  // c names b, which is not added: like naming an app with errors, c stays.
  EXPECT_EQ(names(merged), (Strings{"a", "c"}));
  EXPECT_EQ(to_strings(notes),
            (Strings{tree.app("a") + ":0: has errors; app a keeps its previous definition",
                     tree.app("b") + ":0: app b is not added: [App] Directory=: \"/srv/a/b\" is "
                                     "inside the directory of app a (/srv/a)"}));
}

TEST(ConfigLoader, ParsedFixtureEqualsLoaded) {
  const LoadResult r = load_config(kFixtures + "/hoist.conf", kFixtures + "/apps");
  std::ifstream in(kFixtures + "/apps/api.app");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<ConfigProblem> errors, warnings;
  const auto api = parse_app("api", kFixtures + "/apps/api.app", text, r.daemon, errors, warnings);
  ASSERT_TRUE(api);
  EXPECT_EQ(*api, r.apps.at("api"));
}
