// hoistd's state directory (/var/lib/hoist, StateDirectory=hoist), held under
// an exclusive lock so that a second hoistd refuses to start.
#pragma once

#include <optional>
#include <string>

#include "common/raii.hh"

namespace hoist {

inline constexpr const char* kDefaultStateDirectory = "/var/lib/hoist";

class StateDir {
 public:
  // Opens path (creating it 0700 if missing) and takes an exclusive,
  // non-blocking flock() on path/lock, which records the holder's PID. If
  // another process holds it, error names the directory and that PID.
  static std::optional<StateDir> open(const std::string& path, std::string& error);

  StateDir(StateDir&&) noexcept = default;
  StateDir& operator=(StateDir&&) noexcept = default;

  const std::string& path() const noexcept { return path_; }
  // The directory, O_RDONLY | O_DIRECTORY: base for *at() calls and fsync().
  int fd() const noexcept { return dir_.get(); }

 private:
  StateDir(std::string path, Fd dir, Fd lock) noexcept
      : path_(std::move(path)), dir_(std::move(dir)), lock_(std::move(lock)) {}

  std::string path_;
  Fd dir_;
  Fd lock_;  // closing it releases the lock
};

}  // namespace hoist
