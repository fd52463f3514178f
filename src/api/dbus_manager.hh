// org.hoist.Hoist1.Manager at /org/hoist/Hoist1: the vtable and its handlers
// (documented in dbus/org.hoist.Hoist1.Manager.xml). The unit and log
// methods are in dbus_manager.cc, the app and deploy ones in
// dbus_manager_deploys.cc, the rollout ones in dbus_manager_rollouts.cc, the
// unit file ones in dbus_manager_units.cc, self-update in
// dbus_manager_selfupdate.cc.
#pragma once

#include <systemd/sd-bus.h>

#include <functional>
#include <string>
#include <vector>

#include "common/sd_ptr.hh"
#include "core/deploy_manager.hh"
#include "core/in_flight.hh"
#include "core/rollout_manager.hh"
#include "core/unit_files.hh"
#include "selfupdate/self_updater.hh"
#include "systemd/journal_reader.hh"
#include "systemd/pid1.hh"
#include "systemd/polkit.hh"

namespace hoist {

// The polkit action of the methods that deploy, roll back, reload or roll out.
inline constexpr const char* kDeployAction = "org.hoist.Hoist1.deploy";
// The polkit action of CheckForUpdate and SelfUpdate.
inline constexpr const char* kSelfUpdateAction = "org.hoist.Hoist1.self-update";

// What the deploy methods use: the deploys and rollouts, and how to reload
// the configuration.
struct DeployApi {
  DeployManager& deploys;
  RolloutManager& rollouts;
  UnitFiles& units;
  SelfUpdater& self_update;
  std::function<std::vector<std::string>()> reload;  // returns the problems found
};

class ManagerObject {
 public:
  ManagerObject(sd_bus* bus, Pid1& pid1, JournalReader& journal, Authorizer& auth,
                InFlight& in_flight, DeployApi deploy_api);
  ManagerObject(const ManagerObject&) = delete;
  ManagerObject& operator=(const ManagerObject&) = delete;

  // Registers the object on the bus. Returns a negative errno on failure.
  int publish();

  // The signals DeployStarted, StepFinished and DeployFinished.
  void emit_deploy_started(const DeployRecord& record);
  void emit_step_finished(const DeployRecord& record, const StepResult& step);
  void emit_deploy_finished(const DeployRecord& record);
  // RolloutStarted, RolloutAppChanged and RolloutFinished (dbus_manager_rollouts.cc).
  void emit_rollout_started(const RolloutRecord& record);
  void emit_rollout_app_changed(const RolloutRecord& record, const RolloutAppRecord& app);
  void emit_rollout_finished(const RolloutRecord& record);
  // PropertiesChanged of UpdateAvailable and LatestVersion (dbus_manager_selfupdate.cc).
  void emit_self_update_changed();

 private:
  template <JobKind K>
  static int method_job(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_get_unit_status(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_list_units(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_get_logs(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_wait_for_logs(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_daemon_reload(sd_bus_message* m, void* userdata, sd_bus_error* error);
  // dbus_manager_deploys.cc
  static int method_reload(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_list_apps(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_deploy(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_plan_deploy(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_get_deploy(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_history(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_list_releases(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_rollback(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_confirm(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_list_pending(sd_bus_message* m, void* userdata, sd_bus_error* error);
  // dbus_manager_rollouts.cc
  static int method_rollout(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_plan_rollout(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_get_rollout(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_cancel_rollout(sd_bus_message* m, void* userdata, sd_bus_error* error);
  // dbus_manager_units.cc
  static int method_apply_units(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_diff_units(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_get_drift(sd_bus_message* m, void* userdata, sd_bus_error* error);
  // dbus_manager_selfupdate.cc
  static int method_check_for_update(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int method_self_update(sd_bus_message* m, void* userdata, sd_bus_error* error);
  static int property_update_available(sd_bus* bus, const char* path, const char* interface,
                                       const char* property, sd_bus_message* reply, void* userdata,
                                       sd_bus_error* error);
  static int property_latest_version(sd_bus* bus, const char* path, const char* interface,
                                     const char* property, sd_bus_message* reply, void* userdata,
                                     sd_bus_error* error);
  int self_update_call(sd_bus_message* m, bool apply);
  static int property_version(sd_bus* bus, const char* path, const char* interface,
                              const char* property, sd_bus_message* reply, void* userdata,
                              sd_bus_error* error);

  int start_job(sd_bus_message* m, JobKind kind, sd_bus_error* error);
  // Deploy, Rollback, Confirm: app must be configured; once polkit allows
  // org.hoist.Hoist1.deploy, fn makes the deploy, whose id is the reply.
  int authorized_deploy(sd_bus_message* m, const char* app, sd_bus_error* error,
                        std::function<std::optional<DeployRecord>(const std::string&, ApiError&)> fn);
  // Runs fn once the caller is authorized for action; replies NotAuthorized otherwise.
  void authorized(sd_bus_message* m, const char* action, std::vector<gid_t> trusted_groups,
                  std::function<void()> fn);
  // authorized() for reading logs: root, the journal's reader groups, or polkit.
  void with_log_access(sd_bus_message* m, std::function<void()> fn);

  static const sd_bus_vtable kVtable[];
  sd_bus* bus_;
  Pid1& pid1_;
  JournalReader& journal_;
  Authorizer& auth_;
  InFlight& in_flight_;
  DeployApi deploy_api_;
  BusSlotPtr slot_;
};

}  // namespace hoist
