// Reading one app file (core/app_parser.hh) and hoist.conf
// (parse_daemon_config): every key, its default and each of its errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/app_parser.hh"
#include "core/config_loader.hh"

using namespace hoist;

namespace {

using Strings = std::vector<std::string>;
constexpr uint64_t kS = 1000000;

DaemonConfig test_daemon() {
  DaemonConfig d;
  d.state_directory = "/var/lib/hoist";
  d.logs_directory = "/var/log/hoist";
  d.default_step_timeout_usec = 20 * 60 * kS;
  return d;
}

struct Parsed {
  std::optional<AppConfig> app;
  Strings errors;
  Strings warnings;
};

Parsed parse(const std::string& text, const std::string& name = "api") {
  std::vector<ConfigProblem> errors, warnings;
  Parsed p;
  p.app =
      parse_app(name, "/etc/hoist/apps/" + name + ".app", text, test_daemon(), errors, warnings);
  for (const auto& e : errors) p.errors.push_back(e.to_string());
  for (const auto& w : warnings) p.warnings.push_back(w.to_string());
  EXPECT_EQ(p.app.has_value(), errors.empty());
  return p;
}

// The app of a valid file.
AppConfig valid(const std::string& text) {
  auto p = parse(text);
  EXPECT_EQ(p.errors, Strings{});
  return p.app.value_or(AppConfig{});
}

// "[App]\nUnits=api.service\n" + more.
AppConfig valid_with(const std::string& more) { return valid("[App]\nUnits=api.service\n" + more); }

// The errors of a file that has errors.
Strings errors_of(const std::string& text) {
  auto p = parse(text);
  EXPECT_FALSE(p.app);
  return p.errors;
}

// The errors when more follows "[App]\nUnits=api.service\n" (so on line 3 and on).
Strings errors_with(const std::string& more) {
  return errors_of("[App]\nUnits=api.service\n" + more);
}

std::string at(unsigned line, const std::string& rest) {
  return "/etc/hoist/apps/api.app:" + std::to_string(line) + ": " + rest;
}

}  // namespace

TEST(AppParse, MinimalAppHasAllDefaults) {
  const AppConfig app = valid("[App]\nUnits=api.service\n");
  AppConfig expected;
  expected.name = "api";
  expected.source_file = "/etc/hoist/apps/api.app";
  expected.units = {"api.service"};
  expected.directory = "/srv/hoist/api";
  expected.build.step_timeout_usec = 20 * 60 * kS;  // DefaultStepTimeoutSec= of hoist.conf
  EXPECT_EQ(app, expected);
  EXPECT_EQ(app.branch, "main");
  EXPECT_EQ(app.user, "root");
  EXPECT_EQ(app.group, "root");
  EXPECT_EQ(app.keep_releases, 5u);
  EXPECT_EQ(app.units_path, "deploy/systemd");
  EXPECT_FALSE(app.has_repository());
  EXPECT_EQ(app.health.probe, HealthConfig::Probe::None);
  EXPECT_EQ(app.health.timeout_usec, 30 * kS);
  EXPECT_EQ(app.health.retries, 3u);
  EXPECT_EQ(app.health.stabilize_usec, 30 * kS);
  EXPECT_EQ(app.restart_mode, RestartMode::Restart);
  EXPECT_FALSE(app.webhook.require_confirmation);
  EXPECT_FALSE(app.webhook.deploy_tags);
}

TEST(AppParse, EveryKey) {
  const AppConfig app = valid(
      "[App]\n"
      "Description=Example HTTP API\n"
      "Units=api.service api.socket\n"
      "Repository=git@git.example.com:acme/api.git\n"
      "Branch=release/1.x\n"
      "User=api\n"
      "Group=1001\n"
      "Directory=/srv/api/\n"
      "KeepReleases=3\n"
      "Environment=NODE_ENV=production \"GREETING=hello world\"\n"
      "EnvironmentFile=-/etc/default/api\n"
      "EnvironmentFile=/etc/api/env\n"
      "After=db cache\n"
      "Requires=db\n"
      "UnitsPath=ops/units/\n"
      "[Build]\n"
      "Step=npm ci\n"
      "Step=npm run build -- --mode='production build'\n"
      "Migrate=npm run migrate\n"
      "StepTimeoutSec=10min\n"
      "[Health]\n"
      "Exec=/usr/bin/curl -fsS http://localhost/\n"
      "TimeoutSec=5s\n"
      "Retries=5\n"
      "StabilizeSec=0\n"
      "[Restart]\n"
      "Mode=try-restart\n"
      "[Webhook]\n"
      "Name=acme/api\n"
      "SecretFile=/etc/hoist/secrets/api\n"
      "RequireConfirmation=yes\n"
      "DeployTags=yes\n");
  EXPECT_EQ(app.description, "Example HTTP API");
  EXPECT_EQ(app.units, (Strings{"api.service", "api.socket"}));
  EXPECT_EQ(app.repository, "git@git.example.com:acme/api.git");
  EXPECT_TRUE(app.has_repository());
  EXPECT_EQ(app.branch, "release/1.x");
  EXPECT_EQ(app.user, "api");
  EXPECT_EQ(app.group, "1001");
  EXPECT_EQ(app.directory, "/srv/api");
  EXPECT_EQ(app.keep_releases, 3u);
  EXPECT_EQ(app.environment, (Strings{"NODE_ENV=production", "GREETING=hello world"}));
  EXPECT_EQ(app.environment_files,
            (std::vector<EnvironmentFile>{{"/etc/default/api", true}, {"/etc/api/env", false}}));
  EXPECT_EQ(app.after_apps, (Strings{"db", "cache"}));
  EXPECT_EQ(app.requires_apps, (Strings{"db"}));
  EXPECT_EQ(app.units_path, "ops/units");
  EXPECT_EQ(app.build.steps,
            (std::vector<Strings>{{"npm", "ci"},
                                  {"npm", "run", "build", "--", "--mode=production build"}}));
  EXPECT_EQ(app.build.migrate, (Strings{"npm", "run", "migrate"}));
  EXPECT_EQ(app.build.step_timeout_usec, 600 * kS);
  EXPECT_EQ(app.health.probe, HealthConfig::Probe::Exec);
  EXPECT_EQ(app.health.exec, (Strings{"/usr/bin/curl", "-fsS", "http://localhost/"}));
  EXPECT_EQ(app.health.timeout_usec, 5 * kS);
  EXPECT_EQ(app.health.retries, 5u);
  EXPECT_EQ(app.health.stabilize_usec, 0u);
  EXPECT_EQ(app.restart_mode, RestartMode::TryRestart);
  EXPECT_EQ(app.webhook.name, "acme/api");
  EXPECT_EQ(app.webhook.secret_file, "/etc/hoist/secrets/api");
  EXPECT_EQ(app.webhook.secret_credential, "");
  EXPECT_TRUE(app.webhook.require_confirmation);
}

TEST(AppParse, CommentsAndBlankLines) {
  const AppConfig app = valid(
      "# a comment\n"
      "; another comment\n"
      "\n"
      "[App]\n"
      "  # indented comment\n"
      "Units=api.service\n"
      "Description=value # not a comment ; neither\n");
  EXPECT_EQ(app.description, "value # not a comment ; neither");
}

TEST(AppParse, Units) {
  EXPECT_EQ(valid("[App]\nUnits=a.service\nUnits=b.socket a.service\n").units,
            (Strings{"a.service", "b.socket"}));
  EXPECT_EQ(
      valid("[App]\nUnits=a.service\nUnits=\nUnits=c@x.service t.timer p.path g.target\n").units,
      (Strings{"c@x.service", "t.timer", "p.path", "g.target"}));
  EXPECT_EQ(errors_of("[App]\nDescription=x\n"),
            Strings{at(0, "[App] Units=: missing; at least one unit is required")});
  EXPECT_EQ(errors_of("[App]\nUnits=a.service\nUnits=\n"),
            Strings{at(3, "[App] Units=: is empty; at least one unit is required")});
  EXPECT_EQ(errors_of("\n[App]\nUnits=api a.service c@.service home.mount\n"),
            (Strings{
                at(3,
                   "[App] Units=: \"api\" is not a valid unit name: unit name has no valid type "
                   "suffix (.service, .socket, .timer, ...)"),
                at(3,
                   "[App] Units=: \"c@.service\" is not a valid unit name: unit name is a "
                   "template without an instance"),
                at(3,
                   "[App] Units=: \"home.mount\" is a .mount unit; an app's units are "
                   ".service, .socket, .timer, .path or .target units"),
            }));
}

TEST(AppParse, Repository) {
  EXPECT_EQ(valid_with("Repository=file:///srv/git/api.git\n").repository,
            "file:///srv/git/api.git");
  EXPECT_EQ(valid_with("Repository=/srv/git/api\nRepository=\n").repository, "");
  EXPECT_EQ(errors_with("Repository=--upload-pack=touch\n"),
            Strings{at(3, "[App] Repository=: \"--upload-pack=touch\" starts with '-'")});
  EXPECT_EQ(errors_with("Repository=ext::sh\n"),
            Strings{at(3,
                       "[App] Repository=: \"ext::sh\" uses a git remote helper "
                       "(TRANSPORT::ADDRESS), which is not allowed")});
  EXPECT_EQ(errors_with("Repository=https://x/a b\n"),
            Strings{at(3,
                       "[App] Repository=: \"https://x/a b\" contains whitespace or a control "
                       "character")});
}

TEST(AppParse, Branch) {
  EXPECT_EQ(valid_with("Branch=feature/x-1\n").branch, "feature/x-1");
  EXPECT_EQ(valid_with("Branch=\n").branch, "main");
  EXPECT_EQ(errors_with("Branch=-f\n"), Strings{at(3, "[App] Branch=: \"-f\" starts with '-'")});
  EXPECT_EQ(errors_with("Branch=a..b\n"),
            Strings{at(3, "[App] Branch=: \"a..b\" contains \"..\"")});
  EXPECT_EQ(errors_with("Branch=HEAD\n"),
            Strings{at(3, "[App] Branch=: \"HEAD\" is \"HEAD\", which is not a branch")});
}

TEST(AppParse, UserAndGroup) {
  const AppConfig app = valid_with("User=www-data\nGroup=_grp\n");
  EXPECT_EQ(app.user, "www-data");
  EXPECT_EQ(app.group, "_grp");
  EXPECT_EQ(errors_with("User=-root\nGroup=a.b\n"),
            (Strings{at(3,
                        "[App] User=: \"-root\" is not a valid user/group name (it must start "
                        "with a letter or '_')"),
                     at(4,
                        "[App] Group=: \"a.b\" is not a valid user/group name (letters, digits, "
                        "'_' and '-' only)")}));
}

TEST(AppParse, Directory) {
  EXPECT_EQ(valid_with("Directory=/srv//api/\n").directory, "/srv/api");
  EXPECT_EQ(valid_with("Directory=/var/lib/hoist/apps/other\n").directory,
            "/var/lib/hoist/apps/other");
  EXPECT_EQ(errors_with("Directory=srv/api\n"),
            Strings{at(3, "[App] Directory=: \"srv/api\" is not an absolute path")});
  EXPECT_EQ(
      errors_with("Directory=/srv/../etc\n"),
      Strings{at(3, "[App] Directory=: \"/srv/../etc\" contains a \".\" or \"..\" component")});
  EXPECT_EQ(errors_with("Directory=/\n"),
            Strings{at(3, "[App] Directory=: \"/\" is the root directory")});
  EXPECT_EQ(errors_with("Directory=/etc/api\n"),
            Strings{at(3,
                       "[App] Directory=: \"/etc/api\" is inside /etc; app directories may not "
                       "be in /proc, /sys, /dev, /run, /boot, /etc, /usr, /bin, /sbin or "
                       "/lib*")});
  EXPECT_EQ(errors_with("Directory=/var/lib/hoist\n"),
            Strings{at(3,
                       "[App] Directory=: \"/var/lib/hoist\" contains hoist's state directory "
                       "/var/lib/hoist")});
  EXPECT_EQ(errors_with("Directory=/var\n"),
            Strings{at(3,
                       "[App] Directory=: \"/var\" contains hoist's state directory "
                       "/var/lib/hoist")});
  EXPECT_EQ(errors_with("Directory=/var/log/hoist\n"),
            Strings{at(3,
                       "[App] Directory=: \"/var/log/hoist\" contains hoist's logs directory "
                       "/var/log/hoist")});
}

TEST(AppParse, KeepReleases) {
  EXPECT_EQ(valid_with("KeepReleases=1\n").keep_releases, 1u);
  EXPECT_EQ(valid_with("KeepReleases=100\n").keep_releases, 100u);
  EXPECT_EQ(errors_with("KeepReleases=0\n"),
            Strings{at(3, "[App] KeepReleases=: \"0\" is out of range (1 to 100)")});
  EXPECT_EQ(errors_with("KeepReleases=101\n"),
            Strings{at(3, "[App] KeepReleases=: \"101\" is out of range (1 to 100)")});
  EXPECT_EQ(errors_with("KeepReleases=five\n"),
            Strings{at(3, "[App] KeepReleases=: \"five\" is not a number")});
}

TEST(AppParse, Environment) {
  EXPECT_EQ(valid_with("Environment=A=1 B=2\nEnvironment=C=3 A=4\n").environment,
            (Strings{"B=2", "C=3", "A=4"}));
  EXPECT_EQ(valid_with("Environment=A=1\nEnvironment=\nEnvironment=B='x y'\n").environment,
            (Strings{"B=x y"}));
  EXPECT_EQ(valid_with("Environment=AB=1 A=2\n").environment, (Strings{"AB=1", "A=2"}));
  EXPECT_EQ(errors_with("Environment=A=1\nEnvironment=PATH\n"),
            Strings{at(4, "[App] Environment=: \"PATH\" has \"PATH\", which is not KEY=VALUE")});
  EXPECT_EQ(errors_with("Environment=9A=1\n"),
            Strings{at(3,
                       "[App] Environment=: \"9A=1\" has \"9A=1\", whose variable name "
                       "starts with a digit")});
}

TEST(AppParse, EnvironmentFile) {
  EXPECT_EQ(valid_with("EnvironmentFile=/a\nEnvironmentFile=\nEnvironmentFile=-/b//c\n"
                       "EnvironmentFile=-/b/c\n")
                .environment_files,
            (std::vector<EnvironmentFile>{{"/b/c", true}}));
  EXPECT_EQ(errors_with("EnvironmentFile=env\nEnvironmentFile=-\n"),
            (Strings{at(3, "[App] EnvironmentFile=: \"env\" is not an absolute path"),
                     at(4, "[App] EnvironmentFile=: \"-\" is empty")}));
}

TEST(AppParse, AfterAndRequires) {
  const AppConfig app =
      valid_with("After=db\nAfter=cache db\nRequires=x\nRequires=\nRequires=db\n");
  EXPECT_EQ(app.after_apps, (Strings{"db", "cache"}));
  EXPECT_EQ(app.requires_apps, (Strings{"db"}));
  EXPECT_EQ(errors_with("After=api Db\nRequires=-x\n"),
            (Strings{at(3, "[App] After=: \"api\" is this app itself"),
                     at(3,
                        "[App] After=: \"Db\" is not an app name: it does not start with a-z or "
                        "0-9"),
                     at(4,
                        "[App] Requires=: \"-x\" is not an app name: it does not start with a-z "
                        "or 0-9")}));
}

TEST(AppParse, UnitsPath) {
  EXPECT_EQ(valid_with("UnitsPath=./systemd/\n").units_path, "systemd");
  EXPECT_EQ(valid_with("UnitsPath=.\n").units_path, ".");
  EXPECT_EQ(errors_with("UnitsPath=/etc/systemd\n"),
            Strings{at(3, "[App] UnitsPath=: \"/etc/systemd\" is not a relative path")});
  EXPECT_EQ(errors_with("UnitsPath=deploy/../../x\n"),
            Strings{at(3, "[App] UnitsPath=: \"deploy/../../x\" contains a \"..\" component")});
}

TEST(AppParse, SetValuesOfTheUnitTemplates) {
  const auto app = valid_with("Set=PORT=8080\nSet=DB_URL=postgres://db/api?x=1\nSet=PORT=9090\n");
  EXPECT_EQ(app.unit_values, (std::map<std::string, std::string>{
                                 {"DB_URL", "postgres://db/api?x=1"}, {"PORT", "9090"}}));
  EXPECT_EQ(errors_with("Set=PORT\n"), Strings{at(3, "[App] Set=: \"PORT\" is not KEY=VALUE")});
  EXPECT_EQ(errors_with("Set=port=1\n"),
            Strings{at(3, "[App] Set=: port is not a placeholder name (A-Z, then A-Z, 0-9 or _)")});
  EXPECT_EQ(errors_with("Set=CURRENT=/x\n"),
            Strings{at(3, "[App] Set=: CURRENT is a built-in placeholder (@CURRENT@ is always set)")});
}

TEST(AppParse, BuildSteps) {
  EXPECT_EQ(valid_with("[Build]\nStep=a\nStep=b 1\nStep=\nStep=c\nStep=d 'x y'\n").build.steps,
            (std::vector<Strings>{{"c"}, {"d", "x y"}}));
  const AppConfig app =
      valid_with("[Build]\nStep=make\n[App]\nDescription=x\n[Build]\nStep=check\n");
  EXPECT_EQ(app.build.steps, (std::vector<Strings>{{"make"}, {"check"}}));
  const auto errors = errors_with("[Build]\nStep=make\nStep=-make\nStep=echo 'x\nMigrate=+x\n");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], at(5,
                          "[Build] Step=: \"-make\" starts with \"-\": systemd's command "
                          "prefixes are not supported"));
  // The rest of this message is GLib's.
  EXPECT_EQ(errors[1].rfind(at(6, "[Build] Step=: \"echo 'x\" cannot be split into words: "), 0),
            0u)
      << errors[1];
  EXPECT_EQ(errors[2], at(7,
                          "[Build] Migrate=: \"+x\" starts with \"+\": systemd's command "
                          "prefixes are not supported"));
}

TEST(AppParse, StepTimeout) {
  EXPECT_EQ(valid_with("[Build]\nStepTimeoutSec=1h 30min\n").build.step_timeout_usec, 5400 * kS);
  EXPECT_EQ(valid_with("[Build]\nStepTimeoutSec=90\n").build.step_timeout_usec, 90 * kS);
  EXPECT_EQ(errors_with("[Build]\nStepTimeoutSec=0\n"),
            Strings{at(4, "[Build] StepTimeoutSec=: \"0\" is zero; it must be longer")});
  EXPECT_EQ(errors_with("[Build]\nStepTimeoutSec=infinity\n"),
            Strings{at(4, "[Build] StepTimeoutSec=: \"infinity\" is not allowed here")});
}

TEST(AppParse, HealthProbes) {
  AppConfig app = valid_with("[Health]\nURL=https://api.example.com/healthz\n");
  EXPECT_EQ(app.health.probe, HealthConfig::Probe::Http);
  EXPECT_EQ(app.health.url, "https://api.example.com/healthz");
  app = valid_with("[Health]\nTCP=[::1]:8080\n");
  EXPECT_EQ(app.health.probe, HealthConfig::Probe::Tcp);
  EXPECT_EQ(app.health.tcp, "[::1]:8080");
  EXPECT_EQ(app.health.tcp_host, "::1");
  EXPECT_EQ(app.health.tcp_port, 8080);
  app = valid_with("[Health]\nURL=http://x/\nURL=\nTCP=db:5432\n");
  EXPECT_EQ(app.health.probe, HealthConfig::Probe::Tcp);
  EXPECT_EQ(app.health.url, "");
  const auto errors = errors_with("[Health]\nURL=ftp://x/\nTCP=x\nExec=\"\n");
  ASSERT_EQ(errors.size(), 5u);
  EXPECT_EQ(errors[0], at(4, "[Health] URL=: \"ftp://x/\" is not an http:// or https:// URL"));
  EXPECT_EQ(errors[1], at(5, "[Health] TCP=: \"x\" is not HOST:PORT or [IPV6-ADDRESS]:PORT"));
  EXPECT_EQ(errors[2].rfind(at(6, "[Health] Exec=: \"\\\"\" cannot be split into words: "), 0), 0u)
      << errors[2];
  EXPECT_EQ(errors[3], at(5,
                          "[Health] TCP=: conflicts with URL= on line 4; set only one of URL=, "
                          "TCP= and Exec="));
  EXPECT_EQ(errors[4], at(6,
                          "[Health] Exec=: conflicts with URL= on line 4; set only one of "
                          "URL=, TCP= and Exec="));
  EXPECT_EQ(errors_with("[Health]\nExec=/bin/check\nTCP=db:1\n"),
            Strings{at(5,
                       "[Health] TCP=: conflicts with Exec= on line 4; set only one of URL=, "
                       "TCP= and Exec=")});
}

TEST(AppParse, HealthTiming) {
  const AppConfig app = valid_with("[Health]\nTimeoutSec=500ms\nRetries=100\nStabilizeSec=2min\n");
  EXPECT_EQ(app.health.timeout_usec, 500000u);
  EXPECT_EQ(app.health.retries, 100u);
  EXPECT_EQ(app.health.stabilize_usec, 120 * kS);
  EXPECT_EQ(errors_with("[Health]\nTimeoutSec=0\nRetries=0\nStabilizeSec=-1\n"),
            (Strings{at(4, "[Health] TimeoutSec=: \"0\" is zero; it must be longer"),
                     at(5, "[Health] Retries=: \"0\" is out of range (1 to 100)"),
                     at(6, "[Health] StabilizeSec=: \"-1\" is negative")}));
}

TEST(AppParse, RestartMode) {
  EXPECT_EQ(valid_with("[Restart]\nMode=restart\n").restart_mode, RestartMode::Restart);
  EXPECT_EQ(valid_with("[Restart]\nMode=reload\n").restart_mode, RestartMode::Reload);
  EXPECT_EQ(valid_with("[Restart]\nMode=reload-or-restart\n").restart_mode,
            RestartMode::ReloadOrRestart);
  EXPECT_EQ(valid_with("[Restart]\nMode=try-restart\n").restart_mode, RestartMode::TryRestart);
  EXPECT_EQ(errors_with("[Restart]\nMode=Restart\n"),
            Strings{at(4,
                       "[Restart] Mode=: \"Restart\" is not one of restart, reload, "
                       "reload-or-restart and try-restart")});
  EXPECT_EQ(restart_mode_name(RestartMode::ReloadOrRestart), "reload-or-restart");
}

TEST(AppParse, Webhook) {
  const AppConfig app = valid_with(
      "[Webhook]\nName=group/sub/api\nSecretCredential=hook.api\n"
      "RequireConfirmation=off\n");
  EXPECT_EQ(app.webhook.name, "group/sub/api");
  EXPECT_EQ(app.webhook.secret_credential, "hook.api");
  EXPECT_FALSE(app.webhook.require_confirmation);
  EXPECT_FALSE(app.webhook.deploy_tags);
  EXPECT_TRUE(valid_with("[Webhook]\nDeployTags=true\n").webhook.deploy_tags);
  EXPECT_EQ(errors_with("[Webhook]\nDeployTags=tags\n"),
            Strings{at(4,
                       "[Webhook] DeployTags=: \"tags\" is not a boolean (yes/no, true/false, "
                       "on/off, 1/0)")});
  EXPECT_EQ(errors_with("[Webhook]\nName=api\nSecretFile=secret\nSecretCredential=a/b\n"
                        "RequireConfirmation=please\n"),
            (Strings{at(4,
                        "[Webhook] Name=: \"api\" is not a repository name OWNER/NAME (GitLab: "
                        "GROUP/SUBGROUP/NAME)"),
                     at(5, "[Webhook] SecretFile=: \"secret\" is not an absolute path"),
                     at(6,
                        "[Webhook] SecretCredential=: \"a/b\" is not a credential name (A-Z, "
                        "a-z, 0-9, '_', '.', '-')"),
                     at(6,
                        "[Webhook] SecretCredential=: conflicts with SecretFile= on line 5; set "
                        "only one of SecretFile= and SecretCredential="),
                     at(7,
                        "[Webhook] RequireConfirmation=: \"please\" is not a boolean (yes/no, "
                        "true/false, on/off, 1/0)")}));
}

TEST(AppParse, ReportsEveryProblemOfAFile) {
  EXPECT_EQ(errors_of("[App]\n"
                      "Units=nope\n"
                      "KeepReleases=0\n"
                      "[Health]\n"
                      "Retries=x\n"),
            (Strings{at(2,
                        "[App] Units=: \"nope\" is not a valid unit name: unit name has no valid "
                        "type suffix (.service, .socket, .timer, ...)"),
                     at(3, "[App] KeepReleases=: \"0\" is out of range (1 to 100)"),
                     at(5, "[Health] Retries=: \"x\" is not a number")}));
}

TEST(AppParse, InvalidNameNamesTheFile) {
  std::vector<ConfigProblem> errors, warnings;
  EXPECT_FALSE(parse_app("Api", "/etc/hoist/apps/Api.app", "[App]\nUnits=a.service\n",
                         test_daemon(), errors, warnings));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].to_string(),
            "/etc/hoist/apps/Api.app:0: app name \"Api\" (from the file name) does not start with "
            "a-z or 0-9");
}

TEST(AppParse, SyntaxError) {
  const auto errors = errors_of("[App]\nUnits=a.service\nthis is not a key\n");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind(at(3, ""), 0), 0u) << errors[0];  // then GKeyFile's message
  EXPECT_NE(errors[0].find("this is not a key"), std::string::npos) << errors[0];
}

TEST(AppParse, UnknownGroupsAndKeysAreWarnings) {
  const auto p = parse(
      "[App]\nUnits=api.service\nUnit=x\nFrobnicate=K=V\n[Build]\nSteps=make\n[Future]\nX=1\n"
      "[Health]\nURI=http://x/\n");
  ASSERT_TRUE(p.app);
  EXPECT_EQ(p.warnings,
            (Strings{at(7, "[Future]: unknown group, ignored"),
                     at(3, "[App] Unit=: unknown key, ignored (did you mean Units=?)"),
                     at(4, "[App] Frobnicate=: unknown key, ignored"),
                     at(6, "[Build] Steps=: unknown key, ignored (did you mean Step=?)"),
                     at(10, "[Health] URI=: unknown key, ignored (did you mean URL=?)")}));
}

TEST(AppParse, EqualityTellsChangedApps) {
  const std::string text = "[App]\nUnits=api.service\n[Build]\nStep=make\n";
  EXPECT_EQ(valid(text), valid(text));
  EXPECT_EQ(valid(text), valid("# moved\n" + text));
  EXPECT_NE(valid(text), valid(text + "Step=make check\n"));
  EXPECT_NE(valid(text), valid(text + "[Health]\nRetries=4\n"));
}

TEST(DaemonConfigParse, DefaultsAndKeys) {
  std::vector<ConfigProblem> errors, warnings;
  DaemonConfig defaults;
  defaults.state_directory = "/var/lib/hoist";
  DaemonConfig d = parse_daemon_config("/etc/hoist/hoist.conf", "", defaults, errors, warnings);
  EXPECT_EQ(d.apps_directory, "/etc/hoist/apps");
  EXPECT_EQ(d.state_directory, "/var/lib/hoist");
  EXPECT_EQ(d.logs_directory, "/var/log/hoist");
  EXPECT_EQ(d.default_step_timeout_usec, 15 * 60 * kS);
  EXPECT_EQ(d.source_file, "/etc/hoist/hoist.conf");
  d = parse_daemon_config("/etc/hoist/hoist.conf",
                          "[Daemon]\nAppsDirectory=/srv/apps/\nStateDirectory=/srv/state\n"
                          "LogsDirectory=/srv/logs\nDefaultStepTimeoutSec=1h\n",
                          defaults, errors, warnings);
  EXPECT_EQ(d.apps_directory, "/srv/apps");
  EXPECT_EQ(d.state_directory, "/srv/state");
  EXPECT_EQ(d.logs_directory, "/srv/logs");
  EXPECT_EQ(d.default_step_timeout_usec, 3600 * kS);
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(warnings.empty());
}

TEST(DaemonConfigParse, ErrorsKeepDefaultsAndUnknownsWarn) {
  std::vector<ConfigProblem> errors, warnings;
  const DaemonConfig d = parse_daemon_config(
      "/etc/hoist/hoist.conf",
      "[Daemon]\nAppsDirectory=apps\nDefaultStepTimeoutSec=0\nStateDirektory=/x\n[Rollout]\nX=1\n",
      DaemonConfig{}, errors, warnings);
  EXPECT_EQ(d.apps_directory, "/etc/hoist/apps");
  EXPECT_EQ(d.default_step_timeout_usec, 15 * 60 * kS);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].to_string(),
            "/etc/hoist/hoist.conf:2: [Daemon] AppsDirectory=: \"apps\" is not an absolute path");
  EXPECT_EQ(errors[1].to_string(),
            "/etc/hoist/hoist.conf:3: [Daemon] DefaultStepTimeoutSec=: \"0\" is zero; it must be "
            "longer");
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[0].to_string(), "/etc/hoist/hoist.conf:5: [Rollout]: unknown group, ignored");
  EXPECT_EQ(warnings[1].to_string(),
            "/etc/hoist/hoist.conf:4: [Daemon] StateDirektory=: unknown key, ignored (did you mean "
            "StateDirectory=?)");
}

TEST(DaemonConfigParse, WebhookDefaults) {
  std::vector<ConfigProblem> errors, warnings;
  DaemonConfig d = parse_daemon_config("/etc/hoist/hoist.conf", "", DaemonConfig{}, errors, warnings);
  EXPECT_EQ(d.webhook, WebhookConfig{});  // the credential webhook-secret then
  d = parse_daemon_config("/etc/hoist/hoist.conf",
                          "[Webhook]\nSecretFile=/etc/hoist//webhook-secret\n", DaemonConfig{},
                          errors, warnings);
  EXPECT_EQ(d.webhook.secret_file, "/etc/hoist/webhook-secret");
  d = parse_daemon_config("/etc/hoist/hoist.conf", "[Webhook]\nSecretCredential=hooks\n",
                          DaemonConfig{}, errors, warnings);
  EXPECT_EQ(d.webhook.secret_credential, "hooks");
  EXPECT_TRUE(errors.empty());
  EXPECT_TRUE(warnings.empty());
  // App-only keys are unknown here; the secret keys are checked as in apps.
  parse_daemon_config("/etc/hoist/hoist.conf",
                      "[Webhook]\nSecretFile=secret\nSecretCredential=a/b\nDeployTags=yes\n",
                      DaemonConfig{}, errors, warnings);
  Strings texts;
  for (const auto& e : errors) texts.push_back(e.to_string());
  EXPECT_EQ(texts,
            (Strings{"/etc/hoist/hoist.conf:2: [Webhook] SecretFile=: \"secret\" is not an "
                     "absolute path",
                     "/etc/hoist/hoist.conf:3: [Webhook] SecretCredential=: \"a/b\" is not a "
                     "credential name (A-Z, a-z, 0-9, '_', '.', '-')",
                     "/etc/hoist/hoist.conf:3: [Webhook] SecretCredential=: conflicts with "
                     "SecretFile= on line 2; set only one of SecretFile= and SecretCredential="}));
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].to_string(),
            "/etc/hoist/hoist.conf:4: [Webhook] DeployTags=: unknown key, ignored");
}

TEST(AppParse, ConfirmTimeout) {
  std::vector<ConfigProblem> errors, warnings;
  auto app = parse_app("web", "/etc/hoist/apps/web.app",
                       "[App]\nUnits=web.service\n[Webhook]\nRequireConfirmation=yes\nConfirmTimeoutSec=2min\n",
                       daemon_defaults(), errors, warnings);
  ASSERT_TRUE(app) << (errors.empty() ? "" : errors[0].to_string());
  EXPECT_EQ(app->webhook.confirm_timeout_usec, 120ull * 1000 * 1000);
  errors.clear();
  EXPECT_FALSE(parse_app("web", "/etc/hoist/apps/web.app",
                         "[App]\nUnits=web.service\n[Webhook]\nConfirmTimeoutSec=soon\n",
                         daemon_defaults(), errors, warnings));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].key, "ConfirmTimeoutSec");
  EXPECT_EQ(errors[0].line, 4u);
}
