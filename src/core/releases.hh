// An app's releases on disk, under its Directory=:
//   DIRECTORY/releases/20261121T224435Z-1a2b3c4   one built revision each
//   DIRECTORY/current -> releases/NAME            the live one (relative symlink)
// Everything is reached through the directory's fd with validated names, so
// no function touches anything outside DIRECTORY.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hoist {

// "STAMP-SHA7" or "STAMP-SHA7-N": STAMP as utc_stamp() ("20261121T224435Z"),
// SHA7 7 lower-case hex digits, N 2..999 when the same commit was released
// twice within a second.
bool release_name_is_valid(std::string_view name);

// "20261121T224435Z-1a2b3c4" for a commit (at least 7 hex digits, any case)
// released at now_usec; empty if commit is not hex.
std::string new_release_name(uint64_t now_usec, std::string_view commit);

// new_release_name(), with "-2", "-3", ... appended while a release of that
// name exists in directory; empty if commit is not hex.
std::string unused_release_name(const std::string& directory, uint64_t now_usec,
                                std::string_view commit);

// "DIRECTORY/releases/NAME", or empty if name is invalid.
std::string release_path(const std::string& directory, std::string_view name);

struct Release {
  std::string name;
  bool current = false;

  bool operator==(const Release&) const = default;
};

// The releases in directory, oldest first (names sort by time). Entries of
// releases/ that are not release directories (temporary clones, symlinks) are
// left out. No releases/ (or no directory) yet is an empty list.
std::optional<std::vector<Release>> list_releases(const std::string& directory, std::string& error);

// The release `current` points at; empty if there is no `current` (or no
// directory) yet.
// nullopt with error if it is not a symlink to releases/VALID-NAME (a relative
// link, or an absolute one to DIRECTORY/releases/NAME).
std::optional<std::string> current_release(const std::string& directory, std::string& error);

// Points `current` at releases/release atomically: a new symlink under a
// temporary name is renamed over `current`, then the directory is fsync'ed.
// The release must be a directory (not a symlink) in releases/.
[[nodiscard]] bool switch_current(const std::string& directory, std::string_view release,
                                  std::string& error);

struct PruneResult {
  std::vector<std::string> removed;
  std::vector<std::string> errors;
};

// Removes the oldest releases until at most keep are left, never the current
// one nor any named in protect (the one being replaced), which still count
// towards keep. Trees are removed without following symlinks (remove_tree.hh).
PruneResult prune_releases(const std::string& directory, size_t keep,
                           const std::vector<std::string>& protect = {});

}  // namespace hoist
