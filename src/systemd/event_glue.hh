// sd-event driven from GLib's main loop: one GSource that prepares, waits on
// and dispatches an sd_event, so sd-bus (attached to that sd_event), libsoup
// and GIO share one thread and one loop.
#pragma once

#include <glib.h>
#include <systemd/sd-event.h>

namespace hoist {

// Returns a new source (caller owns the reference) attached to no context yet.
GSource* sd_event_gsource_new(sd_event* event);

}  // namespace hoist
