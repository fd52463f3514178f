// hoistctl's exit statuses, which follow systemctl's: LSB init script codes,
// with "status" using the LSB status action's own meanings.
#pragma once

#include <string_view>

#include "ctl/args.hh"

namespace hoist::ctl::exit_status {

inline constexpr int kSuccess = 0;
// Anything else: bad arguments, a failed job, hoistd unreachable, ...
inline constexpr int kFailure = 1;
// status: some unit is not active (LSB "program is not running").
inline constexpr int kNotRunning = 3;
// status: some unit does not exist (LSB "program or service status is unknown");
// show, releases, history, deploy-status, rollout-status: no such app,
// deploy or rollout.
inline constexpr int kStatusUnknown = 4;
// Any other verb: hoistd (polkit) refused the call (LSB "insufficient privilege").
inline constexpr int kNoPermission = 4;
// Any other verb: the unit, app or release does not exist, (confirm) no
// deploy of the app waits for confirmation, or (cancel-rollout) no such
// rollout runs (LSB "program is not installed").
inline constexpr int kNotInstalled = 5;

// diff: some files differ, as for diff(1).
inline constexpr int kDiffers = 1;
// diff: 1 means that files differ, as for diff(1); its failures (invalid
// arguments, hoistd unreachable, no templates, a template that does not
// render, diff(1) itself failing) are 2 instead.
inline constexpr int kDiffTrouble = 2;

// The status of a failure that has no status of its own (invalid
// arguments, hoistd unreachable, ...): kFailure, for diff kDiffTrouble.
int failure(Verb verb);

// The status for a call of verb that failed with the D-Bus error error_name.
int for_bus_error(Verb verb, std::string_view error_name);

// The worse of two statuses by systemctl's reckoning for status: a missing
// unit (4) outweighs an inactive one (3); a failure (1) outweighs both.
int worst(int a, int b);

}  // namespace hoist::ctl::exit_status
