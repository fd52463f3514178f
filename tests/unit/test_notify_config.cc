// [Notify NAME] groups of hoist.conf (notify/notifier_config.hh, read by
// parse_daemon_config), Events=/Apps= selection and Matrix tokens
// (notify/notifier_token.hh).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config_loader.hh"
#include "notify/notifier_config.hh"
#include "notify/notifier_token.hh"
#include "test_notify_events.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

using Strings = std::vector<std::string>;
using Type = NotifierConfig::Type;
const std::string kConf = "/etc/hoist/hoist.conf";

struct Parsed {
  std::vector<NotifierConfig> notifiers;
  Strings errors;
  Strings warnings;
};

Parsed parse(const std::string& text) {
  std::vector<ConfigProblem> errors, warnings;
  Parsed p;
  p.notifiers = parse_daemon_config(kConf, text, DaemonConfig{}, errors, warnings).notifiers;
  for (const auto& e : errors) p.errors.push_back(e.to_string());
  for (const auto& w : warnings) p.warnings.push_back(w.to_string());
  return p;
}

const auto notifier = notifier_config;

}  // namespace

TEST(NotifyConfig, EveryPlatform) {
  const Parsed p = parse(R"([Daemon]
DefaultStepTimeoutSec=20min

[Notify team]
Type=mattermost
URL=https://chat.example.org/hooks/xyz

[Notify ops]
Type=slack
URL=https://hooks.slack.com/services/T0/B0/secret
Events=deploy-failed rolled-back
Events=update-available
Apps=api web api

[Notify discord]
Type=discord
URL=https://discord.com/api/webhooks/1/abc

[Notify matrix]
Type=matrix
URL=https://matrix.example.org/
Room=!abc:example.org
TokenCredential=matrix-token

[Notify audit]
Type=webhook
URL=http://127.0.0.1:9000/hoist
Events=deploy-succeeded
Events=
Apps=web
)");
  EXPECT_EQ(p.errors, Strings{});
  EXPECT_EQ(p.warnings, Strings{});
  ASSERT_EQ(p.notifiers.size(), 5u);
  EXPECT_EQ(p.notifiers[0], notifier("team", Type::Mattermost, "https://chat.example.org/hooks/xyz"));
  NotifierConfig ops = notifier("ops", Type::Slack, "https://hooks.slack.com/services/T0/B0/secret");
  ops.events = {"deploy-failed", "rolled-back", "update-available"};
  ops.apps = {"api", "web"};
  EXPECT_EQ(p.notifiers[1], ops);
  EXPECT_EQ(p.notifiers[2], notifier("discord", Type::Discord, "https://discord.com/api/webhooks/1/abc"));
  NotifierConfig matrix = notifier("matrix", Type::Matrix, "https://matrix.example.org/");
  matrix.room = "!abc:example.org";
  matrix.token_credential = "matrix-token";
  EXPECT_EQ(p.notifiers[3], matrix);
  NotifierConfig audit = notifier("audit", Type::Webhook, "http://127.0.0.1:9000/hoist");
  audit.apps = {"web"};  // Events= emptied: all events
  EXPECT_EQ(p.notifiers[4], audit);
}

TEST(NotifyConfig, NoNotifiers) {
  const Parsed p = parse("[Daemon]\nLogsDirectory=/var/log/hoist\n");
  EXPECT_TRUE(p.notifiers.empty());
  EXPECT_EQ(p.errors, Strings{});
}

TEST(NotifyConfig, BadValues) {
  const Parsed p = parse(R"([Notify a]
Type=teams
URL=https://example.org/x

[Notify b]
Type=slack
URL=ftp://example.org/x
Events=deploy-started deploy-finished
Apps=API

[Notify c]
Type=discord
Room=!abc:example.org
TokenFile=/etc/hoist/token

[Notify d]
Type=matrix
URL=https://matrix.example.org/_matrix/client/v3
Room=#ops:example.org
TokenFile=etc/token
TokenCredential=bad/name

[Notify e]
Type=matrix
URL=https://matrix.example.org?access_token=abc

[Notify f]
Type=matrix
URL=https://matrix.example.org
Room=!abc:example.org
TokenFile=/etc/hoist/token
TokenCredential=matrix-token
)");
  EXPECT_EQ(p.errors,
            (Strings{
                "/etc/hoist/hoist.conf:2: [Notify a] Type=: \"teams\" is not one of mattermost, "
                "slack, discord, matrix and webhook",
                "/etc/hoist/hoist.conf:7: [Notify b] URL=: \"ftp://example.org/x\" is not an "
                "http:// or https:// URL",
                "/etc/hoist/hoist.conf:8: [Notify b] Events=: \"deploy-finished\" is not an event "
                "name (webhook, deploy-started, deploy-succeeded, deploy-failed, rolled-back, "
                "pending-confirmation, units-drifted, update-available, update-applied, update-failed)",
                "/etc/hoist/hoist.conf:9: [Notify b] Apps=: \"API\" is not an app name: it does "
                "not start with a-z or 0-9",
                "/etc/hoist/hoist.conf:0: [Notify c] URL=: missing; the URL to post to is required",
                "/etc/hoist/hoist.conf:13: [Notify c] Room=: is only used by Type=matrix",
                "/etc/hoist/hoist.conf:14: [Notify c] TokenFile=: is only used by Type=matrix",
                "/etc/hoist/hoist.conf:18: [Notify d] URL=: \"https://matrix.example.org/_matrix/"
                "client/v3\" is an API URL; give the homeserver's base URL (https://matrix.example.org)",
                "/etc/hoist/hoist.conf:19: [Notify d] Room=: \"#ops:example.org\" is a room alias; "
                "give the room id (\"!...\", in the room's advanced settings)",
                "/etc/hoist/hoist.conf:20: [Notify d] TokenFile=: \"etc/token\" is not an absolute path",
                "/etc/hoist/hoist.conf:21: [Notify d] TokenCredential=: \"bad/name\" is not a "
                "credential name (A-Z, a-z, 0-9, '_', '.', '-')",
                "/etc/hoist/hoist.conf:21: [Notify d] TokenCredential=: conflicts with TokenFile= on "
                "line 20; set only one of TokenFile= and TokenCredential=",
                "/etc/hoist/hoist.conf:25: [Notify e] URL=: \"https://matrix.example.org?access_token=abc\" "
                "has a query or fragment; give the homeserver's base URL and put the access token "
                "in TokenFile= or TokenCredential=",
                "/etc/hoist/hoist.conf:0: [Notify e] Room=: missing; Type=matrix needs a room id",
                "/etc/hoist/hoist.conf:0: [Notify e] TokenFile=: missing; Type=matrix needs an access "
                "token from TokenFile= or TokenCredential=",
                "/etc/hoist/hoist.conf:32: [Notify f] TokenCredential=: conflicts with TokenFile= on "
                "line 31; set only one of TokenFile= and TokenCredential=",
            }));
  EXPECT_TRUE(p.notifiers.empty());
}

TEST(NotifyConfig, Names) {
  const Parsed p = parse(R"([Notify]
Type=slack
URL=https://hooks.slack.com/services/x

[Notify Team Chat]
Type=slack
URL=https://hooks.slack.com/services/y

[Notify ok]
URL=https://example.org/hook
Type=webhook
Event=deploy-failed

[Notifier x]
Type=slack
)");
  EXPECT_EQ(p.errors, (Strings{
                          "/etc/hoist/hoist.conf:1: [Notify]: needs a name: [Notify NAME], one group "
                          "per notifier",
                          "/etc/hoist/hoist.conf:5: [Notify Team Chat]: notifier name \"Team Chat\" "
                          "does not start with a-z or 0-9",
                      }));
  EXPECT_EQ(p.warnings, (Strings{
                            "/etc/hoist/hoist.conf:14: [Notifier x]: unknown group, ignored",
                            "/etc/hoist/hoist.conf:12: [Notify ok] Event=: unknown key, ignored (did "
                            "you mean Events=?)",
                        }));
  ASSERT_EQ(p.notifiers.size(), 1u);
  EXPECT_EQ(p.notifiers[0].name, "ok");
}

TEST(NotifyConfig, MissingType) {
  const Parsed p = parse("[Notify x]\nURL=https://example.org/\n");
  EXPECT_EQ(p.errors, (Strings{"/etc/hoist/hoist.conf:0: [Notify x] Type=: missing; one of mattermost, "
                               "slack, discord, matrix and webhook"}));
}

TEST(NotifyConfig, Selection) {
  NotifierConfig n = notifier("ops", Type::Slack, "https://example.org/");
  NotifyEvent e;
  e.kind = NotifyKind::DeployFailed;
  e.app = "api";
  EXPECT_TRUE(notifier_selects(n, e));  // all events, all apps
  n.events = {"deploy-failed", "update-applied"};
  EXPECT_TRUE(notifier_selects(n, e));
  e.kind = NotifyKind::DeployStarted;
  EXPECT_FALSE(notifier_selects(n, e));
  e.kind = NotifyKind::DeployFailed;
  n.apps = {"web"};
  EXPECT_FALSE(notifier_selects(n, e));
  e.app = "web";
  EXPECT_TRUE(notifier_selects(n, e));
  // Self-update events have no app: Apps= does not filter them.
  NotifyEvent update;
  update.kind = NotifyKind::UpdateApplied;
  EXPECT_TRUE(notifier_selects(n, update));
  update.kind = NotifyKind::UpdateAvailable;
  EXPECT_FALSE(notifier_selects(n, update));
}

TEST(NotifyConfig, KindNames) {
  for (NotifyKind kind : kAllNotifyKinds) EXPECT_EQ(notify_kind_from_name(notify_kind_name(kind)), kind);
  EXPECT_FALSE(notify_kind_from_name("deploy"));
  EXPECT_EQ(notifier_type_from_name("matrix"), Type::Matrix);
  EXPECT_FALSE(notifier_type_from_name("Matrix"));
}

TEST(NotifyToken, FromAPrivateFile) {
  TempDir dir;
  NotifierConfig n = notifier("m", Type::Matrix, "https://matrix.example.org");
  n.token_file = dir / "token";
  write_file(n.token_file, "syt_secret_token\n");
  ASSERT_EQ(chmod(n.token_file.c_str(), 0600), 0);
  std::string problem;
  EXPECT_EQ(read_notifier_token(n, "", problem), "syt_secret_token");

  ASSERT_EQ(chmod(n.token_file.c_str(), 0640), 0);
  EXPECT_FALSE(read_notifier_token(n, "", problem));
  EXPECT_EQ(problem, "access token file " + n.token_file +
                         " is accessible by group or others (mode 0640); make it mode 0600 or 0400");
  ASSERT_EQ(chmod(n.token_file.c_str(), 0602), 0);
  EXPECT_FALSE(read_notifier_token(n, "", problem));
  ASSERT_EQ(chmod(n.token_file.c_str(), 0400), 0);
  EXPECT_EQ(read_notifier_token(n, "", problem), "syt_secret_token");

  ASSERT_EQ(chmod(n.token_file.c_str(), 0600), 0);
  write_file(n.token_file, "two words\n");
  EXPECT_FALSE(read_notifier_token(n, "", problem));
  EXPECT_EQ(problem, "access token file " + n.token_file +
                         " does not hold an access token (printable ASCII without spaces, on one line)");
  EXPECT_EQ(problem.find("two"), std::string::npos);  // never the contents
  write_file(n.token_file, "");
  EXPECT_FALSE(read_notifier_token(n, "", problem));
  EXPECT_EQ(problem, "access token file " + n.token_file + " is empty");
  write_file(n.token_file, std::string(5000, 'x'));
  EXPECT_FALSE(read_notifier_token(n, "", problem));
  EXPECT_EQ(problem, "access token file " + n.token_file + " is larger than 4 KiB");
  const std::string target = n.token_file;
  n.token_file = dir / "link";
  ASSERT_EQ(symlink(target.c_str(), n.token_file.c_str()), 0);
  EXPECT_FALSE(read_notifier_token(n, "", problem));
  EXPECT_EQ(problem, "access token file " + n.token_file + " is a symbolic link; name the file itself");
  n.token_file = dir / "missing";
  EXPECT_FALSE(read_notifier_token(n, "", problem));
  EXPECT_EQ(problem, "access token file " + n.token_file + " does not exist");
  n.token_file = dir.path;
  EXPECT_FALSE(read_notifier_token(n, "", problem));
  EXPECT_EQ(problem, "access token file " + dir.path + " is not a regular file");
}

TEST(NotifyToken, FromACredential) {
  TempDir dir;
  NotifierConfig n = notifier("m", Type::Matrix, "https://matrix.example.org");
  n.token_credential = "matrix-token";
  write_file(dir / "matrix-token", "syt_from_credential\r\n");
  std::string problem;
  EXPECT_EQ(read_notifier_token(n, dir.path, problem), "syt_from_credential");
  EXPECT_FALSE(read_notifier_token(n, "", problem));
  EXPECT_EQ(problem, "access token credential matrix-token is not available: "
                     "$CREDENTIALS_DIRECTORY is not set (give hoistd.service "
                     "LoadCredential=matrix-token:PATH, or set TokenFile=)");
  // Credentials are systemd's to protect: their mode is not checked.
  ASSERT_EQ(chmod((dir / "matrix-token").c_str(), 0644), 0);
  EXPECT_EQ(read_notifier_token(n, dir.path, problem), "syt_from_credential");
  n.token_credential = "other";
  EXPECT_FALSE(read_notifier_token(n, dir.path, problem));
  EXPECT_EQ(problem, "access token credential other (" + dir.path + "/other) does not exist");
}
