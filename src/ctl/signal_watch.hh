// Following what hoistd does (a deploy, a rollout, a restart) through its
// signals: an sd-event loop with the client's bus attached, matches on
// signals of the Manager and on hoistd's bus name changing owner,
// dispatched one wake-up at a time. Signals that arrive while a method call
// waits for its reply stay queued on the bus until the next wake-up, so a
// caller that subscribes, calls and only then says whose signals count
// misses none of them.
#pragma once

#include <vector>

#include "common/sd_ptr.hh"
#include "ctl/bus_client.hh"

namespace hoist::ctl {

class SignalWatch {
 public:
  // Watches hoistd's bus name; gone(userdata) is called when it loses its
  // owner (hoistd exited or crashed). Failures throw CallError.
  SignalWatch(Client& client, void (*gone)(void* userdata), void* userdata);
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;
  ~SignalWatch();

  // From now on appeared(userdata, owner) is called too whenever
  // org.hoist.Hoist1 gets an owner (owner: its unique name, ":1.42"), such
  // as a hoistd started again.
  void watch_new_owners(void (*appeared)(void* userdata, const char* owner)) {
    appeared_ = appeared;
  }

  // Calls handler(message, userdata, ...) for every signal member of the
  // Manager. Failures throw CallError naming what.
  void subscribe(const char* member, sd_bus_message_handler_t handler, void* userdata,
                 const char* what);

  // For timers and signal handlers of the caller's own.
  sd_event* event() const noexcept { return event_.get(); }

  // Waits, without a time limit, for whatever comes next (a message, a
  // timer, a signal) and dispatches it. Losing the bus throws CallError.
  void dispatch_next();

 private:
  static int on_name_owner_changed(sd_bus_message* m, void* userdata, sd_bus_error*) noexcept;

  sd_bus* bus_;
  EventPtr event_;
  void (*gone_)(void*);
  void (*appeared_)(void*, const char*) = nullptr;
  void* userdata_;
  std::vector<BusSlotPtr> slots_;
};

// A negative errno as a CallError: "what: strerror".
[[noreturn]] void throw_bus_failure(const char* what, int r);

}  // namespace hoist::ctl
