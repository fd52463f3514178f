#include "systemd/notify.hh"

#include <systemd/sd-daemon.h>

#include <algorithm>

namespace hoist {

Notifier::Notifier() {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    watchdog_usec_ = usec;
    // Ping at half the interval, as sd_watchdog_enabled(3) recommends.
    guint ms = static_cast<guint>(std::max<uint64_t>(usec / 2000, 1));
    watchdog_source_ = g_timeout_add(ms, on_watchdog, this);
  }
}

Notifier::~Notifier() {
  if (watchdog_source_) g_source_remove(watchdog_source_);
}

gboolean Notifier::on_watchdog(gpointer) {
  sd_notify(0, "WATCHDOG=1");
  return G_SOURCE_CONTINUE;
}

void Notifier::ready(const std::string& s) { sd_notify(0, ("READY=1\nSTATUS=" + s).c_str()); }

void Notifier::status(const std::string& s) { sd_notify(0, ("STATUS=" + s).c_str()); }

void Notifier::reloading() {
  sd_notify(0, ("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(g_get_monotonic_time())).c_str());
}

void Notifier::stopping(const std::string& s) {
  sd_notify(0, ("STOPPING=1\nSTATUS=" + s).c_str());
}

}  // namespace hoist
