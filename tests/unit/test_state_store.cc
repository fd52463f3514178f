// The state directory's lock and the state store (app state, deploy history).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/json.hh"
#include "core/atomic_file.hh"
#include "core/json_file.hh"
#include "core/state_dir.hh"
#include "state_dir_open.hh"
#include "core/state_store.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

StateStore open_store(const StateDir& dir, size_t history = kDefaultDeployHistory) {
  std::string error;
  auto store = StateStore::open(dir, error, history);
  EXPECT_TRUE(store) << error;
  return std::move(*store);
}

// A running deploy of app with a fresh id from the store.
DeployRecord new_record(StateStore& store, const std::string& app) {
  DeployRecord r;
  r.id = store.new_deploy_id();
  r.app = app;
  r.revision = "main";
  r.state = DeployState::Running;
  r.steps = {{"fetch", "success", 0, 1200, "Cloning into '.'...\n"}};
  return r;
}

}  // namespace

TEST(StateDir, CreatesTheDirectory0700) {
  const TempDir tmp;
  const StateDir dir = open_state(tmp / "state");
  struct stat st = {};
  ASSERT_EQ(stat((tmp / "state").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  EXPECT_EQ(dir.path(), tmp / "state");
}

TEST(StateDir, SecondHolderIsRefusedWithDirectoryAndPid) {
  const TempDir tmp;
  {
    const StateDir first = open_state(tmp.path);
    std::string error;
    EXPECT_FALSE(StateDir::open(tmp.path, error));  // another open file description
    EXPECT_NE(error.find(tmp.path), std::string::npos) << error;
    EXPECT_NE(error.find("PID " + std::to_string(getpid())), std::string::npos) << error;

    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      std::string child_error;
      _exit(StateDir::open(tmp.path, child_error) ? 0 : 3);
    }
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_EQ(WEXITSTATUS(status), 3);
  }
  std::string error;
  EXPECT_TRUE(StateDir::open(tmp.path, error)) << error;  // released with the first
}
// --- the store ----------------------------------------------------------------

TEST(StateStore, AppStateSavedAndLoaded) {
  const TempDir tmp;
  const StateDir dir = open_state(tmp.path);
  StateStore store = open_store(dir);
  std::string error;
  const auto fresh = store.load_app("api", error);
  ASSERT_TRUE(fresh) << error;
  EXPECT_EQ(*fresh, AppState{.app = "api"});

  const AppState s{"api", "r2", "c2", "r1", "d1", DeployState::Succeeded, "", "d2"};
  ASSERT_TRUE(store.save_app(s, error)) << error;
  EXPECT_EQ(store.load_app("api", error), s);
  EXPECT_EQ(store.app_names(), std::vector<std::string>{"api"});
  EXPECT_EQ(entries(tmp / "apps"), std::set<std::string>{"api.json"});

  EXPECT_FALSE(store.load_app("../lock", error));
  EXPECT_FALSE(store.save_app(AppState{.app = "../evil"}, error));
  EXPECT_FALSE(store.save_app(AppState{.app = ".hidden"}, error));
}

TEST(StateStore, CorruptAppStateIsReportedNotGuessed) {
  const TempDir tmp;
  const StateDir dir = open_state(tmp.path);
  StateStore store = open_store(dir);
  write_file(tmp / "apps/api.json", "{\"app\": \"api\", ");
  std::string error;
  EXPECT_FALSE(store.load_app("api", error));
  EXPECT_NE(error.find(tmp / "apps/api.json:1:"), std::string::npos) << error;

  write_file(tmp / "apps/web.json", "{\"app\": \"api\"}");
  EXPECT_FALSE(store.load_app("web", error));
  EXPECT_NE(error.find("app api"), std::string::npos) << error;
}

TEST(StateStore, DeployRecordsSavedLoadedAndPrunedPerApp) {
  const TempDir tmp;
  const StateDir dir = open_state(tmp.path);
  StateStore store = open_store(dir, 3);
  std::string error;
  std::vector<std::string> api_ids;
  for (int i = 0; i < 5; i++) {
    const DeployRecord r = new_record(store, "api");
    api_ids.push_back(r.id);
    ASSERT_TRUE(store.save_deploy(r, error)) << error;
  }
  const DeployRecord web = new_record(store, "web");
  ASSERT_TRUE(store.save_deploy(web, error)) << error;

  EXPECT_EQ(store.deploy_ids("api"),
            (std::vector<std::string>{api_ids[4], api_ids[3], api_ids[2]}));
  EXPECT_EQ(store.deploy_ids("web"), std::vector<std::string>{web.id});
  EXPECT_EQ(entries(tmp / "deploys").size(), 4u);
  EXPECT_FALSE(store.load_deploy(api_ids[0], error));
  EXPECT_EQ(error, "no deploy " + api_ids[0]);

  const auto loaded = store.load_deploy(api_ids[4], error);
  ASSERT_TRUE(loaded) << error;
  EXPECT_EQ(loaded->id, api_ids[4]);
  const auto history = store.history("api", 2);
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[0].id, api_ids[4]);
  EXPECT_EQ(history[1].id, api_ids[3]);

  // Updating a record keeps one file.
  DeployRecord again = *loaded;
  again.state = DeployState::Succeeded;
  ASSERT_TRUE(store.save_deploy(again, error)) << error;
  EXPECT_EQ(store.load_deploy(again.id, error)->state, DeployState::Succeeded);
  EXPECT_EQ(store.deploy_ids("api").size(), 3u);
}

TEST(StateStore, DeployIdsFromInputCannotEscape) {
  const TempDir tmp;
  const StateDir dir = open_state(tmp.path);
  const StateStore store = open_store(dir);
  write_file(tmp / "secret.json", "{}");
  std::string error;
  for (const char* id : {"../secret", "../apps/api", "/etc/passwd", "", "a/b"}) {
    EXPECT_FALSE(store.load_deploy(id, error)) << id;
    EXPECT_NE(error.find("invalid deploy id"), std::string::npos) << error;
  }
}

TEST(StateStore, ReopenRebuildsTheIndexReportsCorruptRecordsAndCleansTemporaryFiles) {
  const TempDir tmp;
  std::string newest;
  {
    const StateDir dir = open_state(tmp.path);
    StateStore store = open_store(dir);
    std::string error;
    for (int i = 0; i < 3; i++) {
      const DeployRecord r = new_record(store, "api");
      newest = r.id;
      ASSERT_TRUE(store.save_deploy(r, error)) << error;
    }
  }
  write_file(tmp / "deploys/20200101T000000Z-000000.json", "{\"id\": ");
  write_file(tmp / ("deploys/" + temp_name_for("x.json")), "{");
  write_file(tmp / ("apps/" + temp_name_for("api.json")), "{");

  const StateDir dir = open_state(tmp.path);
  StateStore store = open_store(dir);
  ASSERT_EQ(store.problems().size(), 1u);
  EXPECT_NE(store.problems()[0].find("20200101T000000Z-000000.json:1:"), std::string::npos)
      << store.problems()[0];
  EXPECT_EQ(store.deploy_ids("api").size(), 3u);
  EXPECT_EQ(store.deploy_ids("api").front(), newest);
  EXPECT_GT(store.new_deploy_id(), newest);
  EXPECT_TRUE(entries(tmp / "apps").empty());
  EXPECT_EQ(entries(tmp / "deploys").size(), 4u);  // the corrupt record is left for people
}
TEST(StateStore, TheIndexSparesReadingRecordsAndIsRebuiltWhenLost) {
  const TempDir tmp;
  std::vector<std::string> ids;
  {
    const StateDir dir = open_state(tmp.path);
    StateStore store = open_store(dir);
    std::string error;
    for (const char* app : {"api", "web"}) {
      const DeployRecord r = new_record(store, app);
      ASSERT_TRUE(store.save_deploy(r, error)) << error;
      ids.push_back(r.id);
    }
  }
  ASSERT_TRUE(read_json(tmp / "deploy-index.json")) << read_file(tmp / "deploy-index.json");
  // Indexed records are not read at open: a damaged one goes unnoticed until loaded.
  write_file(tmp / ("deploys/" + ids[0] + ".json"), "{");
  {
    const StateDir dir = open_state(tmp.path);
    const StateStore store = open_store(dir);
    EXPECT_TRUE(store.problems().empty());
    EXPECT_EQ(store.deploy_ids("api"), std::vector<std::string>{ids[0]});
    std::string error;
    EXPECT_FALSE(store.load_deploy(ids[0], error));
    EXPECT_NE(error.find(ids[0] + ".json:1:"), std::string::npos) << error;
  }
  // A lost or damaged index is rebuilt from the records.
  for (const char* damage : {"", "[1, 2]", "{\"apps\": "}) {
    if (*damage)
      write_file(tmp / "deploy-index.json", damage);
    else
      unlink((tmp / "deploy-index.json").c_str());
    const StateDir dir = open_state(tmp.path);
    const StateStore store = open_store(dir);
    EXPECT_EQ(store.deploy_ids("web"), std::vector<std::string>{ids[1]}) << damage;
    EXPECT_TRUE(store.deploy_ids("api").empty()) << damage;  // its record is damaged
    EXPECT_EQ(store.problems().size(), *damage ? 2u : 1u) << damage;
    EXPECT_TRUE(read_json(tmp / "deploy-index.json")) << damage;
  }
}

TEST(StateStore, TheIndexIsSavedWhenFlushedOrDestroyedNotAtEveryRecord) {
  const TempDir tmp;
  const StateDir dir = open_state(tmp.path);
  std::string first, second;
  {
    StateStore store = open_store(dir);
    std::string error;
    const DeployRecord a = new_record(store, "api");
    ASSERT_TRUE(store.save_deploy(a, error)) << error;
    first = a.id;
    EXPECT_TRUE(store.index_dirty());
    EXPECT_EQ(read_file(tmp / "deploy-index.json").find(first), std::string::npos) << "not saved yet";
    store.flush_index();
    EXPECT_FALSE(store.index_dirty());
    EXPECT_NE(read_file(tmp / "deploy-index.json").find(first), std::string::npos);
    DeployRecord again = a;
    again.state = DeployState::Succeeded;
    ASSERT_TRUE(store.save_deploy(again, error)) << error;
    EXPECT_FALSE(store.index_dirty()) << "an update of a known record leaves the index alone";
    const DeployRecord b = new_record(store, "api");
    ASSERT_TRUE(store.save_deploy(b, error)) << error;
    second = b.id;
    StateStore moved = std::move(store);  // the moved-from store saves nothing
  }
  EXPECT_NE(read_file(tmp / "deploy-index.json").find(second), std::string::npos) << "saved when destroyed";
}

TEST(StateStore, RecordsWrittenJustBeforeACrashAreIndexedAtOpen) {
  const TempDir tmp;
  std::string id;
  {
    const StateDir dir = open_state(tmp.path);
    StateStore store = open_store(dir);
    std::string error;
    ASSERT_TRUE(store.save_deploy(new_record(store, "api"), error)) << error;
    id = store.new_deploy_id();
  }
  // The record reached the disk, the index did not.
  DeployRecord r;
  r.id = id;
  r.app = "api";
  write_file(tmp / ("deploys/" + id + ".json"), json_node_to_string(to_json(r).get()));
  const StateDir dir = open_state(tmp.path);
  const StateStore store = open_store(dir);
  EXPECT_TRUE(store.problems().empty());
  ASSERT_EQ(store.deploy_ids("api").size(), 2u);
  EXPECT_EQ(store.deploy_ids("api").front(), id);
  EXPECT_NE(read_file(tmp / "deploy-index.json").find(id), std::string::npos);
}

