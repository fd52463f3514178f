// hoistctl --help and --version.
#pragma once

#include <string>

namespace hoist::ctl {

// The full, translated --help text.
std::string help_text();

// "hoistctl 0.1.0"
std::string version_text();

}  // namespace hoist::ctl
