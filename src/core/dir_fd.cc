#include "core/dir_fd.hh"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hoist {

bool is_plain_file_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos &&
         name.find('\0') == std::string_view::npos;
}

Fd open_subdirectory(int dirfd, const std::string& name) {
  return Fd(openat(dirfd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
}

Fd open_or_create_subdirectory(int dirfd, const std::string& name, unsigned mode) {
  if (mkdirat(dirfd, name.c_str(), static_cast<mode_t>(mode)) < 0 && errno != EEXIST) return Fd();
  return open_subdirectory(dirfd, name);
}

std::optional<std::vector<std::string>> list_directory(int dirfd) {
  // A fresh open file description: a dup would share (and move) dirfd's offset.
  const int fd = openat(dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  DIR* d = fdopendir(fd);
  if (!d) {
    const int err = errno;
    close(fd);
    errno = err;
    return std::nullopt;
  }
  std::vector<std::string> names;
  errno = 0;
  while (const dirent* e = readdir(d)) {
    const std::string_view name = e->d_name;
    if (name != "." && name != "..") names.emplace_back(name);
  }
  const int err = errno;
  closedir(d);
  if (err != 0) {
    errno = err;
    return std::nullopt;
  }
  return names;
}

std::string fd_display_path(int fd) {
  const std::string proc = "/proc/self/fd/" + std::to_string(fd);
  char buf[4096];
  const ssize_t n = readlink(proc.c_str(), buf, sizeof buf);
  if (n <= 0 || static_cast<size_t>(n) >= sizeof buf) return "fd " + std::to_string(fd);
  return std::string(buf, static_cast<size_t>(n));
}

std::string display_path(int dirfd, std::string_view name) {
  if (dirfd == AT_FDCWD || (!name.empty() && name.front() == '/')) return std::string(name);
  return fd_display_path(dirfd) + "/" + std::string(name);
}

std::string errno_message(std::string_view what, std::string_view path, int err) {
  return std::string(what) + " " + std::string(path) + ": " + strerror(err);
}

}  // namespace hoist
