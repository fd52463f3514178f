// Building hoistctl's --json output with json-glib.
#pragma once

#include <json-glib/json-glib.h>

#include <string>

namespace hoist::ctl {

inline void add_string_member(JsonBuilder* b, const char* name, const std::string& value) {
  json_builder_set_member_name(b, name);
  json_builder_add_string_value(b, value.c_str());
}

inline void add_bool_member(JsonBuilder* b, const char* name, bool value) {
  json_builder_set_member_name(b, name);
  json_builder_add_boolean_value(b, value);
}

// Adds a copy of node (null when node is null) as the next value.
inline void add_node_value(JsonBuilder* b, JsonNode* node) {
  if (node)
    json_builder_add_value(b, json_node_copy(node));
  else
    json_builder_add_null_value(b);
}

}  // namespace hoist::ctl
