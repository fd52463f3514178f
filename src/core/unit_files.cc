#include "core/unit_files.hh"

#include <algorithm>

namespace hoist {

UnitFiles::UnitFiles(Pid1& pid1, HealthGate& gate, const AppRegistry& apps, UnitPaths paths,
                     DriftMonitor::ChangedFn drift_changed)
    : pid1_(pid1),
      gate_(gate),
      apps_(apps),
      paths_(paths),
      monitor_(pid1, apps, paths, std::move(drift_changed)) {}

void UnitFiles::apply(const std::string& app, bool dry_run,
                      std::function<void(const UnitApplyResult&)> done, ApiError& error) {
  auto it = apps_.apps().find(app);
  if (it == apps_.apps().end()) {
    error = {errors::kNoSuchApp, "No app \"" + app + "\" is configured"};
    return;
  }
  auto holder = std::make_shared<std::shared_ptr<UnitApplier>>();
  *holder = UnitApplier::create(
      pid1_, gate_, paths_, it->second, "", UnitApplier::Mode{.dry_run = dry_run, .restart_and_gate = true},
      [this, app, holder, done](const UnitApplyResult& result) {
        running_.erase(*holder);
        holder->reset();
        if (result.dry_run) return done(result);
        monitor_.check(app, [done, result](const std::vector<DriftItem>&) { done(result); });
      });
  auto applier = *holder;
  running_.insert(applier);
  applier->start();
}

std::optional<std::vector<UnitFileDiff>> UnitFiles::diff(const std::string& app, ApiError& error) const {
  auto it = apps_.apps().find(app);
  if (it == apps_.apps().end()) {
    error = {errors::kNoSuchApp, "No app \"" + app + "\" is configured"};
    return std::nullopt;
  }
  std::string problem;
  auto rendered = render_app_units(it->second, paths_, "", problem);
  if (!rendered) {
    error = {errors::kFailed, problem};
    return std::nullopt;
  }
  std::vector<std::string> previous = load_unit_manifest(paths_.state_dir_fd, app);
  for (auto& stray : stray_drop_ins(*rendered, paths_.unit_dir)) previous.push_back(std::move(stray));
  const UnitInstallPlan plan = plan_unit_install(*rendered, paths_.unit_dir, previous, read_unit_file);
  std::vector<UnitFileDiff> out;
  auto path_of = [this](const std::string& name) { return paths_.unit_dir + "/" + name; };
  for (const auto& f : plan.added) out.push_back({f.name, path_of(f.name), std::nullopt, f.content});
  for (const auto& f : plan.changed)
    out.push_back({f.name, path_of(f.name), read_unit_file(path_of(f.name)), f.content});
  for (const auto& name : plan.removed)
    out.push_back({name, path_of(name), read_unit_file(path_of(name)), std::nullopt});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

}  // namespace hoist
