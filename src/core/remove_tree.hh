// Removing a directory tree without ever leaving it: symlinks inside are
// removed, never followed, and other file systems mounted inside are refused.
#pragma once

#include <string>

namespace hoist {

// Removes dirfd/name and, if it is a directory, everything below it. name is
// a single path component. On failure error says what could not be removed
// (what could be is gone).
[[nodiscard]] bool remove_tree_at(int dirfd, const std::string& name, std::string& error);

}  // namespace hoist
