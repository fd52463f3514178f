#include "core/utf8_text.hh"

#include <glib.h>

#include "common/glib_ptr.hh"

namespace hoist {
namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// UTF-8 characters are at most 4 bytes: skip at most 3 continuation bytes.
constexpr size_t kMaxContinuation = 3;

}  // namespace

std::string make_valid_utf8(std::string_view s) {
  if (g_utf8_validate_len(s.data(), s.size(), nullptr)) return std::string(s);
  const GCharPtr valid(g_utf8_make_valid(s.data(), static_cast<gssize>(s.size())));
  return valid.get();
}

std::string utf8_tail(std::string_view s, size_t max_bytes) {
  if (s.size() > max_bytes) {
    s.remove_prefix(s.size() - max_bytes);
    for (size_t i = 0; i < kMaxContinuation && !s.empty() && is_continuation_byte(s.front()); i++)
      s.remove_prefix(1);
  }
  return make_valid_utf8(s);
}

std::string utf8_head(std::string_view s, size_t max_bytes) {
  if (s.size() > max_bytes) {
    size_t end = max_bytes;
    for (size_t i = 0; i < kMaxContinuation && end > 0 && is_continuation_byte(s[end]); i++) end--;
    s = s.substr(0, end);
  }
  return make_valid_utf8(s);
}

}  // namespace hoist
