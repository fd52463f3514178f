#include "core/app_parser.hh"

#include <algorithm>
#include <array>
#include <iterator>
#include <utility>

#include "common/unit_name.hh"
#include "core/config_file.hh"
#include "core/config_paths.hh"
#include "core/config_values.hh"
#include "core/git_names.hh"
#include "core/unit_template.hh"

namespace hoist {
namespace {

constexpr const char* kApp = "App";
constexpr const char* kBuild = "Build";
constexpr const char* kHealth = "Health";
constexpr const char* kRestart = "Restart";
constexpr const char* kWebhook = "Webhook";

// Unit types an app may consist of: things PID 1 can restart or reload.
constexpr std::array<std::string_view, 5> kAppUnitTypes = {"service", "socket", "timer", "path",
                                                           "target"};

void add_unique(std::vector<std::string>& list, std::string item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

// Whitespace-separated words of every assignment of a list key (an empty
// assignment resets the list), each checked by check; each word kept once.
template <class Check>
std::vector<std::string> read_word_list(ConfigFile& file, const char* group, const char* key,
                                        Check&& check) {
  std::vector<std::string> out;
  for (const auto& v : file.get_all(group, key))
    for (auto& word : split_words(v.text)) {
      if (auto p = check(word); !p.empty())
        file.error(group, key, v.line, quote_value(word) + " " + p);
      else
        add_unique(out, std::move(word));
    }
  return out;
}

std::string app_unit_problem(std::string_view unit) {
  if (auto p = unit_name_problem(unit); !p.empty()) return "is not a valid unit name: " + p;
  const auto type = unit_type(unit);
  if (std::find(kAppUnitTypes.begin(), kAppUnitTypes.end(), type) == kAppUnitTypes.end())
    return "is a ." + std::string(type) +
           " unit; an app's units are .service, .socket, .timer, .path or .target units";
  return {};
}

void read_units(ConfigFile& file, AppConfig& app) {
  const size_t errors_before = file.error_count();
  app.units = read_word_list(file, kApp, "Units", app_unit_problem);
  if (!app.units.empty() || file.error_count() > errors_before) return;
  if (const unsigned line = file.line_of(kApp, "Units"))
    file.error(kApp, "Units", line, "is empty; at least one unit is required");
  else
    file.error(kApp, "Units", 0, "missing; at least one unit is required");
}

void read_directory(ConfigFile& file, AppConfig& app, const DaemonConfig& daemon) {
  app.directory = default_app_directory(app.name);
  auto v = file.get(kApp, "Directory");
  if (!v) return;
  std::string path;
  auto problem = normalize_absolute_path(v->text, path);
  if (problem.empty()) problem = app_directory_problem(path);
  if (problem.empty() && path_is_inside(daemon.state_directory, path))
    problem = "contains hoist's state directory " + daemon.state_directory;
  if (problem.empty() && path_is_inside(daemon.logs_directory, path))
    problem = "contains hoist's logs directory " + daemon.logs_directory;
  if (!problem.empty()) return file.error(kApp, "Directory", *v, problem);
  app.directory = std::move(path);
}

void read_environment(ConfigFile& file, AppConfig& app) {
  std::vector<std::string> assignments;
  for (const auto& v : file.get_all(kApp, "Environment"))
    if (auto p = parse_environment(v.text, assignments); !p.empty())
      file.error(kApp, "Environment", v, p);
  // Each variable once, where it was last set (a later assignment wins).
  for (size_t i = 0; i < assignments.size(); i++) {
    const auto name = assignments[i].substr(0, assignments[i].find('=') + 1);
    const bool set_later = std::any_of(
        std::next(assignments.begin(), static_cast<std::ptrdiff_t>(i) + 1), assignments.end(),
        [&](const std::string& a) { return a.compare(0, name.size(), name) == 0; });
    if (!set_later) app.environment.push_back(assignments[i]);
  }
  for (const auto& v : file.get_all(kApp, "EnvironmentFile")) {
    EnvironmentFile env_file;
    std::string_view path = v.text;
    if (path.front() == '-') {
      env_file.ignore_missing = true;
      path.remove_prefix(1);
    }
    if (auto p = normalize_absolute_path(path, env_file.path); !p.empty())
      file.error(kApp, "EnvironmentFile", v, p);
    else if (std::find(app.environment_files.begin(), app.environment_files.end(), env_file) ==
             app.environment_files.end())
      app.environment_files.push_back(std::move(env_file));
  }
}

void read_app_group(ConfigFile& file, AppConfig& app, const DaemonConfig& daemon) {
  file.read_string(kApp, "Description", app.description);
  read_units(file, app);
  file.read_checked(kApp, "Repository", app.repository, repository_problem);
  file.read_checked(kApp, "Branch", app.branch, branch_name_problem);
  file.read_checked(kApp, "User", app.user, account_name_problem);
  file.read_checked(kApp, "Group", app.group, account_name_problem);
  read_directory(file, app, daemon);
  file.read_unsigned(kApp, "KeepReleases", 1, 100, app.keep_releases);
  read_environment(file, app);
  auto other_app = [&](std::string_view name) -> std::string {
    if (auto p = app_name_problem(name); !p.empty()) return "is not an app name: it " + p;
    if (name == app.name) return "is this app itself";
    return {};
  };
  app.after_apps = read_word_list(file, kApp, "After", other_app);
  app.requires_apps = read_word_list(file, kApp, "Requires", other_app);
  if (auto v = file.get(kApp, "UnitsPath"))
    if (auto p = normalize_relative_path(v->text, app.units_path); !p.empty())
      file.error(kApp, "UnitsPath", *v, p);
  for (const auto& v : file.get_all(kApp, "Set")) {
    const size_t eq = v.text.find('=');
    const std::string key = v.text.substr(0, eq);
    if (eq == std::string::npos)
      file.error(kApp, "Set", v, "is not KEY=VALUE");
    else if (auto p = placeholder_name_problem(key); !p.empty())
      file.error(kApp, "Set", v.line, key + " " + p);
    else
      app.unit_values[key] = v.text.substr(eq + 1);  // a later assignment wins
  }
}

void read_build_group(ConfigFile& file, BuildConfig& build, const DaemonConfig& daemon) {
  for (const auto& v : file.get_all(kBuild, "Step")) {
    std::vector<std::string> argv;
    if (auto p = parse_command_line(v.text, argv); !p.empty())
      file.error(kBuild, "Step", v, p);
    else
      build.steps.push_back(std::move(argv));
  }
  file.read_command(kBuild, "Migrate", build.migrate);
  build.step_timeout_usec = daemon.default_step_timeout_usec;
  file.read_time_span(kBuild, "StepTimeoutSec", build.step_timeout_usec, false);
}

// Errors for every key of keys set after the first one: they exclude each other.
void check_exclusive(ConfigFile& file, const char* group,
                     std::vector<std::pair<const char*, unsigned>> set_keys,
                     const std::string& choices) {
  std::sort(set_keys.begin(), set_keys.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  for (size_t i = 1; i < set_keys.size(); i++)
    file.error(group, set_keys[i].first, set_keys[i].second,
               "conflicts with " + std::string(set_keys[0].first) + "= on line " +
                   std::to_string(set_keys[0].second) + "; set only one of " + choices);
}

void read_health_group(ConfigFile& file, HealthConfig& health) {
  using Probe = HealthConfig::Probe;
  std::vector<std::pair<const char*, unsigned>> set_keys;
  if (auto v = file.get(kHealth, "URL")) {
    set_keys.emplace_back("URL", v->line);
    if (auto p = http_url_problem(v->text); !p.empty()) file.error(kHealth, "URL", *v, p);
    health.probe = Probe::Http;
    health.url = v->text;
  }
  if (auto v = file.get(kHealth, "TCP")) {
    set_keys.emplace_back("TCP", v->line);
    if (auto p = parse_tcp_address(v->text, health.tcp_host, health.tcp_port); !p.empty())
      file.error(kHealth, "TCP", *v, p);
    health.probe = Probe::Tcp;
    health.tcp = v->text;
  }
  if (auto v = file.get(kHealth, "Exec")) {
    set_keys.emplace_back("Exec", v->line);
    if (auto p = parse_command_line(v->text, health.exec); !p.empty())
      file.error(kHealth, "Exec", *v, p);
    health.probe = Probe::Exec;
  }
  check_exclusive(file, kHealth, set_keys, "URL=, TCP= and Exec=");
  file.read_time_span(kHealth, "TimeoutSec", health.timeout_usec, false);
  file.read_unsigned(kHealth, "Retries", 1, 100, health.retries);
  file.read_time_span(kHealth, "StabilizeSec", health.stabilize_usec, true);
}

void read_restart_group(ConfigFile& file, AppConfig& app) {
  auto v = file.get(kRestart, "Mode");
  if (!v) return;
  for (auto mode : {RestartMode::Restart, RestartMode::Reload, RestartMode::ReloadOrRestart,
                    RestartMode::TryRestart})
    if (v->text == restart_mode_name(mode)) {
      app.restart_mode = mode;
      return;
    }
  file.error(kRestart, "Mode", *v,
             "is not one of restart, reload, reload-or-restart and try-restart");
}

void read_webhook_group(ConfigFile& file, WebhookConfig& webhook) {
  file.read_checked(kWebhook, "Name", webhook.name, forge_repository_name_problem);
  read_webhook_secret_keys(file, webhook);
  file.read_boolean(kWebhook, "RequireConfirmation", webhook.require_confirmation);
  file.read_time_span(kWebhook, "ConfirmTimeoutSec", webhook.confirm_timeout_usec, false);
  file.read_boolean(kWebhook, "DeployTags", webhook.deploy_tags);
}

}  // namespace

void read_webhook_secret_keys(ConfigFile& file, WebhookConfig& webhook) {
  file.read_absolute_path(kWebhook, "SecretFile", webhook.secret_file);
  file.read_checked(kWebhook, "SecretCredential", webhook.secret_credential,
                    credential_name_problem);
  std::vector<std::pair<const char*, unsigned>> set_keys;
  for (const char* key : {"SecretFile", "SecretCredential"})
    if (file.is_set(kWebhook, key)) set_keys.emplace_back(key, file.line_of(kWebhook, key));
  check_exclusive(file, kWebhook, set_keys, "SecretFile= and SecretCredential=");
}

std::optional<AppConfig> parse_app(const std::string& name, const std::string& path,
                                   const std::string& text, const DaemonConfig& daemon,
                                   std::vector<ConfigProblem>& errors,
                                   std::vector<ConfigProblem>& warnings) {
  ConfigFile file(path, text, errors, warnings);
  if (auto p = app_name_problem(name); !p.empty())
    file.error("", "", 0, "app name " + quote_value(name) + " (from the file name) " + p);
  if (!file.parsed()) return std::nullopt;
  AppConfig app;
  app.name = name;
  app.source_file = path;
  read_app_group(file, app, daemon);
  read_build_group(file, app.build, daemon);
  read_health_group(file, app.health);
  read_restart_group(file, app);
  read_webhook_group(file, app.webhook);
  file.warn_unknown();
  if (file.error_count()) return std::nullopt;
  return app;
}

}  // namespace hoist
