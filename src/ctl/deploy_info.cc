#include "ctl/deploy_info.hh"

#include <utility>

#include "common/glib_ptr.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

// A member of the given value type, or nullptr (missing, null, another type).
JsonNode* member(JsonObject* object, const char* name, GType type) {
  JsonNode* node = json_object_get_member(object, name);
  if (!node || !JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != type)
    return nullptr;
  return node;
}

std::string string_member(JsonObject* object, const char* name) {
  JsonNode* node = member(object, name, G_TYPE_STRING);
  return node ? json_node_get_string(node) : "";
}

int64_t int_member(JsonObject* object, const char* name) {
  JsonNode* node = member(object, name, G_TYPE_INT64);
  return node ? json_node_get_int(node) : 0;
}

uint64_t usec_member(JsonObject* object, const char* name) {
  int64_t v = int_member(object, name);
  return v > 0 ? static_cast<uint64_t>(v) : 0;
}

bool bool_member(JsonObject* object, const char* name) {
  JsonNode* node = member(object, name, G_TYPE_BOOLEAN);
  return node && json_node_get_boolean(node);
}

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
  JsonNode* node = json_object_get_member(record, "steps");
  if (!node || !JSON_NODE_HOLDS_ARRAY(node)) return steps;
  JsonArray* array = json_node_get_array(node);
  for (guint i = 0; i < json_array_get_length(array); i++) {
    JsonNode* element = json_array_get_element(array, i);
    if (JSON_NODE_HOLDS_OBJECT(element)) steps.push_back(read_step(json_node_get_object(element)));
  }
  return steps;
}

void read_options(JsonObject* record, DeployInfo& d) {
  JsonNode* node = json_object_get_member(record, "options");
  if (!node || !JSON_NODE_HOLDS_OBJECT(node)) return;
  JsonObject* options = json_node_get_object(node);
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

JsonNodePtr parse_json(const std::string& text, std::string& error) {
  JsonParserPtr parser(json_parser_new());
  GError* raw = nullptr;
  if (!json_parser_load_from_data(parser.get(), text.data(), static_cast<gssize>(text.size()),
                                  &raw)) {
    GErrorPtr e(raw);
    error = strprintf(_("hoistd sent invalid JSON: %s"), e ? e->message : "");
    return nullptr;
  }
  JsonNode* root = json_parser_get_root(parser.get());
  if (!root) {
    error = _("hoistd sent empty JSON");
    return nullptr;
  }
  return JsonNodePtr(json_node_copy(root));
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
  JsonNodePtr root = parse_json(text, error);
  if (!root) return std::nullopt;
  return read_record(root.get(), error);
}

std::optional<std::vector<DeployInfo>> parse_deploy_records(const std::string& text,
                                                            std::string& error) {
  JsonNodePtr root = parse_json(text, error);
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
