// hoistd's process: the loops, the bus, the HTTP server, readiness and
// graceful shutdown.
#pragma once

#include <glib.h>

#include <memory>
#include <string>
#include <vector>

#include "api/dbus_manager.hh"
#include "api/http_server.hh"
#include "core/app_registry.hh"
#include "common/glib_ptr.hh"
#include "common/sd_ptr.hh"
#include "core/in_flight.hh"
#include "systemd/journal_reader.hh"
#include "systemd/notify.hh"
#include "systemd/pid1.hh"
#include "systemd/polkit.hh"

namespace hoist {

struct DaemonOptions {
  bool user = false;                // user bus and the user's service manager
  std::vector<std::string> listen;  // ADDR:PORT to serve HTTP on without systemd
};

// How long a graceful shutdown waits for work in flight.
inline constexpr guint kShutdownGraceSec = 10;

class Daemon {
 public:
  explicit Daemon(DaemonOptions options);
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;
  ~Daemon();

  // Sets everything up and runs until stopped; returns the exit status.
  int run();

 private:
  bool setup(std::string& error);
  bool setup_bus(std::string& error);
  bool setup_http(std::string& error);
  void begin_shutdown(const char* why);
  void quit(int status);
  void update_status();
  std::string summary() const;

  static gboolean on_terminate(gpointer self);
  static gboolean on_hangup(gpointer self);
  static gboolean on_shutdown_timeout(gpointer self);
  static int on_disconnected(sd_bus_message* m, void* self, sd_bus_error* error);
  static int on_name_acquired(sd_bus_message* m, void* self, sd_bus_error* error);

  DaemonOptions options_;
  InFlight in_flight_;  // first: outlives every token held below
  GMainLoopPtr loop_;
  EventPtr event_;
  GSourcePtr event_source_;
  BusPtr bus_;
  BusSlotPtr disconnected_slot_;
  BusSlotPtr name_slot_;
  std::unique_ptr<Pid1> pid1_;
  std::unique_ptr<JournalReader> journal_;
  std::unique_ptr<Authorizer> auth_;
  std::unique_ptr<ManagerObject> manager_;
  std::unique_ptr<HttpServer> http_;
  AppRegistry apps_;
  Notifier notifier_;
  std::vector<guint> signal_sources_;
  guint shutdown_timer_ = 0;
  gint64 started_usec_;
  bool stopping_ = false;
  int exit_status_ = 0;
};

}  // namespace hoist
