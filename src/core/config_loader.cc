#include "core/config_loader.hh"

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <optional>

#include "common/glib_ptr.hh"
#include "common/ini_lines.hh"
#include "core/app_graph.hh"
#include "core/app_parser.hh"
#include "core/config_file.hh"
#include "selfupdate/selfupdate_config.hh"
#include "core/config_paths.hh"
#include "core/config_values.hh"
#include "notify/notifier_config.hh"

namespace hoist {
namespace {

constexpr const char* kDaemon = "Daemon";
constexpr std::string_view kAppSuffix = ".app";

// The first absolute path of a ':'-separated environment variable.
std::optional<std::string> directory_from_environment(const char* variable) {
  const char* value = std::getenv(variable);
  if (!value) return std::nullopt;
  const std::string_view all = value;
  const std::string_view first = all.substr(0, all.find(':'));
  std::string path;
  if (!normalize_absolute_path(first, path).empty()) return std::nullopt;
  return path;
}

enum class FileRead { Ok, Missing, Failed };

// Reads a configuration file into text; a failure other than "does not
// exist" is reported to errors.
FileRead read_config_file(const std::string& path, std::string& text,
                          std::vector<ConfigProblem>& errors) {
  auto fail = [&](std::string message) {
    errors.push_back({path, 0, "", "", std::move(message)});
    return FileRead::Failed;
  };
  GStatBuf st;
  if (g_stat(path.c_str(), &st) != 0) {
    const int e = errno;
    return e == ENOENT ? FileRead::Missing : fail(std::string("cannot be read: ") + g_strerror(e));
  }
  if (!S_ISREG(st.st_mode)) return fail("is not a regular file");
  if (static_cast<size_t>(st.st_size) > kConfigFileMaxBytes) return fail("is larger than 1 MiB");
  char* contents = nullptr;
  gsize length = 0;
  GError* e = nullptr;
  if (!g_file_get_contents(path.c_str(), &contents, &length, &e)) {
    const GErrorPtr owned(e);
    return fail(std::string("cannot be read: ") + e->message);
  }
  const GCharPtr owned(contents);
  text.assign(contents, length);
  return FileRead::Ok;
}

// The NAME.app files of dir, sorted; a missing dir is a warning.
std::vector<std::string> app_file_names(const std::string& dir, LoadResult& result) {
  std::vector<std::string> names;
  GError* e = nullptr;
  const Ptr<GDir, g_dir_close> d(g_dir_open(dir.c_str(), 0, &e));
  if (!d) {
    const GErrorPtr owned(e);
    if (g_error_matches(e, G_FILE_ERROR, G_FILE_ERROR_NOENT))
      result.warnings.push_back({dir, 0, "", "", "apps directory does not exist; no apps"});
    else
      result.errors.push_back({dir, 0, "", "", std::string("cannot be read: ") + e->message});
    return names;
  }
  while (const char* entry = g_dir_read_name(d.get())) {
    const std::string_view file = entry;
    if (file.size() >= kAppSuffix.size() &&
        file.substr(file.size() - kAppSuffix.size()) == kAppSuffix)
      names.emplace_back(file);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The line of the last assignment of [App] key that names word (0 if none).
unsigned line_naming(const std::string& text, const std::string& key, const std::string& word) {
  const IniLines lines(normalize_ini_text(text));
  unsigned line = 0;
  for (const IniAssignment* a : lines.all("App", key)) {
    const auto words = split_words(a->value);
    if (key == "Directory" || std::find(words.begin(), words.end(), word) != words.end())
      line = a->line;
  }
  return line;
}

void load_apps(LoadResult& result) {
  std::map<std::string, std::string> texts;
  const std::string& dir = result.daemon.apps_directory;
  for (const auto& file : app_file_names(dir, result)) {
    const std::string name = file.substr(0, file.size() - kAppSuffix.size());
    const std::string path = dir + "/" + file;
    std::string text;
    const FileRead read = read_config_file(path, text, result.errors);
    if (read == FileRead::Missing) continue;  // removed since the directory was listed
    std::optional<AppConfig> app;
    if (read == FileRead::Ok)
      app = parse_app(name, path, text, result.daemon, result.errors, result.warnings);
    if (app) {
      result.apps.emplace(name, std::move(*app));
      texts.emplace(name, std::move(text));
    } else {
      result.failed_apps.insert(name);
    }
  }
  // Apps with errors between them are dropped, which may leave others naming
  // a dropped app (a warning): check again until no error is left, and keep
  // the warnings of that last round.
  while (true) {
    const auto problems =
        app_relation_problems(result.apps, result.failed_apps);
    const bool any_error =
        std::any_of(problems.begin(), problems.end(), [](const auto& p) { return p.error; });
    for (const auto& p : problems) {
      if (p.error != any_error) continue;
      const auto& app = result.apps.at(p.app);
      (p.error ? result.errors : result.warnings)
          .push_back({app.source_file, line_naming(texts.at(p.app), p.key, p.other), "App", p.key,
                      p.message});
    }
    if (!any_error) return;
    for (const auto& p : problems)
      if (p.error && result.apps.erase(p.app)) result.failed_apps.insert(p.app);
  }
}

}  // namespace

DaemonConfig daemon_defaults() {
  DaemonConfig d;
  if (auto dir = directory_from_environment("STATE_DIRECTORY")) d.state_directory = *dir;
  if (auto dir = directory_from_environment("LOGS_DIRECTORY")) d.logs_directory = *dir;
  return d;
}

DaemonConfig parse_daemon_config(const std::string& path, const std::string& text,
                                 const DaemonConfig& defaults, std::vector<ConfigProblem>& errors,
                                 std::vector<ConfigProblem>& warnings) {
  DaemonConfig d = defaults;
  d.source_file = path;
  ConfigFile file(path, text, errors, warnings);
  if (!file.parsed()) return d;
  file.read_absolute_path(kDaemon, "AppsDirectory", d.apps_directory);
  file.read_absolute_path(kDaemon, "StateDirectory", d.state_directory);
  file.read_absolute_path(kDaemon, "LogsDirectory", d.logs_directory);
  file.read_time_span(kDaemon, "DefaultStepTimeoutSec", d.default_step_timeout_usec, false);
  file.read_time_span(kDaemon, "DriftCheckSec", d.drift_check_usec, true);
  read_webhook_secret_keys(file, d.webhook);
  read_notify_groups(file, d.notifiers);
  read_selfupdate_group(file, d.self_update);
  file.warn_unknown();
  return d;
}

LoadResult load_config(const std::string& hoist_conf_path, const std::string& apps_dir_override) {
  LoadResult result;
  result.daemon = daemon_defaults();
  std::string text;
  switch (read_config_file(hoist_conf_path, text, result.errors)) {
    case FileRead::Ok:
      result.daemon =
          parse_daemon_config(hoist_conf_path, text, result.daemon, result.errors, result.warnings);
      break;
    case FileRead::Missing: break;
    case FileRead::Failed: result.daemon.source_file = hoist_conf_path; break;
  }
  result.daemon_failed = !result.errors.empty();
  if (!apps_dir_override.empty()) result.daemon.apps_directory = apps_dir_override;
  load_apps(result);
  return result;
}

std::map<std::string, AppConfig> merge_reload(const std::map<std::string, AppConfig>& previous_good,
                                              const LoadResult& fresh,
                                              std::vector<ConfigProblem>* notes) {
  auto note = [&](const std::string& file, std::string message) {
    if (notes) notes->push_back({file, 0, "", "", std::move(message)});
  };
  if (fresh.daemon_failed) {
    note(fresh.daemon.source_file, "has errors; the configuration was not reloaded");
    return previous_good;
  }
  std::map<std::string, AppConfig> merged = fresh.apps;
  for (const auto& name : fresh.failed_apps)
    if (auto old = previous_good.find(name); old != previous_good.end()) {
      merged.emplace(name, old->second);
      note(old->second.source_file, "has errors; app " + name + " keeps its previous definition");
    }
  // A new definition may clash with a kept one: take it back until none does.
  // Each round puts back or drops at least one new definition, so this ends.
  // Like apps with errors, dropped apps may be named by others (a warning).
  std::set<std::string> not_loaded = fresh.failed_apps;
  while (true) {
    bool changed = false;
    for (const auto& p : app_relation_problems(merged, not_loaded)) {
      if (!p.error || !merged.count(p.app)) continue;
      const auto old = previous_good.find(p.app);
      const std::string file = merged.at(p.app).source_file;
      const std::string problem = "[App] " + p.key + "=: " + p.message;
      if (old == previous_good.end()) {
        merged.erase(p.app);
        not_loaded.insert(p.app);
        note(file, "app " + p.app + " is not added: " + problem);
      } else if (!(old->second == merged.at(p.app))) {
        merged.at(p.app) = old->second;
        note(file, "app " + p.app + " keeps its previous definition: " + problem);
      } else {
        continue;
      }
      changed = true;
    }
    if (!changed) return merged;
  }
}

}  // namespace hoist
