// json-glib helpers: serialising a builder's root, and checking text's
// nesting before json-glib parses it.
#pragma once

#include <json-glib/json-glib.h>

#include <string>
#include <string_view>

namespace hoist {

// The builder's root as JSON text (compact unless pretty).
std::string json_builder_to_string(JsonBuilder* b, bool pretty = false);

// Serialise a single node.
std::string json_node_to_string(JsonNode* node, bool pretty = false);

// The deepest nesting of JSON text hoist parses when it comes from outside.
inline constexpr unsigned kJsonMaxDepth = 64;

// Why json-glib should not parse text that comes from outside (a webhook's
// payload, a forge's release): it nests arrays and objects deeper than
// max_depth levels (json-glib parses recursively: its stack would
// overflow), or it has, outside double-quoted strings, a byte strict JSON
// (RFC 8259) has not there. json-glib also takes comments and single-quoted
// strings, and brackets inside those would escape the count. "" if neither:
// "nests deeper than 64 levels", "is not JSON: byte 3 is '/' outside a
// string (hoist reads strict JSON: no comments, single quotes or bare
// words)".
std::string json_text_problem(std::string_view text, unsigned max_depth = kJsonMaxDepth);

}  // namespace hoist
