#include "core/read_all.hh"

#include <unistd.h>

#include <cerrno>

#include "core/dir_fd.hh"

namespace hoist {

std::optional<std::string> read_all(int fd, size_t max, int& err) {
  std::string data;
  char buf[65536];
  for (;;) {
    const ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      err = errno;
      return std::nullopt;
    }
    if (n == 0) return data;
    if (data.size() + static_cast<size_t>(n) > max) {
      err = EFBIG;
      return std::nullopt;
    }
    data.append(buf, static_cast<size_t>(n));
  }
}

std::optional<std::string> read_all(int fd, size_t max, const std::string& path, std::string& error) {
  int err = 0;
  auto data = read_all(fd, max, err);
  if (!data)
    error = err == EFBIG ? path + ": file too large (over " + std::to_string(max) + " bytes)"
                         : errno_message("cannot read", path, err);
  return data;
}

}  // namespace hoist
