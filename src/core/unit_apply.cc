#include "core/unit_apply.hh"

#include <fcntl.h>
#include <glib.h>

#include <algorithm>
#include <set>

#include "common/log.hh"
#include "common/unit_name.hh"
#include "core/deploy_pipeline.hh"
#include "core/dir_fd.hh"
#include "core/json_object.hh"
#include "core/releases.hh"
#include "core/unit_jobs.hh"
#include "core/unit_verify.hh"

namespace hoist {
namespace {

std::vector<std::string> names_of(const std::vector<UnitFile>& files) {
  std::vector<std::string> out;
  for (const auto& f : files) out.push_back(f.name);
  return out;
}

std::string bus_message(const sd_bus_error* e) { return e->message ? e->message : e->name; }

}  // namespace

std::string unit_templates_dir(const AppConfig& app, const UnitPaths& paths, const std::string& release,
                               std::string& error) {
  const std::string etc = paths.templates_root + "/" + app.name;
  if (g_file_test(etc.c_str(), G_FILE_TEST_IS_DIR)) return etc;
  std::string name = release;
  if (name.empty() && app.has_repository()) {
    auto current = current_release(app.directory, error);
    if (!current) return {};
    name = *current;
  }
  const std::string dir = name.empty() ? "" : release_path(app.directory, name) + "/" + app.units_path;
  if (!dir.empty() && g_file_test(dir.c_str(), G_FILE_TEST_IS_DIR)) return dir;
  error = app.name + " has no unit templates: neither " + etc + "/ nor " +
          (dir.empty() ? app.units_path + "/ in a release (it has none yet)" : dir + "/") + " exists";
  return {};
}

std::optional<std::vector<UnitFile>> render_app_units(const AppConfig& app, const UnitPaths& paths,
                                                      const std::string& release, std::string& error) {
  const std::string dir = unit_templates_dir(app, paths, release, error);
  if (dir.empty()) return std::nullopt;
  auto templates = read_unit_templates(dir, error);
  if (!templates) return std::nullopt;
  std::string name = release;
  if (name.empty() && app.has_repository()) {
    std::string ignored;
    name = current_release(app.directory, ignored).value_or("");
  }
  auto rendered = render_unit_templates(*templates, template_values(app, name), error);
  if (rendered && rendered->empty()) {
    error = dir + " holds no unit files";
    return std::nullopt;
  }
  if (!rendered) error = dir + "/" + error;
  return rendered;
}

std::vector<std::string> stray_drop_ins(const std::vector<UnitFile>& rendered, const std::string& unit_dir) {
  std::set<std::string> names;
  for (const auto& f : rendered) names.insert(f.name);
  std::vector<std::string> out;
  for (const auto& unit : units_of(rendered)) {
    Fd dir(open((unit_dir + "/" + unit + ".d").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir) continue;
    for (const auto& entry : list_directory(dir.get()).value_or(std::vector<std::string>{})) {
      const std::string name = unit + ".d/" + entry;
      if (is_unit_file_name(name) && !names.count(name)) out.push_back(name);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

JsonNodePtr to_json(const UnitApplyResult& r) {
  JsonObjectWriter w;
  w.boolean("ok", r.ok);
  w.boolean("dry_run", r.dry_run);
  if (!r.step.empty()) w.string("step", r.step);
  if (!r.error.empty()) w.string("error", r.error);
  w.node("added", json_string_array(names_of(r.plan.added)));
  w.node("changed", json_string_array(names_of(r.plan.changed)));
  w.node("removed", json_string_array(r.plan.removed));
  w.node("unchanged", json_string_array(r.plan.unchanged));
  w.node("restarted", json_string_array(r.restarted));
  w.boolean("rolled_back", r.rolled_back);
  return w.node();
}

std::shared_ptr<UnitApplier> UnitApplier::create(Pid1& pid1, HealthGate& gate, UnitPaths paths,
                                                 AppConfig app, std::string release, Mode mode,
                                                 DoneFn done) {
  return std::shared_ptr<UnitApplier>(new UnitApplier(pid1, gate, std::move(paths), std::move(app),
                                                      std::move(release), mode, std::move(done)));
}

UnitApplier::UnitApplier(Pid1& pid1, HealthGate& gate, UnitPaths paths, AppConfig app,
                         std::string release, Mode mode, DoneFn done)
    : pid1_(pid1),
      gate_(gate),
      paths_(std::move(paths)),
      app_(std::move(app)),
      release_(std::move(release)),
      mode_(mode),
      done_(std::move(done)) {
  result_.dry_run = mode.dry_run;
}

void UnitApplier::fail(const std::string& step, const std::string& error) {
  result_.ok = false;
  result_.step = step;
  result_.error = error;
  log::error(app_.name + ": applying the unit files failed at " + step + ": " + error,
             {{"HOIST_APP", app_.name}, {"HOIST_STEP", step}});
  done_(result_);
}

void UnitApplier::finish() {
  result_.ok = true;
  done_(result_);
}

void UnitApplier::start() {
  std::string error;
  auto rendered = render_app_units(app_, paths_, release_, error);
  if (!rendered) return fail("render", error);
  rendered_ = std::move(*rendered);
  previous_manifest_ = load_unit_manifest(paths_.state_dir_fd, app_.name);
  std::vector<std::string> previous = previous_manifest_;
  for (auto& stray : stray_drop_ins(rendered_, paths_.unit_dir)) previous.push_back(std::move(stray));
  result_.plan = plan_unit_install(rendered_, paths_.unit_dir, previous, read_unit_file);
  // Nothing to install: nothing to verify, reload or restart either.
  if (result_.dry_run || result_.plan.empty()) return finish();
  auto self = shared_from_this();
  verify_ = verify_unit_files(rendered_, paths_.work_dir, paths_.user,
                              [self](bool ok, const std::string& problems) {
                                if (!ok)
                                  return self->fail("verify", "systemd-analyze verify refused the units:\n" + problems);
                                self->install();
                              });
}

void UnitApplier::install() {
  std::vector<std::string> problems;
  backup_ = UnitFileBackup::take(result_.plan.paths(paths_.unit_dir), problems, true);
  if (!problems.empty()) return fail("install", problems.front());
  auto self = shared_from_this();
  auto write = [self] {
    std::string error;
    if (!install_unit_files(self->result_.plan, self->paths_.unit_dir, error)) {
      std::vector<std::string> ignored;
      self->backup_.restore(ignored);
      return self->fail("install", error);
    }
    self->installed_ = true;
    std::vector<std::string> names = names_of(self->rendered_);
    if (!save_unit_manifest(self->paths_.state_dir_fd, self->app_.name, names, error))
      log::warning(self->app_.name + ": " + error, {{"HOIST_APP", self->app_.name}});
    self->reload_and_restart();
  };
  const auto removed = result_.plan.removed_units();
  if (removed.empty()) return write();
  // A unit no longer rendered: stopped and disabled before its file goes.
  run_unit_jobs(pid1_, removed, JobKind::Stop, [self, removed, write](bool ok, std::string error) {
    if (!ok) log::warning(self->app_.name + ": " + error, {{"HOIST_APP", self->app_.name}});
    self->pid1_.enable_unit_files(removed, false, [self, write](const sd_bus_error* e) {
      if (e) log::warning(self->app_.name + ": disabling: " + bus_message(e), {{"HOIST_APP", self->app_.name}});
      write();
    });
  });
}

void UnitApplier::reload_and_restart() {
  auto self = shared_from_this();
  pid1_.daemon_reload([self](const sd_bus_error* e) {
    if (e) return self->fail("reload", bus_message(e));
    std::vector<std::string> enable;
    for (const auto& f : self->rendered_)
      if (f.name.find('/') == std::string::npos && has_install_section(f.content)) enable.push_back(f.name);
    auto restart = [self] {
      if (!self->mode_.restart_and_gate) return self->finish();
      self->restart_touched([self](bool ok, std::string error) {
        if (!ok) return self->fail("restart", error);
        self->gate();
      });
    };
    if (enable.empty()) return restart();
    self->pid1_.enable_unit_files(enable, true, [self, restart](const sd_bus_error* err) {
      if (err) return self->fail("reload", std::string("enabling: ") + bus_message(err));
      restart();
    });
  });
}

// Units whose files changed: other types (sockets, timers) restarted first,
// then services per [Restart] Mode=.
void UnitApplier::restart_touched(std::function<void(bool ok, std::string error)> then) {
  std::vector<std::string> services, others;
  for (const auto& unit : result_.plan.touched_units()) {
    if (unit.find("@.") != std::string::npos) continue;  // a template unit has no instance to restart
    (unit_type(unit) == "service" ? services : others).push_back(unit);
  }
  result_.restarted = others;
  result_.restarted.insert(result_.restarted.end(), services.begin(), services.end());
  auto self = shared_from_this();
  run_unit_jobs(pid1_, others, JobKind::Restart, [self, services, then](bool ok, std::string error) {
    if (!ok) return then(false, error);
    run_unit_jobs(self->pid1_, services, restart_job_kind(self->app_.restart_mode), then);
  });
}

void UnitApplier::gate() {
  auto self = shared_from_this();
  gate_.check(gate_for(app_), [self](const GateResult& r) {
    if (r.healthy) return self->finish();
    const std::string why = "health gate: " + r.reason;
    self->revert([self, why](bool ok, std::string error) {
      self->result_.rolled_back = ok;
      self->fail("health", ok ? why + "; the previous unit files are back"
                              : why + "; restoring the previous unit files failed too: " + error);
    });
  });
}

void UnitApplier::revert(std::function<void(bool ok, std::string error)> then) {
  if (!installed_) return then(true, {});
  std::vector<std::string> problems;
  backup_.restore(problems);
  if (!problems.empty()) return then(false, problems.front());
  std::string error;
  if (!save_unit_manifest(paths_.state_dir_fd, app_.name, previous_manifest_, error))
    log::warning(app_.name + ": " + error, {{"HOIST_APP", app_.name}});
  auto self = shared_from_this();
  pid1_.daemon_reload([self, then](const sd_bus_error* e) {
    if (e) return then(false, std::string("daemon-reload: ") + bus_message(e));
    if (!self->mode_.restart_and_gate) return then(true, {});
    self->restart_touched([self, then](bool ok, std::string err) {
      if (!ok) return then(false, err);
      self->gate_.check_now(gate_for(self->app_), [then](const GateResult& r) {
        then(r.healthy, r.healthy ? "" : "the previous unit files are unhealthy too: " + r.reason);
      });
    });
  });
}

}  // namespace hoist
