// Waiting for a deploy to end: hoistd's signals StepFinished and
// DeployFinished for it, and NameOwnerChanged should hoistd go away.
#pragma once

#include <deque>
#include <string>

#include "ctl/bus_client.hh"
#include "ctl/signal_watch.hh"

namespace hoist::ctl {

struct WatchEvent {
  enum Kind {
    StepFinished,    // a step of the deploy ended
    DeployFinished,  // the deploy ended, in `state`
    DaemonGone,      // org.hoist.Hoist1 lost its owner: hoistd exited or crashed
  };
  Kind kind;
  std::string state;  // DeployFinished: the state it ended in
};

class DeployWatch {
 public:
  // Subscribes to the signals. Do this before asking for the deploy, so
  // that none of its signals can be missed. Failures throw CallError.
  explicit DeployWatch(Client& client);
  DeployWatch(const DeployWatch&) = delete;
  DeployWatch& operator=(const DeployWatch&) = delete;

  // Whose signals count from now on (signals already received are matched
  // against it too: they are dispatched only by next()).
  void follow(const std::string& deploy_id) { deploy_id_ = deploy_id; }

  // Waits, without a time limit, for the next event of the followed
  // deploy. Losing the bus connection throws CallError.
  WatchEvent next();

 private:
  static int on_step_finished(sd_bus_message* m, void* userdata, sd_bus_error*) noexcept;
  static int on_deploy_finished(sd_bus_message* m, void* userdata, sd_bus_error*) noexcept;
  static void on_daemon_gone(void* userdata) noexcept;

  std::string deploy_id_;
  std::deque<WatchEvent> events_;
  SignalWatch watch_;
};

}  // namespace hoist::ctl
