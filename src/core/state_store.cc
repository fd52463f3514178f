#include "core/state_store.hh"

#include <fcntl.h>
#include <glib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "common/log.hh"
#include "core/atomic_file.hh"
#include "core/deploy_id.hh"
#include "core/dir_fd.hh"
#include "core/json_file.hh"
#include "core/json_object.hh"
#include "core/utc_time.hh"

namespace hoist {
namespace {

constexpr const char* kAppsDir = "apps";
constexpr const char* kDeploysDir = "deploys";
constexpr const char* kIndexFile = "deploy-index.json";
constexpr unsigned kSubdirMode = 0700;
constexpr std::string_view kJsonSuffix = ".json";
constexpr size_t kStateNameMax = 128;

std::string json_name(std::string_view stem) {
  return std::string(stem) + std::string(kJsonSuffix);
}

// "NAME" of "NAME.json", or empty for other names (temporary files included).
std::string_view json_stem(std::string_view file) {
  if (file.size() <= kJsonSuffix.size() || file.front() == '.' || !file.ends_with(kJsonSuffix))
    return {};
  return file.substr(0, file.size() - kJsonSuffix.size());
}

// app → deploy ids, as in deploy-index.json: {"apps": {"api": ["ID", ...]}}.
using Index = std::map<std::string, std::vector<std::string>>;
using GListPtr = Ptr<GList, g_list_free>;

// The saved index; nullopt if there is none or it does not parse (then a problem).
std::optional<Index> read_index(int root_fd, std::vector<std::string>& problems) {
  const JsonFile file = read_json(root_fd, kIndexFile);
  JsonNode* root = file.root.get();
  JsonObject* apps = root && JSON_NODE_HOLDS_OBJECT(root)
                         ? JsonObjectReader(json_node_get_object(root)).object("apps")
                         : nullptr;
  if (!apps) {
    if (!file.missing) {
      const std::string why =
          file ? display_path(root_fd, kIndexFile) + ": no \"apps\"" : file.error;
      problems.push_back(why + " (rebuilt from the records)");
    }
    return std::nullopt;
  }
  Index index;
  const GListPtr names(json_object_get_members(apps));
  for (const GList* n = names.get(); n; n = n->next) {
    const char* app = static_cast<const char*>(n->data);
    if (!state_name_is_safe(app)) continue;  // its records are read instead
    JsonNode* ids = json_object_get_member(apps, app);
    JsonArray* array = JSON_NODE_HOLDS_ARRAY(ids) ? json_node_get_array(ids) : nullptr;
    const guint count = array ? json_array_get_length(array) : 0;
    for (guint i = 0; i < count; i++) {
      JsonNode* id = json_array_get_element(array, i);
      if (JSON_NODE_HOLDS_VALUE(id) && json_node_get_value_type(id) == G_TYPE_STRING)
        index[app].emplace_back(json_node_get_string(id));
    }
  }
  return index;
}

Fd open_subdir(const StateDir& dir, const char* name, std::string& error) {
  Fd fd = open_or_create_subdirectory(dir.fd(), name, kSubdirMode);
  if (!fd) error = errno_message("cannot open", dir.path() + "/" + name, errno);
  return fd;
}

}  // namespace

bool state_name_is_safe(std::string_view name) {
  if (name.empty() || name.size() > kStateNameMax || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return g_ascii_isalnum(c) || c == '.' || c == '_' || c == '-'; });
}

std::optional<StateStore> StateStore::open(const StateDir& dir, std::string& error,
                                           size_t history) {
  Fd apps = open_subdir(dir, kAppsDir, error);
  if (!apps) return std::nullopt;
  Fd deploys = open_subdir(dir, kDeploysDir, error);
  if (!deploys) return std::nullopt;
  remove_stale_temp_files(dir.fd());
  remove_stale_temp_files(apps.get());
  remove_stale_temp_files(deploys.get());
  Fd root(fcntl(dir.fd(), F_DUPFD_CLOEXEC, 3));
  if (!root) {
    error = errno_message("cannot duplicate the descriptor of", dir.path(), errno);
    return std::nullopt;
  }
  StateStore store(std::move(root), std::move(apps), std::move(deploys),
                   std::max<size_t>(history, 1));
  store.load_index();
  return store;
}

void StateStore::load_index() {
  const auto files = list_directory(deploys_.get());
  if (!files) {
    problems_.push_back(errno_message("cannot list", fd_display_path(deploys_.get()), errno));
    return;
  }
  std::set<std::string> unindexed;  // the records on disk the index does not list
  for (const auto& file : *files)
    if (const std::string_view id = json_stem(file); deploy_id_is_valid(id)) unindexed.emplace(id);
  if (!unindexed.empty()) newest_id_ = *unindexed.rbegin();

  const auto index = read_index(root_.get(), problems_);
  bool changed = !index;
  if (index) {
    for (const auto& [app, ids] : *index) {
      for (const auto& id : ids) {
        if (unindexed.erase(id) > 0)
          deploys_by_app_[app].insert(id);
        else
          changed = true;  // pruned after the index was saved
      }
    }
  }
  changed = changed || !unindexed.empty();
  index_records(unindexed);
  if (changed) save_index();
}

void StateStore::index_records(const std::set<std::string>& ids) {
  for (const auto& id : ids) {
    const std::string file = json_name(id);
    const JsonFile json = read_json(deploys_.get(), file);
    std::string error;
    const auto record = json ? deploy_record_from_json(json.root.get(), error) : std::nullopt;
    if (!record)
      problems_.push_back(json ? display_path(deploys_.get(), file) + ": " + error : json.error);
    else if (record->id != id)
      problems_.push_back(display_path(deploys_.get(), file) + ": holds deploy " + record->id);
    else
      deploys_by_app_[record->app].insert(id);
  }
}

void StateStore::save_index() {
  JsonObjectWriter apps;
  for (const auto& [app, ids] : deploys_by_app_)
    if (!ids.empty()) apps.node(app.c_str(), json_string_array(ids));
  JsonObjectWriter index;
  index.node("apps", apps.node());
  std::string error;
  if (!write_json_atomic(root_.get(), kIndexFile, index.node().get(), error))
    log::warning("cannot save the deploy index (it is rebuilt at the next start): " + error);
}

std::optional<AppState> StateStore::load_app(std::string_view app, std::string& error) const {
  if (!state_name_is_safe(app)) {
    error = "invalid app name \"" + std::string(app) + "\"";
    return std::nullopt;
  }
  const JsonFile json = read_json(apps_.get(), json_name(app));
  if (json.missing) return AppState{.app = std::string(app)};
  if (!json) {
    error = json.error;
    return std::nullopt;
  }
  auto state = app_state_from_json(json.root.get(), error);
  if (state && state->app != app) {
    error = display_path(apps_.get(), json_name(app)) + ": holds the state of app " + state->app;
    return std::nullopt;
  }
  if (!state) error = display_path(apps_.get(), json_name(app)) + ": " + error;
  return state;
}

bool StateStore::save_app(const AppState& state, std::string& error) {
  if (!state_name_is_safe(state.app)) {
    error = "invalid app name \"" + state.app + "\"";
    return false;
  }
  return write_json_atomic(apps_.get(), json_name(state.app), to_json(state).get(), error);
}

std::vector<std::string> StateStore::app_names() const {
  std::vector<std::string> names;
  for (const auto& file : list_directory(apps_.get()).value_or(std::vector<std::string>{})) {
    const std::string_view stem = json_stem(file);
    if (state_name_is_safe(stem)) names.emplace_back(stem);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string StateStore::new_deploy_id() {
  newest_id_ = make_deploy_id(realtime_now_usec(), newest_id_);
  return newest_id_;
}

bool StateStore::save_deploy(const DeployRecord& record, std::string& error) {
  if (!deploy_id_is_valid(record.id)) {
    error = "invalid deploy id \"" + record.id + "\"";
    return false;
  }
  if (!state_name_is_safe(record.app)) {
    error = "invalid app name \"" + record.app + "\"";
    return false;
  }
  if (!write_json_atomic(deploys_.get(), json_name(record.id), to_json(record).get(), error))
    return false;
  const bool added = deploys_by_app_[record.app].insert(record.id).second;
  newest_id_ = std::max(newest_id_, record.id);
  if (added) {
    prune_history(record.app);
    index_dirty_ = true;
  }
  return true;
}

void StateStore::flush_index() {
  if (!index_dirty_ || !root_) return;
  index_dirty_ = false;
  save_index();
}

void StateStore::prune_history(const std::string& app) {
  auto& ids = deploys_by_app_[app];
  while (ids.size() > history_) {
    const std::string oldest = *ids.begin();
    if (unlinkat(deploys_.get(), json_name(oldest).c_str(), 0) < 0 && errno != ENOENT) {
      const std::string path = display_path(deploys_.get(), json_name(oldest));
      log::warning(errno_message("cannot remove old deploy record", path, errno),
                   {{"HOIST_APP", app}, {"HOIST_DEPLOY_ID", oldest}});
      break;
    }
    ids.erase(ids.begin());
  }
}

std::optional<DeployRecord> StateStore::load_deploy(std::string_view id, std::string& error) const {
  if (!deploy_id_is_valid(id)) {
    error = "invalid deploy id \"" + std::string(id) + "\"";
    return std::nullopt;
  }
  const JsonFile json = read_json(deploys_.get(), json_name(id));
  if (json.missing) {
    error = "no deploy " + std::string(id);
    return std::nullopt;
  }
  if (!json) {
    error = json.error;
    return std::nullopt;
  }
  auto record = deploy_record_from_json(json.root.get(), error);
  if (!record) error = display_path(deploys_.get(), json_name(id)) + ": " + error;
  return record;
}

std::vector<std::string> StateStore::deploy_ids(std::string_view app) const {
  const auto it = deploys_by_app_.find(app);
  if (it == deploys_by_app_.end()) return {};
  return {it->second.rbegin(), it->second.rend()};
}

std::vector<DeployRecord> StateStore::history(std::string_view app, size_t limit) const {
  std::vector<DeployRecord> records;
  for (const auto& id : deploy_ids(app)) {
    if (limit > 0 && records.size() >= limit) break;
    std::string error;
    if (auto record = load_deploy(id, error))
      records.push_back(std::move(*record));
    else
      log::warning(error, {{"HOIST_APP", std::string(app)}, {"HOIST_DEPLOY_ID", id}});
  }
  return records;
}

}  // namespace hoist
