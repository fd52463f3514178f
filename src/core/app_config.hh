// hoist's configuration as plain data: the daemon's settings (hoist.conf) and
// one AppConfig per app (/etc/hoist/apps/NAME.app), with the problems found
// while reading them. Value types: copy them, compare them with ==.
// docs/configuration.md documents every key; config_loader.hh reads them.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "notify/notifier_config.hh"
#include "selfupdate/selfupdate_config.hh"

namespace hoist {

// One problem of a configuration file:
// "FILE:LINE: [Group] Key=: message". line is 0 when the problem has no line
// (a missing key, an unreadable file); group and key are empty when it
// concerns the whole file or group.
struct ConfigProblem {
  std::string file;
  unsigned line = 0;
  std::string group;
  std::string key;
  std::string message;

  std::string to_string() const;  // always valid UTF-8
  bool operator==(const ConfigProblem&) const = default;
};

// [Webhook] of an app: kept for the webhook endpoints (webhook/webhook.hh);
// only the shape is checked here. hoist.conf's [Webhook] sets secret_file and
// secret_credential only: the defaults of apps that set neither.
struct WebhookConfig {
  std::string name;               // "owner/name" (GitLab: "group/subgroup/name")
  std::string secret_file;        // absolute path
  std::string secret_credential;  // credential name in $CREDENTIALS_DIRECTORY
  bool require_confirmation = false;
  uint64_t confirm_timeout_usec = 10ull * 60 * 1000 * 1000;  // ConfirmTimeoutSec=
  bool deploy_tags = false;  // tag pushes deploy the tag (whatever Branch= says)

  bool operator==(const WebhookConfig&) const = default;
};

// /etc/hoist/hoist.conf, group [Daemon].
struct DaemonConfig {
  std::string source_file;  // empty when there was no file
  std::string apps_directory = SYSCONFDIR "/hoist/apps";
  std::string state_directory = "/var/lib/hoist";
  std::string logs_directory = "/var/log/hoist";
  uint64_t default_step_timeout_usec = 15ull * 60 * 1000 * 1000;
  uint64_t drift_check_usec = 3600ull * 1000 * 1000;  // DriftCheckSec=; 0: never
  WebhookConfig webhook;  // [Webhook] SecretFile=, SecretCredential=: defaults of apps
  std::vector<NotifierConfig> notifiers;  // [Notify NAME] groups, in file order
  SelfUpdateConfig self_update;           // [SelfUpdate]

  bool operator==(const DaemonConfig&) const = default;
};

// Where an app's releases live unless Directory= says otherwise: outside the
// state directory, which is private to hoistd while the app's user writes
// its releases.
inline constexpr const char* kDefaultAppsRoot = "/srv/hoist";
std::string default_app_directory(std::string_view app);

enum class RestartMode { Restart, Reload, ReloadOrRestart, TryRestart };

// "restart", "reload", "reload-or-restart", "try-restart": the values of
// [Restart] Mode= and the names of hoistd's job types.
std::string_view restart_mode_name(RestartMode mode);

struct EnvironmentFile {
  std::string path;             // absolute
  bool ignore_missing = false;  // written with a leading '-'

  bool operator==(const EnvironmentFile&) const = default;
};

// [Build]
struct BuildConfig {
  std::vector<std::vector<std::string>> steps;  // argv of each Step=, in order
  std::vector<std::string> migrate;             // argv of Migrate=; empty: none
  uint64_t step_timeout_usec = 15ull * 60 * 1000 * 1000;

  bool operator==(const BuildConfig&) const = default;
};

// [Health]: at most one probe; an app without one is gated on its units alone.
struct HealthConfig {
  enum class Probe { None, Http, Tcp, Exec };
  Probe probe = Probe::None;
  std::string url;                // Http: http:// or https:// URL
  std::string tcp;                // Tcp: "HOST:PORT" or "[V6ADDR]:PORT" as written
  std::string tcp_host;           // Tcp: HOST or V6ADDR, without brackets
  uint16_t tcp_port = 0;          // Tcp
  std::vector<std::string> exec;  // Exec: argv
  uint64_t timeout_usec = 30ull * 1000 * 1000;
  unsigned retries = 3;
  uint64_t stabilize_usec = 30ull * 1000 * 1000;

  bool operator==(const HealthConfig&) const = default;
};

// One app: /etc/hoist/apps/NAME.app.
struct AppConfig {
  std::string name;         // from the file name, valid per app_name_problem()
  std::string source_file;  // the .app file it was read from
  std::string description;
  std::vector<std::string> units;  // at least one, valid unit names, no duplicates
  std::string repository;          // empty: a restart-only app
  std::string branch = "main";
  std::string user = "root";
  std::string group = "root";
  std::string directory;  // releases/ and current live here; never empty
  unsigned keep_releases = 5;
  std::vector<std::string> environment;  // "KEY=VALUE", each KEY once, in order
  std::vector<EnvironmentFile> environment_files;
  std::vector<std::string> after_apps;        // After=: app names, no duplicates
  std::vector<std::string> requires_apps;     // Requires=: app names, no duplicates
  std::string units_path = "deploy/systemd";  // relative to the repository
  // Set=KEY=VALUE: placeholders of the unit templates (unit_template.hh),
  // KEY [A-Z][A-Z0-9_]*, not one of the built-in names.
  std::map<std::string, std::string> unit_values;
  BuildConfig build;
  HealthConfig health;
  RestartMode restart_mode = RestartMode::Restart;
  WebhookConfig webhook;

  bool has_repository() const { return !repository.empty(); }
  bool operator==(const AppConfig&) const = default;
};

}  // namespace hoist
