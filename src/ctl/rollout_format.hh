// Rollouts as hoistctl shows them: the plan of "rollout --dry-run" and one
// record in full ("rollout-status", and the end of "rollout").
#pragma once

#include <cstdint>
#include <string>

#include "ctl/rollout_info.hh"
#include "ctl/terminal.hh"

namespace hoist::ctl {

// "hoistctl rollout --dry-run": "At most N apps at a time." if there is a
// limit, then per wave a heading ("Wave 1") and per app a line with its
// name, action, units and what it waits for, and its steps numbered as
// format_plan numbers a deploy's; a blank line between waves.
std::string format_rollout_plan(const RolloutPlan& plan);

// "hoistctl rollout-status": a "systemctl status"-like block (state, the
// app and step that failed, times, options, error), then a table APP WAVE
// STATE STEP DURATION NOTE with what became of each app (NOTE: its error,
// "rolled back", its deploy, the units systemd restarted itself). Apps
// still running show how long they have been running at now_usec.
std::string format_rollout_record(const RolloutInfo& r, const Style& style, uint64_t now_usec);

// An app's change as a line for logs (without the newline): "api: running
// (health)", "web: skipped".
std::string format_app_change(const std::string& app, const std::string& state,
                              const std::string& step);

}  // namespace hoist::ctl
