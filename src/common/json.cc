#include "common/json.hh"

#include "common/glib_ptr.hh"

namespace hoist {

std::string json_node_to_string(JsonNode* node, bool pretty) {
  GCharPtr text(json_to_string(node, pretty));
  return text ? std::string(text.get()) : std::string("null");
}

std::string json_builder_to_string(JsonBuilder* b, bool pretty) {
  JsonNodePtr root(json_builder_get_root(b));
  return json_node_to_string(root.get(), pretty);
}

}  // namespace hoist
