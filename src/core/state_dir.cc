#include "core/state_dir.hh"

#include <fcntl.h>
#include <glib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

#include "core/dir_fd.hh"

namespace hoist {
namespace {

constexpr const char* kLockName = "lock";
constexpr unsigned kDirectoryMode = 0700;

// The PID a holder wrote into the lock file, 0 if unknown.
pid_t holder_pid(int lock_fd) {
  char buf[32] = {};
  const ssize_t n = pread(lock_fd, buf, sizeof buf - 1, 0);
  if (n <= 0) return 0;
  pid_t pid = 0;
  const auto [end, ec] = std::from_chars(buf, buf + n, pid);
  static_cast<void>(end);
  return ec == std::errc() && pid > 0 ? pid : 0;
}

void record_pid(int lock_fd) {
  const std::string text = std::to_string(getpid()) + "\n";
  if (ftruncate(lock_fd, 0) == 0) static_cast<void>(pwrite(lock_fd, text.data(), text.size(), 0));
}

}  // namespace

std::optional<StateDir> StateDir::open(const std::string& path, std::string& error) {
  if (path.empty()) {
    error = "the state directory path is empty";
    return std::nullopt;
  }
  if (g_mkdir_with_parents(path.c_str(), kDirectoryMode) < 0) {
    error = errno_message("cannot create state directory", path, errno);
    return std::nullopt;
  }
  Fd dir(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dir) {
    error = errno_message("cannot open state directory", path, errno);
    return std::nullopt;
  }
  Fd lock(openat(dir.get(), kLockName, O_RDWR | O_CREAT | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0600));
  if (!lock) {
    error = errno_message("cannot open lock file", path + "/" + kLockName, errno);
    return std::nullopt;
  }
  if (flock(lock.get(), LOCK_EX | LOCK_NB) < 0) {
    if (errno != EWOULDBLOCK) {
      error = errno_message("cannot lock state directory", path, errno);
      return std::nullopt;
    }
    error = "state directory " + path + " is in use by another hoistd";
    if (const pid_t pid = holder_pid(lock.get()); pid > 0)
      error += " (PID " + std::to_string(pid) + ")";
    return std::nullopt;
  }
  record_pid(lock.get());
  return StateDir(path, std::move(dir), std::move(lock));
}

}  // namespace hoist
