// deploy_plan(): what --dry-run shows, in the pipeline's order.
#include <gtest/gtest.h>

#include "core/deploy_plan.hh"

using namespace hoist;

namespace {

AppConfig web() {
  AppConfig a;
  a.name = "web";
  a.units = {"web.socket", "web.service"};
  a.repository = "/srv/git/web.git";
  a.user = "web";
  a.directory = "/srv/hoist/web";
  a.build.steps = {{"make"}, {"sh", "-c", "echo built > out"}};
  a.build.migrate = {"./migrate", "--up"};
  a.health.probe = HealthConfig::Probe::Http;
  a.health.url = "http://127.0.0.1:8080/healthz";
  return a;
}

std::vector<std::string> steps(const std::vector<PlanStep>& plan) {
  std::vector<std::string> out;
  for (const auto& s : plan) out.push_back(s.step);
  return out;
}

}  // namespace

TEST(DeployPlan, ListsEveryStepInOrder) {
  auto plan = deploy_plan(web(), "", {});
  EXPECT_EQ(steps(plan), (std::vector<std::string>{"precheck", "fetch", "resolve", "build-1", "build-2",
                                                   "migrate", "switch", "restart", "health", "prune"}));
  EXPECT_EQ(plan[1].description, "git clone --quiet --branch main --single-branch -- /srv/git/web.git (as web)");
  EXPECT_EQ(plan[4].description, "sh -c 'echo built > out' (as web)");
  EXPECT_EQ(plan[5].description, "./migrate --up (as web)");
  EXPECT_EQ(plan[7].description, "web.service (restart)") << "sockets are never restarted";
  EXPECT_EQ(plan[8].description,
            "units active: web.socket, web.service; HTTP GET http://127.0.0.1:8080/healthz, 30 s x 3, "
            "stable for 30 s");
}

TEST(DeployPlan, RevisionForceAndSkippedMigrations) {
  DeployOptions o;
  o.force = true;
  o.skip_migrations = true;
  auto plan = deploy_plan(web(), "v1.2", o);
  EXPECT_EQ(steps(plan), (std::vector<std::string>{"fetch", "checkout", "resolve", "build-1", "build-2",
                                                   "migrate", "switch", "restart", "health", "prune"}));
  EXPECT_EQ(plan[0].description, "git clone --quiet -- /srv/git/web.git (as web)");
  EXPECT_EQ(plan[1].description, "git checkout --detach v1.2 (as web)");
  EXPECT_EQ(plan[5].description, "skipped (--skip-migrations)");
}

TEST(DeployPlan, HealthInWords) {
  AppConfig a = web();
  a.health.probe = HealthConfig::Probe::None;
  a.health.stabilize_usec = 1500000;
  EXPECT_EQ(describe_health(a), "units active: web.socket, web.service, stable for 1.5 s");
  a.health.probe = HealthConfig::Probe::Tcp;
  a.health.tcp = "[::1]:5432";
  a.health.timeout_usec = 250000;
  EXPECT_EQ(describe_health(a),
            "units active: web.socket, web.service; TCP connect [::1]:5432, 250 ms x 3, stable for 1.5 s");
}
