#include "systemd/event_glue.hh"

namespace hoist {
namespace {

struct EventSource {
  GSource base;
  sd_event* event;
};

sd_event* event_of(GSource* s) { return reinterpret_cast<EventSource*>(s)->event; }

// GLib may skip check() for a low-priority source when a higher one is
// ready, leaving sd-event ARMED; finish that wait before preparing again.
gboolean prepare(GSource* s, gint* timeout) {
  *timeout = -1;
  sd_event* e = event_of(s);
  switch (sd_event_get_state(e)) {
    case SD_EVENT_PENDING:
      return TRUE;
    case SD_EVENT_ARMED:
      if (sd_event_wait(e, 0) > 0) return TRUE;
      break;
    default:
      break;
  }
  return sd_event_prepare(e) > 0;
}

gboolean check(GSource* s) {
  sd_event* e = event_of(s);
  int state = sd_event_get_state(e);
  if (state == SD_EVENT_ARMED) return sd_event_wait(e, 0) > 0;
  return state == SD_EVENT_PENDING;
}

gboolean dispatch(GSource* s, GSourceFunc, gpointer) {
  sd_event* e = event_of(s);
  if (sd_event_get_state(e) != SD_EVENT_PENDING) return G_SOURCE_CONTINUE;
  return sd_event_dispatch(e) >= 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

void finalize(GSource* s) { sd_event_unref(event_of(s)); }

GSourceFuncs funcs = {prepare, check, dispatch, finalize, nullptr, nullptr};

}  // namespace

GSource* sd_event_gsource_new(sd_event* event) {
  GSource* s = g_source_new(&funcs, sizeof(EventSource));
  reinterpret_cast<EventSource*>(s)->event = sd_event_ref(event);
  g_source_add_unix_fd(s, sd_event_get_fd(event), G_IO_IN);
  g_source_set_name(s, "sd-event");
  return s;
}

}  // namespace hoist
