// `hoistctl apply APP`, the one-line rollout of an app's unit files: render
// its templates, verify them, install what changed (keeping the files they
// replace), daemon-reload, enable per [Install], restart or reload the units
// whose files changed (stop, disable and delete the ones no longer
// rendered), health gate; if the gate fails, the previous files come back
// and the units restart on them. Also where an app's templates are and
// what its drift is.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/glib_ptr.hh"
#include "core/app_config.hh"
#include "core/health_gate.hh"
#include "core/unit_file_backup.hh"
#include "core/unit_install.hh"
#include "systemd/pid1.hh"

namespace hoist {

inline constexpr const char* kUnitTemplatesRoot = SYSCONFDIR "/hoist/units";

// Where hoistd installs unit files and keeps what it needs for that.
struct UnitPaths {
  std::string unit_dir = "/etc/systemd/system";  // the user's with --user
  std::string templates_root = kUnitTemplatesRoot;  // ROOT/APP/ wins over the repository
  int state_dir_fd = -1;  // units/APP.json manifests
  std::string work_dir;   // where verify writes its temporary files
  bool user = false;
};

// The template directory of app: templates_root/APP if it exists, else
// UnitsPath= in release (its current release if empty); "" with error if
// the app has none.
std::string unit_templates_dir(const AppConfig& app, const UnitPaths& paths, const std::string& release,
                               std::string& error);

// app's templates rendered for release (its current one if empty).
std::optional<std::vector<UnitFile>> render_app_units(const AppConfig& app, const UnitPaths& paths,
                                                      const std::string& release, std::string& error);

// The drop-ins in unit_dir/UNIT.d/ of the rendered units that no template
// makes ("api.service.d/override.conf"): apply removes them.
std::vector<std::string> stray_drop_ins(const std::vector<UnitFile>& rendered, const std::string& unit_dir);

struct UnitApplyResult {
  bool ok = false;
  bool dry_run = false;
  std::string step;   // where it failed: "render", "verify", "install", "reload", "restart", "health"
  std::string error;  // why
  UnitInstallPlan plan;
  std::vector<std::string> restarted;  // units restarted, reloaded or started
  bool rolled_back = false;            // the previous files are back
};

// {"ok", "dry_run", "step", "error", "added", "changed", "removed",
// "unchanged", "restarted", "rolled_back"}.
JsonNodePtr to_json(const UnitApplyResult& result);

class UnitApplier : public std::enable_shared_from_this<UnitApplier> {
 public:
  using DoneFn = std::function<void(const UnitApplyResult&)>;
  // How an apply runs: `hoistctl apply` restarts the units whose files
  // changed and gates the app; a deploy only installs and reloads (it
  // restarts and gates the app itself).
  struct Mode {
    bool dry_run = false;
    bool restart_and_gate = true;
  };
  // release: render for this release ("" for the current one).
  static std::shared_ptr<UnitApplier> create(Pid1& pid1, HealthGate& gate, UnitPaths paths,
                                             AppConfig app, std::string release, Mode mode,
                                             DoneFn done);
  void start();
  // Writes back the files the apply replaced and daemon-reloads (then, in
  // restart_and_gate mode, restarts the units it touched and checks the
  // app); nothing if it installed nothing (a deploy that failed after it).
  void revert(std::function<void(bool ok, std::string error)> then);

 private:
  UnitApplier(Pid1& pid1, HealthGate& gate, UnitPaths paths, AppConfig app, std::string release,
              Mode mode, DoneFn done);
  void install();
  void reload_and_restart();
  void restart_touched(std::function<void(bool ok, std::string error)> then);
  void gate();
  void fail(const std::string& step, const std::string& error);
  void finish();

  Pid1& pid1_;
  HealthGate& gate_;
  UnitPaths paths_;
  AppConfig app_;
  std::string release_;
  Mode mode_;
  DoneFn done_;
  bool installed_ = false;
  UnitApplyResult result_;
  std::vector<UnitFile> rendered_;
  std::vector<std::string> previous_manifest_;
  UnitFileBackup backup_;
  std::shared_ptr<void> verify_;
};

}  // namespace hoist
