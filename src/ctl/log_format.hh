// "hoistctl logs" output: journal entries as journalctl's short and cat
// formats, or one JSON object per line.
#pragma once

#include <string>

#include "ctl/args.hh"
#include "ctl/terminal.hh"
#include "systemd/log_entry.hh"

namespace hoist::ctl {

// The ANSI colour journalctl gives a priority ("" for none): errors and worse
// red, warnings yellow, notices bold, debug grey.
const char* priority_color(uint32_t priority);

// One entry, ending in a newline:
//   short: "Nov 21 22:08:32 ident[pid]: message" (local time; continuation
//          lines of a multi-line message indented under the first; a message
//          that is not printable UTF-8 as "[N bytes blob data]")
//   cat:   the message as it is, as "journalctl -o cat"
// Both are coloured by priority when style.color.
//   json:  log_entry_to_json, compact
std::string format_log_entry(const LogEntry& e, LogFormat format, const Style& style);

}  // namespace hoist::ctl
