// RolloutScheduler: apps start as soon as what they wait for is healthy, at
// most max_parallel in flight, nothing new after a failure or a cancel, and
// the failed app's dependents named for a restart. Rollouts are simulated
// with a clock and each app's duration.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/rollout_scheduler.hh"
#include "rollout_graphs.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

using Names = std::vector<std::string>;

RolloutGraph graph_of(const AppDeps& apps, const std::vector<RolloutEdge>& unit_edges = {}) {
  const auto configs = app_configs(apps);
  return RolloutGraph(app_names(configs), configs, unit_edges);
}

struct Run {
  std::map<std::string, uint64_t> started;   // app → when it started
  std::map<std::string, uint64_t> finished;  // app → when it finished
  Names start_order;
  unsigned most_in_flight = 0;
  uint64_t wall_time = 0;
};

// Runs a rollout to its end: each app takes its duration and is healthy
// unless named in failing; the one finishing first is reported first (by
// name at the same time).
Run simulate(RolloutScheduler& s, const std::map<std::string, uint64_t>& durations,
             const std::set<std::string>& failing = {}) {
  Run run;
  std::set<std::pair<uint64_t, std::string>> in_flight;  // (finish time, app)
  uint64_t now = 0;
  auto launch = [&](const Names& apps) {
    for (const auto& app : apps) {
      EXPECT_EQ(s.state(app), RolloutAppState::Running) << app;
      EXPECT_FALSE(run.started.count(app)) << app << " started twice";
      run.started[app] = now;
      run.start_order.push_back(app);
      in_flight.emplace(now + durations.at(app), app);
    }
    run.most_in_flight = std::max(run.most_in_flight, static_cast<unsigned>(in_flight.size()));
  };
  launch(s.start());
  while (!in_flight.empty()) {
    EXPECT_FALSE(s.done());
    const auto next = *in_flight.begin();
    in_flight.erase(in_flight.begin());
    now = next.first;
    run.finished[next.second] = now;
    launch(s.finished(next.second, !failing.count(next.second)));
  }
  run.wall_time = now;
  EXPECT_TRUE(s.done());
  return run;
}

// Every app started only after each app it waits for finished.
void expect_dependency_order(const RolloutGraph& g, const Run& run) {
  for (const auto& entry : run.started)
    for (const auto& dep : g.dependencies(entry.first)) {
      ASSERT_TRUE(run.finished.count(dep)) << entry.first << " started before " << dep << " finished";
      EXPECT_LE(run.finished.at(dep), entry.second) << entry.first << " waits for " << dep;
    }
}

// The platform rolled out with every app healthy, checked for order.
Run platform_rollout(unsigned max_parallel) {
  const auto g = platform_graph();
  RolloutScheduler s(g, max_parallel);
  auto run = simulate(s, platform_durations());
  EXPECT_TRUE(s.succeeded());
  EXPECT_EQ(run.start_order.size(), 13u);
  expect_dependency_order(g, run);
  return run;
}

}  // namespace

TEST(RolloutScheduler, StateNames) {
  EXPECT_EQ(rollout_app_state_name(RolloutAppState::Waiting), "waiting");
  EXPECT_EQ(rollout_app_state_name(RolloutAppState::Running), "running");
  EXPECT_EQ(rollout_app_state_name(RolloutAppState::Succeeded), "succeeded");
  EXPECT_EQ(rollout_app_state_name(RolloutAppState::Failed), "failed");
  EXPECT_EQ(rollout_app_state_name(RolloutAppState::Skipped), "skipped");
}

TEST(RolloutScheduler, ChainOneAfterTheOther) {
  RolloutScheduler s(graph_of({{"web", {"api"}}, {"api", {"db"}}, {"db", {}}}), 0);
  EXPECT_FALSE(s.done()) << "not started yet";
  EXPECT_EQ(s.state("web"), RolloutAppState::Waiting);
  EXPECT_EQ(s.start(), Names{"db"});
  EXPECT_TRUE(s.start().empty()) << "only the first call starts";
  EXPECT_EQ(s.running(), Names{"db"});
  EXPECT_EQ(s.finished("db", true), Names{"api"});
  EXPECT_EQ(s.finished("api", true), Names{"web"});
  EXPECT_FALSE(s.done());
  EXPECT_TRUE(s.finished("web", true).empty());
  EXPECT_TRUE(s.done());
  EXPECT_TRUE(s.succeeded());
  EXPECT_EQ(s.failed_app(), "");
  for (const auto& entry : s.states()) EXPECT_EQ(entry.second, RolloutAppState::Succeeded);
}

TEST(RolloutScheduler, DiamondTopWaitsForBothSides) {
  RolloutScheduler s(graph_of({{"top", {"left", "right"}}, {"left", {"base"}},
                               {"right", {"base"}}, {"base", {}}}),
                     0);
  EXPECT_EQ(s.start(), Names{"base"});
  EXPECT_EQ(s.finished("base", true), (Names{"left", "right"}));
  EXPECT_TRUE(s.finished("right", true).empty()) << "top still waits for left";
  EXPECT_EQ(s.state("top"), RolloutAppState::Waiting);
  EXPECT_EQ(s.finished("left", true), Names{"top"});
}

TEST(RolloutScheduler, AnAppStartsWhileASlowerAppOfTheSameDepthRuns) {
  RolloutScheduler s(graph_of({{"fast", {}}, {"slow", {}}, {"after-fast", {"fast"}},
                               {"after-slow", {"slow"}}}),
                     0);
  EXPECT_EQ(s.start(), (Names{"fast", "slow"}));
  EXPECT_EQ(s.finished("fast", true), Names{"after-fast"}) << "no waiting for the whole wave";
  EXPECT_EQ(s.state("slow"), RolloutAppState::Running);
  EXPECT_EQ(s.finished("slow", true), Names{"after-slow"});
}

TEST(RolloutScheduler, UnlimitedTakesTheCriticalPath) {
  const auto g = platform_graph();
  const auto run = platform_rollout(0);
  EXPECT_EQ(run.wall_time, g.critical_path(platform_durations()).length);
  EXPECT_EQ(run.wall_time, 35u);
  // Each app starts the moment the last app it waits for is healthy.
  for (const auto& entry : run.started) {
    uint64_t ready = 0;
    for (const auto& dep : g.dependencies(entry.first)) ready = std::max(ready, run.finished.at(dep));
    EXPECT_EQ(entry.second, ready) << entry.first;
  }
  // api (wave 2) starts at 15 while search (wave 1) runs until 30.
  EXPECT_EQ(run.started.at("api"), 15u);
  EXPECT_EQ(run.finished.at("search"), 30u);
  EXPECT_EQ(run.most_in_flight, 4u);
}

TEST(RolloutScheduler, MaxParallelOneSerialisesInDependencyOrder) {
  const auto run = platform_rollout(1);
  EXPECT_EQ(run.most_in_flight, 1u);
  EXPECT_EQ(run.wall_time, platform_graph().sequential_time(platform_durations()));
  // The first ready app by name each time.
  EXPECT_EQ(run.start_order, (Names{"cache", "db", "auth", "api", "admin", "metrics", "queue",
                                    "mailer", "search", "web", "gateway", "worker", "notifier"}));
}

TEST(RolloutScheduler, MaxParallelTwoNeverExceedsTwo) {
  const auto g = platform_graph();
  const auto durations = platform_durations();
  RolloutScheduler s(g, 2);
  EXPECT_EQ(s.start(), (Names{"cache", "db"}));
  const auto run = platform_rollout(2);
  EXPECT_EQ(run.most_in_flight, 2u);
  EXPECT_GE(run.wall_time, g.critical_path(durations).length);
  EXPECT_LT(run.wall_time, g.sequential_time(durations));
}

TEST(RolloutScheduler, AFreedSlotGoesToTheFirstReadyAppByName) {
  RolloutScheduler s(graph_of({{"a", {}}, {"b", {}}, {"c", {}}, {"d", {"a"}}}), 2);
  EXPECT_EQ(s.start(), (Names{"a", "b"}));
  EXPECT_EQ(s.state("c"), RolloutAppState::Waiting) << "ready, but no slot";
  EXPECT_EQ(s.finished("a", true), Names{"c"}) << "c comes before d";
  EXPECT_EQ(s.finished("b", true), Names{"d"});
  EXPECT_TRUE(s.finished("c", true).empty());
  EXPECT_TRUE(s.finished("d", true).empty());
  EXPECT_TRUE(s.succeeded());
}

TEST(RolloutScheduler, UnitEdgesAddOrder) {
  RolloutScheduler s(graph_of({{"api", {}}, {"web", {}}}, {{"web", "api"}}), 0);
  EXPECT_EQ(s.start(), Names{"api"});
  EXPECT_EQ(s.finished("api", true), Names{"web"});
}

TEST(RolloutScheduler, EdgesToAppsOutsideTheSelectionDoNotWait) {
  const auto configs = app_configs({{"db", {}}, {"api", {"db"}}, {"web", {"api"}}});
  RolloutScheduler s(RolloutGraph({"web", "api"}, configs, {{"api", "db"}}), 0);
  EXPECT_EQ(s.start(), Names{"api"}) << "db is taken as healthy";
  EXPECT_EQ(s.state("db"), RolloutAppState::Skipped) << "db is not part of the rollout";
  EXPECT_EQ(s.states().size(), 2u);
}

TEST(RolloutScheduler, FailureInTheMiddleStopsNewStartsAndNamesTheDependents) {
  const auto g = platform_graph();
  RolloutScheduler s(g, 0);
  const auto run = simulate(s, platform_durations(), {"api"});
  EXPECT_TRUE(s.done());
  EXPECT_FALSE(s.succeeded());
  EXPECT_EQ(s.failed_app(), "api");
  EXPECT_EQ(s.failed_apps(), Names{"api"});
  EXPECT_EQ(run.finished.at("api"), 23u);
  // In flight when api failed, they still finished.
  EXPECT_EQ(s.state("search"), RolloutAppState::Succeeded);
  EXPECT_EQ(s.state("metrics"), RolloutAppState::Succeeded);
  EXPECT_EQ(run.finished.at("metrics"), 30u);
  // Nothing started after the failure.
  for (const auto& app : {"admin", "web", "gateway"}) {
    EXPECT_EQ(s.state(app), RolloutAppState::Skipped) << app;
    EXPECT_FALSE(run.started.count(app)) << app;
  }
  EXPECT_EQ(s.dependents_to_restart("api"), (Names{"admin", "web", "gateway"}));
  EXPECT_TRUE(s.dependents_to_restart("metrics").empty());
}

TEST(RolloutScheduler, AfterAFailureInFlightAppsFinishButNothingStarts) {
  RolloutScheduler s(graph_of({{"db", {}}, {"cache", {}}, {"api", {"db"}}, {"web", {"api"}},
                               {"warm", {"cache"}}}),
                     0);
  EXPECT_EQ(s.start(), (Names{"cache", "db"}));
  EXPECT_TRUE(s.finished("db", false).empty());
  EXPECT_EQ(s.failed_app(), "db");
  EXPECT_FALSE(s.done()) << "cache is still in flight";
  EXPECT_EQ(s.state("api"), RolloutAppState::Skipped);
  EXPECT_EQ(s.state("warm"), RolloutAppState::Skipped) << "unrelated, but nothing new starts";
  EXPECT_TRUE(s.finished("cache", true).empty());
  EXPECT_EQ(s.state("cache"), RolloutAppState::Succeeded);
  EXPECT_TRUE(s.done());
  EXPECT_EQ(s.dependents_to_restart("db"), (Names{"api", "web"}));
}

TEST(RolloutScheduler, EveryFailureIsKept) {
  RolloutScheduler s(graph_of({{"a", {}}, {"b", {}}, {"c", {}}}), 0);
  EXPECT_EQ(s.start(), (Names{"a", "b", "c"}));
  s.finished("b", false);
  s.finished("a", false);
  s.finished("c", true);
  EXPECT_TRUE(s.done());
  EXPECT_EQ(s.failed_app(), "b");
  EXPECT_EQ(s.failed_apps(), (Names{"b", "a"}));
}

TEST(RolloutScheduler, CancelLetsRunningAppsFinish) {
  RolloutScheduler s(graph_of({{"db", {}}, {"api", {"db"}}, {"cron", {}}}), 1);
  EXPECT_EQ(s.start(), Names{"cron"});
  s.cancel();
  EXPECT_TRUE(s.cancelled());
  EXPECT_FALSE(s.done());
  EXPECT_EQ(s.state("db"), RolloutAppState::Skipped);
  EXPECT_TRUE(s.finished("cron", true).empty()) << "the free slot stays free";
  EXPECT_TRUE(s.done());
  EXPECT_FALSE(s.succeeded());
  EXPECT_EQ(s.failed_app(), "");
  EXPECT_EQ(s.state("cron"), RolloutAppState::Succeeded);
}

TEST(RolloutScheduler, CancelBeforeStartStartsNothing) {
  RolloutScheduler s(graph_of({{"db", {}}}), 0);
  s.cancel();
  EXPECT_TRUE(s.done()) << "a rollout cancelled before it started (a failed pre-check) is over";
  EXPECT_TRUE(s.start().empty());
  EXPECT_TRUE(s.done());
  EXPECT_EQ(s.state("db"), RolloutAppState::Skipped);
}

TEST(RolloutScheduler, ResultsOfAppsNotRunningAreIgnored) {
  RolloutScheduler s(graph_of({{"db", {}}, {"api", {"db"}}}), 0);
  EXPECT_TRUE(s.finished("db", true).empty()) << "not started yet";
  EXPECT_EQ(s.start(), Names{"db"});
  EXPECT_TRUE(s.finished("api", true).empty()) << "api is waiting";
  EXPECT_TRUE(s.finished("ghost", false).empty());
  EXPECT_EQ(s.failed_app(), "");
  EXPECT_EQ(s.finished("db", true), Names{"api"});
  EXPECT_TRUE(s.finished("db", false).empty()) << "a second result for db";
  EXPECT_EQ(s.state("db"), RolloutAppState::Succeeded);
}

TEST(RolloutScheduler, ARefusedGraphStartsNothing) {
  RolloutScheduler s(graph_of({{"a", {"b"}}, {"b", {"a"}}, {"c", {}}}), 0);
  EXPECT_TRUE(s.start().empty());
  EXPECT_TRUE(s.done());
  EXPECT_TRUE(s.cancelled());
  EXPECT_FALSE(s.succeeded());
  for (const auto& entry : s.states()) EXPECT_EQ(entry.second, RolloutAppState::Skipped);
}

TEST(RolloutScheduler, EmptyRolloutIsDoneOnceStarted) {
  RolloutScheduler s(RolloutGraph({}, {}, {}), 0);
  EXPECT_FALSE(s.done());
  EXPECT_TRUE(s.start().empty());
  EXPECT_TRUE(s.done());
  EXPECT_TRUE(s.succeeded());
}
