// A failed step's output as a chat message can show it: what a terminal
// would have displayed, without the escape sequences that only a terminal
// understands.
#pragma once

#include <string>
#include <string_view>

namespace hoist {

// output as valid UTF-8 with ANSI escape sequences (colours, cursor moves)
// removed, "\r\n" read as "\n", a line rewritten with "\r" (a progress bar)
// reduced to its last state, other control characters but tab dropped, and
// without trailing newlines.
std::string clean_step_output(std::string_view output);

}  // namespace hoist
