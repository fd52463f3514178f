#include "ctl/deploy_info.hh"

#include <utility>

#include "common/glib_ptr.hh"
#include "ctl/json_read.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

StepInfo read_step(JsonObject* object) {
  StepInfo s;
  s.name = string_member(object, "name");
  s.result = string_member(object, "result");
  s.exit_status = int_member(object, "exit_status");
  s.duration_usec = usec_member(object, "duration_usec");
  s.output_tail = string_member(object, "output_tail");
  return s;
}

std::vector<StepInfo> read_steps(JsonObject* record) {
  std::vector<StepInfo> steps;
  for (JsonObject* step : object_elements(array_member(record, "steps")))
    steps.push_back(read_step(step));
  return steps;
}

void read_options(JsonObject* record, DeployInfo& d) {
  JsonObject* options = object_member(record, "options");
  if (!options) return;
  d.force = bool_member(options, "force");
  d.skip_migrations = bool_member(options, "skip_migrations");
}

// The members read as they are, by name.
constexpr std::pair<const char*, std::string DeployInfo::*> kStringMembers[] = {
    {"app", &DeployInfo::app},
    {"kind", &DeployInfo::kind},
    {"revision", &DeployInfo::revision},
    {"commit", &DeployInfo::commit},
    {"state", &DeployInfo::state},
    {"step", &DeployInfo::step},
    {"error", &DeployInfo::error},
    {"release", &DeployInfo::release},
    {"previous_release", &DeployInfo::previous_release},
};
constexpr std::pair<const char*, uint64_t DeployInfo::*> kTimeMembers[] = {
    {"queued_usec", &DeployInfo::queued_usec},
    {"started_usec", &DeployInfo::started_usec},
    {"finished_usec", &DeployInfo::finished_usec},
};

std::optional<DeployInfo> read_record(JsonNode* node, std::string& error) {
  if (!node || !JSON_NODE_HOLDS_OBJECT(node)) {
    error = _("the deploy record is not a JSON object");
    return std::nullopt;
  }
  JsonObject* o = json_node_get_object(node);
  DeployInfo d;
  d.id = string_member(o, "id");
  if (d.id.empty()) {
    error = _("the deploy record has no id");
    return std::nullopt;
  }
  for (const auto& [name, field] : kStringMembers) d.*field = string_member(o, name);
  for (const auto& [name, field] : kTimeMembers) d.*field = usec_member(o, name);
  read_options(o, d);
  d.steps = read_steps(o);
  d.json.reset(json_node_copy(node), json_node_unref);
  return d;
}

}  // namespace

const StepInfo* DeployInfo::failed_step() const {
  const StepInfo* last_failed = nullptr;
  for (auto it = steps.rbegin(); it != steps.rend(); ++it) {
    if (it->succeeded()) continue;
    if (it->name == step) return &*it;
    if (!last_failed) last_failed = &*it;
  }
  return last_failed;
}

std::optional<DeployInfo> parse_deploy_record(const std::string& text, std::string& error) {
  JsonNodePtr root = parse_json_reply(text, error);
  if (!root) return std::nullopt;
  return read_record(root.get(), error);
}

std::optional<std::vector<DeployInfo>> parse_deploy_records(const std::string& text,
                                                            std::string& error) {
  JsonNodePtr root = parse_json_reply(text, error);
  if (!root) return std::nullopt;
  if (!JSON_NODE_HOLDS_ARRAY(root.get())) {
    error = _("the deploy history is not a JSON array");
    return std::nullopt;
  }
  std::vector<DeployInfo> records;
  JsonArray* array = json_node_get_array(root.get());
  for (guint i = 0; i < json_array_get_length(array); i++) {
    auto record = read_record(json_array_get_element(array, i), error);
    if (!record) return std::nullopt;
    records.push_back(std::move(*record));
  }
  return records;
}

}  // namespace hoist::ctl
