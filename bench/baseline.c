/*
 * bench/baseline.c — the reference of tools/bench's idle rows: the smallest
 * daemon built from what hoistd is built from (GLib's main loop, libsoup 3's
 * SoupServer, sd-bus attached to an sd-event that runs as a GSource), doing
 * nothing else. hoistd's idle RSS and idle wake-ups are compared with this.
 *
 *   hoist-bench-baseline ADDRESS:PORT
 *
 * Connects to the system bus, serves every HTTP GET with a fixed small JSON
 * body on ADDRESS:PORT (IPv4 or IPv6 literal), sends READY=1, and runs until
 * SIGTERM or SIGINT. It is compiled by tools/bench into its build directory
 * (never installed, not part of the Meson project) and run in the sandbox as a
 * transient service.
 */
#include <glib-unix.h>
#include <glib.h>
#include <libsoup/soup.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-event.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* sd-event as a GSource, as systemd's man/glib-event-glue.c (and hoistd). */
typedef struct {
  GSource base;
  sd_event *event;
} EventSource;

static gboolean event_prepare(GSource *s, gint *timeout) {
  *timeout = -1;
  return sd_event_prepare(((EventSource *)s)->event) > 0;
}

static gboolean event_check(GSource *s) {
  return sd_event_wait(((EventSource *)s)->event, 0) > 0;
}

static gboolean event_dispatch(GSource *s, GSourceFunc cb, gpointer data) {
  (void)cb;
  (void)data;
  return sd_event_dispatch(((EventSource *)s)->event) >= 0;
}

static void event_finalize(GSource *s) { sd_event_unref(((EventSource *)s)->event); }

static GSourceFuncs event_funcs = {
    .prepare = event_prepare,
    .check = event_check,
    .dispatch = event_dispatch,
    .finalize = event_finalize,
};

static void on_request(SoupServer *server, SoupServerMessage *msg, const char *path,
                       GHashTable *query, gpointer data) {
  static const char body[] = "{\"ok\":true}\n";
  (void)server;
  (void)path;
  (void)query;
  (void)data;
  soup_server_message_set_status(msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response(msg, "application/json", SOUP_MEMORY_STATIC, body,
                                   sizeof body - 1);
}

static gboolean on_terminate(gpointer loop) {
  g_main_loop_quit(loop);
  return G_SOURCE_REMOVE;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s ADDRESS:PORT\n", argv[0]);
    return 2;
  }
  const char *colon = strrchr(argv[1], ':');
  if (!colon || colon == argv[1]) {
    fprintf(stderr, "expected ADDRESS:PORT, got \"%s\"\n", argv[1]);
    return 2;
  }
  char *host = g_strndup(argv[1], (gsize)(colon - argv[1]));
  guint port = (guint)strtoul(colon + 1, NULL, 10);

  GMainLoop *loop = g_main_loop_new(NULL, FALSE);
  g_unix_signal_add(SIGTERM, on_terminate, loop);
  g_unix_signal_add(SIGINT, on_terminate, loop);

  sd_event *event = NULL;
  sd_bus *bus = NULL;
  int r = sd_event_new(&event);
  if (r >= 0) r = sd_bus_open_system_with_description(&bus, "hoist-bench-baseline");
  if (r >= 0) r = sd_bus_attach_event(bus, event, SD_EVENT_PRIORITY_NORMAL);
  if (r < 0) {
    fprintf(stderr, "sd-event/sd-bus setup failed: %s\n", strerror(-r));
    return 1;
  }
  GSource *source = g_source_new(&event_funcs, sizeof(EventSource));
  ((EventSource *)source)->event = sd_event_ref(event);
  g_source_add_unix_fd(source, sd_event_get_fd(event), G_IO_IN);
  g_source_attach(source, NULL);

  SoupServer *server = soup_server_new("server-header", "hoist-bench-baseline ", NULL);
  soup_server_add_handler(server, NULL, on_request, NULL, NULL);
  GError *error = NULL;
  GSocketAddress *address = g_inet_socket_address_new_from_string(host, port);
  if (!address || !soup_server_listen(server, address, 0, &error)) {
    fprintf(stderr, "cannot listen on %s: %s\n", argv[1], error ? error->message : "bad address");
    return 1;
  }
  sd_notify(0, "READY=1");
  g_main_loop_run(loop);

  sd_notify(0, "STOPPING=1");
  g_object_unref(address);
  g_object_unref(server);
  g_source_destroy(source);
  g_source_unref(source);
  sd_bus_flush_close_unref(bus);
  sd_event_unref(event);
  g_main_loop_unref(loop);
  g_free(host);
  return 0;
}
