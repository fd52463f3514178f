#include "ctl/json_read.hh"

#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

// A member of the given value type, or nullptr (missing, null, another type).
JsonNode* value_member(JsonObject* object, const char* name, GType type) {
  JsonNode* node = json_object_get_member(object, name);
  if (!node || !JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != type)
    return nullptr;
  return node;
}

}  // namespace

JsonNodePtr parse_json_reply(const std::string& text, std::string& error) {
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

JsonObject* root_object(const JsonNodePtr& root, const char* not_an_object, std::string& error,
                        const char* required_member) {
  if (!root) return nullptr;
  JsonObject* o = JSON_NODE_HOLDS_OBJECT(root.get()) ? json_node_get_object(root.get()) : nullptr;
  if (!o || (required_member && !json_object_has_member(o, required_member))) {
    error = not_an_object;
    return nullptr;
  }
  return o;
}

std::shared_ptr<JsonNode> shared_node(JsonNodePtr node) {
  return std::shared_ptr<JsonNode>(node.release(), json_node_unref);
}

std::string string_member(JsonObject* object, const char* name) {
  JsonNode* node = value_member(object, name, G_TYPE_STRING);
  return node ? json_node_get_string(node) : "";
}

int64_t int_member(JsonObject* object, const char* name) {
  JsonNode* node = value_member(object, name, G_TYPE_INT64);
  return node ? json_node_get_int(node) : 0;
}

uint64_t usec_member(JsonObject* object, const char* name) {
  int64_t v = int_member(object, name);
  return v > 0 ? static_cast<uint64_t>(v) : 0;
}

bool bool_member(JsonObject* object, const char* name) {
  JsonNode* node = value_member(object, name, G_TYPE_BOOLEAN);
  return node && json_node_get_boolean(node);
}

JsonObject* object_member(JsonObject* object, const char* name) {
  JsonNode* node = json_object_get_member(object, name);
  return node && JSON_NODE_HOLDS_OBJECT(node) ? json_node_get_object(node) : nullptr;
}

JsonArray* array_member(JsonObject* object, const char* name) {
  JsonNode* node = json_object_get_member(object, name);
  return node && JSON_NODE_HOLDS_ARRAY(node) ? json_node_get_array(node) : nullptr;
}

std::vector<std::string> string_elements(JsonArray* array) {
  std::vector<std::string> out;
  for (guint i = 0; array && i < json_array_get_length(array); i++) {
    JsonNode* e = json_array_get_element(array, i);
    if (JSON_NODE_HOLDS_VALUE(e) && json_node_get_value_type(e) == G_TYPE_STRING)
      out.emplace_back(json_node_get_string(e));
  }
  return out;
}

std::vector<JsonObject*> object_elements(JsonArray* array) {
  std::vector<JsonObject*> out;
  for (guint i = 0; array && i < json_array_get_length(array); i++) {
    JsonNode* e = json_array_get_element(array, i);
    if (JSON_NODE_HOLDS_OBJECT(e)) out.push_back(json_node_get_object(e));
  }
  return out;
}

uint64_t rfc3339_to_usec(const std::string& text) {
  if (text.empty()) return 0;
  GDateTime* raw = g_date_time_new_from_iso8601(text.c_str(), nullptr);
  if (!raw) return 0;
  gint64 seconds = g_date_time_to_unix(raw);
  gint micro = g_date_time_get_microsecond(raw);
  g_date_time_unref(raw);
  if (seconds < 0) return 0;
  return static_cast<uint64_t>(seconds) * 1000000 + static_cast<uint64_t>(micro);
}

}  // namespace hoist::ctl
