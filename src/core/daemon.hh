// hoistd's process: the loops, the bus, the HTTP server, readiness and
// graceful shutdown.
#pragma once

#include <glib.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/dbus_apps.hh"
#include "api/dbus_manager.hh"
#include "api/http_server.hh"
#include "core/app_registry.hh"
#include "common/glib_ptr.hh"
#include "common/sd_ptr.hh"
#include "core/delivery_ids.hh"
#include "core/deploy_manager.hh"
#include "core/events.hh"
#include "core/health_gate.hh"
#include "core/health_probe.hh"
#include "core/in_flight.hh"
#include "core/rollout_manager.hh"
#include "core/rollout_store.hh"
#include "core/unit_files.hh"
#include "core/state_dir.hh"
#include "notify/notifiers.hh"
#include "selfupdate/self_updater.hh"
#include "systemd/journal_reader.hh"
#include "systemd/journal_sync.hh"
#include "systemd/notify.hh"
#include "systemd/pid1.hh"
#include "systemd/polkit.hh"
#include "systemd/step_runner.hh"

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
  bool setup_state(std::string& error);
  bool setup_deploys(std::string& error);
  // Tells the notifiers and the bus about a deploy's transitions.
  DeployManager::Listener deploy_listener();
  // Tells the bus about a rollout's.
  RolloutManager::Listener rollout_listener();
  // Where unit files go (the system's or the user's unit directory).
  UnitPaths unit_paths() const;
  // Reads the configuration again (SIGHUP, D-Bus Reload); returns the errors.
  std::vector<std::string> reload();
  bool setup_http(std::string& error);
  void begin_shutdown(const char* why);
  // A self-update selected a new version: exit 0 (systemd starts it) as
  // soon as no deploy or rollout runs.
  void restart_when_idle();
  // Calls done with "" if systemd starts hoistd again after it exits 0
  // (Restart=always), else with why not.
  void check_restart(std::function<void(const std::string& problem)> done);
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
  std::optional<StateDir> state_dir_;  // held (locked) while hoistd runs
  std::optional<StateStore> store_;    // until the DeployManager takes it
  std::optional<RolloutStore> rollout_store_;  // until the RolloutManager takes it
  std::unique_ptr<EventLog> events_;
  std::unique_ptr<JournalSync> journal_sync_;
  std::unique_ptr<StepRunner> steps_;
  std::unique_ptr<HealthProber> prober_;
  std::unique_ptr<HealthGate> gate_;
  std::unique_ptr<DeployManager> deploys_;
  std::unique_ptr<RolloutManager> rollouts_;
  UnitPaths unit_paths_;  // set by setup_deploys
  std::unique_ptr<UnitFiles> units_;
  std::unique_ptr<Notifiers> notifiers_;
  std::unique_ptr<SelfUpdater> self_update_;
  std::unique_ptr<DeliveryIds> deliveries_;
  std::unique_ptr<WebhookEndpoint> webhooks_;
  std::unique_ptr<ManagerObject> manager_;
  std::unique_ptr<AppObjects> app_objects_;
  std::unique_ptr<HttpServer> http_;
  AppRegistry apps_;
  Notifier notifier_;
  std::vector<guint> signal_sources_;
  guint shutdown_timer_ = 0;
  gint64 started_usec_;
  bool stopping_ = false;
  bool restart_pending_ = false;  // restart_when_idle() waits
  int exit_status_ = 0;
};

}  // namespace hoist
