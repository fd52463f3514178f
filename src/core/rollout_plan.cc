#include "core/rollout_plan.hh"

#include "core/json_object.hh"

namespace hoist {

bool rollout_deploys(const AppConfig& app, const RolloutOptions& options) {
  return options.deploy && app.has_repository();
}

std::vector<PlanStep> rollout_app_plan(const AppConfig& app, const RolloutOptions& options) {
  std::vector<PlanStep> plan;
  plan.push_back({"precheck", options.force
                                  ? "check, go on even if unhealthy (--force): " + describe_health(app)
                                  : "check before any app restarts, abort the rollout if unhealthy: " +
                                        describe_health(app)});
  plan.push_back({"backup", "copy the unit files and drop-ins of the app's units"});
  if (rollout_deploys(app, options)) {
    DeployOptions deploy;
    deploy.force = true;  // checked above
    deploy.skip_migrations = options.skip_migrations;
    for (auto& step : deploy_plan(app, "", deploy)) {
      step.step = "deploy " + step.step;
      plan.push_back(std::move(step));
    }
  } else {
    PlanStep restart = restart_step(app);
    restart.description += ", except units systemd restarted itself in this rollout";
    plan.push_back(std::move(restart));
    plan.push_back({"health", describe_health(app)});
  }
  return plan;
}

JsonNodePtr rollout_plan_json(const RolloutGraph& graph,
                              const std::map<std::string, AppConfig>& configs,
                              const RolloutOptions& options) {
  JsonObjectWriter w;
  w.node("apps", json_string_array(graph.apps()));
  w.boolean("deploy", options.deploy);
  w.integer("max_parallel", options.max_parallel);
  auto app_node = [&](const std::string& name) {
    const AppConfig& config = configs.at(name);
    JsonObjectWriter a;
    a.string("app", name);
    a.node("depends_on", json_string_array(graph.dependencies(name)));
    a.string("action", rollout_deploys(config, options) ? "deploy" : "restart");
    a.node("units", json_string_array(config.units));
    a.node("steps", json_array_of(rollout_app_plan(config, options), [](const PlanStep& s) {
             JsonObjectWriter step;
             step.string("step", s.step);
             step.string("description", s.description);
             return step.node();
           }));
    return a.node();
  };
  w.node("waves", json_array_of(graph.waves(), [&](const std::vector<std::string>& wave) {
           return json_array_of(wave, app_node);
         }));
  return w.node();
}

}  // namespace hoist
