// sd_notify: READY=1, RELOADING=1, STATUS=, STOPPING=1 and the watchdog keep-alive.
#pragma once

#include <glib.h>

#include <string>

namespace hoist {

class Notifier {
 public:
  Notifier();
  ~Notifier();
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  void ready(const std::string& status);
  void status(const std::string& status);
  void stopping(const std::string& status);
  // RELOADING=1 with MONOTONIC_USEC=; ready() ends the reload.
  void reloading();

  // Interval of the watchdog keep-alive, 0 when WatchdogSec= is not set.
  uint64_t watchdog_usec() const noexcept { return watchdog_usec_; }

 private:
  static gboolean on_watchdog(gpointer self);
  uint64_t watchdog_usec_ = 0;
  guint watchdog_source_ = 0;
};

}  // namespace hoist
