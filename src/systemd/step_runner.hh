// Runs one deploy step as a transient service of PID 1 (StartTransientUnit):
// hoistd never forks build commands itself. The step's result comes from the
// job (JobRemoved) and the unit's Result/ExecMainStatus, its output from the
// journal by the run's invocation id.
#pragma once

#include <systemd/sd-bus.h>

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "systemd/journal_reader.hh"
#include "systemd/journal_sync.hh"
#include "systemd/pid1.hh"

namespace hoist {

struct StepSpec {
  std::string unit;         // transient unit name, never reused: "hoist-api-build-1-ID.service"
  std::string description;  // shown by systemctl status
  std::vector<std::string> argv;  // argv[0]: absolute, relative to working_directory, or on $PATH
  std::string user;               // empty: root
  std::string group;
  std::string working_directory;
  std::vector<std::string> environment;                         // KEY=VALUE
  std::vector<std::pair<std::string, bool>> environment_files;  // path, ignore if missing
  uint64_t timeout_usec = 15ull * 60 * 1000 * 1000;             // 0: none
  size_t output_max_bytes = 64 * 1024;                          // tail of the output kept
};

struct StepOutcome {
  std::string error;       // the step could not be run at all (PID 1 refused it, ...)
  std::string job_result;  // "done", "failed", "timeout", ...
  std::string result;      // the service's Result: "success", "exit-code", "timeout", "signal", ...
  int32_t exit_code = 0;   // ExecMainCode: CLD_EXITED (1), CLD_KILLED (2), CLD_DUMPED (3)
  int32_t exit_status = 0; // ExecMainStatus: exit status or signal number
  std::string invocation_id;
  uint64_t duration_usec = 0;
  std::string output;      // the last output_max_bytes of what the step printed
  size_t output_cut = 0;   // bytes of output left out before that

  bool ok() const { return error.empty() && result == "success"; }
  // "exit status 2", "killed by signal TERM", "timed out", "could not start: ..."
  std::string describe() const;
};

// The ExecStart= path for argv[0]: absolute paths as they are, "./x" and
// "dir/x" relative to the working directory, bare names searched on $PATH.
// Empty if a bare name is not found.
std::string resolve_executable(const std::string& argv0, const std::string& working_directory);

class StepRunner {
 public:
  StepRunner(Pid1& pid1, JournalReader& journal, JournalSync& sync)
      : pid1_(pid1), journal_(journal), sync_(sync) {}
  StepRunner(const StepRunner&) = delete;
  StepRunner& operator=(const StepRunner&) = delete;

  using DoneFn = std::function<void(const StepOutcome&)>;
  void run(const StepSpec& spec, DoneFn done);

 private:
  void collect(const StepSpec& spec, StepOutcome outcome, DoneFn done);
  Pid1& pid1_;
  JournalReader& journal_;
  JournalSync& sync_;
};

// Appends StartTransientUnit's arguments (name, mode, properties, aux) for spec
// to m. exec_path is the resolved ExecStart= path. Exposed for unit tests.
int append_transient_step(sd_bus_message* m, const StepSpec& spec, const std::string& exec_path);

}  // namespace hoist
