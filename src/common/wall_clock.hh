// The wall clock in microseconds since the epoch (g_get_real_time()), the
// unit of every time in a deploy record.
#pragma once

#include <glib.h>

#include <cstdint>

namespace hoist {

inline uint64_t now_usec() { return static_cast<uint64_t>(g_get_real_time()); }

}  // namespace hoist
