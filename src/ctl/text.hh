// Translated, printf-formatted text for hoistctl's messages.
#pragma once

#include <libintl.h>

#include <string>
#include <string_view>
#include <vector>

// Marks a string for translation and translates it at run time.
#define _(String) gettext(String)
// Marks a string for translation only (for tables); translate it with _() later.
#define N_(String) String

namespace hoist::ctl {

// printf into a std::string.
std::string strprintf(const char* format, ...) __attribute__((format(printf, 1, 2)));

// Text from the command line as it may appear in a message: control
// characters and non-UTF-8 bytes escaped as in C ("a\nb", "caf\303").
std::string printable(const std::string& s);

// Each line of text (a last one without newline too) after indent, ending
// in a newline.
std::string indent_lines(const std::string& text, const char* indent);

// The items with separator between them.
std::string join(const std::vector<std::string>& items, const char* separator);

// Columns s takes on a terminal: its characters if it is UTF-8 (close enough
// for labels, names and ids), else its bytes.
size_t display_width(std::string_view s);

}  // namespace hoist::ctl
