// Times as systemctl and journalctl show them.
#pragma once

#include <cstdint>
#include <string>

namespace hoist::ctl {

// The current wall-clock time in µs since the epoch.
uint64_t now_realtime_usec();

// A duration in systemctl's coarse style, at most two units: "2h 3min",
// "1 day 4h", "3 weeks 2 days", "45s", "120ms".
std::string format_timespan_coarse(uint64_t usec);

// A duration with a tenth of a second where that matters, as a step's
// duration: "350ms", "1.2s", "59.9s", then as format_timespan_coarse
// ("2min 3s").
std::string format_step_duration(uint64_t usec);

// A duration that is still growing, in tenths of a second below a minute
// (so that it ticks evenly): "0.0s", "4.2s", "59.9s", then as
// format_timespan_coarse ("2min 3s").
std::string format_elapsed(uint64_t usec);

// then relative to now: "2h 3min ago", "in 5s" (clock skew), "now".
std::string format_relative(uint64_t then_usec, uint64_t now_usec);

// Local time with weekday and zone: "Thu 2024-11-21 22:08:32 CET".
std::string format_timestamp(uint64_t usec);

// Local time for tables: "2024-11-21 22:08:32".
std::string format_table_time(uint64_t usec);

// Local time as journalctl's short output: "Nov 21 22:08:32".
std::string format_short_time(uint64_t usec);

}  // namespace hoist::ctl
