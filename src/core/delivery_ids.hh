// The webhook delivery ids hoistd has seen (X-GitHub-Delivery, ...), so a
// replayed delivery is recognised: a bounded set, oldest evicted first.
//
// Kept in deliveries.log in the state directory, one id per line, oldest
// first: a new id is appended at once (one short write, not a rewrite of the
// whole set per webhook) and made durable by one fdatasync() for all the ids
// added in the same main-loop turn, after which when_saved() callers are
// told (group commit: a webhook is answered once its id is on disk). Once
// the file holds twice the capacity it is rewritten atomically with the ids
// still remembered, and so it is at load when its last line was cut short.
// The deliveries.json of an older hoistd is taken over and removed.
#pragma once

#include <glib.h>

#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/raii.hh"
#include "core/state_dir.hh"

namespace hoist {

inline constexpr size_t kDefaultDeliveryIds = 1000;

class DeliveryIds {
 public:
  // Loads the ids saved in dir; a file that cannot be read or parsed is
  // reported by load_error() and what could be read is remembered.
  explicit DeliveryIds(const StateDir& dir, size_t capacity = kDefaultDeliveryIds);

  const std::string& load_error() const noexcept { return load_error_; }
  size_t size() const noexcept { return order_.size(); }

  DeliveryIds(const DeliveryIds&) = delete;
  DeliveryIds& operator=(const DeliveryIds&) = delete;
  ~DeliveryIds();  // syncs what was added, drops the when_saved() callbacks

  // true if id was seen before; otherwise remembers it (evicting the oldest
  // beyond capacity), appends it to the log and returns false. Ids longer
  // than 128 bytes or with control characters are remembered by their
  // SHA-256. A failed save is logged; the id stays remembered in memory.
  bool seen_or_add(std::string_view id);

  // Calls done from the main loop, never before this returns, once every id
  // added so far is on disk (or saving it failed, which is logged). The ids
  // added in one main-loop turn share one fdatasync().
  void when_saved(std::function<void()> done);

 private:
  void load();
  // The ids of an older hoistd's deliveries.json, oldest first; nullopt if
  // there is none or it does not parse (then load_error_ says why).
  std::optional<std::vector<std::string>> read_old_file();
  // Keeps the newest `capacity_` distinct ids of lines (oldest first).
  void remember_newest(const std::vector<std::string>& lines);
  void append(const std::string& id);
  // Rewrites the log with the remembered ids and reopens it.
  bool rewrite();
  void warn(const std::string& error);
  void sync();
  static gboolean on_flush(gpointer self);

  Fd dir_;
  Fd log_;  // O_APPEND
  size_t capacity_;
  size_t lines_ = 0;  // in the log
  std::deque<std::string> order_;  // oldest first
  std::unordered_set<std::string> ids_;
  std::string load_error_;
  bool warned_ = false;
  bool unsynced_ = false;  // appended since the last fdatasync()
  std::vector<std::function<void()>> waiters_;
  GSource* flush_ = nullptr;
};

}  // namespace hoist
