#include "core/unit_jobs.hh"

#include <memory>

namespace hoist {
namespace {

struct Jobs {
  Pid1& pid1;
  std::vector<std::string> units;
  JobKind kind;
  UnitJobsFn then;
};

void next(const std::shared_ptr<Jobs>& jobs, size_t index) {
  if (index >= jobs->units.size()) return jobs->then(true, {});
  jobs->pid1.unit_call(jobs->units[index], "ResetFailed", [jobs, index](const sd_bus_error*) {
    jobs->pid1.run_job(jobs->kind, jobs->units[index],
                       [jobs, index](const std::string& result, const sd_bus_error* e) {
                         const std::string& unit = jobs->units[index];
                         if (e) return jobs->then(false, unit + ": " + (e->message ? e->message : e->name));
                         if (result != "done" && result != "skipped")
                           return jobs->then(false, "the job for " + unit + " ended " + result);
                         next(jobs, index + 1);
                       });
  });
}

}  // namespace

JobKind restart_job_kind(RestartMode mode) {
  switch (mode) {
    case RestartMode::Reload: return JobKind::Reload;
    case RestartMode::ReloadOrRestart: return JobKind::ReloadOrRestart;
    case RestartMode::TryRestart: return JobKind::TryRestart;
    case RestartMode::Restart: break;
  }
  return JobKind::Restart;
}

void run_unit_jobs(Pid1& pid1, std::vector<std::string> units, JobKind kind, UnitJobsFn then) {
  next(std::make_shared<Jobs>(Jobs{pid1, std::move(units), kind, std::move(then)}), 0);
}

}  // namespace hoist
