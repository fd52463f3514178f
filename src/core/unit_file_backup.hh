// A copy of an app's unit files and drop-ins taken before a rollout touches
// the app, written back if the app fails: whatever changed them meanwhile
// (a deploy that applied new templates), the app is left with the files it
// had. Files are small; the copy is kept in memory.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hoist {

class UnitFileBackup {
 public:
  UnitFileBackup() = default;

  // Reads each path (absolute; a unit's FragmentPath and DropInPaths). A file
  // that cannot be read is not backed up and is named in problems, unless it
  // does not exist and absent_too: then restore() removes it again.
  static UnitFileBackup take(const std::vector<std::string>& paths,
                             std::vector<std::string>& problems, bool absent_too = false);

  // Writes back, atomically and with its mode, every file whose content now
  // differs or that is gone, and removes the files that were absent; returns
  // the paths written or removed. A file that cannot be written or removed
  // is named in problems.
  std::vector<std::string> restore(std::vector<std::string>& problems) const;

  size_t size() const noexcept { return files_.size(); }

 private:
  struct File {
    std::optional<std::string> content;  // nullopt: absent
    unsigned mode = 0644;
  };
  std::map<std::string, File> files_;
};

}  // namespace hoist
