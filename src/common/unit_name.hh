// Validation of systemd unit names and unit name patterns, done before any
// request reaches PID 1.
#pragma once

#include <string>
#include <string_view>

namespace hoist {

// Longest unit name systemd accepts (UNIT_NAME_MAX - 1).
inline constexpr size_t kUnitNameMax = 255;

// Why a name was refused, in words for an error message; empty when valid.
// Accepts plain names ("api.service") and instances ("getty@tty1.service");
// a bare template ("getty@.service") is refused unless allow_template.
std::string unit_name_problem(std::string_view name, bool allow_template = false);

inline bool unit_name_is_valid(std::string_view name, bool allow_template = false) {
  return unit_name_problem(name, allow_template).empty();
}

// The same for shell-style patterns (ListUnits, "hoistctl status 'api*'"):
// unit name characters plus * ? [ ], no suffix required.
std::string unit_pattern_problem(std::string_view pattern);

// The unit type suffix without the dot ("service"), empty if none is valid.
std::string_view unit_type(std::string_view name);

}  // namespace hoist
