// Drift of every app with unit templates (unit_drift.hh), checked at start,
// every DriftCheckSec= and on request (after an apply or a deploy); the
// last result per app is what the App objects and `hoistctl status` show.
#pragma once

#include <glib.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/app_registry.hh"
#include "core/unit_apply.hh"
#include "core/unit_drift.hh"
#include "systemd/pid1.hh"

namespace hoist {

class DriftMonitor {
 public:
  // Called when an app's drift changed; appeared: it had none before.
  using ChangedFn = std::function<void(const std::string& app, const std::vector<DriftItem>& drift,
                                       bool appeared)>;

  DriftMonitor(Pid1& pid1, const AppRegistry& apps, UnitPaths paths, ChangedFn changed);
  ~DriftMonitor();
  DriftMonitor(const DriftMonitor&) = delete;
  DriftMonitor& operator=(const DriftMonitor&) = delete;

  // Checks every app now and (re)arms the timer (interval 0: no timer).
  void start(uint64_t interval_usec);
  // Checks one app; then (optional) once known.
  void check(const std::string& app, std::function<void(const std::vector<DriftItem>&)> then = {});

  // The last known drift of app (none if it has no templates or was not checked).
  std::vector<DriftItem> drift(const std::string& app) const;

 private:
  static gboolean on_timer(gpointer self);
  void record(const std::string& app, std::vector<DriftItem> drift);

  Pid1& pid1_;
  const AppRegistry& apps_;
  UnitPaths paths_;
  ChangedFn changed_;
  std::map<std::string, std::vector<DriftItem>> drift_;
  guint timer_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace hoist
