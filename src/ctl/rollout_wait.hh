// Waiting for a rollout to end: hoistd's signals RolloutAppChanged and
// RolloutFinished for it and hoistd going away (see SignalWatch), and, on
// request, a tick for redrawing elapsed times and SIGINT/SIGTERM as events.
#pragma once

#include <signal.h>

#include <cstdint>
#include <deque>
#include <string>

#include "common/sd_ptr.hh"
#include "ctl/bus_client.hh"
#include "ctl/signal_watch.hh"

namespace hoist::ctl {

struct RolloutEvent {
  enum Kind {
    AppChanged,   // an app of the rollout changed state or step
    Finished,     // the rollout ended, in `state`, `error` saying why
    DaemonGone,   // org.hoist.Hoist1 lost its owner: hoistd exited or crashed
    Tick,         // time to redraw (tick_every)
    Interrupted,  // SIGINT or SIGTERM (catch_interrupts)
  };
  Kind kind;
  std::string app;    // AppChanged
  std::string state;  // AppChanged: the app's; Finished: the rollout's
  std::string step;   // AppChanged
  std::string error;  // Finished
};

class RolloutWatch {
 public:
  // Subscribes to the signals. Do this before starting the rollout, so that
  // none of its signals can be missed. Failures throw CallError.
  explicit RolloutWatch(Client& client);
  RolloutWatch(const RolloutWatch&) = delete;
  RolloutWatch& operator=(const RolloutWatch&) = delete;
  ~RolloutWatch();

  // Whose signals count from now on (signals already received are matched
  // against it too: they are dispatched only by next()).
  void follow(const std::string& rollout_id) { rollout_id_ = rollout_id; }

  // From now on a Tick every period_usec (at most one waiting at a time).
  void tick_every(uint64_t period_usec);

  // From now on SIGINT and SIGTERM are Interrupted events instead of ending
  // hoistctl; the signal mask is restored when the watch ends.
  void catch_interrupts();

  // Waits, without a time limit, for the next event. Losing the bus
  // connection throws CallError.
  RolloutEvent next();

 private:
  static int on_app_changed(sd_bus_message* m, void* userdata, sd_bus_error*) noexcept;
  static int on_finished(sd_bus_message* m, void* userdata, sd_bus_error*) noexcept;
  static void on_daemon_gone(void* userdata) noexcept;
  static int on_tick(sd_event_source* s, uint64_t usec, void* userdata) noexcept;
  static int on_interrupt(sd_event_source* s, const struct signalfd_siginfo* si,
                          void* userdata) noexcept;
  void push(RolloutEvent e) noexcept;

  std::string rollout_id_;
  std::deque<RolloutEvent> events_;
  uint64_t tick_period_usec_ = 0;
  bool tick_waiting_ = false;
  bool mask_changed_ = false;
  sigset_t old_mask_{};
  SignalWatch watch_;
  EventSourcePtr tick_;
  EventSourcePtr sigint_;
  EventSourcePtr sigterm_;
};

}  // namespace hoist::ctl
