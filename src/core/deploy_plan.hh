// What a deploy or a rollback of an app would do, step by step, for
// `hoistctl deploy --dry-run` (D-Bus PlanDeploy): pure, changes nothing.
#pragma once

#include <string>
#include <vector>

#include "core/app_config.hh"
#include "core/deploy_record.hh"

namespace hoist {

struct PlanStep {
  std::string step;         // "fetch", "build-1", "migrate", "switch", "restart", "health", ...
  std::string description;  // for people: the command, the units, the probe

  bool operator==(const PlanStep&) const = default;
};

// The steps of a deploy of app at revision ("" for the head of Branch=) in
// the order the pipeline (deploy_pipeline.hh) runs them.
std::vector<PlanStep> deploy_plan(const AppConfig& app, const std::string& revision,
                                  const DeployOptions& options);

// The restart step: "api.service, worker.service (reload-or-restart)".
PlanStep restart_step(const AppConfig& app);

// "HTTP GET http://127.0.0.1:8080/healthz, 30 s x 3, stable for 30 s": the
// health gate of app in words.
std::string describe_health(const AppConfig& app);

}  // namespace hoist
