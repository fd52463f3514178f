// Unified diffs of texts in memory, made by diff(1) ("diff -u") as
// systemd-delta makes them: hoistctl writes no diff algorithm of its own.
#pragma once

#include <optional>
#include <string>

namespace hoist::ctl {

// One side of a diff: its text and the label diff shows for it in the
// "---" or "+++" line ("/dev/null" for a file that does not exist).
struct DiffSide {
  std::string label;
  std::string text;
};

// "diff -u -L OLD -L NEW" of the two texts, passed to diff as files in
// memory (memfd); "" if they are equal. nullopt with error (translated,
// with diff's own message) if diff could not run or failed.
std::optional<std::string> unified_diff(const DiffSide& old_side, const DiffSide& new_side,
                                        std::string& error);

}  // namespace hoist::ctl
