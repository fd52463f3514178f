#include "notify/truncate.hh"

#include <glib.h>

#include <algorithm>

namespace hoist {
namespace {

// A cut that lands inside a line moves to the next line start if that drops
// at most this many more code points.
constexpr size_t kLineSnapChars = 200;

}  // namespace

// In valid UTF-8, every code point starts with a byte that is not a
// continuation byte (10xxxxxx).
inline bool starts_code_point(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

size_t utf8_length(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return starts_code_point(c); }));
}

std::string_view utf8_last_chars(std::string_view s, size_t n) {
  size_t start = s.size();
  for (size_t found = 0; found < n && start > 0;)
    if (starts_code_point(s[--start])) found++;
  return s.substr(start);
}

std::string utf8_shorten(std::string_view s, size_t max_chars) {
  if (utf8_length(s) <= max_chars) return std::string(s);
  if (max_chars == 0) return {};
  const char* end = g_utf8_offset_to_pointer(s.data(), static_cast<glong>(max_chars - 1));
  return std::string(s.data(), end) + "…";
}

std::optional<std::string> fit_output_tail(std::string_view output, size_t max_kept_chars,
                                           const RenderWithTail& render) {
  const size_t total = utf8_length(output);
  if (total <= max_kept_chars)
    if (auto whole = render({output, 0})) return whole;
  auto with = [&](size_t keep) { return render({utf8_last_chars(output, keep), total - keep}); };
  std::optional<std::string> best = with(0);
  if (!best) return std::nullopt;
  // with(lo) fits, with(hi) does not (or is not tried).
  size_t lo = 0, hi = std::min(total, max_kept_chars + 1);
  while (hi - lo > 1) {
    const size_t mid = lo + (hi - lo) / 2;
    if (auto r = with(mid)) {
      lo = mid;
      best = std::move(r);
    } else {
      hi = mid;
    }
  }
  // Start at a line rather than in the middle of one, if one starts soon.
  const std::string_view kept = utf8_last_chars(output, lo);
  const bool at_line_start = output[output.size() - kept.size() - 1] == '\n';
  const size_t newline = kept.find('\n');
  if (!at_line_start && newline != std::string_view::npos && newline + 1 < kept.size() &&
      utf8_length(kept.substr(0, newline + 1)) <= kLineSnapChars) {
    const std::string_view from_line = kept.substr(newline + 1);
    if (auto r = render({from_line, total - utf8_length(from_line)})) best = std::move(r);
  }
  return best;
}

}  // namespace hoist
