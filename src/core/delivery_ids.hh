// The webhook delivery ids hoistd has seen (X-GitHub-Delivery, ...), so a
// replayed delivery is recognised: a bounded set, oldest evicted first, kept
// in deliveries.json in the state directory and written atomically.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <unordered_set>

#include "common/raii.hh"
#include "core/state_dir.hh"

namespace hoist {

inline constexpr size_t kDefaultDeliveryIds = 1000;

class DeliveryIds {
 public:
  // Loads the ids saved in dir; a file that does not parse is reported by
  // load_error() and the set starts empty.
  explicit DeliveryIds(const StateDir& dir, size_t capacity = kDefaultDeliveryIds);

  const std::string& load_error() const noexcept { return load_error_; }
  size_t size() const noexcept { return order_.size(); }

  // true if id was seen before; otherwise remembers it (evicting the oldest
  // beyond capacity), saves the set and returns false. Ids longer than 128
  // bytes are remembered by their SHA-256. A failed save is logged; the id
  // stays remembered in memory.
  bool seen_or_add(std::string_view id);

 private:
  void load();
  void evict();  // the oldest ids beyond capacity

  Fd dir_;
  size_t capacity_;
  std::deque<std::string> order_;  // oldest first
  std::unordered_set<std::string> ids_;
  std::string load_error_;
};

}  // namespace hoist
