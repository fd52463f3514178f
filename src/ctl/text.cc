#include "ctl/text.hh"

#include <glib.h>

#include <cstdarg>
#include <cstdio>

namespace hoist::ctl {

std::string strprintf(const char* format, ...) {
  va_list ap;
  va_start(ap, format);
  va_list copy;
  va_copy(copy, ap);
  int n = vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  std::string out;
  if (n > 0) {
    out.resize(static_cast<size_t>(n));
    vsnprintf(out.data(), out.size() + 1, format, ap);
  }
  va_end(ap);
  return out;
}

std::string printable(const std::string& s) {
  if (g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) {
    bool plain = true;
    for (unsigned char c : s) plain = plain && c >= 0x20 && c != 0x7f;
    if (plain) return s;
  }
  char* escaped = g_strescape(s.c_str(), nullptr);
  std::string out = escaped;
  g_free(escaped);
  return out;
}

std::string indent_lines(const std::string& text, const char* indent) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string::npos ? text.size() : nl;
    out += indent;
    out.append(text, start, end - start);
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

size_t display_width(std::string_view s) {
  if (!g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) return s.size();
  return static_cast<size_t>(g_utf8_strlen(s.data(), static_cast<gssize>(s.size())));
}

}  // namespace hoist::ctl
