// What the terminal hoistctl writes to can show: colours and UTF-8 glyphs.
#pragma once

#include <string>

namespace hoist::ctl {

// ANSI escape sequences hoistctl uses.
namespace ansi {
inline constexpr const char* kReset = "\033[0m";
inline constexpr const char* kBold = "\033[1m";
inline constexpr const char* kGrey = "\033[0;38;5;245m";
inline constexpr const char* kGreen = "\033[0;1;32m";
inline constexpr const char* kYellow = "\033[0;1;33m";
inline constexpr const char* kRed = "\033[0;1;31m";
}  // namespace ansi

struct Style {
  bool color = false;  // ANSI colours allowed
  bool utf8 = false;   // glyphs such as ● allowed
};

// Colours only on a terminal, and not when $NO_COLOR is set and not empty (see
// no-color.org) or
// $TERM is unset or "dumb". Arguments are isatty() and the two getenv() results.
bool colors_wanted(bool is_tty, const char* no_color, const char* term);

// The style for writing to fd, from the environment and the locale's charset.
Style style_for_fd(int fd);

// text in color (an ANSI sequence, "" for none) when the style allows colours.
std::string colored(const std::string& text, const char* color, const Style& style);

}  // namespace hoist::ctl
