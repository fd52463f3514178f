// json-glib helpers: serialising a builder's root.
#pragma once

#include <json-glib/json-glib.h>

#include <string>

namespace hoist {

// The builder's root as JSON text (compact unless pretty).
std::string json_builder_to_string(JsonBuilder* b, bool pretty = false);

// Serialise a single node.
std::string json_node_to_string(JsonNode* node, bool pretty = false);

}  // namespace hoist
