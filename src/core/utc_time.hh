// Wall-clock time as hoist writes it: compact UTC stamps for release names and
// deploy ids, RFC 3339 with microseconds for events.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hoist {

// CLOCK_REALTIME in microseconds since the epoch.
uint64_t realtime_now_usec();

// "20261121T224435Z" (seconds precision, always kUtcStampLength characters).
std::string utc_stamp(uint64_t usec);
inline constexpr size_t kUtcStampLength = 16;

// Whether s has the form of a utc_stamp().
bool is_utc_stamp(std::string_view s);

// "2026-11-21T22:44:35.123456Z".
std::string rfc3339_usec(uint64_t usec);

}  // namespace hoist
