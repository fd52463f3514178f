// Waiting for hoistd to restart after a self-update: NameOwnerChanged of
// org.hoist.Hoist1 (see SignalWatch) until an owner other than the hoistd
// that answered SelfUpdate takes the name, or a time limit passes. No
// polling: one sd-event loop with a match and a timer.
#pragma once

#include <cstdint>
#include <string>

#include "common/sd_ptr.hh"
#include "ctl/bus_client.hh"
#include "ctl/signal_watch.hh"

namespace hoist::ctl {

// How long hoistctl self-update waits for hoistd to come back.
inline constexpr uint64_t kRestartTimeoutUsec = 120ull * 1000 * 1000;

class RestartWatch {
 public:
  // Watches the name. Do this before calling SelfUpdate, so that no owner
  // change can be missed. Failures throw CallError.
  explicit RestartWatch(Client& client);
  RestartWatch(const RestartWatch&) = delete;
  RestartWatch& operator=(const RestartWatch&) = delete;

  // The unique bus name of the hoistd that answered SelfUpdate: it taking
  // the name (when the call started it) is no restart. Set it before wait().
  void ignore_owner(const std::string& unique_name) { ignored_ = unique_name; }

  // Waits until another owner takes the name (true; its unique name in
  // new_owner()) or timeout_usec has passed (false). Losing the bus throws
  // CallError.
  bool wait(uint64_t timeout_usec);

  const std::string& new_owner() const { return new_owner_; }

 private:
  static void on_gone(void* userdata) noexcept;
  static void on_appeared(void* userdata, const char* owner) noexcept;
  static int on_timeout(sd_event_source* s, uint64_t usec, void* userdata) noexcept;

  std::string ignored_;
  std::string new_owner_;
  bool timed_out_ = false;
  SignalWatch watch_;
  EventSourcePtr timer_;
};

}  // namespace hoist::ctl
