#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "ctl/args.hh"
#include "ctl/text.hh"

using namespace hoist::ctl;

namespace {

ParseResult parse(std::vector<std::string> args) {
  args.insert(args.begin(), "hoistctl");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  return parse_args(static_cast<int>(args.size()), argv.data());
}

// The error of a command line that must fail.
std::string error_of(std::vector<std::string> args) {
  auto r = parse(std::move(args));
  EXPECT_FALSE(r.ok());
  return r.error;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST(CtlArgs, Defaults) {
  auto r = parse({"status"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.verb, Verb::Status);
  EXPECT_TRUE(r.options.units.empty());
  EXPECT_FALSE(r.options.json);
  EXPECT_FALSE(r.options.user);
  EXPECT_TRUE(r.options.ask_password);
  EXPECT_EQ(r.options.lines, kDefaultLogLines);
  EXPECT_FALSE(r.options.follow);
  EXPECT_EQ(r.options.log_format, LogFormat::Short);
}

TEST(CtlArgs, EveryVerb) {
  EXPECT_EQ(parse({"start", "a.service"}).options.verb, Verb::Start);
  EXPECT_EQ(parse({"stop", "a.service"}).options.verb, Verb::Stop);
  EXPECT_EQ(parse({"restart", "a.service"}).options.verb, Verb::Restart);
  EXPECT_EQ(parse({"reload", "a.service"}).options.verb, Verb::Reload);
  EXPECT_EQ(parse({"reload-or-restart", "a.service"}).options.verb, Verb::ReloadOrRestart);
  EXPECT_EQ(parse({"try-restart", "a.service"}).options.verb, Verb::TryRestart);
  EXPECT_EQ(parse({"logs", "a.service"}).options.verb, Verb::Logs);
  EXPECT_EQ(parse({"daemon-reload"}).options.verb, Verb::DaemonReload);
  EXPECT_EQ(parse({"reload"}).options.verb, Verb::ReloadConfig);
  EXPECT_EQ(parse({"apps"}).options.verb, Verb::Apps);
  EXPECT_EQ(parse({"show", "hello"}).options.verb, Verb::Show);
  EXPECT_EQ(parse({"deploy", "hello"}).options.verb, Verb::Deploy);
  EXPECT_EQ(parse({"rollback", "hello"}).options.verb, Verb::Rollback);
  EXPECT_EQ(parse({"releases", "hello"}).options.verb, Verb::Releases);
  EXPECT_EQ(parse({"history", "hello"}).options.verb, Verb::History);
  EXPECT_EQ(parse({"deploy-status", "20261121T224435Z-1a2b3c"}).options.verb, Verb::DeployStatus);
  EXPECT_EQ(parse({"confirm", "hello"}).options.verb, Verb::Confirm);
  EXPECT_EQ(parse({"pending"}).options.verb, Verb::Pending);
  EXPECT_EQ(parse({"rollout", "--all"}).options.verb, Verb::Rollout);
  EXPECT_EQ(parse({"rollout-status", "r1"}).options.verb, Verb::RolloutStatus);
  EXPECT_EQ(parse({"cancel-rollout", "r1"}).options.verb, Verb::CancelRollout);
  EXPECT_STREQ(verb_name(Verb::ReloadOrRestart), "reload-or-restart");
  EXPECT_STREQ(verb_name(Verb::ReloadConfig), "reload");
  EXPECT_STREQ(verb_name(Verb::DeployStatus), "deploy-status");
  EXPECT_STREQ(verb_name(Verb::Confirm), "confirm");
  EXPECT_STREQ(verb_name(Verb::Pending), "pending");
  EXPECT_STREQ(verb_name(Verb::RolloutStatus), "rollout-status");
  EXPECT_STREQ(verb_name(Verb::CancelRollout), "cancel-rollout");
}

TEST(CtlArgs, OptionsBeforeAndAfterTheVerb) {
  auto r = parse({"--user", "--json", "status", "api*", "db.service", "--no-ask-password"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.options.user);
  EXPECT_TRUE(r.options.json);
  EXPECT_FALSE(r.options.ask_password);
  EXPECT_EQ(r.options.units, (std::vector<std::string>{"api*", "db.service"}));
}

TEST(CtlArgs, LogsOptions) {
  auto r = parse({"logs", "api.service", "-n", "5", "-f", "-o", "cat"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.units, std::vector<std::string>{"api.service"});
  EXPECT_EQ(r.options.lines, 5u);
  EXPECT_TRUE(r.options.follow);
  EXPECT_EQ(r.options.log_format, LogFormat::Cat);

  r = parse({"--lines=0", "--follow", "--output=json", "logs", "api.service"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.lines, 0u);
  EXPECT_EQ(r.options.log_format, LogFormat::Json);
  EXPECT_EQ(parse({"logs", "-n10000", "a.service"}).options.lines, kMaxLogLines);
  EXPECT_EQ(parse({"logs", "-fn", "3", "a.service"}).options.lines, 3u);
  EXPECT_EQ(parse({"logs", "-o", "short", "a.service"}).options.log_format, LogFormat::Short);
}

TEST(CtlArgs, DoubleDashEndsOptions) {
  auto r = parse({"logs", "--", "api.service"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.units, std::vector<std::string>{"api.service"});
  EXPECT_TRUE(contains(error_of({"status", "--", "--json"}), "'--json'"));
}

TEST(CtlArgs, OptionsFollowTheVerbEvenWithPosixlyCorrect) {
  setenv("POSIXLY_CORRECT", "1", 1);
  auto r = parse({"logs", "api.service", "-n", "7"});
  unsetenv("POSIXLY_CORRECT");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.lines, 7u);
}

TEST(CtlArgs, HelpAndVersionNeedNoVerb) {
  EXPECT_TRUE(parse({"--help"}).options.help);
  EXPECT_TRUE(parse({"-h"}).options.help);
  EXPECT_TRUE(parse({"--version"}).options.version);
  EXPECT_TRUE(parse({"frobnicate", "--help"}).ok());
  EXPECT_TRUE(parse({"start", "--help"}).ok());
}

TEST(CtlArgs, ParsingTwiceGivesTheSameResult) {
  auto a = parse({"logs", "-n", "3", "a.service"});
  auto b = parse({"logs", "-n", "3", "a.service"});
  EXPECT_EQ(a.options.lines, b.options.lines);
  EXPECT_EQ(a.options.units, b.options.units);
}

TEST(CtlArgs, UnknownOptionsAndCommandsAreNamed) {
  EXPECT_EQ(error_of({"--bogus", "status"}), "unknown option '--bogus'");
  EXPECT_EQ(error_of({"status", "--bogus=1"}), "unknown option '--bogus'");
  EXPECT_EQ(error_of({"status", "-x"}), "unknown option '-x'");
  EXPECT_EQ(error_of({"status", "--json=yes"}), "option '--json' takes no argument");
  EXPECT_EQ(error_of({"logs", "a.service", "-n"}), "option '-n' needs an argument");
  EXPECT_EQ(error_of({"logs", "a.service", "--lines"}), "option '--lines' needs an argument");
  EXPECT_EQ(error_of({"frobnicate"}), "unknown command 'frobnicate'");
  EXPECT_EQ(error_of({}), "no command given");
  EXPECT_EQ(error_of({"--json"}), "no command given");
}

TEST(CtlArgs, BadOptionValues) {
  EXPECT_TRUE(contains(error_of({"logs", "-n", "abc", "a.service"}), "'abc'"));
  EXPECT_TRUE(contains(error_of({"logs", "-n", "-1", "a.service"}), "'-1'"));
  EXPECT_TRUE(contains(error_of({"logs", "-n", "10001", "a.service"}), "from 0 to 10000"));
  EXPECT_TRUE(contains(error_of({"logs", "-n", "", "a.service"}), "invalid number"));
  EXPECT_EQ(error_of({"logs", "-o", "xml", "a.service"}),
            "unknown output format 'xml': expected short, cat or json");
}

TEST(CtlArgs, LogsOptionsOnlyWithLogs) {
  EXPECT_EQ(error_of({"status", "-n", "3"}),
            "option '-n/--lines' is only valid with 'logs' and 'history'");
  EXPECT_EQ(error_of({"-f", "restart", "a.service"}),
            "option '-f/--follow' is only valid with 'logs'");
  EXPECT_EQ(error_of({"daemon-reload", "-o", "cat"}),
            "option '-o/--output' is only valid with 'logs'");
}

TEST(CtlArgs, ArgumentCounts) {
  EXPECT_EQ(error_of({"start"}), "'start' needs at least one unit name");
  EXPECT_EQ(error_of({"try-restart"}), "'try-restart' needs at least one unit name");
  EXPECT_EQ(error_of({"logs"}), "'logs' needs exactly one unit name");
  EXPECT_EQ(error_of({"logs", "a.service", "b.service"}), "'logs' needs exactly one unit name");
  EXPECT_EQ(error_of({"daemon-reload", "a.service"}), "'daemon-reload' takes no arguments");
  EXPECT_TRUE(parse({"restart", "a.service", "b.socket"}).ok());
}

TEST(CtlArgs, UnitNamesAreCheckedWithTheReason) {
  EXPECT_EQ(error_of({"restart", "a/b.service"}),
            "invalid unit name 'a/b.service': unit name contains character '/'");
  EXPECT_TRUE(contains(error_of({"start", "api"}), "no valid type suffix"));
  EXPECT_TRUE(contains(error_of({"logs", ""}), "unit name is empty"));
  EXPECT_TRUE(contains(error_of({"status", "getty@.service"}), "template"));
  // Patterns only where patterns make sense.
  EXPECT_TRUE(parse({"status", "api*"}).ok());
  EXPECT_TRUE(parse({"status", "api-[0-9].service"}).ok());
  EXPECT_TRUE(contains(error_of({"status", "api /*"}), "unit pattern contains character ' '"));
  EXPECT_TRUE(contains(error_of({"restart", "api*.service"}), "character '*'"));
}

TEST(CtlArgs, ControlCharactersInMessagesAreEscaped) {
  EXPECT_EQ(error_of({"start", "a\nb.service"}),
            "invalid unit name 'a\\nb.service': unit name contains control character 0x0a");
  EXPECT_EQ(error_of({"fr\033[31mob"}), "unknown command 'fr\\033[31mob'");
  EXPECT_EQ(error_of({"status", "--b\tad"}), "unknown option '--b\\tad'");
  EXPECT_EQ(printable("caf\xc3\xa9 dev-x\\x2d.device"), "caf\xc3\xa9 dev-x\\x2d.device");
}

TEST(CtlArgs, PatternDetection) {
  EXPECT_TRUE(is_unit_pattern("api*"));
  EXPECT_TRUE(is_unit_pattern("api?.service"));
  EXPECT_TRUE(is_unit_pattern("api[12].service"));
  EXPECT_FALSE(is_unit_pattern("api.service"));
}

TEST(CtlArgs, ReloadWithoutUnitsReloadsTheConfiguration) {
  auto r = parse({"reload"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.verb, Verb::ReloadConfig);
  EXPECT_TRUE(r.options.units.empty());
  r = parse({"reload", "api.service"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.verb, Verb::Reload);
  EXPECT_EQ(r.options.units, std::vector<std::string>{"api.service"});
  EXPECT_TRUE(contains(error_of({"reload", "api"}), "no valid type suffix"));
  EXPECT_TRUE(parse({"--json", "reload"}).options.json);
}

TEST(CtlArgs, DeployArguments) {
  auto r = parse({"deploy", "hello"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.app, "hello");
  EXPECT_EQ(r.options.revision, "");
  EXPECT_FALSE(r.options.wait);
  EXPECT_FALSE(r.options.force);
  EXPECT_FALSE(r.options.skip_migrations);
  EXPECT_FALSE(r.options.dry_run);

  r = parse({"--wait", "deploy", "hello", "v1.2", "--force", "--skip-migrations", "--json"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.app, "hello");
  EXPECT_EQ(r.options.revision, "v1.2");
  EXPECT_TRUE(r.options.wait);
  EXPECT_TRUE(r.options.force);
  EXPECT_TRUE(r.options.skip_migrations);
  EXPECT_TRUE(r.options.json);
  EXPECT_TRUE(r.options.units.empty());

  r = parse({"deploy", "--dry-run", "hello", "abc1234"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.options.dry_run);
  EXPECT_EQ(r.options.revision, "abc1234");
}

TEST(CtlArgs, RollbackArguments) {
  auto r = parse({"rollback", "hello", "20261120T101010Z-abc1234", "--wait"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.verb, Verb::Rollback);
  EXPECT_EQ(r.options.app, "hello");
  EXPECT_EQ(r.options.release, "20261120T101010Z-abc1234");
  EXPECT_EQ(r.options.revision, "");
  EXPECT_TRUE(r.options.wait);
  EXPECT_EQ(parse({"rollback", "hello"}).options.release, "");
}

TEST(CtlArgs, ConfirmAndPendingArguments) {
  auto r = parse({"confirm", "hello"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.app, "hello");
  EXPECT_FALSE(r.options.wait);
  EXPECT_FALSE(r.options.json);

  r = parse({"--json", "confirm", "--wait", "my-app"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.verb, Verb::Confirm);
  EXPECT_EQ(r.options.app, "my-app");
  EXPECT_TRUE(r.options.wait);
  EXPECT_TRUE(r.options.json);
  EXPECT_EQ(r.options.revision, "");

  r = parse({"pending", "--json"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.verb, Verb::Pending);
  EXPECT_TRUE(r.options.json);
  EXPECT_EQ(r.options.app, "");
}

TEST(CtlArgs, AppVerbArguments) {
  EXPECT_EQ(parse({"show", "hello"}).options.app, "hello");
  EXPECT_EQ(parse({"releases", "my-app"}).options.app, "my-app");
  auto r = parse({"history", "-n", "3", "hello"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.app, "hello");
  EXPECT_EQ(r.options.lines, 3u);
  EXPECT_EQ(parse({"history", "hello"}).options.lines, kDefaultLogLines);
  EXPECT_EQ(parse({"history", "--lines=0", "hello"}).options.lines, 0u);
  EXPECT_EQ(parse({"deploy-status", "20261121T224435Z-1a2b3c"}).options.deploy_id,
            "20261121T224435Z-1a2b3c");
}

TEST(CtlArgs, AppVerbArgumentCounts) {
  EXPECT_EQ(error_of({"apps", "hello"}), "'apps' takes no arguments");
  EXPECT_EQ(error_of({"show"}), "'show' needs exactly one app name");
  EXPECT_EQ(error_of({"releases", "a", "b"}), "'releases' needs exactly one app name");
  EXPECT_EQ(error_of({"history"}), "'history' needs exactly one app name");
  EXPECT_EQ(error_of({"deploy"}), "'deploy' needs an app name and at most one revision");
  EXPECT_EQ(error_of({"deploy", "a", "b", "c"}),
            "'deploy' needs an app name and at most one revision");
  EXPECT_EQ(error_of({"rollback"}), "'rollback' needs an app name and at most one release");
  EXPECT_EQ(error_of({"deploy-status"}), "'deploy-status' needs exactly one deploy id");
  EXPECT_EQ(error_of({"deploy-status", "a", "b"}), "'deploy-status' needs exactly one deploy id");
  EXPECT_EQ(error_of({"show", ""}), "the app name is empty");
  EXPECT_EQ(error_of({"deploy", "", "main"}), "the app name is empty");
  EXPECT_EQ(error_of({"deploy-status", ""}), "the deploy id is empty");
  EXPECT_EQ(error_of({"confirm"}), "'confirm' needs exactly one app name");
  EXPECT_EQ(error_of({"confirm", "hello", "abc1234"}), "'confirm' needs exactly one app name");
  EXPECT_EQ(error_of({"confirm", ""}), "the app name is empty");
  EXPECT_EQ(error_of({"pending", "hello"}), "'pending' takes no arguments");
}

TEST(CtlArgs, DeployOptionsOnlyWhereTheyApply) {
  EXPECT_EQ(error_of({"rollback", "hello", "--force"}),
            "option '--force' is only valid with 'deploy' and 'rollout'");
  EXPECT_EQ(error_of({"--dry-run", "rollback", "hello"}),
            "option '--dry-run' is only valid with 'deploy', 'rollout' and 'apply'");
  EXPECT_EQ(error_of({"show", "hello", "--skip-migrations"}),
            "option '--skip-migrations' is only valid with 'deploy' and 'rollout'");
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"history", "hello", "--wait"}, {"restart", "a.service", "--wait"}, {"pending", "--wait"}})
    EXPECT_EQ(error_of(args),
              "option '--wait' is only valid with 'deploy', 'rollback' and 'confirm'");
  for (const char* option : {"--force", "--skip-migrations"})
    EXPECT_EQ(error_of({"confirm", "hello", option}),
              std::string("option '") + option + "' is only valid with 'deploy' and 'rollout'");
  EXPECT_TRUE(contains(error_of({"pending", "-n", "3"}), "only valid with 'logs' and 'history'"));
  EXPECT_EQ(error_of({"deploy", "hello", "-n", "3"}),
            "option '-n/--lines' is only valid with 'logs' and 'history'");
  EXPECT_EQ(error_of({"history", "hello", "-f"}), "option '-f/--follow' is only valid with 'logs'");
  EXPECT_EQ(error_of({"deploy", "hello", "--dry-run", "--wait"}),
            "options '--dry-run' and '--wait' cannot be combined");
  EXPECT_EQ(error_of({"deploy", "hello", "--wait=yes"}), "option '--wait' takes no argument");
}

TEST(CtlArgs, RolloutArguments) {
  auto r = parse({"rollout", "db", "api"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.apps, (std::vector<std::string>{"db", "api"}));
  EXPECT_FALSE(r.options.all);
  EXPECT_FALSE(r.options.deploy);
  EXPECT_EQ(r.options.max_parallel, 0u);  // no limit
  EXPECT_FALSE(r.options.dry_run);
  EXPECT_FALSE(r.options.no_block);
  EXPECT_EQ(r.options.app, "");

  r = parse({"--json", "rollout", "--all", "--deploy", "--max-parallel", "2", "--force",
             "--skip-migrations", "--no-block"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.options.apps.empty());
  EXPECT_TRUE(r.options.all);
  EXPECT_TRUE(r.options.deploy);
  EXPECT_EQ(r.options.max_parallel, 2u);
  EXPECT_TRUE(r.options.force);
  EXPECT_TRUE(r.options.skip_migrations);
  EXPECT_TRUE(r.options.no_block);
  EXPECT_TRUE(r.options.json);

  r = parse({"rollout", "--max-parallel=1", "--dry-run", "web"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.max_parallel, 1u);
  EXPECT_TRUE(r.options.dry_run);
  EXPECT_EQ(r.options.apps, std::vector<std::string>{"web"});

  EXPECT_EQ(parse({"rollout-status", "r20261122T040000Z-1"}).options.rollout_id,
            "r20261122T040000Z-1");
  EXPECT_EQ(parse({"cancel-rollout", "r1", "--json"}).options.rollout_id, "r1");
}

TEST(CtlArgs, RolloutArgumentProblems) {
  EXPECT_EQ(error_of({"rollout"}), "'rollout' needs app names or --all");
  EXPECT_EQ(error_of({"rollout", "--deploy"}), "'rollout' needs app names or --all");
  EXPECT_EQ(error_of({"rollout", "--all", "web"}), "'rollout' takes app names or --all, not both");
  EXPECT_EQ(error_of({"rollout", "web", ""}), "the app name is empty");
  for (const char* bad : {"0", "-1", "two", "", "1000000000", "1.5"})
    EXPECT_EQ(error_of({"rollout", "--all", "--max-parallel", bad}),
              std::string("invalid number of apps '") + bad +
                  "' for '--max-parallel': expected a whole number of at least 1");
  EXPECT_EQ(error_of({"rollout", "--all", "--max-parallel"}),
            "option '--max-parallel' needs an argument");
  EXPECT_EQ(error_of({"rollout", "--all", "--dry-run", "--no-block"}),
            "options '--dry-run' and '--no-block' cannot be combined");
  EXPECT_EQ(error_of({"rollout", "--all", "--wait"}),
            "option '--wait' is only valid with 'deploy', 'rollback' and 'confirm'");
  EXPECT_EQ(error_of({"rollout-status"}), "'rollout-status' needs exactly one rollout id");
  EXPECT_EQ(error_of({"cancel-rollout", "a", "b"}),
            "'cancel-rollout' needs exactly one rollout id");
  EXPECT_EQ(error_of({"cancel-rollout", ""}), "the rollout id is empty");
}

TEST(CtlArgs, RolloutOptionsOnlyWithRollout) {
  for (const char* option : {"--all", "--deploy"})
    EXPECT_EQ(error_of({"deploy", "hello", option}),
              std::string("option '") + option + "' is only valid with 'rollout'");
  EXPECT_EQ(error_of({"deploy", "hello", "--no-block"}),
            "option '--no-block' is only valid with 'rollout' and 'self-update'");
  EXPECT_EQ(error_of({"rollout-status", "r1", "--max-parallel=2"}),
            "option '--max-parallel' is only valid with 'rollout'");
  EXPECT_EQ(error_of({"cancel-rollout", "r1", "--force"}),
            "option '--force' is only valid with 'deploy' and 'rollout'");
}

TEST(CtlArgs, DiffAndApply) {
  auto r = parse({"diff", "static"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.verb, Verb::Diff);
  EXPECT_EQ(r.options.app, "static");
  EXPECT_STREQ(verb_name(Verb::Diff), "diff");
  r = parse({"--json", "apply", "static"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.verb, Verb::Apply);
  EXPECT_EQ(r.options.app, "static");
  EXPECT_TRUE(r.options.json);
  EXPECT_FALSE(r.options.dry_run);
  EXPECT_STREQ(verb_name(Verb::Apply), "apply");
  r = parse({"apply", "static", "--dry-run"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.options.dry_run);

  EXPECT_EQ(error_of({"diff"}), "'diff' needs exactly one app name");
  EXPECT_EQ(error_of({"apply", "a", "b"}), "'apply' needs exactly one app name");
  EXPECT_EQ(error_of({"apply", ""}), "the app name is empty");
  EXPECT_EQ(error_of({"diff", "static", "--dry-run"}),
            "option '--dry-run' is only valid with 'deploy', 'rollout' and 'apply'");
  EXPECT_EQ(error_of({"apply", "static", "--wait"}),
            "option '--wait' is only valid with 'deploy', 'rollback' and 'confirm'");
  EXPECT_EQ(error_of({"apply", "static", "--force"}),
            "option '--force' is only valid with 'deploy' and 'rollout'");
}

TEST(CtlArgs, TheVerbIsKnownDespiteABadOption) {
  // diff exits 2, not 1, for bad arguments: the verb must be known.
  auto r = parse({"--bogus", "diff", "static"});
  EXPECT_EQ(r.error, "unknown option '--bogus'");
  EXPECT_EQ(r.options.verb, Verb::Diff);
  r = parse({"diff", "-n", "x", "static", "--also-bogus"});
  EXPECT_EQ(r.error, "invalid number of lines 'x': expected a number from 0 to 10000");
  EXPECT_EQ(r.options.verb, Verb::Diff);
  r = parse({"-x", "nonsense"});
  EXPECT_EQ(r.error, "unknown option '-x'");
  EXPECT_EQ(r.options.verb, Verb::None);
  r = parse({"--help", "--bogus"});
  EXPECT_EQ(r.error, "unknown option '--bogus'");
}
