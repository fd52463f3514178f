#include "ctl/terminal.hh"

#include <glib.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace hoist::ctl {

bool colors_wanted(bool is_tty, const char* no_color, const char* term) {
  if (!is_tty || (no_color && *no_color)) return false;
  return term && *term && strcmp(term, "dumb") != 0;
}

Style style_for_fd(int fd) {
  Style s;
  s.color = colors_wanted(isatty(fd), getenv("NO_COLOR"), getenv("TERM"));
  s.utf8 = g_get_charset(nullptr);
  return s;
}

std::string colored(const std::string& text, const char* color, const Style& style) {
  if (!style.color || !*color || text.empty()) return text;
  return color + text + ansi::kReset;
}

}  // namespace hoist::ctl
