#include "core/json_object.hh"

#include "core/utf8_text.hh"

namespace hoist {

void JsonObjectWriter::string(const char* name, std::string_view value) {
  json_object_set_string_member(object_, name, make_valid_utf8(value).c_str());
}

std::string JsonObjectReader::string(const char* name) const {
  JsonNode* n = value(name, G_TYPE_STRING);
  return n ? json_node_get_string(n) : "";
}

int64_t JsonObjectReader::integer(const char* name) const {
  JsonNode* n = value(name, G_TYPE_INT64);
  return n ? json_node_get_int(n) : 0;
}

uint64_t JsonObjectReader::usec(const char* name) const {
  const int64_t v = integer(name);
  return v > 0 ? static_cast<uint64_t>(v) : 0;
}

bool JsonObjectReader::boolean(const char* name) const {
  JsonNode* n = value(name, G_TYPE_BOOLEAN);
  return n && json_node_get_boolean(n);
}

JsonObject* JsonObjectReader::object(const char* name) const {
  JsonNode* n = json_object_get_member(object_, name);
  return n && JSON_NODE_HOLDS_OBJECT(n) ? json_node_get_object(n) : nullptr;
}

JsonArray* JsonObjectReader::array(const char* name) const {
  JsonNode* n = json_object_get_member(object_, name);
  return n && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n) : nullptr;
}

JsonNode* JsonObjectReader::value(const char* name, GType type) const {
  JsonNode* n = json_object_get_member(object_, name);
  return n && JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == type ? n : nullptr;
}

}  // namespace hoist
