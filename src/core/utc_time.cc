#include "core/utc_time.hh"

#include <time.h>

#include <algorithm>
#include <cstdio>

namespace hoist {
namespace {

constexpr uint64_t kMicrosPerSecond = 1000000;

tm utc_tm(uint64_t usec) {
  const time_t secs = static_cast<time_t>(usec / kMicrosPerSecond);
  tm t = {};
  gmtime_r(&secs, &t);
  return t;
}

}  // namespace

uint64_t realtime_now_usec() {
  timespec ts = {};
  clock_gettime(CLOCK_REALTIME, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * kMicrosPerSecond +
         static_cast<uint64_t>(ts.tv_nsec) / 1000;
}

std::string utc_stamp(uint64_t usec) {
  const tm t = utc_tm(usec);
  char buf[32];
  strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &t);
  return buf;
}

bool is_utc_stamp(std::string_view s) {
  auto digits = [](std::string_view d) {
    return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return s.size() == kUtcStampLength && digits(s.substr(0, 8)) && s[8] == 'T' &&
         digits(s.substr(9, 6)) && s[15] == 'Z';
}

std::string rfc3339_usec(uint64_t usec) {
  const tm t = utc_tm(usec);
  char date[32];
  strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &t);
  char buf[48];
  snprintf(buf, sizeof buf, "%s.%06uZ", date, static_cast<unsigned>(usec % kMicrosPerSecond));
  return buf;
}

}  // namespace hoist
