// Deploy events: the kinds and their MESSAGE_IDs, the JSON lines, the journal
// fields, appending from several writers, and the message catalog.
#include <glib.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "catalog/hoist_catalog_path.h"
#include "common/glib_ptr.hh"
#include "core/events.hh"
#include "temp_dir.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

constexpr uint64_t kNov21 = 1'795'301'075'000'042;  // 2026-11-21T22:44:35.000042Z

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The members of a one-line JSON object, as JSON text each.
std::map<std::string, std::string> members(const std::string& line) {
  const JsonParserPtr p(json_parser_new());
  GError* e = nullptr;
  const bool ok = json_parser_load_from_data(p.get(), line.c_str(), -1, &e);
  EXPECT_TRUE(ok) << (e ? e->message : "") << ": " << line;
  if (e) g_error_free(e);
  std::map<std::string, std::string> out;
  JsonNode* root = ok ? json_parser_get_root(p.get()) : nullptr;
  if (!root || !JSON_NODE_HOLDS_OBJECT(root)) return out;
  JsonObject* o = json_node_get_object(root);
  GList* names = json_object_get_members(o);
  for (GList* n = names; n; n = n->next) {
    const char* name = static_cast<const char*>(n->data);
    const GCharPtr text(json_to_string(json_object_get_member(o, name), false));
    out[name] = text.get();
  }
  g_list_free(names);
  return out;
}

Event step_failed() {
  Event e;
  e.kind = EventKind::StepFailed;
  e.app = "api";
  e.deploy_id = "20261121T224435Z-1a2b3c";
  e.step = "build-1";
  e.result = "exit-code";
  e.revision = "1a2b3c4";
  e.duration_usec = 1500;
  e.detail = "make: *** [all] Error 2\nsecond line";
  e.extra = {{"release", std::string("20261121T224435Z-1a2b3c4")}, {"exit_status", int64_t{2}}};
  return e;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Runs argv; its exit status, stdout in out, stderr in err.
int run(const std::vector<std::string>& args, std::string& out, std::string& err) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  char* o = nullptr;
  char* e = nullptr;
  int status = -1;
  GError* error = nullptr;
  const bool spawned = g_spawn_sync(nullptr, argv.data(), nullptr, G_SPAWN_SEARCH_PATH, nullptr,
                                    nullptr, &o, &e, &status, &error);
  out = o ? o : "";
  err = e ? e : (error ? error->message : "");
  g_free(o);
  g_free(e);
  if (error) g_error_free(error);
  return spawned && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST(EventKinds, NamesAndMessageIdsAreUniqueAndWellFormed) {
  std::set<std::string_view> names;
  std::set<std::string_view> ids;
  size_t index = 0;
  for (const auto& info : event_kinds()) {
    EXPECT_EQ(static_cast<size_t>(info.kind), index++);
    EXPECT_TRUE(names.insert(info.name).second) << info.name;
    EXPECT_TRUE(ids.insert(info.message_id).second) << info.message_id;
    EXPECT_EQ(info.message_id.size(), 32u);
    for (const char c : info.message_id) EXPECT_TRUE(g_ascii_isxdigit(c) && !g_ascii_isupper(c));
    for (const char c : info.name) EXPECT_TRUE(g_ascii_islower(c) || c == '-') << info.name;
    EXPECT_EQ(event_kind_from_name(info.name), info.kind);
    EXPECT_EQ(&event_kind_info(info.kind), &info);
    EXPECT_FALSE(info.summary.empty());
  }
  EXPECT_EQ(event_kinds().size(), 22u);
  EXPECT_EQ(event_kind_info(EventKind::DeployStarted).name, "deploy-started");
  EXPECT_EQ(event_kind_info(EventKind::RollbackFailed).name, "rollback-failed");
  EXPECT_FALSE(event_kind_from_name("deploy_started"));
}

TEST(Events, MessageFillsTheSummary) {
  const Event e = step_failed();
  EXPECT_EQ(event_message(e),
            "api: step build-1 failed: exit-code: make: *** [all] Error 2\nsecond line");
  Event queued;
  queued.kind = EventKind::DeployQueued;
  queued.app = "web";
  EXPECT_EQ(event_message(queued), "web: deploy of the branch head queued");
  Event rollout;
  rollout.kind = EventKind::RolloutFinished;
  rollout.result = "succeeded";
  EXPECT_EQ(event_message(rollout), "rollout finished: succeeded");
  Event long_detail = queued;
  long_detail.detail = std::string(100'000, 'x');
  EXPECT_LT(event_message(long_detail).size(), 5000u);
}

TEST(Events, OneJsonLineWithTheFields) {
  const std::string line = event_json_line(step_failed(), kNov21);
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);  // the detail's newline is escaped
  const auto m = members(line);
  EXPECT_EQ(m.at("ts"), "\"2026-11-21T22:44:35.000042Z\"");
  EXPECT_EQ(m.at("kind"), "\"step-failed\"");
  EXPECT_EQ(m.at("app"), "\"api\"");
  EXPECT_EQ(m.at("deploy_id"), "\"20261121T224435Z-1a2b3c\"");
  EXPECT_EQ(m.at("step"), "\"build-1\"");
  EXPECT_EQ(m.at("result"), "\"exit-code\"");
  EXPECT_EQ(m.at("revision"), "\"1a2b3c4\"");
  EXPECT_EQ(m.at("duration_usec"), "1500");
  EXPECT_EQ(m.at("message"),
            "\"api: step build-1 failed: exit-code: make: *** [all] Error 2\\nsecond line\"");
  EXPECT_EQ(m.at("release"), "\"20261121T224435Z-1a2b3c4\"");
  EXPECT_EQ(m.at("exit_status"), "2");
  EXPECT_EQ(m.size(), 11u);
}

TEST(Events, EmptyFieldsAreLeftOutAndBadExtraFieldsDropped) {
  Event e;
  e.kind = EventKind::RolloutStarted;
  e.extra = {{"app", std::string("spoofed")},
             {"Bad-Key", std::string("x")},
             {"waves", int64_t{3}},
             {"waves", int64_t{4}},
             {"_private", std::string("x")}};
  const auto m = members(event_json_line(e, kNov21));
  EXPECT_EQ(m.size(), 4u);  // ts, kind, message, waves
  EXPECT_EQ(m.at("waves"), "3");
  EXPECT_EQ(m.count("app"), 0u);
}

TEST(Events, InvalidUtf8IsReplacedSoTheLineStaysJson) {
  Event e = step_failed();
  e.detail = std::string("bad \xff\xfe bytes\0", 14);
  e.app = "a\xc3";
  const std::string line = event_json_line(e, kNov21);
  EXPECT_TRUE(g_utf8_validate(line.data(), static_cast<gssize>(line.size()), nullptr));
  EXPECT_EQ(members(line).count("message"), 1u);
}

TEST(Events, JournalFields) {
  const auto fields = event_journal_fields(step_failed());
  EXPECT_EQ(fields.at(0), "MESSAGE_ID=071e685cccc841fd8d22291903a4ba3f");
  EXPECT_EQ(fields.at(1), "MESSAGE=" + event_message(step_failed()));
  for (const char* f :
       {"PRIORITY=3", "HOIST_EVENT=step-failed", "HOIST_APP=api",
        "HOIST_DEPLOY_ID=20261121T224435Z-1a2b3c", "HOIST_STEP=build-1", "HOIST_RESULT=exit-code",
        "HOIST_REVISION=1a2b3c4", "HOIST_DURATION_USEC=1500",
        "HOIST_RELEASE=20261121T224435Z-1a2b3c4", "HOIST_EXIT_STATUS=2"})
    EXPECT_TRUE(has(fields, f)) << f;
  EXPECT_EQ(fields.size(), 12u);

  Event bare;
  bare.kind = EventKind::RolloutStarted;
  const auto few = event_journal_fields(bare);
  EXPECT_EQ(few.size(), 4u);  // MESSAGE_ID, MESSAGE, PRIORITY, HOIST_EVENT
}

TEST(EventLog, AppendsLinesCreatingTheDirectory) {
  const TempDir tmp;
  EventLog log(tmp / "log/hoist/events.jsonl", false);
  Event e = step_failed();
  EXPECT_TRUE(log.emit(e));
  e.kind = EventKind::DeployFailed;
  e.ts_usec = kNov21;
  EXPECT_TRUE(log.emit(e));
  const auto lines = lines_of(log.path());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(members(lines[0]).at("kind"), "\"step-failed\"");
  EXPECT_EQ(members(lines[1]).at("kind"), "\"deploy-failed\"");
  EXPECT_EQ(members(lines[1]).at("ts"), "\"2026-11-21T22:44:35.000042Z\"");
}

TEST(EventLog, ReportsAnUnwritableFile) {
  const TempDir tmp;
  write_file(tmp / "file", "x");
  EventLog log(tmp / "file/events.jsonl", false);
  EXPECT_FALSE(log.emit(step_failed()));
}

TEST(EventLog, ConcurrentWritersNeverInterleaveLines) {
  const TempDir tmp;
  const std::string path = tmp / "events.jsonl";
  constexpr int kWriters = 4;
  constexpr int kEach = 200;
  std::vector<pid_t> children;
  for (int w = 0; w < kWriters; w++) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      EventLog log(path, false);
      Event e = step_failed();
      e.detail = std::string(3000, static_cast<char>('a' + w));
      for (int i = 0; i < kEach; i++) {
        e.extra = {{"writer", int64_t{w}}, {"n", int64_t{i}}};
        if (!log.emit(e)) _exit(1);
      }
      _exit(0);
    }
    children.push_back(child);
  }
  for (const pid_t child : children) {
    int status = 0;
    waitpid(child, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  const auto lines = lines_of(path);
  ASSERT_EQ(lines.size(), static_cast<size_t>(kWriters * kEach));
  std::set<std::string> seen;
  for (const auto& line : lines) {
    const auto m = members(line);
    ASSERT_EQ(m.count("writer"), 1u) << line.substr(0, 200);
    seen.insert(m.at("writer") + "/" + m.at("n"));
  }
  EXPECT_EQ(seen.size(), lines.size());
}

// The shipped catalog has an entry for every MESSAGE_ID and journalctl
// accepts it (compiled into a private root: the host's catalog is untouched).
TEST(Catalog, JournalctlListsEveryEventKind) {
  std::string out;
  std::string err;
  if (run({"journalctl", "--version"}, out, err) != 0) GTEST_SKIP() << "no journalctl: " << err;
  const TempDir root;
  const std::string catalog_dir = root / "usr/lib/systemd/catalog";
  ASSERT_EQ(g_mkdir_with_parents(catalog_dir.c_str(), 0755), 0);
  const std::string catalog = read_file(HOIST_CATALOG_SOURCE);
  ASSERT_FALSE(catalog.empty()) << HOIST_CATALOG_SOURCE;
  write_file(catalog_dir + "/hoist.catalog", catalog);
  ASSERT_EQ(run({"journalctl", "--root=" + root.path, "--update-catalog"}, out, err), 0) << err;
  EXPECT_EQ(err, "") << "journalctl complained about the catalog";
  ASSERT_EQ(run({"journalctl", "--root=" + root.path, "--list-catalog"}, out, err), 0) << err;

  std::map<std::string, std::string> subjects;  // id → subject
  std::istringstream listing(out);
  for (std::string line; std::getline(listing, line);)
    if (line.size() > 33) subjects[line.substr(0, 32)] = line.substr(33);
  for (const auto& info : event_kinds()) {
    const std::string id(info.message_id);
    ASSERT_EQ(subjects.count(id), 1u) << info.name << " (" << id << ") has no catalog entry";
    EXPECT_EQ(subjects[id].rfind("hoist: ", 0), 0u) << subjects[id];  // Defined-By: hoist
  }
  EXPECT_EQ(subjects.size(), event_kinds().size()) << "catalog entries for unknown ids";

  // Each entry has a body that explains it.
  for (const auto& info : event_kinds()) {
    const std::string id(info.message_id);
    ASSERT_EQ(run({"journalctl", "--root=" + root.path, "--dump-catalog", id}, out, err), 0) << err;
    EXPECT_NE(out.find("Documentation: https://"), std::string::npos) << id;
    EXPECT_GT(out.size(), 300u) << info.name << ": " << out;
  }
}
