// "hoistctl status" output: systemctl-like text blocks and JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ctl/terminal.hh"
#include "systemd/unit_status.hh"

namespace hoist::ctl {

// How a unit's ActiveState is shown: the bullet (as systemctl: ● running or
// changing, × failed, ○ inactive) and its colour ("" for none).
struct StateLook {
  const char* glyph;  // for the given style (ASCII without UTF-8)
  const char* color;  // ANSI sequence, "" when uncoloured
};
StateLook state_look(std::string_view active_state, const Style& style);

// One unit as a block of lines like "systemctl status", ending in a newline.
// user selects the command named in the daemon-reload hint.
std::string format_unit_status(const UnitStatus& s, const Style& style, uint64_t now_usec,
                               bool user);

// The units as one JSON array of objects (unit_status_to_json), no newline.
std::string unit_statuses_to_json(const std::vector<UnitStatus>& units);

// The daemon itself for "hoistctl --json status": {"version":"..."}.
std::string daemon_status_to_json(const std::string& version);

}  // namespace hoist::ctl
