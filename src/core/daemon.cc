#include "core/daemon.hh"

#include <glib-unix.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-login.h>

#include <cerrno>
#include <csignal>
#include <cstring>

#include "common/errors.hh"
#include "common/log.hh"
#include "common/str_cat.hh"
#include "core/deploy_notify.hh"
#include "common/daemon_version.hh"
#include "systemd/event_glue.hh"
#include "systemd/listen_fds.hh"
#include "systemd/unit_properties.hh"

namespace hoist {

Daemon::Daemon(DaemonOptions options)
    : options_(std::move(options)), started_usec_(g_get_monotonic_time()) {}

Daemon::~Daemon() {
  for (guint id : signal_sources_) g_source_remove(id);
  if (shutdown_timer_) g_source_remove(shutdown_timer_);
  // Objects using the bus go before it; the event source goes last.
  http_.reset();
  webhooks_.reset();
  app_objects_.reset();
  manager_.reset();
  rollouts_.reset();
  units_.reset();
  self_update_.reset();
  deploys_.reset();
  deliveries_.reset();
  notifiers_.reset();
  gate_.reset();
  prober_.reset();
  steps_.reset();
  journal_sync_.reset();
  auth_.reset();
  journal_.reset();
  pid1_.reset();
  name_slot_.reset();
  disconnected_slot_.reset();
  if (bus_) sd_bus_detach_event(bus_.get());
  bus_.reset();
  if (event_source_) g_source_destroy(event_source_.get());
}

bool Daemon::setup_bus(std::string& error) {
  sd_bus* bus = nullptr;
  int r = options_.user ? sd_bus_open_user_with_description(&bus, "hoistd")
                        : sd_bus_open_system_with_description(&bus, "hoistd");
  if (r < 0) {
    error = std::string("Failed to connect to the ") + (options_.user ? "user" : "system") +
            " bus: " + strerror(-r);
    return false;
  }
  bus_.reset(bus);
  if ((r = sd_bus_attach_event(bus, event_.get(), SD_EVENT_PRIORITY_NORMAL)) < 0) {
    error = std::string("Failed to attach the bus to the event loop: ") + strerror(-r);
    return false;
  }
  sd_bus_slot* slot = nullptr;
  r = sd_bus_match_signal(bus, &slot, "org.freedesktop.DBus.Local", "/org/freedesktop/DBus/Local",
                          "org.freedesktop.DBus.Local", "Disconnected", on_disconnected, this);
  if (r >= 0) disconnected_slot_.reset(slot);

  pid1_ = std::make_unique<Pid1>(bus);
  if ((r = pid1_->subscribe()) < 0) {
    error = std::string("Failed to subscribe to PID 1: ") + strerror(-r);
    return false;
  }
  journal_ = std::make_unique<JournalReader>(event_.get(), options_.user);
  if ((r = journal_->open()) < 0)
    log::warning(std::string("Failed to open the journal, logs will be unavailable: ") + strerror(-r));
  auth_ = std::make_unique<Authorizer>(bus, options_.user);
  if (!setup_deploys(error)) return false;
  manager_ = std::make_unique<ManagerObject>(bus, *pid1_, *journal_, *auth_, in_flight_,
                                             DeployApi{*deploys_, *rollouts_, *units_, *self_update_,
                                                       [this] { return reload(); }});
  app_objects_ = std::make_unique<AppObjects>(bus, *deploys_, &units_->monitor());
  if ((r = manager_->publish()) < 0 || (r = app_objects_->publish()) < 0) {
    error = std::string("Failed to publish the D-Bus objects: ") + strerror(-r);
    return false;
  }
  deploys_->set_listener(deploy_listener());
  rollouts_->set_listener(rollout_listener());
  deploys_->recover();
  units_->monitor().start(apps_.daemon().drift_check_usec);
  slot = nullptr;
  r = sd_bus_request_name_async(bus, &slot, dbus::kBusName, 0, on_name_acquired, this);
  if (r < 0) {
    error = std::string("Failed to request the bus name: ") + strerror(-r);
    return false;
  }
  name_slot_.reset(slot);
  return true;
}

// The state directory (locked: a second hoistd stops here) and the store in it.
bool Daemon::setup_state(std::string& error) {
  std::string path = apps_.daemon().state_directory;
  if (options_.user) path = std::string(g_get_user_state_dir()) + "/hoist";
  state_dir_ = StateDir::open(path, error);
  if (!state_dir_) return false;
  store_ = StateStore::open(*state_dir_, error);
  if (!store_) {
    error = "Failed to open the state in " + path + ": " + error;
    return false;
  }
  std::vector<std::string> problems;
  rollout_store_ = RolloutStore::open(*state_dir_, problems, error);
  if (!rollout_store_) {
    error = "Failed to open the rollouts in " + path + ": " + error;
    return false;
  }
  for (const auto& p : problems) log::warning("Rollouts: " + p);
  std::string logs = options_.user ? path : apps_.daemon().logs_directory;
  events_ = std::make_unique<EventLog>(logs + "/events.jsonl");
  return true;
}

DeployManager::Listener Daemon::deploy_listener() {
  auto config = [this](const std::string& app) {
    auto it = apps_.apps().find(app);
    return it == apps_.apps().end() ? nullptr : &it->second;
  };
  auto tell = [this, config](const DeployRecord& d) {
    if (auto n = deploy_notification(d, config(d.app))) notifiers_->notify(*n);
  };
  return {
      .started =
          [this, tell](const DeployRecord& d) {
            manager_->emit_deploy_started(d);
            tell(d);
            update_status();
          },
      .step_finished = [this](const DeployRecord& d,
                              const StepResult& s) { manager_->emit_step_finished(d, s); },
      .finished =
          [this, tell](const DeployRecord& d) {
            manager_->emit_deploy_finished(d);
            // Only a deploy that ran can have changed the app's units; one
            // canceled while it waited (a burst of pushes) did nothing.
            if (d.started_usec) units_->monitor().check(d.app);
            tell(d);
            update_status();
            if (restart_pending_) restart_when_idle();
          },
      .app_changed = [this](const std::string& app) { app_objects_->changed(app); },
      .pending =
          [this, config](const DeployRecord& d) {
            notifiers_->notify(pending_notification(d, config(d.app)));
          },
  };
}

UnitPaths Daemon::unit_paths() const {
  UnitPaths p;
  p.state_dir_fd = state_dir_->fd();
  p.work_dir = state_dir_->path();
  p.user = options_.user;
  if (options_.user) {
    p.unit_dir = std::string(g_get_user_config_dir()) + "/systemd/user";
    p.templates_root = std::string(g_get_user_config_dir()) + "/hoist/units";
  }
  return p;
}

RolloutManager::Listener Daemon::rollout_listener() {
  return {
      .started = [this](const RolloutRecord& r) { manager_->emit_rollout_started(r); },
      .app_changed = [this](const RolloutRecord& r,
                            const RolloutAppRecord& a) { manager_->emit_rollout_app_changed(r, a); },
      .finished =
          [this](const RolloutRecord& r) {
            manager_->emit_rollout_finished(r);
            update_status();
            if (restart_pending_) restart_when_idle();
          },
  };
}

bool Daemon::setup_deploys(std::string&) {
  const char* credentials = getenv("CREDENTIALS_DIRECTORY");
  notifiers_ = std::make_unique<Notifiers>(apps_.daemon().notifiers, credentials ? credentials : "");
  notifiers_->hold_while_delivering(&in_flight_);
  deliveries_ = std::make_unique<DeliveryIds>(*state_dir_);
  if (!deliveries_->load_error().empty())
    log::warning("Webhook delivery ids: " + deliveries_->load_error() + "; starting afresh");
  journal_sync_ = std::make_unique<JournalSync>(event_.get());
  steps_ = std::make_unique<StepRunner>(*pid1_, *journal_, *journal_sync_);
  prober_ = std::make_unique<HealthProber>(steps_.get());
  gate_ = std::make_unique<HealthGate>(*pid1_, *prober_);
  unit_paths_ = unit_paths();
  deploys_ = std::make_unique<DeployManager>(std::move(*store_), apps_,
                                             PipelineDeps{*steps_, *pid1_, *gate_, *events_, &unit_paths_},
                                             in_flight_);
  store_.reset();
  rollouts_ = std::make_unique<RolloutManager>(
      std::move(*rollout_store_), apps_, RolloutDeps{*pid1_, *gate_, *events_, *deploys_}, in_flight_);
  rollout_store_.reset();
  units_ = std::make_unique<UnitFiles>(
      *pid1_, *gate_, apps_, unit_paths_,
      [this](const std::string& app, const std::vector<DriftItem>& drift, bool appeared) {
        if (app_objects_) app_objects_->drift_changed(app);
        auto it = apps_.apps().find(app);
        if (appeared && it != apps_.apps().end()) notifiers_->notify(drift_notification(it->second, drift));
      });
  self_update_ = std::make_unique<SelfUpdater>(
      apps_.daemon().self_update, options_.user ? "" : self_update_directory(),
      SelfUpdater::Hooks{
          .notify = [this](const NotifyEvent& e) { notifiers_->notify(e); },
          .properties_changed = [this] { if (manager_) manager_->emit_self_update_changed(); },
          .restart = [this] { restart_when_idle(); },
          .check_restart = [this](auto done) { check_restart(std::move(done)); },
      });
  webhooks_ = std::make_unique<WebhookEndpoint>(*deploys_, apps_, *deliveries_, notifiers_.get(),
                                                credentials ? credentials : "");
  return true;
}

std::vector<std::string> Daemon::reload() {
  notifier_.reloading();
  std::vector<std::string> problems = apps_.load(true);
  for (auto& p : notifiers_->configure(apps_.daemon().notifiers)) problems.push_back(std::move(p));
  units_->monitor().start(apps_.daemon().drift_check_usec);
  self_update_->configure(apps_.daemon().self_update);
  notifier_.ready(summary());
  return problems;
}

bool Daemon::setup_http(std::string& error) {
  http_ = std::make_unique<HttpServer>(
      *pid1_, in_flight_,
      [this] {
        return HealthInfo{
            static_cast<uint64_t>((g_get_monotonic_time() - started_usec_) / G_USEC_PER_SEC),
            apps_.units_managed()};
      },
      deploys_.get(), rollouts_.get());
  http_->serve_webhooks(webhooks_.get());
  for (const auto& fd : take_http_listen_fds()) {
    if (!http_->listen_fd(fd.fd, error)) {
      error = "Failed to serve HTTP on the passed socket \"" + fd.name + "\": " + error;
      return false;
    }
  }
  for (const auto& address : options_.listen) {
    if (!http_->listen_address(address, error)) {
      error = "Failed to listen on " + address + ": " + error;
      return false;
    }
  }
  if (http_->listeners() == 0)
    log::notice("No HTTP socket was passed and no --listen given: serving D-Bus only");
  return true;
}

bool Daemon::setup(std::string& error) {
  loop_.reset(g_main_loop_new(nullptr, FALSE));
  sd_event* e = nullptr;
  int r = sd_event_new(&e);
  if (r < 0) {
    error = std::string("Failed to create the event loop: ") + strerror(-r);
    return false;
  }
  event_.reset(e);
  event_source_.reset(sd_event_gsource_new(e));
  g_source_attach(event_source_.get(), nullptr);

  signal_sources_.push_back(g_unix_signal_add(SIGTERM, on_terminate, this));
  signal_sources_.push_back(g_unix_signal_add(SIGINT, on_terminate, this));
  signal_sources_.push_back(g_unix_signal_add(SIGHUP, on_hangup, this));
  in_flight_.on_idle([this] {
    if (stopping_) quit(exit_status_);
    else update_status();
  });
  apps_.load(false);
  return setup_state(error) && setup_bus(error) && setup_http(error);
}

int Daemon::run() {
  std::string error;
  if (!setup(error)) {
    log::error(error);
    return EXIT_FAILURE;
  }
  g_main_loop_run(loop_.get());
  return exit_status_;
}

std::string Daemon::summary() const {
  size_t n = in_flight_.count();
  std::string s = "Serving HTTP on " + std::to_string(http_ ? http_->listeners() : 0) +
                  " socket(s) and D-Bus as " + dbus::kBusName;
  s += "; " + std::to_string(apps_.apps().size()) + " app(s)";
  if (size_t d = deploys_ ? deploys_->running() : 0) s += ", " + std::to_string(d) + " deploying";
  if (rollouts_ && rollouts_->running()) s += ", rolling out";
  if (n) s += "; " + std::to_string(n) + " request(s) in flight";
  return s;
}

void Daemon::update_status() {
  if (!stopping_) notifier_.status(summary());
}

int Daemon::on_name_acquired(sd_bus_message* m, void* data, sd_bus_error*) {
  auto* self = static_cast<Daemon*>(data);
  if (sd_bus_message_is_method_error(m, nullptr)) {
    const sd_bus_error* e = sd_bus_message_get_error(m);
    log::error(std::string("Failed to own ") + dbus::kBusName + ": " +
               (e && e->message ? e->message : "unknown error"));
    self->quit(EXIT_FAILURE);
    return 0;
  }
  std::string s = self->summary();
  log::info(str_cat({"hoistd ", daemon_version(), " ready: ", s}), {{"HOIST_EVENT", "ready"}});
  self->notifier_.ready(s);
  if (self->self_update_) self->self_update_->ready();
  return 0;
}

int Daemon::on_disconnected(sd_bus_message*, void* data, sd_bus_error*) {
  auto* self = static_cast<Daemon*>(data);
  log::error("Lost the connection to the bus; exiting so that systemd restarts hoistd");
  self->quit(EXIT_FAILURE);
  return 0;
}

gboolean Daemon::on_terminate(gpointer data) {
  static_cast<Daemon*>(data)->begin_shutdown("signal");
  return G_SOURCE_CONTINUE;
}

gboolean Daemon::on_hangup(gpointer data) {
  static_cast<Daemon*>(data)->reload();
  return G_SOURCE_CONTINUE;
}

gboolean Daemon::on_shutdown_timeout(gpointer data) {
  auto* self = static_cast<Daemon*>(data);
  self->shutdown_timer_ = 0;
  log::warning("Exiting with " + std::to_string(self->in_flight_.count()) +
               " request(s) still in flight after " + std::to_string(kShutdownGraceSec) + " s");
  self->quit(self->exit_status_);
  return G_SOURCE_REMOVE;
}

void Daemon::begin_shutdown(const char* why) {
  if (stopping_) {
    log::notice("Second termination request: exiting now");
    return quit(exit_status_);
  }
  stopping_ = true;
  if (self_update_) self_update_->stopping();
  size_t n = in_flight_.count();
  std::string status = "Stopping, " + std::to_string(n) + " request(s) in flight";
  log::info(std::string("Stopping on ") + why + ": " + std::to_string(n) +
            " request(s) in flight", {{"HOIST_EVENT", "stopping"}});
  notifier_.stopping(status);
  // New connections wait in systemd's socket and new calls activate the next
  // hoistd; what was already accepted is answered.
  if (http_) http_->stop_listening();
  if (bus_) sd_bus_release_name_async(bus_.get(), nullptr, dbus::kBusName, nullptr, nullptr);
  if (journal_) journal_->release_waiters();
  if (in_flight_.count() == 0) return quit(exit_status_);
  shutdown_timer_ = g_timeout_add_seconds(kShutdownGraceSec, on_shutdown_timeout, this);
}

void Daemon::check_restart(std::function<void(const std::string& problem)> done) {
  char* raw = nullptr;
  if (sd_pid_get_unit(0, &raw) < 0 || !raw)
    return done("hoistd does not run as a systemd service: nothing would start it again after it exits for the update");
  const std::string unit = raw;
  free(raw);
  pid1_->get_all(unit, "org.freedesktop.systemd1.Service", [done, unit](sd_bus_message* reply, const sd_bus_error* e) {
    std::string restart;
    if (!e && reply)
      read_dict(reply, [&restart](std::string_view key, sd_bus_message* m) -> int {
        if (key != "Restart") return 0;
        const char* value = nullptr;
        const int r = sd_bus_message_read(m, "v", "s", &value);
        if (r > 0) restart = value;
        return r;
      });
    if (restart.empty())
      return done(str_cat({"cannot read Restart= of ", unit, ": ", e && e->message ? e->message : "no such property"}));
    if (restart != "always")
      return done(str_cat({unit, " has Restart=", restart,
                           ": hoistd would not be started again after it exits for the update; set "
                           "Restart=always as the shipped unit does (after upgrading hoist: systemctl "
                           "daemon-reload; or systemctl edit ", unit, ")"}));
    done("");
  });
}

void Daemon::restart_when_idle() {
  restart_pending_ = true;
  if (stopping_) return;
  const size_t deploying = deploys_->running();
  if (deploying || rollouts_->running()) {
    log::info(str_cat({"Self-update: restarting once ", std::to_string(deploying), " deploy(s)",
                       rollouts_->running() ? " and a rollout" : "", " finish"}));
    return;
  }
  begin_shutdown("self-update");
}

void Daemon::quit(int status) {
  exit_status_ = status;
  if (bus_) sd_bus_flush(bus_.get());
  if (loop_) g_main_loop_quit(loop_.get());
}

}  // namespace hoist
