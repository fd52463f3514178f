// The property behind json_text_problem (common/json.hh): it never counts
// less nesting than json-glib parses. JSON text it lets through makes
// json-glib build a tree at most kJsonMaxDepth levels deep, and one level
// less than that tree has is too deep for it.
#pragma once

#include <json-glib/json-glib.h>

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "fuzz_check.hh"

namespace hoist::fuzz {

// How many arrays and objects nest in root (0 for a plain value), counted
// without recursion.
inline unsigned json_depth(JsonNode* root) {
  unsigned deepest = 0;
  std::vector<std::pair<JsonNode*, unsigned>> todo = {{root, 0}};
  while (!todo.empty()) {
    auto [node, depth] = todo.back();
    todo.pop_back();
    if (JSON_NODE_HOLDS_ARRAY(node)) {
      deepest = std::max(deepest, depth + 1);
      JsonArray* array = json_node_get_array(node);
      for (guint i = 0; i < json_array_get_length(array); i++)
        todo.emplace_back(json_array_get_element(array, i), depth + 1);
    } else if (JSON_NODE_HOLDS_OBJECT(node)) {
      deepest = std::max(deepest, depth + 1);
      GList* members = json_object_get_values(json_node_get_object(node));
      for (GList* m = members; m; m = m->next) todo.emplace_back(static_cast<JsonNode*>(m->data), depth + 1);
      g_list_free(members);
    }
  }
  return deepest;
}

inline void check_json_guard(std::string_view text) {
  if (!json_text_problem(text).empty()) return;
  const JsonParserPtr parser(json_parser_new());
  if (!json_parser_load_from_data(parser.get(), text.data(), static_cast<gssize>(text.size()), nullptr))
    return;
  JsonNode* root = json_parser_get_root(parser.get());
  const unsigned depth = root ? json_depth(root) : 0;
  FUZZ_CHECK(depth <= kJsonMaxDepth);
  FUZZ_CHECK(depth == 0 || !json_text_problem(text, depth - 1).empty());
}

}  // namespace hoist::fuzz
