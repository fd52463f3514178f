// The status of one unit as hoist reports it: over D-Bus as a{sv}
// (GetUnitStatus, ListUnits) and as JSON (HTTP API, hoistctl --json).
#pragma once

#include <json-glib/json-glib.h>
#include <systemd/sd-bus.h>

#include <cstdint>
#include <string>
#include <vector>

namespace hoist {

struct UnitStatus {
  std::string name;
  std::string description;
  std::string load_state;
  std::string active_state;
  std::string sub_state;
  std::string result;         // the unit type's Result, "" if it has none
  uint32_t n_restarts = 0;
  uint32_t main_pid = 0;
  std::string invocation_id;  // 32 hex digits, "" if never started
  uint64_t active_enter_timestamp = 0;  // µs since the epoch, 0 if never active
  std::string fragment_path;
  std::vector<std::string> drop_in_paths;
  bool need_daemon_reload = false;
};

// Appends the status as one a{sv} container. Returns a negative errno on failure.
int append_unit_status(sd_bus_message* m, const UnitStatus& s);

// Reads one a{sv} container into s; unknown keys are skipped (newer daemons may
// add keys). Returns a negative errno on failure, 0 at the end of an array, 1 when read.
int read_unit_status(sd_bus_message* m, UnitStatus& s);

// Adds the status as one JSON object (snake_case keys) to the builder.
void unit_status_to_json(JsonBuilder* b, const UnitStatus& s);

}  // namespace hoist
