#include "api/dbus_manager.hh"

#include <glib.h>

#include <cerrno>
#include <cstring>

#include "common/errors.hh"
#include "common/log.hh"
#include "common/unit_name.hh"
#include "common/daemon_version.hh"

namespace hoist {
namespace {

constexpr const char* kManageUnits = "org.hoist.Hoist1.manage-units";
constexpr const char* kReadLogs = "org.hoist.Hoist1.read-logs";

// A name as it may appear in a message: control characters escaped.
std::string printable(const char* s) {
  char* e = g_strescape(s, nullptr);
  std::string out = e;
  g_free(e);
  return out;
}

int invalid_unit(sd_bus_error* error, const char* unit, const std::string& problem) {
  return sd_bus_error_setf(error, errors::kInvalidArgument, "Invalid unit name \"%s\": %s.",
                           printable(unit).c_str(), problem.c_str());
}

// Replies to call with PID 1's error, under hoist's error names.
void reply_pid1_error(const MessageRef& call, const sd_bus_error* e, const std::string& what) {
  const char* msg = e && e->message ? e->message : (e && e->name ? e->name : "unknown error");
  if (sd_bus_error_has_name(e, kSystemdNoSuchUnit))
    sd_bus_reply_method_errorf(call.get(), errors::kNoSuchUnit, "%s", msg);
  else if (sd_bus_error_has_name(e, "org.freedesktop.systemd1.JobTypeNotApplicable"))
    sd_bus_reply_method_errorf(call.get(), errors::kJobNotApplicable, "%s", msg);
  else
    sd_bus_reply_method_errorf(call.get(), errors::kFailed, "Failed to %s: %s", what.c_str(), msg);
}

int append_entries(sd_bus_message* reply, const std::vector<LogEntry>& entries) {
  int r = sd_bus_message_open_container(reply, 'a', kLogEntrySignature);
  for (size_t i = 0; r >= 0 && i < entries.size(); i++) r = append_log_entry(reply, entries[i]);
  if (r >= 0) r = sd_bus_message_close_container(reply);
  return r;
}

void reply_entries(const MessageRef& call, const std::vector<LogEntry>& entries, int error) {
  if (error == -EINVAL) {
    sd_bus_reply_method_errorf(call.get(), errors::kInvalidArgument, "Invalid journal cursor.");
    return;
  }
  if (error < 0) {
    sd_bus_reply_method_errorf(call.get(), errors::kFailed, "Failed to read the journal: %s",
                               strerror(-error));
    return;
  }
  sd_bus_message* raw = nullptr;
  int r = sd_bus_message_new_method_return(call.get(), &raw);
  BusMessagePtr reply(raw);
  if (r >= 0) r = append_entries(reply.get(), entries);
  if (r >= 0) r = sd_bus_send(nullptr, reply.get(), nullptr);
  if (r < 0) log::warning(std::string("Failed to send log entries: ") + strerror(-r));
}

}  // namespace

const sd_bus_vtable ManagerObject::kVtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("Version", "s", property_version, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("UpdateAvailable", "b", property_update_available, 0,
                    SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("LatestVersion", "s", property_latest_version, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_METHOD_WITH_ARGS("StartUnit", SD_BUS_ARGS("s", unit), SD_BUS_RESULT("s", result),
                            method_job<JobKind::Start>, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("StopUnit", SD_BUS_ARGS("s", unit), SD_BUS_RESULT("s", result),
                            method_job<JobKind::Stop>, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("RestartUnit", SD_BUS_ARGS("s", unit), SD_BUS_RESULT("s", result),
                            method_job<JobKind::Restart>, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("ReloadUnit", SD_BUS_ARGS("s", unit), SD_BUS_RESULT("s", result),
                            method_job<JobKind::Reload>, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("ReloadOrRestartUnit", SD_BUS_ARGS("s", unit),
                            SD_BUS_RESULT("s", result), method_job<JobKind::ReloadOrRestart>,
                            SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("TryRestartUnit", SD_BUS_ARGS("s", unit), SD_BUS_RESULT("s", result),
                            method_job<JobKind::TryRestart>, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("GetUnitStatus", SD_BUS_ARGS("s", unit),
                            SD_BUS_RESULT("a{sv}", status), method_get_unit_status,
                            SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("ListUnits", SD_BUS_ARGS("as", patterns),
                            SD_BUS_RESULT("aa{sv}", units), method_list_units,
                            SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("GetLogs", SD_BUS_ARGS("s", unit, "u", lines, "s", after_cursor),
                            SD_BUS_RESULT("a(tuusss)", entries), method_get_logs,
                            SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("WaitForLogs",
                            SD_BUS_ARGS("s", unit, "s", after_cursor, "u", timeout_msec),
                            SD_BUS_RESULT("a(tuusss)", entries), method_wait_for_logs,
                            SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("DaemonReload", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT,
                            method_daemon_reload, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("Reload", SD_BUS_NO_ARGS, SD_BUS_RESULT("as", problems),
                            method_reload, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("ListApps", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(ssssso)", apps),
                            method_list_apps, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("Deploy", SD_BUS_ARGS("s", app, "s", revision, "a{sv}", options),
                            SD_BUS_RESULT("s", deploy_id), method_deploy,
                            SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("PlanDeploy", SD_BUS_ARGS("s", app, "s", revision, "a{sv}", options),
                            SD_BUS_RESULT("a(ss)", plan), method_plan_deploy,
                            SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("GetDeploy", SD_BUS_ARGS("s", deploy_id), SD_BUS_RESULT("s", record),
                            method_get_deploy, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("History", SD_BUS_ARGS("s", app, "u", limit),
                            SD_BUS_RESULT("s", records), method_history,
                            SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("ListReleases", SD_BUS_ARGS("s", app), SD_BUS_RESULT("a(sb)", releases),
                            method_list_releases, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("Rollback", SD_BUS_ARGS("s", app, "s", release),
                            SD_BUS_RESULT("s", deploy_id), method_rollback,
                            SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("Confirm", SD_BUS_ARGS("s", app), SD_BUS_RESULT("s", deploy_id),
                            method_confirm, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("ListPending", SD_BUS_NO_ARGS, SD_BUS_RESULT("a(ssst)", pending),
                            method_list_pending, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("Rollout", SD_BUS_ARGS("as", apps, "a{sv}", options),
                            SD_BUS_RESULT("s", rollout_id), method_rollout, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("PlanRollout", SD_BUS_ARGS("as", apps, "a{sv}", options),
                            SD_BUS_RESULT("s", plan), method_plan_rollout, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("GetRollout", SD_BUS_ARGS("s", rollout_id), SD_BUS_RESULT("s", record),
                            method_get_rollout, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("CancelRollout", SD_BUS_ARGS("s", rollout_id), SD_BUS_NO_RESULT,
                            method_cancel_rollout, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("ApplyUnits", SD_BUS_ARGS("s", app, "a{sv}", options),
                            SD_BUS_RESULT("s", result), method_apply_units, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("DiffUnits", SD_BUS_ARGS("s", app), SD_BUS_RESULT("a(sssss)", files),
                            method_diff_units, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("GetDrift", SD_BUS_ARGS("s", app), SD_BUS_RESULT("a(ssss)", drift),
                            method_get_drift, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("CheckForUpdate", SD_BUS_NO_ARGS, SD_BUS_RESULT("s", status),
                            method_check_for_update, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_METHOD_WITH_ARGS("SelfUpdate", SD_BUS_NO_ARGS, SD_BUS_RESULT("s", status), method_self_update,
                            SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_SIGNAL_WITH_ARGS("DeployStarted", SD_BUS_ARGS("s", deploy_id, "s", app, "s", revision), 0),
    SD_BUS_SIGNAL_WITH_ARGS("StepFinished",
                            SD_BUS_ARGS("s", deploy_id, "s", app, "s", step, "s", result), 0),
    SD_BUS_SIGNAL_WITH_ARGS("DeployFinished", SD_BUS_ARGS("s", deploy_id, "s", app, "s", state), 0),
    SD_BUS_SIGNAL_WITH_ARGS("RolloutStarted", SD_BUS_ARGS("s", rollout_id, "as", apps), 0),
    SD_BUS_SIGNAL_WITH_ARGS("RolloutAppChanged",
                            SD_BUS_ARGS("s", rollout_id, "s", app, "s", state, "s", step), 0),
    SD_BUS_SIGNAL_WITH_ARGS("RolloutFinished", SD_BUS_ARGS("s", rollout_id, "s", state, "s", error), 0),
    SD_BUS_VTABLE_END};

ManagerObject::ManagerObject(sd_bus* bus, Pid1& pid1, JournalReader& journal, Authorizer& auth,
                             InFlight& in_flight, DeployApi deploy_api)
    : bus_(bus),
      pid1_(pid1),
      journal_(journal),
      auth_(auth),
      in_flight_(in_flight),
      deploy_api_(std::move(deploy_api)) {}

int ManagerObject::publish() {
  sd_bus_slot* slot = nullptr;
  int r = sd_bus_add_object_vtable(bus_, &slot, dbus::kObjectPath, dbus::kManagerInterface,
                                   kVtable, this);
  if (r < 0) return r;
  slot_.reset(slot);
  return 0;
}

int ManagerObject::property_version(sd_bus*, const char*, const char*, const char*,
                                    sd_bus_message* reply, void*, sd_bus_error*) {
  return sd_bus_message_append(reply, "s", daemon_version());
}

void ManagerObject::authorized(sd_bus_message* m, const char* action,
                               std::vector<gid_t> trusted_groups, std::function<void()> fn) {
  MessageRef call(m);
  std::string member = sd_bus_message_get_member(m);
  auth_.check(m, action, std::move(trusted_groups), [call, fn, member](const Verdict& v) {
    if (v.allowed) return fn();
    const char* sender = sd_bus_message_get_sender(call.get());
    log::notice("Refused " + member + " to " + (sender ? sender : "?") + ": " + v.message,
                {{"HOIST_METHOD", member}});
    sd_bus_reply_method_errorf(call.get(), errors::kNotAuthorized, "%s", v.message.c_str());
  });
}

template <JobKind K>
int ManagerObject::method_job(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  return static_cast<ManagerObject*>(userdata)->start_job(m, K, error);
}

int ManagerObject::start_job(sd_bus_message* m, JobKind kind, sd_bus_error* error) {
  const char* unit = nullptr;
  int r = sd_bus_message_read(m, "s", &unit);
  if (r < 0) return r;
  if (auto problem = unit_name_problem(unit); !problem.empty())
    return invalid_unit(error, unit, problem);
  std::string name = unit;
  MessageRef call(m);
  auto token = in_flight_.acquire();
  authorized(m, kManageUnits, {}, [this, call, name, kind, token] {
    pid1_.run_job(kind, name, [call, name, kind, token](const std::string& result,
                                                      const sd_bus_error* e) {
      std::string verb = job_verb(kind);
      if (e) return reply_pid1_error(call, e, verb + " " + name);
      bool ok = result == "done" || result == "skipped";
      log::write(ok ? LOG_INFO : LOG_WARNING,
                 "Job " + verb + " of " + name + " finished with result '" + result + "'",
                 {{"HOIST_UNIT", name}, {"HOIST_JOB_TYPE", verb}, {"HOIST_JOB_RESULT", result}});
      if (ok)
        sd_bus_reply_method_return(call.get(), "s", result.c_str());
      else
        sd_bus_reply_method_errorf(call.get(), errors::kJobFailed,
                                   "Job to %s %s failed with result '%s'.", verb.c_str(),
                                   name.c_str(), result.c_str());
    });
  });
  return 1;
}

int ManagerObject::method_get_unit_status(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char* unit = nullptr;
  int r = sd_bus_message_read(m, "s", &unit);
  if (r < 0) return r;
  if (auto problem = unit_name_problem(unit, true); !problem.empty())
    return invalid_unit(error, unit, problem);
  MessageRef call(m);
  std::string name = unit;
  self->pid1_.unit_status(name, [call, name](const UnitStatus* s, const sd_bus_error* e) {
    if (e) return reply_pid1_error(call, e, "get the status of " + name);
    sd_bus_message* raw = nullptr;
    int q = sd_bus_message_new_method_return(call.get(), &raw);
    BusMessagePtr reply(raw);
    if (q >= 0) q = append_unit_status(reply.get(), *s);
    if (q >= 0) q = sd_bus_send(nullptr, reply.get(), nullptr);
    if (q < 0) log::warning(std::string("Failed to send unit status: ") + strerror(-q));
  });
  return 1;
}

int ManagerObject::method_list_units(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  char** raw_patterns = nullptr;
  int r = sd_bus_message_read_strv(m, &raw_patterns);
  if (r < 0) return r;
  std::vector<std::string> patterns;
  for (char** p = raw_patterns; p && *p; p++) patterns.emplace_back(*p);
  g_strfreev(raw_patterns);
  for (const auto& p : patterns)
    if (auto problem = unit_pattern_problem(p); !problem.empty())
      return sd_bus_error_setf(error, errors::kInvalidArgument, "Invalid unit pattern \"%s\": %s.",
                               printable(p.c_str()).c_str(), problem.c_str());
  MessageRef call(m);
  self->pid1_.list_units(patterns, [call](std::vector<UnitStatus> units, const sd_bus_error* e) {
    if (e) return reply_pid1_error(call, e, "list units");
    sd_bus_message* raw = nullptr;
    int q = sd_bus_message_new_method_return(call.get(), &raw);
    BusMessagePtr reply(raw);
    if (q >= 0) q = sd_bus_message_open_container(reply.get(), 'a', "a{sv}");
    for (size_t i = 0; q >= 0 && i < units.size(); i++) q = append_unit_status(reply.get(), units[i]);
    if (q >= 0) q = sd_bus_message_close_container(reply.get());
    if (q >= 0) q = sd_bus_send(nullptr, reply.get(), nullptr);
    if (q < 0) log::warning(std::string("Failed to send unit list: ") + strerror(-q));
  });
  return 1;
}

void ManagerObject::with_log_access(sd_bus_message* m, std::function<void()> fn) {
  authorized(m, kReadLogs, group_ids({"adm", "systemd-journal"}), std::move(fn));
}

int ManagerObject::method_get_logs(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char *unit = nullptr, *cursor = nullptr;
  uint32_t lines = 0;
  int r = sd_bus_message_read(m, "sus", &unit, &lines, &cursor);
  if (r < 0) return r;
  if (auto problem = unit_name_problem(unit); !problem.empty())
    return invalid_unit(error, unit, problem);
  MessageRef call(m);
  self->with_log_access(m, [self, call, name = std::string(unit), lines, after = std::string(cursor)] {
    std::vector<LogEntry> entries;
    reply_entries(call, entries, self->journal_.read(name, lines, after, entries));
  });
  return 1;
}

int ManagerObject::method_wait_for_logs(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char *unit = nullptr, *cursor = nullptr;
  uint32_t timeout_msec = 0;
  int r = sd_bus_message_read(m, "ssu", &unit, &cursor, &timeout_msec);
  if (r < 0) return r;
  if (auto problem = unit_name_problem(unit); !problem.empty())
    return invalid_unit(error, unit, problem);
  MessageRef call(m);
  self->with_log_access(m, [self, call, name = std::string(unit), after = std::string(cursor),
                            timeout_msec] {
    self->journal_.wait(name, after, timeout_msec, [call](std::vector<LogEntry> entries, int q) {
      reply_entries(call, entries, q);
    });
  });
  return 1;
}

int ManagerObject::method_daemon_reload(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto* self = static_cast<ManagerObject*>(userdata);
  MessageRef call(m);
  auto token = self->in_flight_.acquire();
  self->authorized(m, kManageUnits, {}, [self, call, token] {
    self->pid1_.daemon_reload([call, token](const sd_bus_error* e) {
      if (e) return reply_pid1_error(call, e, "reload PID 1");
      log::info("PID 1 reloaded its unit files", {{"HOIST_JOB_TYPE", "daemon-reload"}});
      sd_bus_reply_method_return(call.get(), "");
    });
  });
  return 1;
}

}  // namespace hoist
