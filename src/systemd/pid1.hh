// Client of PID 1's D-Bus API (org.freedesktop.systemd1.Manager): jobs that
// are waited for through JobRemoved, unit status in pipelined batches, and
// daemon-reload.
#pragma once

#include <systemd/sd-bus.h>

#include <deque>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/sd_ptr.hh"
#include "systemd/bus_calls.hh"
#include "systemd/unit_status.hh"

namespace hoist {

enum class JobKind { Start, Stop, Restart, Reload, ReloadOrRestart, TryRestart };

// The Manager method for a job kind ("RestartUnit") and its verb ("restart").
const char* job_method(JobKind k);
const char* job_verb(JobKind k);

// result is PID 1's job result ("done", "failed", ...) or empty with error set.
using JobFn = std::function<void(const std::string& result, const sd_bus_error* error)>;
using StatusFn = std::function<void(const UnitStatus* status, const sd_bus_error* error)>;
using ListFn = std::function<void(std::vector<UnitStatus> units, const sd_bus_error* error)>;
using DoneFn = std::function<void(const sd_bus_error* error)>;

inline constexpr const char* kSystemdNoSuchUnit = "org.freedesktop.systemd1.NoSuchUnit";

class Pid1 {
 public:
  explicit Pid1(sd_bus* bus) : bus_(bus) {}
  Pid1(const Pid1&) = delete;
  Pid1& operator=(const Pid1&) = delete;

  // Subscribes to PID 1's signals (JobRemoved). Call once before run_job.
  int subscribe();

  // Queues the job (mode "replace") and calls fn once it has been removed.
  void run_job(JobKind kind, const std::string& unit, JobFn fn);

  // Sends m, a Manager method call that returns a job path (StartUnit,
  // StartTransientUnit, ...), and calls fn once that job has been removed.
  void await_job(sd_bus_message* m, JobFn fn);

  // A new method call on PID 1's Manager object; nullptr on failure.
  BusMessagePtr manager_call(const char* method);

  // Status of one unit. A unit PID 1 cannot find is kSystemdNoSuchUnit.
  void unit_status(const std::string& unit, StatusFn fn);

  // Status of the loaded units matching patterns (all if empty), by name.
  void list_units(const std::vector<std::string>& patterns, ListFn fn);

  void daemon_reload(DoneFn fn);

  // EnableUnitFiles (in /etc, replacing links that point elsewhere) or
  // DisableUnitFiles of unit file names; like `systemctl enable`, without
  // the reload that follows.
  void enable_unit_files(const std::vector<std::string>& files, bool enable, DoneFn fn);

  // Properties.GetAll(interface) of a unit's object; fn gets the a{sv} reply.
  void get_all(const std::string& unit, const std::string& interface, ReplyFn fn);

  // Calls a method without arguments on a unit's object (e.g. "Unref").
  void unit_call(const std::string& unit, const char* method, DoneFn fn);

  size_t jobs_in_flight() const noexcept { return jobs_.size(); }

 private:
  struct Batch;
  static int on_job_removed(sd_bus_message* m, void* userdata, sd_bus_error* ret_error);
  void job_finished(const std::string& path, const std::string& result);
  void fetch_status(std::vector<std::string> names, ListFn fn);
  void pump(const std::shared_ptr<Batch>& batch);

  sd_bus* bus_;
  BusSlotPtr job_removed_slot_;
  AsyncCalls calls_;
  std::unordered_map<std::string, JobFn> jobs_;  // job object path → waiter
  // Jobs whose JobRemoved came before the reply that named them.
  std::deque<std::pair<std::string, std::string>> finished_early_;
};

}  // namespace hoist
