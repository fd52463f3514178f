// Text that is safe to store in JSON and the journal: valid UTF-8 without NULs.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hoist {

// s with every invalid byte sequence and NUL replaced by U+FFFD.
std::string make_valid_utf8(std::string_view s);

// At most about max_bytes from the end of s, starting on a character
// boundary, as valid UTF-8 (replacements may add a few bytes).
std::string utf8_tail(std::string_view s, size_t max_bytes);

// At most max_bytes from the start of s, cut on a character boundary, valid UTF-8.
std::string utf8_head(std::string_view s, size_t max_bytes);

// Step output kept with a deploy record: the last 64 KiB.
inline constexpr size_t kOutputTailBytes = 64 * 1024;

}  // namespace hoist
