// Jobs on an app's units as a deploy or rollout runs them: one unit after
// the other, each after ResetFailed, like `systemctl reset-failed UNIT &&
// systemctl restart UNIT` (a crash loop of the release being replaced must
// not leave the unit start-limited when the next one starts).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/app_config.hh"
#include "systemd/pid1.hh"

namespace hoist {

// The job a restart of an app's services is, by its [Restart] Mode=.
JobKind restart_job_kind(RestartMode mode);

using UnitJobsFn = std::function<void(bool ok, std::string error)>;

// Runs kind on each unit in turn; then(true) once all ended "done" or
// "skipped", then(false, "UNIT: why") at the first that did not.
void run_unit_jobs(Pid1& pid1, std::vector<std::string> units, JobKind kind, UnitJobsFn then);

}  // namespace hoist
