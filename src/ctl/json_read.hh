// Reading hoistd's JSON replies (deploy and rollout records, rollout
// plans) leniently: a member that is missing, null or of another type reads
// as empty, unknown members are ignored.
#pragma once

#include <json-glib/json-glib.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/glib_ptr.hh"

namespace hoist::ctl {

// The text parsed; nullptr with error saying why (translated) if it is not JSON.
JsonNodePtr parse_json_reply(const std::string& text, std::string& error);

// The object at the root of what parse_json_reply() returned: nullptr if
// it did not parse (error says why), or with error = not_an_object if it is
// no object or (with required_member) has no such member.
JsonObject* root_object(const JsonNodePtr& root, const char* not_an_object, std::string& error,
                        const char* required_member = nullptr);

// A reply kept as hoistd sent it (the "json" of records and results).
std::shared_ptr<JsonNode> shared_node(JsonNodePtr node);

std::string string_member(JsonObject* object, const char* name);
int64_t int_member(JsonObject* object, const char* name);
uint64_t usec_member(JsonObject* object, const char* name);  // negative reads as 0
bool bool_member(JsonObject* object, const char* name);
// The object member name, or nullptr.
JsonObject* object_member(JsonObject* object, const char* name);
// The array member name, or nullptr.
JsonArray* array_member(JsonObject* object, const char* name);

// The strings of an array (other elements skipped; nullptr reads as empty).
std::vector<std::string> string_elements(JsonArray* array);
// The objects of an array (other elements skipped; nullptr reads as empty).
std::vector<JsonObject*> object_elements(JsonArray* array);

// A time in µs since the epoch from RFC 3339 text ("2026-11-22T04:00:00.5Z");
// 0 if it is not one.
uint64_t rfc3339_to_usec(const std::string& text);

}  // namespace hoist::ctl
