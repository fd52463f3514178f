// Writing and reading the members of JSON objects (json-glib) field by field,
// for the to_json/from_json of hoist's records.
#pragma once

#include <json-glib/json-glib.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "common/glib_ptr.hh"
#include "core/utf8_text.hh"

namespace hoist {

// Builds a JSON object; strings are made valid UTF-8.
class JsonObjectWriter {
 public:
  JsonObjectWriter() : object_(json_object_new()) {}
  JsonObjectWriter(const JsonObjectWriter&) = delete;
  JsonObjectWriter& operator=(const JsonObjectWriter&) = delete;
  ~JsonObjectWriter() { json_object_unref(object_); }

  void string(const char* name, std::string_view value);
  void integer(const char* name, int64_t value) {
    json_object_set_int_member(object_, name, value);
  }
  void usec(const char* name, uint64_t value) { integer(name, static_cast<int64_t>(value)); }
  void boolean(const char* name, bool value) {
    json_object_set_boolean_member(object_, name, value);
  }
  void null(const char* name) { json_object_set_null_member(object_, name); }
  void node(const char* name, JsonNodePtr value) {
    json_object_set_member(object_, name, value.release());
  }
  bool has(const char* name) const { return json_object_has_member(object_, name); }

  // A node holding the object (the writer may go on adding to it).
  JsonNodePtr node() { return JsonNodePtr(json_node_init_object(json_node_alloc(), object_)); }

 private:
  JsonObject* object_;
};

// Reads members of a JSON object; a missing member or one of another type
// reads as the type's default.
class JsonObjectReader {
 public:
  explicit JsonObjectReader(JsonObject* object) : object_(object) {}

  std::string string(const char* name) const;
  int64_t integer(const char* name) const;
  uint64_t usec(const char* name) const;  // negative reads as 0
  bool boolean(const char* name) const;
  JsonObject* object(const char* name) const;
  JsonArray* array(const char* name) const;

 private:
  JsonNode* value(const char* name, GType type) const;

  JsonObject* object_;
};

// A node holding array; takes over the caller's reference to it.
inline JsonNodePtr json_array_node(JsonArray* array) {
  JsonNodePtr node(json_node_init_array(json_node_alloc(), array));
  json_array_unref(array);
  return node;
}

// A JSON array node of to_node(item) (a JsonNodePtr) for each item.
template <class Items, class ToNode>
JsonNodePtr json_array_of(const Items& items, ToNode to_node) {
  JsonArray* array = json_array_new();
  for (const auto& item : items) json_array_add_element(array, to_node(item).release());
  return json_array_node(array);
}

// A JSON array node of strings (made valid UTF-8).
template <class Strings>
JsonNodePtr json_string_array(const Strings& strings) {
  return json_array_of(strings, [](const auto& s) {
    return JsonNodePtr(json_node_init_string(json_node_alloc(), make_valid_utf8(s).c_str()));
  });
}

}  // namespace hoist
