#include "notify/step_output.hh"

#include "core/utf8_text.hh"

namespace hoist {
namespace {

constexpr char kEscape = '\x1b';

// The length of the escape sequence at s[i] (s[i] == ESC): CSI "ESC [ ...
// final byte", OSC "ESC ] ... BEL or ESC \", or ESC and one more byte.
size_t escape_length(std::string_view s, size_t i) {
  if (i + 1 >= s.size()) return 1;
  const char kind = s[i + 1];
  size_t j = i + 2;
  if (kind == '[') {
    while (j < s.size() && !(s[j] >= 0x40 && s[j] <= 0x7e)) j++;
    return (j < s.size() ? j + 1 : j) - i;
  }
  if (kind == ']') {
    while (j < s.size() && s[j] != '\a' && !(s[j] == kEscape && j + 1 < s.size() && s[j + 1] == '\\'))
      j++;
    if (j < s.size()) j += s[j] == '\a' ? 1 : 2;
    return j - i;
  }
  return 2;
}

}  // namespace

std::string clean_step_output(std::string_view output) {
  const std::string valid = make_valid_utf8(output);
  const std::string_view s = valid;
  std::string out;
  out.reserve(s.size());
  size_t line_start = 0;  // in out
  bool rewound = false;    // after a "\r": the next character rewrites the line
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == kEscape) {
      i += escape_length(s, i);
      continue;
    }
    i++;
    if (c == '\r') {
      rewound = true;
    } else if (c == '\n') {
      out += c;
      line_start = out.size();
      rewound = false;
    } else if (c == '\t' || (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f)) {
      if (rewound) out.resize(line_start);
      rewound = false;
      out += c;
    }
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace hoist
