// RolloutGraph: dependencies from After=/Requires= and unit edges between
// selected apps, cycles refused with their members named, waves, and the
// critical path against the sequential sum.
#include <gtest/gtest.h>

#include "core/rollout_graph.hh"
#include "rollout_graphs.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

using Names = std::vector<std::string>;
using Waves = std::vector<Names>;

RolloutGraph graph_of(const AppDeps& apps, const std::vector<RolloutEdge>& unit_edges = {}) {
  const auto configs = app_configs(apps);
  return RolloutGraph(app_names(configs), configs, unit_edges);
}

}  // namespace

TEST(RolloutGraph, ChainRunsFromTheBottomUp) {
  const auto g = graph_of({{"web", {"api"}}, {"api", {"+db"}}, {"db", {}}});
  EXPECT_EQ(g.apps(), (Names{"api", "db", "web"}));
  EXPECT_EQ(g.dependencies("web"), Names{"api"});
  EXPECT_EQ(g.dependencies("api"), Names{"db"}) << "Requires= orders like After=";
  EXPECT_TRUE(g.dependencies("db").empty());
  EXPECT_EQ(g.dependents("db"), Names{"api"});
  EXPECT_TRUE(g.dependents("web").empty());
  EXPECT_EQ(g.transitive_dependents("db"), (Names{"api", "web"}));
  EXPECT_EQ(g.waves(), (Waves{{"db"}, {"api"}, {"web"}}));
  EXPECT_TRUE(g.cycle().empty());
  EXPECT_EQ(g.refusal(), "");
}

TEST(RolloutGraph, Diamond) {
  const auto g = graph_of({{"top", {"left", "right"}}, {"left", {"base"}}, {"right", {"base"}},
                           {"base", {}}});
  EXPECT_EQ(g.dependencies("top"), (Names{"left", "right"}));
  EXPECT_EQ(g.dependents("base"), (Names{"left", "right"}));
  EXPECT_EQ(g.waves(), (Waves{{"base"}, {"left", "right"}, {"top"}}));
  EXPECT_EQ(g.transitive_dependents("base"), (Names{"left", "right", "top"}))
      << "top once, after both of its dependencies";
  EXPECT_EQ(g.transitive_dependents("left"), Names{"top"});
}

TEST(RolloutGraph, FanOutAndFanIn) {
  const auto g = graph_of({{"db", {}},
                           {"a", {"db"}},
                           {"b", {"db"}},
                           {"c", {"db"}},
                           {"d", {"db"}},
                           {"edge", {"a", "b", "c", "d"}}});
  EXPECT_EQ(g.dependents("db"), (Names{"a", "b", "c", "d"}));
  EXPECT_EQ(g.dependencies("edge"), (Names{"a", "b", "c", "d"}));
  EXPECT_EQ(g.waves(), (Waves{{"db"}, {"a", "b", "c", "d"}, {"edge"}}));
}

TEST(RolloutGraph, WaveIsTheLongestChainFromARoot) {
  // late waits for db directly and through a chain: it belongs after the chain.
  const auto g = graph_of({{"db", {}}, {"a", {"db"}}, {"b", {"a"}}, {"late", {"db", "b"}}});
  EXPECT_EQ(g.waves(), (Waves{{"db"}, {"a"}, {"b"}, {"late"}}));
}

TEST(RolloutGraph, PlatformOfThirteenApps) {
  const auto g = platform_graph();
  EXPECT_EQ(g.apps().size(), 13u);
  EXPECT_EQ(g.refusal(), "");
  EXPECT_EQ(g.waves(), (Waves{{"cache", "db", "metrics", "queue"},
                              {"auth", "mailer", "search", "worker"},
                              {"api", "notifier"},
                              {"admin", "web"},
                              {"gateway"}}));
  EXPECT_EQ(g.dependencies("api"), (Names{"auth", "cache", "db"}));
  EXPECT_EQ(g.dependents("api"), (Names{"admin", "web"}));
  EXPECT_EQ(g.dependents("auth"), (Names{"admin", "api"}));
  EXPECT_EQ(g.transitive_dependents("db"),
            (Names{"auth", "search", "worker", "api", "notifier", "admin", "web", "gateway"}));
  EXPECT_TRUE(g.transitive_dependents("metrics").empty());
}

TEST(RolloutGraph, UnitEdgesAddOrder) {
  const auto without = graph_of({{"api", {}}, {"web", {}}});
  EXPECT_EQ(without.waves(), (Waves{{"api", "web"}}));

  const auto with = graph_of({{"api", {}}, {"web", {}}}, {{"web", "api"}});
  EXPECT_EQ(with.dependencies("web"), Names{"api"});
  EXPECT_EQ(with.dependents("api"), Names{"web"});
  EXPECT_EQ(with.waves(), (Waves{{"api"}, {"web"}}));
}

TEST(RolloutGraph, AnEdgeNamedTwiceCountsOnce) {
  const auto g = graph_of({{"api", {}}, {"web", {"api", "+api"}}}, {{"web", "api"}, {"web", "api"}});
  EXPECT_EQ(g.dependencies("web"), Names{"api"});
  EXPECT_EQ(g.dependents("api"), Names{"web"});
}

TEST(RolloutGraph, EdgesToAppsOutsideTheSelectionAreIgnored) {
  const auto configs = app_configs({{"db", {}}, {"api", {"db"}}, {"web", {"api"}}, {"cron", {}}});
  const RolloutGraph g({"web", "cron", "db"}, configs, {{"cron", "api"}, {"api", "cron"}});
  EXPECT_EQ(g.apps(), (Names{"cron", "db", "web"}));
  EXPECT_TRUE(g.dependencies("web").empty()) << "api is not rolled out: taken as healthy";
  EXPECT_TRUE(g.dependents("db").empty()) << "not through api either";
  EXPECT_TRUE(g.dependencies("cron").empty());
  EXPECT_TRUE(g.dependencies("api").empty()) << "api is not in the graph";
  EXPECT_FALSE(g.contains("api"));
  EXPECT_EQ(g.waves(), (Waves{{"cron", "db", "web"}}));
  EXPECT_EQ(g.refusal(), "");
}

TEST(RolloutGraph, ASelectedAppNamedTwiceCountsOnce) {
  const auto configs = app_configs({{"db", {}}, {"api", {"db"}}});
  const RolloutGraph g({"api", "db", "api"}, configs, {});
  EXPECT_EQ(g.apps(), (Names{"api", "db"}));
  EXPECT_EQ(g.waves(), (Waves{{"db"}, {"api"}}));
}

TEST(RolloutGraph, UnknownAppIsRefused) {
  const auto configs = app_configs({{"db", {}}});
  const RolloutGraph g({"db", "ghost"}, configs, {});
  EXPECT_EQ(g.unknown_apps(), Names{"ghost"});
  EXPECT_EQ(g.refusal(), "no app named \"ghost\"");
}

TEST(RolloutGraph, TwoCycleIsRefusedWithItsMembers) {
  const auto g = graph_of({{"a", {"b"}}, {"b", {"+a"}}, {"c", {}}});
  EXPECT_EQ(g.cycle(), (Names{"a", "b", "a"}));
  EXPECT_EQ(g.refusal(), "dependency cycle: a → b → a");
  EXPECT_EQ(g.waves(), (Waves{{"c"}})) << "apps on the cycle have no wave";
}

TEST(RolloutGraph, ThreeCycleThroughConfigAndUnitEdgesIsNamedInOrder) {
  // a waits for b (After=), b for c (a unit edge), c for a (Requires=).
  const auto g = graph_of({{"a", {"b"}}, {"b", {}}, {"c", {"+a"}}}, {{"b", "c"}});
  EXPECT_EQ(g.cycle(), (Names{"a", "b", "c", "a"}));
  EXPECT_EQ(g.refusal(), "dependency cycle: a → b → c → a");
  EXPECT_TRUE(g.waves().empty());
}

TEST(RolloutGraph, SelfDependencyThroughUnitEdgesIsACycle) {
  const auto g = graph_of({{"db", {}}, {"solo", {"db"}}}, {{"solo", "solo"}});
  EXPECT_EQ(g.cycle(), (Names{"solo", "solo"}));
  EXPECT_EQ(g.refusal(), "dependency cycle: solo → solo");
  EXPECT_EQ(g.dependencies("solo"), (Names{"db", "solo"}));
}

TEST(RolloutGraph, TheShortestCycleIsNamed) {
  // A 4-cycle through a and a 2-cycle between x and y; app behind waits for x.
  const auto g = graph_of({{"a", {"b"}},
                           {"b", {"c"}},
                           {"c", {"d"}},
                           {"d", {"a"}},
                           {"behind", {"x"}},
                           {"x", {"y"}},
                           {"y", {"x"}},
                           {"free", {}}});
  EXPECT_EQ(g.cycle(), (Names{"x", "y", "x"}));
  EXPECT_EQ(g.refusal(), "dependency cycle: x → y → x");
  EXPECT_EQ(g.waves(), (Waves{{"free"}})) << "apps behind a cycle have no wave either";
}

TEST(RolloutGraph, ACycleNeedNotStartAtTheFirstApp) {
  const auto g = graph_of({{"a", {"z"}}, {"m", {"z"}}, {"z", {"m"}}});
  EXPECT_EQ(g.cycle(), (Names{"m", "z", "m"}));
}

TEST(RolloutGraph, DescribeCycle) {
  EXPECT_EQ(describe_cycle({"a", "b", "c", "a"}), "a → b → c → a");
  EXPECT_EQ(describe_cycle({}), "");
}

TEST(RolloutGraph, CriticalPathAgainstSequentialSum) {
  const auto g = platform_graph();
  const auto durations = platform_durations();
  const auto path = g.critical_path(durations);
  EXPECT_EQ(path.length, 35u);
  EXPECT_EQ(path.chain, (Names{"db", "search", "gateway"}));
  EXPECT_EQ(g.sequential_time(durations), 102u);
}

TEST(RolloutGraph, CriticalPathCanBeOneSlowApp) {
  const auto g = platform_graph();
  auto durations = platform_durations();
  durations["metrics"] = 40;
  EXPECT_EQ(g.critical_path(durations), (CriticalPath{40, {"metrics"}}));
  EXPECT_EQ(g.sequential_time(durations), 112u);
}

TEST(RolloutGraph, CriticalPathFollowsWeightNotLength) {
  // A long chain of quick apps against a short one of slow apps.
  const auto g = graph_of({{"q1", {}}, {"q2", {"q1"}}, {"q3", {"q2"}}, {"q4", {"q3"}},
                           {"s1", {}}, {"s2", {"s1"}}});
  const std::map<std::string, uint64_t> durations{{"q1", 1}, {"q2", 1}, {"q3", 1}, {"q4", 1},
                                                   {"s1", 5}, {"s2", 5}};
  EXPECT_EQ(g.critical_path(durations), (CriticalPath{10, {"s1", "s2"}}));
  EXPECT_EQ(g.sequential_time(durations), 14u);
  EXPECT_EQ(g.critical_path({}), (CriticalPath{0, {"q1"}})) << "missing durations count 0";
}

TEST(RolloutGraph, EmptySelection) {
  const RolloutGraph g({}, {}, {});
  EXPECT_TRUE(g.apps().empty());
  EXPECT_TRUE(g.waves().empty());
  EXPECT_EQ(g.critical_path({}), CriticalPath{});
  EXPECT_EQ(g.sequential_time({}), 0u);
  EXPECT_EQ(g.refusal(), "");
}
