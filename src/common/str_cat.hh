// Concatenating strings by appending to one reserved string. Chains of
// operator+ on temporaries ("<" + s + ">") make GCC 12 at -O3 warn
// (-Wrestrict, a false positive) and copy more; str_cat does neither.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace hoist {

inline std::string str_cat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (auto p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  for (auto p : parts) out += p;
  return out;
}

}  // namespace hoist
