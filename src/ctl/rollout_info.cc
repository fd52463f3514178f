#include "ctl/rollout_info.hh"

#include <algorithm>
#include <utility>

#include "ctl/json_read.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

// A time member: "NAME_usec" if hoistd sent it, else the RFC 3339 "NAME".
uint64_t time_member(JsonObject* o, const char* name) {
  std::string usec_name = std::string(name) + "_usec";
  if (uint64_t usec = usec_member(o, usec_name.c_str())) return usec;
  return rfc3339_to_usec(string_member(o, name));
}

// "duration_usec", else worked out from the times.
uint64_t duration_member(JsonObject* o, uint64_t started, uint64_t finished) {
  if (uint64_t d = usec_member(o, "duration_usec")) return d;
  return started && finished >= started ? finished - started : 0;
}

uint32_t count_member(JsonObject* o, const char* name) {
  return static_cast<uint32_t>(std::clamp<int64_t>(int_member(o, name), 0, UINT32_MAX));
}

RolloutAppInfo read_app(JsonObject* o) {
  RolloutAppInfo a;
  a.app = string_member(o, "app");
  a.wave = static_cast<size_t>(std::max<int64_t>(0, int_member(o, "wave")));
  a.depends_on = string_elements(array_member(o, "depends_on"));
  a.state = string_member(o, "state");
  a.step = string_member(o, "step");
  a.started_usec = time_member(o, "started");
  a.finished_usec = time_member(o, "finished");
  a.duration_usec = duration_member(o, a.started_usec, a.finished_usec);
  a.deploy_id = string_member(o, "deploy_id");
  a.error = string_member(o, "error");
  a.rolled_back = bool_member(o, "rolled_back");
  a.restarted_by_systemd = string_elements(array_member(o, "restarted_by_systemd"));
  return a;
}

PlanStep read_plan_step(JsonObject* o) {
  return {string_member(o, "step"), string_member(o, "description")};
}

RolloutPlanApp read_plan_app(JsonObject* o) {
  RolloutPlanApp a;
  a.app = string_member(o, "app");
  a.depends_on = string_elements(array_member(o, "depends_on"));
  a.action = string_member(o, "action");
  a.units = string_elements(array_member(o, "units"));
  for (JsonObject* step : object_elements(array_member(o, "steps")))
    a.steps.push_back(read_plan_step(step));
  return a;
}

// The arrays inside the array member name.
std::vector<JsonArray*> array_elements(JsonObject* o, const char* name) {
  std::vector<JsonArray*> out;
  JsonArray* array = array_member(o, name);
  for (guint i = 0; array && i < json_array_get_length(array); i++) {
    JsonNode* e = json_array_get_element(array, i);
    if (JSON_NODE_HOLDS_ARRAY(e)) out.push_back(json_node_get_array(e));
  }
  return out;
}

}  // namespace

const RolloutAppInfo* RolloutInfo::find(const std::string& app) const {
  for (const auto& a : apps)
    if (a.app == app) return &a;
  return nullptr;
}

std::optional<RolloutInfo> parse_rollout_record(const std::string& text, std::string& error) {
  JsonNodePtr root = parse_json_reply(text, error);
  JsonObject* o = root_object(root, _("the rollout record is not a JSON object"), error);
  if (!o) return std::nullopt;
  RolloutInfo r;
  r.id = string_member(o, "id");
  if (r.id.empty()) {
    error = _("the rollout record has no id");
    return std::nullopt;
  }
  r.state = string_member(o, "state");
  r.started_usec = time_member(o, "started");
  r.finished_usec = time_member(o, "finished");
  r.duration_usec = duration_member(o, r.started_usec, r.finished_usec);
  r.deploy = bool_member(o, "deploy");
  r.force = bool_member(o, "force");
  r.skip_migrations = bool_member(o, "skip_migrations");
  r.max_parallel = count_member(o, "max_parallel");
  r.failed_app = string_member(o, "failed_app");
  r.failed_step = string_member(o, "failed_step");
  r.error = string_member(o, "error");
  for (JsonArray* wave : array_elements(o, "waves")) r.waves.push_back(string_elements(wave));
  for (JsonObject* app : object_elements(array_member(o, "apps"))) r.apps.push_back(read_app(app));
  r.json = shared_node(std::move(root));
  return r;
}

std::optional<RolloutPlan> parse_rollout_plan(const std::string& text, std::string& error) {
  JsonNodePtr root = parse_json_reply(text, error);
  JsonObject* o = root_object(root, _("the rollout plan is not a JSON object"), error);
  if (!o) return std::nullopt;
  RolloutPlan p;
  p.apps = string_elements(array_member(o, "apps"));
  p.deploy = bool_member(o, "deploy");
  p.max_parallel = count_member(o, "max_parallel");
  for (JsonArray* wave : array_elements(o, "waves")) {
    std::vector<RolloutPlanApp> apps;
    for (JsonObject* app : object_elements(wave)) apps.push_back(read_plan_app(app));
    p.waves.push_back(std::move(apps));
  }
  p.json = shared_node(std::move(root));
  return p;
}

}  // namespace hoist::ctl
