// One journal entry as hoist returns it: D-Bus struct (tuusss) and JSON.
#pragma once

#include <json-glib/json-glib.h>
#include <systemd/sd-bus.h>

#include <cstdint>
#include <string>

namespace hoist {

struct LogEntry {
  uint64_t realtime_usec = 0;
  uint32_t priority = 6;  // LOG_INFO when the entry carries none
  uint32_t pid = 0;
  std::string identifier;  // SYSLOG_IDENTIFIER, else _COMM
  std::string message;
  std::string cursor;
};

inline constexpr const char* kLogEntrySignature = "(tuusss)";

int append_log_entry(sd_bus_message* m, const LogEntry& e);
// Returns 1 when an entry was read, 0 at the end of the array, negative errno on error.
int read_log_entry(sd_bus_message* m, LogEntry& e);
void log_entry_to_json(JsonBuilder* b, const LogEntry& e);

}  // namespace hoist
