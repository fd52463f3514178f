// What hoistd offers about apps' unit files (D-Bus ApplyUnits, DiffUnits,
// GetDrift; hoistctl apply, diff, show): applies (unit_apply.hh), diffs
// and the drift monitor, with the appliers kept alive while they run.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/errors.hh"
#include "core/drift_monitor.hh"
#include "core/unit_apply.hh"

namespace hoist {

// One file that differs: installed content (nullopt: not installed) and
// rendered content (nullopt: to be removed).
struct UnitFileDiff {
  std::string name;  // relative to the unit directory
  std::string path;
  std::optional<std::string> installed;
  std::optional<std::string> rendered;
};

class UnitFiles {
 public:
  UnitFiles(Pid1& pid1, HealthGate& gate, const AppRegistry& apps, UnitPaths paths,
            DriftMonitor::ChangedFn drift_changed);

  DriftMonitor& monitor() noexcept { return monitor_; }
  const UnitPaths& paths() const noexcept { return paths_; }

  // Applies app's templates (dry_run: only says what would change); the
  // drift is checked again afterwards. NoSuchApp through error at once.
  void apply(const std::string& app, bool dry_run, std::function<void(const UnitApplyResult&)> done,
             ApiError& error);
  // The files that differ between the unit directory and the rendered
  // templates; nullopt with error (NoSuchApp, Failed: no templates, a bad one).
  std::optional<std::vector<UnitFileDiff>> diff(const std::string& app, ApiError& error) const;

 private:
  Pid1& pid1_;
  HealthGate& gate_;
  const AppRegistry& apps_;
  UnitPaths paths_;
  DriftMonitor monitor_;
  std::set<std::shared_ptr<UnitApplier>> running_;
};

}  // namespace hoist
