// Reading a secret from a root-only file or a credential (secret_file.hh).
#include "webhook/secret_file.hh"

#include <fcntl.h>
#include <glib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include "common/raii.hh"
#include "core/read_all.hh"

namespace hoist {
namespace {

std::string mode_string(mode_t mode) {
  char text[8];
  g_snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

std::string open_problem(int error) {
  if (error == ELOOP) return "is a symbolic link; name the file itself";
  if (error == ENOENT) return "does not exist";
  return std::string("cannot be opened: ") + g_strerror(error);
}

// What is wrong with the opened file, "" if nothing.
std::string stat_problem(int fd, bool must_be_private) {
  struct stat st {};
  if (fstat(fd, &st) != 0) return std::string("cannot be examined: ") + g_strerror(errno);
  if (!S_ISREG(st.st_mode)) return "is not a regular file";
  if (must_be_private && (st.st_mode & 077))
    return "is accessible by group or others (mode " + mode_string(st.st_mode) +
           "); make it mode 0600 or 0400";
  if (must_be_private && st.st_uid != 0 && st.st_uid != geteuid())
    return "is owned by uid " + std::to_string(st.st_uid) + ", not by root";
  if (static_cast<uint64_t>(st.st_size) > kSecretFileMaxBytes) return "is larger than 4 KiB";
  return {};
}

}  // namespace

std::optional<std::string> read_secret_file(const std::string& path, bool must_be_private,
                                            std::string& problem) {
  problem.clear();
  // O_NONBLOCK: opening a FIFO put there does not hang the daemon.
  const Fd fd(open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (!fd) {
    problem = open_problem(errno);
    return std::nullopt;
  }
  problem = stat_problem(fd.get(), must_be_private);
  if (!problem.empty()) return std::nullopt;
  // Read to the end: a file that grew since fstat is still refused.
  int err = 0;
  auto data = read_all(fd.get(), kSecretFileMaxBytes, err);
  if (!data) {
    problem = err == EFBIG ? "is larger than 4 KiB" : std::string("cannot be read: ") + g_strerror(err);
    return std::nullopt;
  }
  std::string secret = std::move(*data);
  if (!secret.empty() && secret.back() == '\n') secret.pop_back();
  if (!secret.empty() && secret.back() == '\r') secret.pop_back();
  if (secret.empty()) {
    problem = "is empty";
    return std::nullopt;
  }
  return secret;
}

}  // namespace hoist
