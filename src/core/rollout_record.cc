#include "core/rollout_record.hh"

#include <algorithm>
#include <array>
#include <utility>

#include "core/deploy_id.hh"
#include "core/json_object.hh"
#include "core/utc_time.hh"

namespace hoist {
namespace {

constexpr std::array<std::pair<RolloutState, std::string_view>, 5> kStateNames = {{
    {RolloutState::Running, "running"},
    {RolloutState::Succeeded, "succeeded"},
    {RolloutState::Failed, "failed"},
    {RolloutState::Canceled, "canceled"},
    {RolloutState::Interrupted, "interrupted"},
}};

constexpr std::array<RolloutAppState, 5> kAppStates = {
    RolloutAppState::Waiting, RolloutAppState::Running, RolloutAppState::Succeeded,
    RolloutAppState::Failed, RolloutAppState::Skipped};

std::optional<RolloutAppState> app_state_from_name(std::string_view name) {
  for (auto s : kAppStates)
    if (rollout_app_state_name(s) == name) return s;
  return std::nullopt;
}

void write_time(JsonObjectWriter& w, const char* name, uint64_t usec) {
  if (!usec) return;
  w.string(name, rfc3339_usec(usec));
  w.usec((std::string(name) + "_usec").c_str(), usec);
}

void write_duration(JsonObjectWriter& w, uint64_t started, uint64_t finished) {
  if (started && finished >= started) w.usec("duration_usec", finished - started);
}

void write_nonempty(JsonObjectWriter& w, const char* name, const std::string& value) {
  if (!value.empty()) w.string(name, value);
}

std::vector<std::string> strings(JsonArray* array) {
  std::vector<std::string> out;
  if (!array) return out;
  for (guint i = 0; i < json_array_get_length(array); i++) {
    JsonNode* n = json_array_get_element(array, i);
    if (JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING)
      out.emplace_back(json_node_get_string(n));
  }
  return out;
}

JsonNodePtr app_to_json(const RolloutAppRecord& a) {
  JsonObjectWriter w;
  w.string("app", a.app);
  w.integer("wave", static_cast<int64_t>(a.wave));
  w.node("depends_on", json_string_array(a.depends_on));
  w.string("state", rollout_app_state_name(a.state));
  write_nonempty(w, "step", a.step);
  write_time(w, "started", a.started_usec);
  write_time(w, "finished", a.finished_usec);
  write_duration(w, a.started_usec, a.finished_usec);
  write_nonempty(w, "deploy_id", a.deploy_id);
  write_nonempty(w, "error", a.error);
  if (a.rolled_back) w.boolean("rolled_back", true);
  if (!a.restarted_by_systemd.empty())
    w.node("restarted_by_systemd", json_string_array(a.restarted_by_systemd));
  return w.node();
}

RolloutAppRecord app_from_json(JsonObject* object) {
  const JsonObjectReader r(object);
  RolloutAppRecord a;
  a.app = r.string("app");
  a.wave = static_cast<size_t>(std::max<int64_t>(0, r.integer("wave")));
  a.depends_on = strings(r.array("depends_on"));
  a.state = app_state_from_name(r.string("state")).value_or(RolloutAppState::Skipped);
  a.step = r.string("step");
  a.started_usec = r.usec("started_usec");
  a.finished_usec = r.usec("finished_usec");
  a.deploy_id = r.string("deploy_id");
  a.error = r.string("error");
  a.rolled_back = r.boolean("rolled_back");
  a.restarted_by_systemd = strings(r.array("restarted_by_systemd"));
  return a;
}

}  // namespace

std::string_view rollout_state_name(RolloutState state) {
  for (const auto& [s, name] : kStateNames)
    if (s == state) return name;
  return "unknown";
}

std::optional<RolloutState> rollout_state_from_name(std::string_view name) {
  for (const auto& [s, n] : kStateNames)
    if (n == name) return s;
  return std::nullopt;
}

RolloutAppRecord* RolloutRecord::find(std::string_view app) {
  for (auto& a : apps)
    if (a.app == app) return &a;
  return nullptr;
}

JsonNodePtr to_json(const RolloutRecord& r) {
  JsonObjectWriter w;
  w.string("id", r.id);
  w.string("state", rollout_state_name(r.state));
  write_time(w, "started", r.started_usec);
  write_time(w, "finished", r.finished_usec);
  write_duration(w, r.started_usec, r.finished_usec);
  w.boolean("all", r.options.all);
  w.boolean("deploy", r.options.deploy);
  w.boolean("force", r.options.force);
  w.boolean("skip_migrations", r.options.skip_migrations);
  w.integer("max_parallel", r.options.max_parallel);
  write_nonempty(w, "failed_app", r.failed_app);
  write_nonempty(w, "failed_step", r.failed_step);
  write_nonempty(w, "error", r.error);
  w.node("waves", json_array_of(r.waves, [](const auto& wave) { return json_string_array(wave); }));
  w.node("apps", json_array_of(r.apps, app_to_json));
  return w.node();
}

std::optional<RolloutRecord> rollout_record_from_json(JsonNode* node, std::string& error) {
  if (!node || !JSON_NODE_HOLDS_OBJECT(node)) {
    error = "the rollout record is not a JSON object";
    return std::nullopt;
  }
  const JsonObjectReader r(json_node_get_object(node));
  RolloutRecord out;
  out.id = r.string("id");
  if (!deploy_id_is_valid(out.id)) {
    error = "the rollout record has no valid \"id\"";
    return std::nullopt;
  }
  auto state = rollout_state_from_name(r.string("state"));
  if (!state) {
    error = "the rollout record has no known \"state\"";
    return std::nullopt;
  }
  out.state = *state;
  out.started_usec = r.usec("started_usec");
  out.finished_usec = r.usec("finished_usec");
  out.options.all = r.boolean("all");
  out.options.deploy = r.boolean("deploy");
  out.options.force = r.boolean("force");
  out.options.skip_migrations = r.boolean("skip_migrations");
  out.options.max_parallel = static_cast<unsigned>(std::clamp<int64_t>(r.integer("max_parallel"), 0, 1 << 20));
  out.failed_app = r.string("failed_app");
  out.failed_step = r.string("failed_step");
  out.error = r.string("error");
  if (JsonArray* waves = r.array("waves"))
    for (guint i = 0; i < json_array_get_length(waves); i++) {
      JsonNode* n = json_array_get_element(waves, i);
      out.waves.push_back(JSON_NODE_HOLDS_ARRAY(n) ? strings(json_node_get_array(n))
                                                   : std::vector<std::string>{});
    }
  if (JsonArray* apps = r.array("apps"))
    for (guint i = 0; i < json_array_get_length(apps); i++) {
      JsonNode* n = json_array_get_element(apps, i);
      if (JSON_NODE_HOLDS_OBJECT(n)) out.apps.push_back(app_from_json(json_node_get_object(n)));
    }
  return out;
}

}  // namespace hoist
