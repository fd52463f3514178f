#include "common/json.hh"

#include <cstdio>

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

namespace {

// What strict JSON has outside strings: structure, numbers, true, false, null.
bool is_json_outside_string(char c) {
  return std::string_view(" \t\r\n[]{},:0123456789+-.eEtrufalsn").find(c) != std::string_view::npos;
}

}  // namespace

std::string json_text_problem(std::string_view text, unsigned max_depth) {
  unsigned depth = 0;
  bool in_string = false, escaped = false;
  for (size_t i = 0; i < text.size(); i++) {
    const char c = text[i];
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return "nests deeper than " + std::to_string(max_depth) + " levels";
    } else if (c == ']' || c == '}') {
      if (depth > 0) depth--;
    } else if (!is_json_outside_string(c)) {
      char shown[8];
      if (g_ascii_isgraph(c))
        std::snprintf(shown, sizeof shown, "'%c'", c);
      else
        std::snprintf(shown, sizeof shown, "0x%02x", static_cast<unsigned char>(c));
      return "is not JSON: byte " + std::to_string(i + 1) + " is " + std::string(shown) +
             " outside a string (hoist reads strict JSON: no comments, single quotes or bare words)";
    }
  }
  return {};
}

}  // namespace hoist
