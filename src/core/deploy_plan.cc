#include "core/deploy_plan.hh"

#include "core/deploy_pipeline.hh"

namespace hoist {
namespace {

// "30 s", "1.5 s", "250 ms".
std::string seconds(uint64_t usec) {
  if (usec % 1000000 == 0) return std::to_string(usec / 1000000) + " s";
  if (usec < 1000000) return std::to_string(usec / 1000) + " ms";
  return std::to_string(usec / 1000000) + "." + std::to_string(usec % 1000000 / 100000) + " s";
}

std::string join_argv(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) {
    if (!s.empty()) s += ' ';
    bool plain = !a.empty() && a.find_first_of(" \t\n'\"\\$`;&|<>*?") == std::string::npos;
    s += plain ? a : "'" + a + "'";
  }
  return s;
}

std::string join(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

}  // namespace

std::string describe_health(const AppConfig& app) {
  const HealthConfig& h = app.health;
  std::string units = "units active: " + join(app.units);
  std::string probe;
  switch (h.probe) {
    case HealthConfig::Probe::Http: probe = "HTTP GET " + h.url; break;
    case HealthConfig::Probe::Tcp: probe = "TCP connect " + h.tcp; break;
    case HealthConfig::Probe::Exec: probe = "command " + join_argv(h.exec); break;
    case HealthConfig::Probe::None: return units + ", stable for " + seconds(h.stabilize_usec);
  }
  return units + "; " + probe + ", " + seconds(h.timeout_usec) + " x " + std::to_string(h.retries) +
         ", stable for " + seconds(h.stabilize_usec);
}

PlanStep restart_step(const AppConfig& app) {
  auto units = units_to_restart(app);
  return {"restart", units.empty() ? "no services to restart"
                                   : join(units) + " (" +
                                         std::string(restart_mode_name(app.restart_mode)) + ")"};
}

std::vector<PlanStep> deploy_plan(const AppConfig& app, const std::string& revision,
                                  const DeployOptions& options) {
  std::vector<PlanStep> plan;
  const std::string as = " (as " + app.user + ")";
  if (!options.force)
    plan.push_back({"precheck", "check that the app is healthy before (skipped before its first "
                                "release): " + describe_health(app)});
  std::string clone = "git clone --quiet ";
  if (revision.empty()) clone += "--branch " + app.branch + " --single-branch ";
  plan.push_back({"fetch", clone + "-- " + app.repository + as});
  if (!revision.empty())
    plan.push_back({"checkout", "git checkout --detach " + revision + as});
  plan.push_back({"resolve", "git rev-parse HEAD; the release becomes " + app.directory +
                                 "/releases/STAMP-COMMIT"});
  for (size_t i = 0; i < app.build.steps.size(); i++)
    plan.push_back({"build-" + std::to_string(i + 1), join_argv(app.build.steps[i]) + as});
  if (!app.build.migrate.empty())
    plan.push_back({"migrate", options.skip_migrations ? "skipped (--skip-migrations)"
                                                       : join_argv(app.build.migrate) + as});
  plan.push_back({"switch", app.directory + "/current -> the new release"});
  plan.push_back(restart_step(app));
  plan.push_back({"health", describe_health(app)});
  plan.push_back({"prune", "keep the newest " + std::to_string(app.keep_releases) +
                               " releases and the one replaced"});
  return plan;
}

}  // namespace hoist
