// The per-app state and the deploy history in the state directory:
//   apps/NAME.json      AppState of each app
//   deploys/ID.json     DeployRecord of each deploy, the newest N per app kept
//   deploy-index.json   which deploys belong to which app
// Every write is atomic (json_file.hh). hoistd is the only writer (StateDir's
// lock), so the store keeps the index in memory and saves it when told
// (flush_index(), which DeployManager calls a second after changes) and when
// it is destroyed. The index is a cache: at open it is checked against
// deploys/, so a crash before it was saved loses nothing, and only records
// the index does not know are read. For the same reason a pruned record's
// unlink is not fsync'ed: one that comes back after a crash is pruned again.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/raii.hh"
#include "core/deploy_record.hh"
#include "core/state_dir.hh"

namespace hoist {

inline constexpr size_t kDefaultDeployHistory = 50;

// Whether name can name an app's state file: [A-Za-z0-9._-], at most 128
// characters, not starting with '.' (app names are checked by the config).
bool state_name_is_safe(std::string_view name);

class StateStore {
 public:
  // Creates apps/ and deploys/ in dir if missing, removes temporary files an
  // interrupted write left, and loads the index (rebuilt from the records if
  // it is missing or does not parse). Records that do not parse are left
  // alone and reported by problems().
  static std::optional<StateStore> open(const StateDir& dir, std::string& error,
                                        size_t history = kDefaultDeployHistory);
  StateStore(StateStore&&) noexcept = default;
  StateStore& operator=(StateStore&&) noexcept = default;
  ~StateStore() { flush_index(); }

  // What open() found wrong ("PATH:1:2: Parse error: ..."), for the log.
  const std::vector<std::string>& problems() const noexcept { return problems_; }

  // The state of an app; an app never saved reads as AppState{.app = app}.
  // nullopt with error when the name is unsafe or the file is unreadable.
  std::optional<AppState> load_app(std::string_view app, std::string& error) const;
  [[nodiscard]] bool save_app(const AppState& state, std::string& error);
  // The apps that have a state file, sorted.
  std::vector<std::string> app_names() const;

  // A new deploy id, sorting after every id in the store.
  std::string new_deploy_id();

  // Writes the record, then prunes the app's history to the newest `history`
  // records, at least 1 (failures to prune are logged, not returned). A new
  // record changes the index: see index_dirty().
  [[nodiscard]] bool save_deploy(const DeployRecord& record, std::string& error);
  // Whether the index changed since it was last saved; flush_index() saves it
  // then (a failure is logged: the next open rebuilds it).
  bool index_dirty() const noexcept { return index_dirty_; }
  void flush_index();
  // A deploy by id (validated first: ids come from API input).
  std::optional<DeployRecord> load_deploy(std::string_view id, std::string& error) const;
  // The ids of an app's deploys, newest first.
  std::vector<std::string> deploy_ids(std::string_view app) const;
  // An app's newest deploy records, newest first, at most limit (0: all);
  // unreadable records are logged and skipped.
  std::vector<DeployRecord> history(std::string_view app, size_t limit = 0) const;

 private:
  StateStore(Fd root, Fd apps, Fd deploys, size_t history) noexcept
      : root_(std::move(root)),
        apps_(std::move(apps)),
        deploys_(std::move(deploys)),
        history_(history) {}
  void load_index();
  // Reads the records of ids from deploys/ into the index (unreadable ones: problems_).
  void index_records(const std::set<std::string>& ids);
  void save_index();
  void prune_history(const std::string& app);

  Fd root_;
  Fd apps_;
  Fd deploys_;
  size_t history_;
  bool index_dirty_ = false;
  std::map<std::string, std::set<std::string>, std::less<>> deploys_by_app_;
  std::string newest_id_;
  std::vector<std::string> problems_;
};

}  // namespace hoist
