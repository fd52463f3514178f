// The version this hoistd reports (D-Bus Version, /healthz, the journal,
// self-update's comparisons). Defined in src/daemon_version.cc, compiled
// into each executable: the system tests build a second hoistd from the same
// code with a higher version (HOIST_VERSION_OVERRIDE) to update to.
#pragma once

namespace hoist {

const char* daemon_version();

}  // namespace hoist
