#include "common/unit_name.hh"

#include <array>
#include <cstdio>

namespace hoist {
namespace {

constexpr std::array<std::string_view, 11> kTypes = {
    "service", "socket", "target", "device", "mount", "automount",
    "swap",    "timer",  "path",   "slice",  "scope"};

bool valid_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == ':' || c == '-' || c == '_' || c == '.' || c == '\\';
}

std::string describe_char(char c) {
  auto u = static_cast<unsigned char>(c);
  char buf[32];
  if (u < 0x20 || u == 0x7f)
    snprintf(buf, sizeof buf, "control character 0x%02x", u);
  else if (u >= 0x80)
    snprintf(buf, sizeof buf, "byte 0x%02x", u);
  else
    snprintf(buf, sizeof buf, "character '%c'", c);
  return buf;
}

std::string common_problem(std::string_view s, std::string_view what) {
  if (s.empty()) return std::string(what) + " is empty";
  if (s.size() > kUnitNameMax)
    return std::string(what) + " is " + std::to_string(s.size()) + " bytes long, the limit is " +
           std::to_string(kUnitNameMax);
  return {};
}

}  // namespace

std::string_view unit_type(std::string_view name) {
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  auto suffix = name.substr(dot + 1);
  for (auto t : kTypes)
    if (suffix == t) return t;
  return {};
}

std::string unit_name_problem(std::string_view name, bool allow_template) {
  if (auto p = common_problem(name, "unit name"); !p.empty()) return p;
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos || unit_type(name).empty())
    return "unit name has no valid type suffix (.service, .socket, .timer, ...)";
  auto prefix = name.substr(0, dot);
  if (prefix.empty()) return "unit name has nothing before its suffix";
  auto at = prefix.find('@');
  if (at != std::string_view::npos && prefix.find('@', at + 1) != std::string_view::npos)
    return "unit name contains more than one '@'";
  for (size_t i = 0; i < prefix.size(); i++) {
    char c = prefix[i];
    if (i == at) continue;
    if (!valid_char(c)) return "unit name contains " + describe_char(c);
  }
  if (at != std::string_view::npos) {
    if (at == 0) return "unit name starts with '@'";
    if (at + 1 == prefix.size() && !allow_template)
      return "unit name is a template without an instance";
  }
  return {};
}

std::string unit_pattern_problem(std::string_view pattern) {
  if (auto p = common_problem(pattern, "unit pattern"); !p.empty()) return p;
  for (char c : pattern) {
    if (valid_char(c) || c == '@' || c == '*' || c == '?' || c == '[' || c == ']' || c == '!')
      continue;
    return "unit pattern contains " + describe_char(c);
  }
  return {};
}

}  // namespace hoist
