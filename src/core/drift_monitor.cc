#include "core/drift_monitor.hh"

#include <algorithm>

#include "common/log.hh"

namespace hoist {

DriftMonitor::DriftMonitor(Pid1& pid1, const AppRegistry& apps, UnitPaths paths, ChangedFn changed)
    : pid1_(pid1), apps_(apps), paths_(std::move(paths)), changed_(std::move(changed)) {}

DriftMonitor::~DriftMonitor() {
  *alive_ = false;
  if (timer_) g_source_remove(timer_);
}

void DriftMonitor::start(uint64_t interval_usec) {
  if (timer_) g_source_remove(timer_);
  timer_ = 0;
  for (const auto& entry : apps_.apps()) check(entry.first);
  if (interval_usec)
    timer_ = g_timeout_add_seconds(static_cast<guint>(std::max<uint64_t>(1, interval_usec / 1000000)),
                                   on_timer, this);
}

gboolean DriftMonitor::on_timer(gpointer data) {
  auto* self = static_cast<DriftMonitor*>(data);
  for (const auto& entry : self->apps_.apps()) self->check(entry.first);
  return G_SOURCE_CONTINUE;
}

std::vector<DriftItem> DriftMonitor::drift(const std::string& app) const {
  auto it = drift_.find(app);
  return it == drift_.end() ? std::vector<DriftItem>{} : it->second;
}

void DriftMonitor::record(const std::string& app, std::vector<DriftItem> drift) {
  auto it = drift_.find(app);
  const bool had = it != drift_.end() && !it->second.empty();
  if (it != drift_.end() && it->second == drift) return;
  if (!had && drift.empty()) {
    drift_[app] = {};
    return;
  }
  drift_[app] = drift;
  if (!drift.empty() && !had)
    log::warning(app + ": the unit files PID 1 uses drifted from the templates: " + describe_drift(drift.front()) +
                     (drift.size() > 1 ? " (and " + std::to_string(drift.size() - 1) + " more)" : ""),
                 {{"HOIST_APP", app}});
  if (changed_) changed_(app, drift_[app], !had && !drift.empty());
}

void DriftMonitor::check(const std::string& app, std::function<void(const std::vector<DriftItem>&)> then) {
  auto it = apps_.apps().find(app);
  if (it == apps_.apps().end()) {
    drift_.erase(app);
    if (then) then({});
    return;
  }
  std::string error;
  auto rendered = render_app_units(it->second, paths_, "", error);
  if (!rendered) {
    // No templates: the app's units are not under hoist's control.
    if (error.find("has no unit templates") == std::string::npos)
      log::warning(app + ": cannot check drift: " + error, {{"HOIST_APP", app}});
    record(app, {});
    if (then) then({});
    return;
  }
  struct Asking {
    std::vector<UnitFile> rendered;
    std::map<std::string, UnitStatus> units;
    size_t waiting = 0;
  };
  auto asking = std::make_shared<Asking>();
  asking->rendered = std::move(*rendered);
  const auto units = units_of(asking->rendered);
  asking->waiting = units.size();
  std::weak_ptr<bool> alive = alive_;
  for (const auto& unit : units)
    pid1_.unit_status(unit, [this, alive, asking, app, unit, then](const UnitStatus* s, const sd_bus_error*) {
      if (alive.expired()) return;
      if (s) asking->units[unit] = *s;
      if (--asking->waiting > 0) return;
      auto found = find_drift(asking->rendered, paths_.unit_dir, asking->units, read_unit_file);
      record(app, found);
      if (then) then(found);
    });
}

}  // namespace hoist
