#pragma once

#include <string_view>

namespace hoist {

// The white space of g_ascii_isspace: space, tab, line feed, form feed and
// carriage return (not vertical tab, unlike the C locale's isspace).
constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

// s without leading ASCII white space.
constexpr std::string_view trim_left(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  return s;
}

// s without trailing ASCII white space.
constexpr std::string_view trim_right(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

// s without leading and trailing ASCII white space.
constexpr std::string_view trim(std::string_view s) { return trim_left(trim_right(s)); }

// Calls fn(line) for each line of text, without its "\n" or "\r\n"; a text
// ending in a newline has no empty last line (as std::getline reads it).
template <class Fn>
void for_each_line(std::string_view text, Fn&& fn) {
  while (!text.empty()) {
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    fn(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
}

}  // namespace hoist
