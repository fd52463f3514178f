// hoistctl's side of org.hoist.Hoist1.Manager: one synchronous method per
// D-Bus method, failures thrown as CallError.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/sd_ptr.hh"
#include "ctl/app_info.hh"
#include "ctl/deploy_info.hh"
#include "ctl/rollout_info.hh"
#include "ctl/selfupdate_info.hh"
#include "ctl/unit_files_info.hh"
#include "systemd/log_entry.hh"
#include "systemd/unit_status.hh"

namespace hoist::ctl {

// A call to hoistd that failed: the D-Bus error name ("" for failures on
// this side) and the message, which names what was wrong.
class CallError : public std::runtime_error {
 public:
  CallError(std::string name, const std::string& message)
      : std::runtime_error(message), name_(std::move(name)) {}
  static CallError from_bus_error(const sd_bus_error* e, int r);
  // The bus itself could not be opened.
  static CallError bus_unavailable(int r);

  const std::string& name() const noexcept { return name_; }
  // True when hoistd is out of reach: no bus, or the bus could neither find
  // nor activate org.hoist.Hoist1.
  bool daemon_unreachable() const;

 private:
  std::string name_;
  bool bus_unavailable_ = false;
};

class Client {
 public:
  // Opens the system bus (the user bus if user). interactive lets polkit ask
  // the user to authenticate (allow_interactive_authorization on every call).
  static Client connect(bool user, bool interactive);

  std::string version();
  UnitStatus unit_status(const std::string& unit);
  std::vector<UnitStatus> list_units(const std::vector<std::string>& patterns);
  // StartUnit, StopUnit, ...: waits as long as PID 1's job takes; returns
  // its result ("done" or "skipped"). A failed job is CallError JobFailed.
  std::string run_unit_job(const char* method, const std::string& unit);
  std::vector<LogEntry> get_logs(const std::string& unit, uint32_t lines,
                                 const std::string& after_cursor);
  void daemon_reload();

  // Apps and deploys (bus_client_apps.cc). Calls that change something wait
  // as long as polkit may take to ask for a password; deploys and rollbacks
  // return their id at once.
  std::vector<std::string> reload_config();  // Reload: the problems found
  std::vector<AppInfo> list_apps();
  // The properties of the app's object; an app hoistd does not know is
  // CallError NoSuchApp.
  AppInfo app(const std::string& name);
  std::vector<ReleaseInfo> list_releases(const std::string& app);
  std::vector<DeployInfo> history(const std::string& app, uint32_t limit);
  DeployInfo get_deploy(const std::string& id);
  std::string deploy(const DeployRequest& request);
  std::vector<PlanStep> plan_deploy(const DeployRequest& request);
  std::string rollback(const std::string& app, const std::string& release);
  // Queues the app's deploy that waits for confirmation and returns its id;
  // none waiting is CallError NoSuchDeploy with a message naming the app.
  std::string confirm(const std::string& app);
  std::vector<PendingInfo> list_pending();

  // Rollouts (bus_client_rollouts.cc). Rollout returns the id at once;
  // an id hoistd does not know (or, to cancel, that is not running) is
  // CallError NoSuchRollout.
  std::string rollout(const RolloutRequest& request);
  RolloutPlan plan_rollout(const RolloutRequest& request);
  RolloutInfo get_rollout(const std::string& id);
  void cancel_rollout(const std::string& id);

  // Unit files rendered from templates (bus_client_unit_files.cc). An app
  // without templates, or whose templates do not render, is CallError
  // Failed; ApplyUnits' own failures are a result with ok false.
  ApplyResult apply_units(const std::string& app, bool dry_run);
  std::vector<UnitFileDiff> diff_units(const std::string& app);
  // Checks the app's drift now; empty for an app without templates.
  std::vector<DriftInfo> get_drift(const std::string& app);
  // The App object's Drifted (the drift last checked); false for an
  // object or property hoistd does not serve.
  bool app_drifted(const std::string& object_path);

  // Self-update (bus_client_selfupdate.cc). Both wait as long as polkit
  // and hoistd's talk with the forge may take (kSelfUpdateTimeout);
  // self-update off in hoist.conf is CallError NotEnabled, a check or
  // install that failed CallError Failed.
  SelfUpdateStatus check_for_update();
  // Installs the newest release if it is newer (status.installing, "" if
  // none); answered_by: the unique bus name of the hoistd that answered.
  SelfUpdateStatus self_update(std::string& answered_by);

  // For calls made asynchronously (WaitForLogs while following).
  BusMessagePtr new_method_call(const char* method);
  sd_bus* bus() const noexcept { return bus_.get(); }

 private:
  Client(BusPtr bus, bool interactive) : bus_(std::move(bus)), interactive_(interactive) {}
  BusMessagePtr new_call(const char* path, const char* interface, const char* method);
  BusMessagePtr call(sd_bus_message* m, uint64_t timeout_usec = 0);

  BusPtr bus_;
  bool interactive_;
};

// sd_bus_call's timeout for "wait as long as it takes".
inline constexpr uint64_t kInfiniteTimeout = UINT64_MAX;
// CheckForUpdate and SelfUpdate: a password prompt, the forge's answer and
// the download of a release.
inline constexpr uint64_t kSelfUpdateTimeout = 10ull * 60 * 1000 * 1000;

// A negative errno from building a message, or from reading a reply, as a
// CallError saying which; r >= 0 passes.
void check_message(int r);
void check_reply(int r);

// The "s" of a reply.
std::string read_string(sd_bus_message* reply);

// What parsing hoistd's JSON reply gave; a reply that did not parse (error
// says why) is hoistd's fault, thrown as a CallError saying so.
[[noreturn]] void throw_unparsable_reply(const std::string& error);
template <class T>
T parsed_or_throw(std::optional<T> parsed, const std::string& error) {
  if (!parsed) throw_unparsable_reply(error);
  return std::move(*parsed);
}

// The a(tuusss) array of a GetLogs or WaitForLogs reply.
std::vector<LogEntry> read_log_entries(sd_bus_message* reply);

}  // namespace hoist::ctl
