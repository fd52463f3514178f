#include "core/deploy_record.hh"

#include <array>
#include <utility>

#include "core/deploy_id.hh"
#include "core/json_object.hh"
#include "core/utf8_text.hh"

namespace hoist {
namespace {

constexpr std::array<std::pair<DeployState, std::string_view>, 9> kStateNames = {{
    {DeployState::Pending, "pending"},
    {DeployState::Queued, "queued"},
    {DeployState::Running, "running"},
    {DeployState::Succeeded, "succeeded"},
    {DeployState::Failed, "failed"},
    {DeployState::RolledBack, "rolled-back"},
    {DeployState::RollbackFailed, "rollback-failed"},
    {DeployState::Interrupted, "interrupted"},
    {DeployState::Canceled, "canceled"},
}};

JsonObject* as_object(JsonNode* node, const char* what, std::string& error) {
  if (node && JSON_NODE_HOLDS_OBJECT(node)) return json_node_get_object(node);
  error = std::string(what) + " is not a JSON object";
  return nullptr;
}

JsonNodePtr step_to_json(const StepResult& s) {
  JsonObjectWriter w;
  w.string("name", s.name);
  w.string("result", s.result);
  w.integer("exit_status", s.exit_status);
  w.usec("duration_usec", s.duration_usec);
  w.string("output_tail", s.output_tail);
  return w.node();
}

StepResult step_from_json(JsonObject* object) {
  const JsonObjectReader r(object);
  StepResult s;
  s.name = r.string("name");
  s.result = r.string("result");
  s.exit_status = static_cast<int>(r.integer("exit_status"));
  s.duration_usec = r.usec("duration_usec");
  s.output_tail = r.string("output_tail");
  return s;
}

JsonNodePtr options_to_json(const DeployOptions& o) {
  JsonObjectWriter w;
  w.boolean("force", o.force);
  w.boolean("skip_migrations", o.skip_migrations);
  return w.node();
}

DeployOptions options_from_json(JsonObject* object) {
  DeployOptions o;
  if (!object) return o;
  const JsonObjectReader r(object);
  o.force = r.boolean("force");
  o.skip_migrations = r.boolean("skip_migrations");
  return o;
}

JsonNodePtr steps_to_json(const std::vector<StepResult>& steps) {
  return json_array_of(steps, step_to_json);
}

std::vector<StepResult> steps_from_json(JsonArray* array) {
  std::vector<StepResult> steps;
  if (!array) return steps;
  const guint n = json_array_get_length(array);
  for (guint i = 0; i < n; i++) {
    JsonNode* element = json_array_get_element(array, i);
    if (JSON_NODE_HOLDS_OBJECT(element))
      steps.push_back(step_from_json(json_node_get_object(element)));
  }
  return steps;
}

}  // namespace

std::string_view deploy_kind_name(DeployKind kind) {
  return kind == DeployKind::Rollback ? "rollback" : "deploy";
}

std::string_view deploy_state_name(DeployState state) {
  for (const auto& [s, name] : kStateNames)
    if (s == state) return name;
  return "unknown";
}

std::optional<DeployState> deploy_state_from_name(std::string_view name) {
  for (const auto& [s, n] : kStateNames)
    if (n == name) return s;
  return std::nullopt;
}

bool deploy_state_is_final(DeployState state) {
  return state != DeployState::Pending && state != DeployState::Queued &&
         state != DeployState::Running;
}

void StepResult::set_output(std::string_view output) {
  output_tail = utf8_tail(output, kOutputTailBytes);
}

JsonNodePtr to_json(const DeployRecord& r) {
  JsonObjectWriter w;
  w.string("id", r.id);
  w.string("app", r.app);
  w.string("kind", deploy_kind_name(r.kind));
  w.string("trigger", r.trigger);
  w.string("revision", r.revision);
  w.string("commit", r.commit);
  w.string("state", deploy_state_name(r.state));
  w.string("step", r.step);
  w.usec("queued_usec", r.queued_usec);
  w.usec("started_usec", r.started_usec);
  w.usec("finished_usec", r.finished_usec);
  w.string("release", r.release);
  w.string("previous_release", r.previous_release);
  w.string("error", r.error);
  w.node("steps", steps_to_json(r.steps));
  w.node("options", options_to_json(r.options));
  return w.node();
}

JsonNodePtr to_json(const AppState& s) {
  JsonObjectWriter w;
  w.string("app", s.app);
  w.string("current_release", s.current_release);
  w.string("current_commit", s.current_commit);
  w.string("last_good_release", s.last_good_release);
  w.string("last_deploy_id", s.last_deploy_id);
  if (s.last_result)
    w.string("last_result", deploy_state_name(*s.last_result));
  else
    w.null("last_result");
  w.string("failed_step", s.failed_step);
  w.string("in_progress_deploy_id", s.in_progress_deploy_id);
  return w.node();
}

std::optional<DeployRecord> deploy_record_from_json(JsonNode* node, std::string& error) {
  JsonObject* object = as_object(node, "the deploy record", error);
  if (!object) return std::nullopt;
  const JsonObjectReader r(object);
  DeployRecord d;
  d.id = r.string("id");
  if (!deploy_id_is_valid(d.id)) {
    error = "invalid deploy id \"" + d.id + "\"";
    return std::nullopt;
  }
  d.app = r.string("app");
  if (d.app.empty()) {
    error = "deploy " + d.id + " names no app";
    return std::nullopt;
  }
  const std::string state = r.string("state");
  const auto parsed = deploy_state_from_name(state);
  if (!parsed) {
    error = "deploy " + d.id + " has an unknown state \"" + state + "\"";
    return std::nullopt;
  }
  d.state = *parsed;
  d.kind = r.string("kind") == "rollback" ? DeployKind::Rollback : DeployKind::Deploy;
  d.trigger = r.string("trigger");
  d.revision = r.string("revision");
  d.commit = r.string("commit");
  d.step = r.string("step");
  d.queued_usec = r.usec("queued_usec");
  d.started_usec = r.usec("started_usec");
  d.finished_usec = r.usec("finished_usec");
  d.release = r.string("release");
  d.previous_release = r.string("previous_release");
  d.error = r.string("error");
  d.steps = steps_from_json(r.array("steps"));
  d.options = options_from_json(r.object("options"));
  return d;
}

std::optional<AppState> app_state_from_json(JsonNode* node, std::string& error) {
  JsonObject* object = as_object(node, "the app state", error);
  if (!object) return std::nullopt;
  const JsonObjectReader r(object);
  AppState s;
  s.app = r.string("app");
  if (s.app.empty()) {
    error = "the app state names no app";
    return std::nullopt;
  }
  s.current_release = r.string("current_release");
  s.current_commit = r.string("current_commit");
  s.last_good_release = r.string("last_good_release");
  s.last_deploy_id = r.string("last_deploy_id");
  s.last_result = deploy_state_from_name(r.string("last_result"));
  s.failed_step = r.string("failed_step");
  s.in_progress_deploy_id = r.string("in_progress_deploy_id");
  return s;
}

}  // namespace hoist
