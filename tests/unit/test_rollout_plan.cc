// What orders a rollout and what its dry run shows: the edges the units'
// own dependencies make between apps (as PID 1 reports them), and the plan
// (waves, per app its action, units and steps).
#include <gtest/gtest.h>

#include "core/json_object.hh"
#include "core/rollout_plan.hh"
#include "core/rollout_units.hh"
#include "rollout_graphs.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

RolloutUnits units_of(std::initializer_list<std::pair<std::string, std::string>> unit_apps) {
  RolloutUnits units;
  for (const auto& [unit, app] : unit_apps) units[unit].app = app;
  return units;
}

}  // namespace

TEST(RolloutUnitEdges, DependenciesBetweenAppsOrderThem) {
  RolloutUnits units = units_of({{"api.service", "api"}, {"api.socket", "api"},
                                 {"db.service", "db"}, {"cache.service", "cache"},
                                 {"web.service", "web"}, {"log.service", "log"}});
  units["api.service"].dependencies["After"] = {"db.service", "api.socket", "network.target"};
  units["api.service"].dependencies["Requires"] = {"db.service"};
  units["cache.service"].dependencies["Before"] = {"web.service"};
  units["web.service"].dependencies["PartOf"] = {"api.service"};
  units["web.service"].dependencies["Wants"] = {"log.service"};
  units["log.service"].dependencies["BindsTo"] = {"db.service"};
  const std::vector<RolloutEdge> expected = {
      {"api", "db"},   // After= and Requires= once; api.socket is its own app's
      {"log", "db"},   // BindsTo=
      {"web", "api"},  // PartOf=
      {"web", "cache"},  // cache's Before= is web's After=
      {"web", "log"},  // Wants=
  };
  EXPECT_EQ(rollout_unit_edges(units), expected);
}

TEST(RolloutUnitEdges, UnitsOfNoSelectedAppDoNotCount) {
  RolloutUnits units = units_of({{"api.service", "api"}});
  units["api.service"].dependencies["After"] = {"postgresql.service", "basic.target"};
  EXPECT_TRUE(rollout_unit_edges(units).empty());
}

TEST(RolloutPlan, ShowsWavesActionsUnitsAndSteps) {
  auto configs = app_configs({{"db", {}}, {"api", {"+db"}}, {"web", {"api"}}});
  configs["api"].repository = "https://git.example.org/api.git";
  configs["api"].units = {"api.service", "api.socket"};
  RolloutOptions options;
  options.deploy = true;
  options.max_parallel = 3;
  const RolloutGraph graph(app_names(configs), configs, {});
  const JsonNodePtr plan = rollout_plan_json(graph, configs, options);
  const JsonObjectReader r(json_node_get_object(plan.get()));
  EXPECT_TRUE(r.boolean("deploy"));
  EXPECT_EQ(r.integer("max_parallel"), 3);
  EXPECT_EQ(json_array_get_length(r.array("apps")), 3u);
  JsonArray* waves = r.array("waves");
  ASSERT_EQ(json_array_get_length(waves), 3u);
  auto app_at = [&](guint wave) {
    JsonArray* w = json_array_get_array_element(waves, wave);
    EXPECT_EQ(json_array_get_length(w), 1u);
    return json_array_get_object_element(w, 0);
  };
  const JsonObjectReader db(app_at(0));
  EXPECT_EQ(db.string("app"), "db");
  EXPECT_EQ(db.string("action"), "restart") << "without a Repository= an app is restarted";
  const JsonObjectReader api(app_at(1));
  EXPECT_EQ(api.string("app"), "api");
  EXPECT_EQ(api.string("action"), "deploy");
  EXPECT_EQ(json_array_get_length(api.array("units")), 2u);
  EXPECT_EQ(json_array_get_string_element(api.array("depends_on"), 0), std::string("db"));
  const JsonObjectReader web(app_at(2));
  EXPECT_EQ(json_array_get_string_element(web.array("depends_on"), 0), std::string("api"));
}

TEST(RolloutPlan, StepsOfARestartAndOfADeploy) {
  auto configs = app_configs({{"api", {}}});
  AppConfig& api = configs["api"];
  api.restart_mode = RestartMode::ReloadOrRestart;
  RolloutOptions options;
  auto steps = rollout_app_plan(api, options);
  std::vector<std::string> names;
  for (const auto& s : steps) names.push_back(s.step);
  EXPECT_EQ(names, (std::vector<std::string>{"precheck", "backup", "restart", "health"}));
  EXPECT_NE(steps[2].description.find("api.service (reload-or-restart)"), std::string::npos)
      << steps[2].description;
  EXPECT_NE(steps[0].description.find("abort"), std::string::npos) << steps[0].description;
  options.force = true;
  EXPECT_NE(rollout_app_plan(api, options)[0].description.find("--force"), std::string::npos);

  api.repository = "/srv/git/api.git";
  options.deploy = true;
  options.skip_migrations = true;
  api.build.migrate = {"./migrate"};
  names.clear();
  for (const auto& s : rollout_app_plan(api, options)) names.push_back(s.step);
  EXPECT_EQ(names, (std::vector<std::string>{"precheck", "backup", "deploy fetch", "deploy resolve",
                                             "deploy migrate", "deploy switch", "deploy restart",
                                             "deploy health", "deploy prune"}))
      << "the deploy's own precheck is the rollout's";
}
