#include "systemd/step_runner.hh"

#include <glib.h>
#include <signal.h>

#include <cerrno>
#include <cstring>

#include "common/log.hh"
#include "systemd/unit_properties.hh"

namespace hoist {
namespace {

constexpr int kCldExited = 1;  // CLD_EXITED, as ExecMainCode reports it

// One (sv) property of a basic type.
template <class T>
int prop(sd_bus_message* m, const char* name, const char* type, T value) {
  return sd_bus_message_append(m, "(sv)", name, type, value);
}

int prop_strv(sd_bus_message* m, const char* name, const std::vector<std::string>& v) {
  std::vector<const char*> c;
  for (const auto& s : v) c.push_back(s.c_str());
  c.push_back(nullptr);
  int r = sd_bus_message_open_container(m, 'r', "sv");
  if (r >= 0) r = sd_bus_message_append(m, "s", name);
  if (r >= 0) r = sd_bus_message_open_container(m, 'v', "as");
  if (r >= 0) r = sd_bus_message_append_strv(m, const_cast<char**>(c.data()));
  if (r >= 0) r = sd_bus_message_close_container(m);
  if (r >= 0) r = sd_bus_message_close_container(m);
  return r;
}

int prop_exec_start(sd_bus_message* m, const std::string& path,
                    const std::vector<std::string>& argv) {
  std::vector<const char*> c;
  for (const auto& s : argv) c.push_back(s.c_str());
  c.push_back(nullptr);
  int r = sd_bus_message_open_container(m, 'r', "sv");
  if (r >= 0) r = sd_bus_message_append(m, "s", "ExecStart");
  if (r >= 0) r = sd_bus_message_open_container(m, 'v', "a(sasb)");
  if (r >= 0) r = sd_bus_message_open_container(m, 'a', "(sasb)");
  if (r >= 0) r = sd_bus_message_open_container(m, 'r', "sasb");
  if (r >= 0) r = sd_bus_message_append(m, "s", path.c_str());
  if (r >= 0) r = sd_bus_message_append_strv(m, const_cast<char**>(c.data()));
  if (r >= 0) r = sd_bus_message_append(m, "b", 0);
  for (int i = 0; r >= 0 && i < 4; i++) r = sd_bus_message_close_container(m);
  return r;
}

int prop_environment_files(sd_bus_message* m,
                           const std::vector<std::pair<std::string, bool>>& files) {
  int r = sd_bus_message_open_container(m, 'r', "sv");
  if (r >= 0) r = sd_bus_message_append(m, "s", "EnvironmentFiles");
  if (r >= 0) r = sd_bus_message_open_container(m, 'v', "a(sb)");
  if (r >= 0) r = sd_bus_message_open_container(m, 'a', "(sb)");
  for (size_t i = 0; r >= 0 && i < files.size(); i++)
    r = sd_bus_message_append(m, "(sb)", files[i].first.c_str(), static_cast<int>(files[i].second));
  for (int i = 0; r >= 0 && i < 3; i++) r = sd_bus_message_close_container(m);
  return r;
}

// Sandboxing every step gets: it builds and migrates an app, nothing more.
int append_sandboxing(sd_bus_message* m) {
  int r = 0;
  for (const char* name : {"NoNewPrivileges", "PrivateTmp", "PrivateDevices",
                           "ProtectKernelTunables", "ProtectKernelModules", "ProtectKernelLogs",
                           "ProtectControlGroups", "RestrictSUIDSGID", "RestrictRealtime",
                           "LockPersonality"})
    if (r >= 0) r = prop(m, name, "b", 1);
  if (r >= 0) r = prop(m, "ProtectSystem", "s", "full");
  if (r >= 0) r = prop(m, "KillMode", "s", "control-group");
  return r;
}

}  // namespace

std::string resolve_executable(const std::string& argv0, const std::string& working_directory) {
  if (argv0.empty()) return {};
  if (argv0[0] == '/') return argv0;
  if (argv0.find('/') != std::string::npos) {
    char* joined = g_canonicalize_filename(
        argv0.c_str(), working_directory.empty() ? "/" : working_directory.c_str());
    std::string out = joined;
    g_free(joined);
    return out;
  }
  char* found = g_find_program_in_path(argv0.c_str());
  std::string out = found ? found : "";
  g_free(found);
  return out;
}

std::string StepOutcome::describe() const {
  if (!error.empty()) return "could not start: " + error;
  if (result == "success") return "succeeded";
  if (result == "timeout") return "timed out";
  if (exit_code == kCldExited) return "exit status " + std::to_string(exit_status);
  if (exit_code > kCldExited) {
    const char* sig = sigabbrev_np(exit_status);
    return std::string("killed by signal ") + (sig ? sig : std::to_string(exit_status).c_str());
  }
  return result.empty() ? "failed (job " + job_result + ")" : "failed (" + result + ")";
}

int append_transient_step(sd_bus_message* m, const StepSpec& spec, const std::string& exec_path) {
  int r = sd_bus_message_append(m, "ss", spec.unit.c_str(), "fail");
  if (r >= 0) r = sd_bus_message_open_container(m, 'a', "(sv)");
  if (r >= 0) r = prop(m, "Description", "s", spec.description.c_str());
  // A oneshot's start job lasts until the command exits, so JobRemoved is
  // the end of the step, and TimeoutStartSec= is its time limit
  // (RuntimeMaxSec= does not apply to Type=oneshot).
  if (r >= 0) r = prop(m, "Type", "s", "oneshot");
  if (r >= 0) r = prop_exec_start(m, exec_path, spec.argv);
  if (r >= 0 && spec.timeout_usec) r = prop(m, "TimeoutStartUSec", "t", spec.timeout_usec);
  if (r >= 0 && !spec.user.empty()) r = prop(m, "User", "s", spec.user.c_str());
  if (r >= 0 && !spec.group.empty()) r = prop(m, "Group", "s", spec.group.c_str());
  if (r >= 0 && !spec.working_directory.empty())
    r = prop(m, "WorkingDirectory", "s", spec.working_directory.c_str());
  if (r >= 0 && !spec.environment.empty()) r = prop_strv(m, "Environment", spec.environment);
  if (r >= 0 && !spec.environment_files.empty())
    r = prop_environment_files(m, spec.environment_files);
  // Keep the unit loaded until hoistd read its result (dropped with
  // hoistd's bus connection if it dies), then let PID 1 collect it.
  if (r >= 0) r = prop(m, "AddRef", "b", 1);
  if (r >= 0) r = prop(m, "CollectMode", "s", "inactive-or-failed");
  if (r >= 0) r = append_sandboxing(m);
  if (r >= 0) r = sd_bus_message_close_container(m);
  if (r >= 0) r = sd_bus_message_append(m, "a(sa(sv))", 0);
  return r;
}

void StepRunner::run(const StepSpec& spec, DoneFn done) {
  StepOutcome outcome;
  std::string path = resolve_executable(spec.argv.empty() ? "" : spec.argv[0],
                                        spec.working_directory);
  if (path.empty()) {
    outcome.error = spec.argv.empty() ? "empty command"
                                      : "command \"" + spec.argv[0] + "\" not found on $PATH";
    return done(outcome);
  }
  BusMessagePtr m = pid1_.manager_call("StartTransientUnit");
  int r = m ? append_transient_step(m.get(), spec, path) : -ENOMEM;
  if (r < 0) {
    outcome.error = std::string("failed to build the request: ") + strerror(-r);
    return done(outcome);
  }
  pid1_.await_job(m.get(), [this, spec, done](const std::string& job_result,
                                              const sd_bus_error* e) {
    StepOutcome o;
    if (e) {
      o.error = e->message ? e->message : e->name;
      return done(o);
    }
    o.job_result = job_result;
    collect(spec, std::move(o), done);
  });
}

// Reads the finished unit's result and output, then drops hoistd's reference.
void StepRunner::collect(const StepSpec& spec, StepOutcome outcome, DoneFn done) {
  struct Times {
    uint64_t start = 0, exit = 0;
  };
  auto fetch_unit = [this, spec, done](StepOutcome o) {
    pid1_.get_all(spec.unit, "org.freedesktop.systemd1.Unit",
                  [this, spec, done, o](sd_bus_message* reply, const sd_bus_error*) mutable {
                    UnitStatus s;
                    if (reply && read_unit_properties(reply, s) >= 0) o.invocation_id = s.invocation_id;
                    // Two rounds: journald (before v254) answers Synchronize once
                    // it processed what was readable then, which may be only the
                    // accept() of the step's stdout stream, not its last lines.
                    // Lines are then found by invocation id or by unit name
                    // (read_run_output).
                    sync_.sync([this, spec, done, o]() mutable {
                      sync_.sync([this, spec, done, o]() mutable {
                        journal_.read_run_output(spec.unit, o.invocation_id,
                                                 spec.output_max_bytes, o.output, o.output_cut);
                        pid1_.unit_call(spec.unit, "Unref", [](const sd_bus_error*) {});
                        done(o);
                      });
                    });
                  });
  };
  pid1_.get_all(spec.unit, "org.freedesktop.systemd1.Service",
                [outcome, fetch_unit](sd_bus_message* reply, const sd_bus_error* e) mutable {
                  Times t;
                  if (!e && reply)
                    read_dict(reply, [&](std::string_view key, sd_bus_message* msg) -> int {
                      if (key == "Result") {
                        const char* s = nullptr;
                        int q = sd_bus_message_read(msg, "v", "s", &s);
                        if (q > 0) outcome.result = s;
                        return q;
                      }
                      if (key == "ExecMainCode") return sd_bus_message_read(msg, "v", "i", &outcome.exit_code);
                      if (key == "ExecMainStatus") return sd_bus_message_read(msg, "v", "i", &outcome.exit_status);
                      if (key == "ExecMainStartTimestampMonotonic") return sd_bus_message_read(msg, "v", "t", &t.start);
                      if (key == "ExecMainExitTimestampMonotonic") return sd_bus_message_read(msg, "v", "t", &t.exit);
                      return 0;
                    });
                  else
                    outcome.error = std::string("failed to read the step's result: ") +
                                    (e && e->message ? e->message : "no reply");
                  if (t.exit > t.start) outcome.duration_usec = t.exit - t.start;
                  fetch_unit(std::move(outcome));
                });
}

}  // namespace hoist
