// Cutting text to a platform's length limit. Chat platforms count
// characters, not bytes; hoist counts Unicode code points (what Mattermost's
// server counts; Slack and Discord document "characters"), so a cut never
// splits a UTF-8 sequence. All functions take and return valid UTF-8.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hoist {

// The number of code points of s (valid UTF-8).
size_t utf8_length(std::string_view s);

// The last n code points of s (all of s if it has fewer).
std::string_view utf8_last_chars(std::string_view s, size_t n);

// s if it has at most max_chars code points, else its first max_chars - 1
// followed by "…".
std::string utf8_shorten(std::string_view s, size_t max_chars);

// The end of a step's output that a message keeps, and how many code points
// before it were cut.
struct OutputTail {
  std::string_view kept;
  size_t cut_chars = 0;
};

// A message rendered with a tail of the output, or nullopt when it is over
// the platform's limit.
using RenderWithTail = std::function<std::optional<std::string>(const OutputTail& tail)>;

// render's result for the longest end of output it accepts (all of it if it
// fits), cut at a line start when that costs little. nullopt when not even
// an empty tail fits. No more than max_kept_chars are tried (the platform's
// limit: each kept character takes at least one), so a long output costs no
// more than a short one.
std::optional<std::string> fit_output_tail(std::string_view output, size_t max_kept_chars,
                                           const RenderWithTail& render);

}  // namespace hoist
