// Rollout records: their JSON (what GetRollout and the HTTP API answer) and
// the store in the state directory (ids that sort, history pruned, a
// rollout a dead hoistd left running found "interrupted").
#include <gtest/gtest.h>

#include "common/json.hh"
#include "core/json_object.hh"
#include "core/rollout_record.hh"
#include "core/rollout_store.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

RolloutRecord sample() {
  RolloutRecord r;
  r.id = "20261122T040000Z-00a1b2";
  r.state = RolloutState::Failed;
  r.options.max_parallel = 2;
  r.options.force = true;
  r.started_usec = 1'795'000'000'000'000;
  r.finished_usec = r.started_usec + 9'500'000;
  r.failed_app = "api";
  r.failed_step = "health";
  r.error = "api: health gate: api.service is failed (exit-code)";
  r.waves = {{"db"}, {"api", "cache"}};
  RolloutAppRecord db;
  db.app = "db";
  db.state = RolloutAppState::Succeeded;
  db.step = "done";
  db.started_usec = r.started_usec + 1;
  db.finished_usec = r.started_usec + 2'000'001;
  RolloutAppRecord api;
  api.app = "api";
  api.wave = 1;
  api.depends_on = {"db"};
  api.state = RolloutAppState::Failed;
  api.step = "health";
  api.error = "health gate: api.service is failed (exit-code)";
  api.rolled_back = true;
  api.deploy_id = "20261122T040002Z-00ffff";
  RolloutAppRecord cache;
  cache.app = "cache";
  cache.wave = 1;
  cache.depends_on = {"db"};
  cache.state = RolloutAppState::Skipped;
  cache.restarted_by_systemd = {"cache-worker.service"};
  r.apps = {db, api, cache};
  return r;
}

JsonObject* object_of(const JsonNodePtr& node) { return json_node_get_object(node.get()); }

// The state directory at path, locked, and the rollout store in it.
struct Store {
  std::optional<StateDir> state;
  std::optional<RolloutStore> store;
  std::vector<std::string> problems;

  explicit Store(const std::string& path) {
    std::string error;
    state = StateDir::open(path, error);
    EXPECT_TRUE(state) << error;
    if (state) store = RolloutStore::open(*state, problems, error);
    EXPECT_TRUE(store) << error;
  }
};

}  // namespace

TEST(RolloutRecord, JsonRoundTrips) {
  const RolloutRecord r = sample();
  std::string error;
  auto back = rollout_record_from_json(to_json(r).get(), error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, r);
}

TEST(RolloutRecord, JsonHasTheDocumentedFields) {
  const JsonNodePtr node = to_json(sample());
  const JsonObjectReader o(object_of(node));
  EXPECT_EQ(o.string("state"), "failed");
  EXPECT_EQ(o.string("started"), "2026-11-18T11:06:40.000000Z");
  EXPECT_EQ(o.usec("duration_usec"), 9'500'000u);
  EXPECT_EQ(o.integer("max_parallel"), 2);
  EXPECT_TRUE(o.boolean("force"));
  EXPECT_EQ(o.string("failed_app"), "api");
  EXPECT_EQ(o.string("failed_step"), "health");
  ASSERT_NE(o.array("waves"), nullptr);
  EXPECT_EQ(json_array_get_length(o.array("waves")), 2u);
  JsonArray* apps = o.array("apps");
  ASSERT_NE(apps, nullptr);
  const JsonObjectReader db(json_array_get_object_element(apps, 0));
  EXPECT_EQ(db.string("state"), "succeeded");
  EXPECT_EQ(db.usec("duration_usec"), 2'000'000u);
  EXPECT_FALSE(json_object_has_member(json_array_get_object_element(apps, 0), "rolled_back"))
      << "false flags and empty fields of apps are left out";
  const JsonObjectReader api(json_array_get_object_element(apps, 1));
  EXPECT_TRUE(api.boolean("rolled_back"));
  EXPECT_EQ(api.string("deploy_id"), "20261122T040002Z-00ffff");
  const JsonObjectReader cache(json_array_get_object_element(apps, 2));
  EXPECT_EQ(cache.string("state"), "skipped");
  EXPECT_EQ(json_array_get_length(cache.array("restarted_by_systemd")), 1u);
}

TEST(RolloutRecord, NeedsAnIdAndAKnownState) {
  std::string error;
  EXPECT_FALSE(rollout_record_from_json(parse_json(R"({"state": "running"})").get(), error));
  EXPECT_NE(error.find("id"), std::string::npos) << error;
  EXPECT_FALSE(rollout_record_from_json(parse_json(R"({"id": "x1", "state": "dancing"})").get(), error));
  EXPECT_NE(error.find("state"), std::string::npos) << error;
  EXPECT_FALSE(rollout_record_from_json(parse_json("[]").get(), error));
}

TEST(RolloutRecord, FindsApps) {
  RolloutRecord r = sample();
  ASSERT_NE(r.find("api"), nullptr);
  EXPECT_EQ(r.find("api")->wave, 1u);
  EXPECT_EQ(r.find("web"), nullptr);
}

TEST(RolloutStore, SavesLoadsAndIssuesSortedIds) {
  TempDir dir;
  Store s(dir.path);
  ASSERT_TRUE(s.store);
  auto& store = s.store;
  EXPECT_TRUE(s.problems.empty());
  std::string error;
  RolloutRecord r = sample();
  r.id = store->new_id();
  const std::string second = store->new_id();
  EXPECT_LT(r.id, second);
  ASSERT_TRUE(store->save(r, error)) << error;
  auto back = store->load(r.id, error);
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(*back, r);
  bool missing = false;
  EXPECT_FALSE(store->load(second, error, &missing));
  EXPECT_TRUE(missing);
  EXPECT_FALSE(store->load("../apps/x", error, &missing));
  EXPECT_TRUE(missing) << "an id that cannot be one is no such rollout";
}

TEST(RolloutStore, KeepsTheNewestRollouts) {
  TempDir dir;
  Store s(dir.path);
  ASSERT_TRUE(s.store);
  auto& store = s.store;
  std::string error;
  std::vector<std::string> ids;
  for (size_t i = 0; i < kRolloutHistory + 3; i++) {
    RolloutRecord r = sample();
    r.id = store->new_id();
    ids.push_back(r.id);
    ASSERT_TRUE(store->save(r, error)) << error;
  }
  EXPECT_EQ(entries(dir / "rollouts").size(), kRolloutHistory);
  EXPECT_FALSE(store->load(ids.front(), error));
  EXPECT_TRUE(store->load(ids.back(), error)) << error;
}

TEST(RolloutStore, ARolloutLeftRunningIsInterrupted) {
  TempDir dir;
  std::string error;
  std::string id;
  {
    Store s(dir.path);
    ASSERT_TRUE(s.store);
    auto& store = s.store;
    RolloutRecord r = sample();
    r.id = id = store->new_id();
    r.state = RolloutState::Running;
    r.finished_usec = 0;
    r.apps[1].state = RolloutAppState::Running;
    r.apps[2].state = RolloutAppState::Waiting;
    ASSERT_TRUE(store->save(r, error)) << error;
  }
  write_file(dir / "rollouts/20261122T050000Z-000001.json", "{not json");
  Store s(dir.path);
  ASSERT_TRUE(s.store);
  auto& store = s.store;
  const auto& problems = s.problems;
  ASSERT_EQ(problems.size(), 1u) << "the record that does not parse is reported";
  EXPECT_NE(problems[0].find("20261122T050000Z-000001.json"), std::string::npos) << problems[0];
  auto r = store->load(id, error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->state, RolloutState::Interrupted);
  EXPECT_GT(r->finished_usec, 0u);
  EXPECT_EQ(r->apps[1].state, RolloutAppState::Skipped);
  EXPECT_EQ(r->apps[2].state, RolloutAppState::Skipped);
  EXPECT_EQ(r->apps[0].state, RolloutAppState::Succeeded) << "finished apps keep their result";
}
