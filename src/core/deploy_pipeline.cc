#include "core/deploy_pipeline.hh"

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/unit_name.hh"
#include "common/wall_clock.hh"
#include "core/git_names.hh"
#include "core/releases.hh"
#include "core/remove_tree.hh"
#include "core/unit_jobs.hh"

namespace hoist {
namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Creates dir (and its parents) if missing and gives it to user:group.
std::string prepare_directory(const std::string& dir, const std::string& user,
                              const std::string& group) {
  if (g_mkdir_with_parents(dir.c_str(), 0755) < 0)
    return "cannot create " + dir + ": " + strerror(errno);
  struct passwd* pw = getpwnam(user.c_str());
  if (!pw) return "no such user \"" + user + "\"";
  struct group* gr = getgrnam(group.c_str());
  if (!gr) return "no such group \"" + group + "\"";
  if (chown(dir.c_str(), pw->pw_uid, gr->gr_gid) < 0)
    return "cannot give " + dir + " to " + user + ": " + strerror(errno);
  return {};
}

}  // namespace

GateSpec gate_for(const AppConfig& app) {
  GateSpec g;
  g.units = app.units;
  g.stabilize_usec = app.health.stabilize_usec;
  ProbeSpec& p = g.probe;
  p.timeout_usec = app.health.timeout_usec;
  p.retries = app.health.retries;
  p.user = app.user;
  p.unit_prefix = "hoist-" + app.name + "-probe";
  switch (app.health.probe) {
    case HealthConfig::Probe::Http: p.kind = ProbeSpec::Kind::Http; p.target = app.health.url; break;
    case HealthConfig::Probe::Tcp: p.kind = ProbeSpec::Kind::Tcp; p.target = app.health.tcp; break;
    case HealthConfig::Probe::Exec: p.kind = ProbeSpec::Kind::Exec; p.argv = app.health.exec; break;
    case HealthConfig::Probe::None: break;
  }
  return g;
}

std::vector<std::string> units_to_restart(const AppConfig& app) {
  std::vector<std::string> out;
  for (const auto& u : app.units)
    if (unit_type(u) == "service") out.push_back(u);
  return out;
}

std::shared_ptr<DeployPipeline> DeployPipeline::create(PipelineDeps deps, AppConfig app,
                                                       DeployRecord record, RecordFn progress,
                                                       RecordFn done) {
  return std::shared_ptr<DeployPipeline>(new DeployPipeline(
      deps, std::move(app), std::move(record), std::move(progress), std::move(done)));
}

DeployPipeline::DeployPipeline(PipelineDeps deps, AppConfig app, DeployRecord record,
                               RecordFn progress, RecordFn done)
    : deps_(deps),
      app_(std::move(app)),
      record_(std::move(record)),
      progress_(std::move(progress)),
      done_(std::move(done)),
      releases_dir_(app_.directory + "/releases") {}

void DeployPipeline::emit(EventKind kind, const std::string& step, const std::string& result,
                          const std::string& detail) {
  Event e;
  e.kind = kind;
  e.app = app_.name;
  e.deploy_id = record_.id;
  e.step = step;
  e.result = result;
  e.revision = record_.commit.empty() ? record_.revision : record_.commit;
  e.detail = detail;
  if (record_.kind == DeployKind::Rollback) {
    // No revision is fetched: the release is what is deployed.
    e.revision = record_.release;
    e.extra.push_back({"deploy_kind", std::string(deploy_kind_name(record_.kind))});
  }
  if (kind == EventKind::DeploySucceeded || kind == EventKind::DeployFailed ||
      kind == EventKind::RollbackSucceeded || kind == EventKind::RollbackFailed)
    e.duration_usec = now_usec() - record_.started_usec;
  deps_.events.emit(e);
}

void DeployPipeline::set_step(const std::string& step) {
  record_.step = step;
  step_started_usec_ = now_usec();
  progress_(record_);
}

void DeployPipeline::finish_own_step(bool ok, const std::string& detail) {
  finish_own_step(record_.step, ok, detail);
}

void DeployPipeline::finish_own_step(const std::string& name, bool ok, const std::string& detail) {
  StepResult r;
  r.name = name;
  r.result = ok ? "success" : "failed";
  r.duration_usec = now_usec() - step_started_usec_;
  r.set_output(detail);
  record_.steps.push_back(std::move(r));
}

std::string DeployPipeline::incoming_dir() const { return ".incoming-" + record_.id; }

bool DeployPipeline::remove_incoming(std::string& error) const {
  int fd = open(releases_dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT;
  bool ok = remove_tree_at(fd, incoming_dir(), error);
  close(fd);
  return ok;
}

void DeployPipeline::start() {
  record_.state = DeployState::Running;
  record_.started_usec = now_usec();
  emit(EventKind::DeployStarted);
  if (record_.kind == DeployKind::Rollback) return start_rollback();
  if (!app_.has_repository())
    return fail(DeployState::Failed, "fetch",
                app_.name + " has no Repository=: it can be restarted, not deployed");
  if (!record_.revision.empty())
    if (auto p = revision_problem(record_.revision); !p.empty())
      return fail(DeployState::Failed, "fetch", "invalid revision \"" + record_.revision + "\": " + p);
  // The app's directory belongs to root (hoistd switches `current` in it);
  // releases/ belongs to the app's user, whose steps write there.
  if (g_mkdir_with_parents(app_.directory.c_str(), 0755) < 0)
    return fail(DeployState::Failed, "fetch",
                "cannot create " + app_.directory + ": " + strerror(errno));
  std::string error;
  auto current = current_release(app_.directory, error);
  if (!current) return fail(DeployState::Failed, "precheck", error);
  record_.previous_release = *current;
  precheck();
}

// A rollback switches to a release that is already built (the one that is
// current, too: then it is restarted and checked).
void DeployPipeline::start_rollback() {
  std::string error;
  auto current = current_release(app_.directory, error);
  if (!current) return fail(DeployState::Failed, "switch", error);
  record_.previous_release = *current;
  struct stat st;
  std::string path = release_path(app_.directory, record_.release);
  if (path.empty() || lstat(path.c_str(), &st) < 0 || !S_ISDIR(st.st_mode))
    return fail(DeployState::Failed, "switch", "there is no release \"" + record_.release + "\"");
  switch_release();
}

// An app that is unhealthy before the deploy is not deployed (unless forced):
// a rollback could not restore anything healthy.
void DeployPipeline::precheck() {
  if (record_.options.force || record_.previous_release.empty()) return fetch();
  set_step("precheck");
  auto self = shared_from_this();
  deps_.gate.check_now(gate_for(app_), [self](const GateResult& r) {
    self->finish_own_step(r.healthy, r.reason);
    if (!r.healthy)
      return self->fail(DeployState::Failed, "precheck",
                        "the app is unhealthy before the deploy (use --force): " + r.reason);
    self->fetch();
  });
}

StepSpec DeployPipeline::step_spec(const std::string& name, const std::vector<std::string>& argv,
                                   const std::string& dir) const {
  StepSpec s;
  s.unit = "hoist-" + app_.name + "-" + name + "-" + record_.id + ".service";
  s.description = "hoist: " + app_.name + " " + name + " (deploy " + record_.id + ")";
  s.argv = argv;
  s.user = app_.user;
  s.group = app_.group;
  s.working_directory = dir;
  s.environment = app_.environment;
  s.environment.push_back("HOIST_APP=" + app_.name);
  s.environment.push_back("HOIST_DEPLOY_ID=" + record_.id);
  s.environment.push_back("GIT_TERMINAL_PROMPT=0");
  for (const auto& f : app_.environment_files) s.environment_files.emplace_back(f.path, f.ignore_missing);
  s.timeout_usec = app_.build.step_timeout_usec;
  return s;
}

void DeployPipeline::run_step(const std::string& name, const std::vector<std::string>& argv,
                              const std::string& dir,
                              std::function<void(const StepOutcome&)> then) {
  set_step(name);
  emit(EventKind::StepStarted, name);
  StepSpec spec = step_spec(name, argv, dir);
  if (!unit_name_is_valid(spec.unit)) spec.unit = "hoist-step-" + record_.id + ".service";
  auto self = shared_from_this();
  deps_.steps.run(spec, [self, name, then](const StepOutcome& o) {
    StepResult r;
    r.name = name;
    r.result = o.error.empty() ? o.result : "start-failed";
    r.exit_status = o.exit_status;
    r.duration_usec = o.duration_usec;
    r.set_output(o.error.empty() ? o.output : o.error);
    self->record_.steps.push_back(r);
    self->emit(o.ok() ? EventKind::StepFinished : EventKind::StepFailed, name, r.result,
               o.ok() ? "" : o.describe());
    then(o);
  });
}

void DeployPipeline::fetch() {
  if (auto e = prepare_directory(releases_dir_, app_.user, app_.group); !e.empty())
    return fail(DeployState::Failed, "fetch", e);
  if (std::string error; !remove_incoming(error))  // a crashed deploy's leftover
    return fail(DeployState::Failed, "fetch", error);
  std::vector<std::string> argv = {"git", "clone", "--quiet"};
  if (record_.revision.empty()) argv.insert(argv.end(), {"--branch", app_.branch, "--single-branch"});
  argv.insert(argv.end(), {"--", app_.repository, incoming_dir()});
  auto self = shared_from_this();
  run_step("fetch", argv, releases_dir_, [self](const StepOutcome& o) {
    if (!o.ok()) return self->fail(DeployState::Failed, "fetch", "git clone " + o.describe());
    if (self->record_.revision.empty()) return self->resolve();
    self->run_step("checkout",
                   {"git", "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach",
                    self->record_.revision},
                   self->releases_dir_ + "/" + self->incoming_dir(), [self](const StepOutcome& c) {
                     if (!c.ok())
                       return self->fail(DeployState::Failed, "checkout",
                                         "revision " + self->record_.revision + " " + c.describe());
                     self->resolve();
                   });
  });
}

void DeployPipeline::resolve() {
  auto self = shared_from_this();
  std::string dir = releases_dir_ + "/" + incoming_dir();
  run_step("resolve", {"git", "rev-parse", "--verify", "HEAD^{commit}"}, dir,
           [self, dir](const StepOutcome& o) {
             std::string sha = trim(o.output);
             if (!o.ok() || !is_commit_id(sha))
               return self->fail(DeployState::Failed, "resolve",
                                 "cannot tell which commit was fetched: " + o.describe());
             self->record_.commit = sha;
             std::string name = unused_release_name(self->app_.directory, now_usec(), sha);
             if (name.empty() ||
                 rename(dir.c_str(), release_path(self->app_.directory, name).c_str()) < 0)
               return self->fail(DeployState::Failed, "resolve",
                                 "cannot name the release: " + std::string(strerror(errno)));
             self->record_.release = name;
             self->progress_(self->record_);
             self->build(0);
           });
}

void DeployPipeline::build(size_t index) {
  if (index >= app_.build.steps.size()) return migrate();
  auto self = shared_from_this();
  std::string name = "build-" + std::to_string(index + 1);
  run_step(name, app_.build.steps[index], release_path(app_.directory, record_.release),
           [self, index, name](const StepOutcome& o) {
             if (!o.ok()) return self->fail(DeployState::Failed, name, name + " " + o.describe());
             self->build(index + 1);
           });
}

void DeployPipeline::migrate() {
  if (app_.build.migrate.empty() || record_.options.skip_migrations) return switch_release();
  auto self = shared_from_this();
  run_step("migrate", app_.build.migrate, release_path(app_.directory, record_.release),
           [self](const StepOutcome& o) {
             if (!o.ok()) return self->fail(DeployState::Failed, "migrate", "migrate " + o.describe());
             self->switch_release();
           });
}

void DeployPipeline::switch_release() {
  set_step("switch");
  std::string error;
  if (!switch_current(app_.directory, record_.release, error)) {
    finish_own_step(false, error);
    return fail(DeployState::Failed, "switch", error);
  }
  finish_own_step(true, record_.release);
  emit(EventKind::ReleaseSwitched, "switch", "", record_.release);
  auto self = shared_from_this();
  apply_units([self] {
    self->set_step("restart");
    self->restart([self](bool ok, std::string err) {
      self->finish_own_step(ok, err);
      if (!ok) return self->rollback(err);
      self->emit(EventKind::UnitsRestarted, "restart");
      self->gate();
    });
  });
}

void DeployPipeline::apply_units(std::function<void()> next) {
  std::string none;
  if (!deps_.units || unit_templates_dir(app_, *deps_.units, record_.release, none).empty()) return next();
  set_step("units");
  auto self = shared_from_this();
  units_ = UnitApplier::create(
      deps_.pid1, deps_.gate, *deps_.units, app_, record_.release,
      UnitApplier::Mode{.dry_run = false, .restart_and_gate = false},
      [self, next](const UnitApplyResult& r) {
        // Recorded when the release changed unit files (or could not).
        const size_t changed = r.plan.added.size() + r.plan.changed.size() + r.plan.removed.size();
        if (changed || !r.ok)
          self->finish_own_step(r.ok, r.ok ? std::to_string(changed) + " unit files changed" : r.error);
        if (!r.ok) return self->rollback("unit files: " + r.error);
        next();
      });
  units_->start();
}

void DeployPipeline::restart(std::function<void(bool ok, std::string error)> then) {
  run_unit_jobs(deps_.pid1, units_to_restart(app_), restart_job_kind(app_.restart_mode),
                [self = shared_from_this(), then](bool ok, std::string error) { then(ok, error); });
}

void DeployPipeline::gate() {
  set_step("health");
  auto self = shared_from_this();
  deps_.gate.check(gate_for(app_), [self](const GateResult& r) {
    self->finish_own_step(r.healthy, r.reason.empty() ? r.probe_detail : r.reason);
    self->emit(r.healthy ? EventKind::HealthPassed : EventKind::HealthFailed, "health",
               r.healthy ? "passed" : "failed", r.reason);
    if (!r.healthy) return self->rollback("health gate: " + r.reason);
    self->succeed();
  });
}

void DeployPipeline::succeed() {
  auto pruned = prune_releases(app_.directory, app_.keep_releases,
                               {record_.release, record_.previous_release});
  record_.state = DeployState::Succeeded;
  record_.finished_usec = now_usec();
  emit(EventKind::DeploySucceeded, record_.step, "succeeded");
  progress_(record_);
  done_(record_);
}

void DeployPipeline::rollback(std::string why) {
  std::string failed_step = record_.step;
  record_.error = why;
  if (record_.previous_release.empty())
    return fail(DeployState::RollbackFailed, failed_step,
                why + "; there is no previous release to roll back to");
  emit(EventKind::RollbackStarted, failed_step, "", why);
  step_started_usec_ = now_usec();
  std::string error;
  if (!switch_current(app_.directory, record_.previous_release, error)) {
    finish_own_step("rollback", false, error);
    return fail(DeployState::RollbackFailed, failed_step, why + "; switching back failed: " + error);
  }
  auto self = shared_from_this();
  if (!units_) return restart_previous(why, failed_step);
  // The unit files the release brought go too, before the restart.
  units_->revert([self, why, failed_step](bool ok, std::string err) {
    if (!ok) {
      self->finish_own_step("rollback", false, err);
      return self->fail(DeployState::RollbackFailed, failed_step,
                        why + "; restoring the previous unit files failed: " + err);
    }
    self->restart_previous(why, failed_step);
  });
}

void DeployPipeline::restart_previous(const std::string& why, const std::string& failed_step) {
  auto self = shared_from_this();
  restart([self, why, failed_step](bool ok, std::string err) {
    if (!ok) {
      self->finish_own_step("rollback", false, err);
      return self->fail(DeployState::RollbackFailed, failed_step,
                        why + "; restarting the previous release failed: " + err);
    }
    self->deps_.gate.check(gate_for(self->app_), [self, why, failed_step](const GateResult& r) {
      self->finish_own_step("rollback", r.healthy, r.healthy ? self->record_.previous_release : r.reason);
      if (!r.healthy)
        return self->fail(DeployState::RollbackFailed, failed_step,
                          why + "; the previous release is unhealthy too: " + r.reason);
      self->fail(DeployState::RolledBack, failed_step,
                 why + "; rolled back to " + self->record_.previous_release);
    });
  });
}

void DeployPipeline::fail(DeployState state, std::string step, std::string error) {
  if (std::string cleanup; !remove_incoming(cleanup)) error += "; " + cleanup;
  record_.state = state;
  record_.step = std::move(step);
  record_.error = std::move(error);
  record_.finished_usec = now_usec();
  EventKind kind = state == DeployState::RolledBack       ? EventKind::RollbackSucceeded
                   : state == DeployState::RollbackFailed ? EventKind::RollbackFailed
                                                          : EventKind::DeployFailed;
  emit(kind, record_.step, std::string(deploy_state_name(state)), record_.error);
  progress_(record_);
  done_(record_);
}

}  // namespace hoist
