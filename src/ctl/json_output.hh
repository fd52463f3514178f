// Building hoistctl's --json output with json-glib.
#pragma once

#include <json-glib/json-glib.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/glib_ptr.hh"
#include "common/json.hh"

namespace hoist::ctl {

inline void add_string_member(JsonBuilder* b, const char* name, const std::string& value) {
  json_builder_set_member_name(b, name);
  json_builder_add_string_value(b, value.c_str());
}

inline void add_bool_member(JsonBuilder* b, const char* name, bool value) {
  json_builder_set_member_name(b, name);
  json_builder_add_boolean_value(b, value);
}

// µs since the epoch and other counts (JSON integers are signed 64 bits).
inline void add_uint_member(JsonBuilder* b, const char* name, uint64_t value) {
  json_builder_set_member_name(b, name);
  json_builder_add_int_value(b, static_cast<gint64>(value));
}

// Adds a copy of node (null when node is null) as the next value.
inline void add_node_value(JsonBuilder* b, JsonNode* node) {
  if (node)
    json_builder_add_value(b, json_node_copy(node));
  else
    json_builder_add_null_value(b);
}

// A record as hoistd sent it ("null" if there is none).
inline std::string node_to_json(const std::shared_ptr<JsonNode>& node) {
  return node ? json_node_to_string(node.get()) : std::string("null");
}

// An array with an object for each of items, whose members
// add_members(JsonBuilder*, const T&) adds.
template <class T, class AddMembers>
std::string json_array_of_objects(const std::vector<T>& items, AddMembers add_members) {
  JsonBuilderPtr b(json_builder_new());
  json_builder_begin_array(b.get());
  for (const auto& item : items) {
    json_builder_begin_object(b.get());
    add_members(b.get(), item);
    json_builder_end_object(b.get());
  }
  json_builder_end_array(b.get());
  return json_builder_to_string(b.get());
}

}  // namespace hoist::ctl
