#include "core/deploy_id.hh"

#include <glib.h>

#include <charconv>
#include <cstdio>

#include "core/utc_time.hh"

namespace hoist {
namespace {

constexpr size_t kSuffixDigits = 6;
constexpr uint32_t kSuffixLimit = 1U << (4 * kSuffixDigits);
// A fresh second starts in the lower half so that ids within it keep room to grow.
constexpr uint32_t kRandomLimit = kSuffixLimit / 2;

bool is_id_char(char c) { return g_ascii_isalnum(c) || c == '-'; }

std::string hex_suffix(uint32_t n) {
  char buf[16];
  snprintf(buf, sizeof buf, "%06x", n);
  return buf;
}

// The stamp and suffix of an id this file made; false for other ids.
bool split_id(std::string_view id, std::string_view& stamp, uint32_t& suffix) {
  if (id.size() != kUtcStampLength + 1 + kSuffixDigits || id[kUtcStampLength] != '-') return false;
  stamp = id.substr(0, kUtcStampLength);
  if (!is_utc_stamp(stamp)) return false;
  const std::string_view hex = id.substr(kUtcStampLength + 1);
  const auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), suffix, 16);
  return ec == std::errc() && end == hex.data() + hex.size();
}

}  // namespace

bool deploy_id_is_valid(std::string_view id) {
  if (id.empty() || id.size() > kDeployIdMax || id.front() == '-') return false;
  for (const char c : id)
    if (!is_id_char(c)) return false;
  return true;
}

std::string make_deploy_id(uint64_t now_usec, std::string_view after) {
  const std::string stamp = utc_stamp(now_usec);
  std::string_view after_stamp;
  uint32_t after_suffix = 0;
  if (split_id(after, after_stamp, after_suffix) && after_stamp >= stamp) {
    const uint32_t step = 1 + static_cast<uint32_t>(g_random_int_range(0, 16));
    if (after_suffix + step < kSuffixLimit)
      return std::string(after_stamp) + "-" + hex_suffix(after_suffix + step);
  }
  return stamp + "-" + hex_suffix(static_cast<uint32_t>(g_random_int_range(0, kRandomLimit)));
}

}  // namespace hoist
