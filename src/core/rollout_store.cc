#include "core/rollout_store.hh"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "common/log.hh"
#include "core/deploy_id.hh"
#include "core/dir_fd.hh"
#include "core/json_file.hh"
#include "core/utc_time.hh"

namespace hoist {
namespace {

constexpr std::string_view kSuffix = ".json";

std::string file_name(std::string_view id) { return std::string(id) + std::string(kSuffix); }

}  // namespace

std::optional<RolloutStore> RolloutStore::open(const StateDir& dir,
                                               std::vector<std::string>& problems,
                                               std::string& error) {
  Fd fd = open_or_create_subdirectory(dir.fd(), "rollouts", 0700);
  if (!fd) {
    error = errno_message("cannot open", dir.path() + "/rollouts", errno);
    return std::nullopt;
  }
  RolloutStore store(std::move(fd));
  store.interrupt_running(problems);
  auto ids = store.ids();
  if (!ids.empty()) store.newest_id_ = ids.back();
  return store;
}

std::vector<std::string> RolloutStore::ids() const {
  std::vector<std::string> out;
  for (const auto& name : list_directory(dir_.get()).value_or(std::vector<std::string>{})) {
    if (name.size() <= kSuffix.size() || !name.ends_with(kSuffix)) continue;
    std::string id = name.substr(0, name.size() - kSuffix.size());
    if (deploy_id_is_valid(id)) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void RolloutStore::interrupt_running(std::vector<std::string>& problems) {
  for (const auto& id : ids()) {
    std::string error;
    auto record = load(id, error);
    if (!record) {
      problems.push_back(error);
      continue;
    }
    if (record->state != RolloutState::Running) continue;
    record->state = RolloutState::Interrupted;
    record->finished_usec = realtime_now_usec();
    record->error = "hoistd stopped while the rollout ran";
    for (auto& a : record->apps)
      if (a.state == RolloutAppState::Waiting || a.state == RolloutAppState::Running)
        a.state = RolloutAppState::Skipped;
    if (!save(*record, error)) problems.push_back(error);
  }
}

std::string RolloutStore::new_id() {
  newest_id_ = make_deploy_id(realtime_now_usec(), newest_id_);
  return newest_id_;
}

bool RolloutStore::save(const RolloutRecord& record, std::string& error) {
  if (!deploy_id_is_valid(record.id)) {
    error = "invalid rollout id \"" + record.id + "\"";
    return false;
  }
  if (!write_json_atomic(dir_.get(), file_name(record.id), to_json(record).get(), error))
    return false;
  auto all = ids();
  for (size_t i = 0; i + kRolloutHistory < all.size(); i++)
    if (unlinkat(dir_.get(), file_name(all[i]).c_str(), 0) < 0 && errno != ENOENT)
      log::warning(errno_message("cannot remove", display_path(dir_.get(), file_name(all[i])), errno));
  return true;
}

std::optional<RolloutRecord> RolloutStore::load(std::string_view id, std::string& error,
                                                bool* missing) const {
  if (missing) *missing = false;
  if (!deploy_id_is_valid(id)) {
    error = "invalid rollout id \"" + std::string(id) + "\"";
    if (missing) *missing = true;
    return std::nullopt;
  }
  JsonFile file = read_json(dir_.get(), file_name(id));
  if (!file) {
    error = file.error;
    if (missing) *missing = file.missing;
    return std::nullopt;
  }
  auto record = rollout_record_from_json(file.root.get(), error);
  if (!record) error = display_path(dir_.get(), file_name(id)) + ": " + error;
  return record;
}

}  // namespace hoist
