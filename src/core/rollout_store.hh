// The rollout records in the state directory: rollouts/ID.json, the newest
// kRolloutHistory kept. Written atomically on every change; at open, a
// record a stopped or crashed hoistd left "running" becomes "interrupted".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/raii.hh"
#include "core/rollout_record.hh"
#include "core/state_dir.hh"

namespace hoist {

inline constexpr size_t kRolloutHistory = 20;

class RolloutStore {
 public:
  // Creates rollouts/ if missing; problems (records that do not parse) are
  // returned in problems, one line each, for the log.
  static std::optional<RolloutStore> open(const StateDir& dir, std::vector<std::string>& problems,
                                          std::string& error);

  // A new id, sorting after every stored one.
  std::string new_id();
  // Writes the record and prunes the oldest beyond kRolloutHistory.
  [[nodiscard]] bool save(const RolloutRecord& record, std::string& error);
  // A record by id (validated first: ids come from API input); nullopt with
  // error, and missing set when there is no such record.
  std::optional<RolloutRecord> load(std::string_view id, std::string& error,
                                    bool* missing = nullptr) const;

 private:
  explicit RolloutStore(Fd dir) noexcept : dir_(std::move(dir)) {}
  std::vector<std::string> ids() const;  // sorted, oldest first
  void interrupt_running(std::vector<std::string>& problems);

  Fd dir_;
  std::string newest_id_;
};

}  // namespace hoist
