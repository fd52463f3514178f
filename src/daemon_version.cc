#include "common/daemon_version.hh"

#include "config.h"

#ifndef HOIST_VERSION_OVERRIDE
#define HOIST_VERSION_OVERRIDE HOIST_VERSION
#endif

namespace hoist {

const char* daemon_version() { return HOIST_VERSION_OVERRIDE; }

}  // namespace hoist
