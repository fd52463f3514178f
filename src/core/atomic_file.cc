#include "core/atomic_file.hh"

#include <fcntl.h>
#include <glib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/raii.hh"
#include "core/dir_fd.hh"

namespace hoist {
namespace {

constexpr std::string_view kTempInfix = ".tmp-";
constexpr size_t kTempRandomChars = 6;

// Temporary names are random; a few attempts get past one a crash left behind.
constexpr int kNameAttempts = 16;

// Gives an O_TMPFILE file a fresh temporary name for name in dirfd.
bool link_unnamed(int fd, int dirfd, std::string_view name, std::string& temp) {
  const std::string proc = "/proc/self/fd/" + std::to_string(fd);
  for (int i = 0; i < kNameAttempts; i++) {
    temp = temp_name_for(name);
    if (linkat(AT_FDCWD, proc.c_str(), dirfd, temp.c_str(), AT_SYMLINK_FOLLOW) == 0) return true;
    if (errno != EEXIST) break;
  }
  return false;
}

// Creates a file under a fresh temporary name for name in dirfd.
Fd create_named(int dirfd, std::string_view name, mode_t mode, std::string& temp) {
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW;
  for (int i = 0; i < kNameAttempts; i++) {
    temp = temp_name_for(name);
    Fd fd(openat(dirfd, temp.c_str(), kFlags, mode));
    if (fd || errno != EEXIST) return fd;
  }
  return Fd();
}

}  // namespace

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

std::string temp_name_for(std::string_view name) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict) about the
  // inlined copies of an operator+ chain.
  std::string temp;
  temp.reserve(1 + name.size() + kTempInfix.size() + kTempRandomChars);
  temp += '.';
  temp += name;
  temp += kTempInfix;
  for (size_t i = 0; i < kTempRandomChars; i++)
    temp += kAlphabet[g_random_int_range(0, sizeof kAlphabet - 1)];
  return temp;
}

bool is_temp_name(std::string_view name) {
  if (name.size() < 1 + kTempInfix.size() + kTempRandomChars || name.front() != '.') return false;
  const size_t infix = name.size() - kTempRandomChars - kTempInfix.size();
  return name.substr(infix, kTempInfix.size()) == kTempInfix;
}

bool write_file_atomic(int dirfd, const std::string& name, std::string_view data, mode_t mode,
                       std::string& error) {
  const std::string target = display_path(dirfd, name);
  if (!is_plain_file_name(name)) {
    error = "invalid file name \"" + name + "\"";
    return false;
  }
  std::string temp;
  bool named = false;  // whether temp exists in dirfd and must go on failure
  Fd fd(openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, mode));
  if (!fd) {
    fd = create_named(dirfd, name, mode, temp);
    if (!fd) {
      error = errno_message("cannot create a temporary file for", target, errno);
      return false;
    }
    named = true;
  }
  auto fail = [&](std::string_view what) {
    error = errno_message(what, target, errno);
    if (named) unlinkat(dirfd, temp.c_str(), 0);
    return false;
  };
  // Files are created with mode & ~umask: make the mode exact.
  if (fchmod(fd.get(), mode) < 0) return fail("cannot set the mode of");
  if (!write_all(fd.get(), data)) return fail("cannot write");
  if (fsync(fd.get()) < 0) return fail("cannot fsync");
  if (!named) {
    if (!link_unnamed(fd.get(), dirfd, name, temp))
      return fail("cannot link the temporary file of");
    named = true;
  }
  if (renameat(dirfd, temp.c_str(), dirfd, name.c_str()) < 0) return fail("cannot rename over");
  return fsync_directory(dirfd, error);
}

bool fsync_directory(int dirfd, std::string& error) {
  if (fsync(dirfd) == 0) return true;
  error = errno_message("cannot fsync directory", fd_display_path(dirfd), errno);
  return false;
}

size_t remove_stale_temp_files(int dirfd) {
  const auto names = list_directory(dirfd);
  if (!names) return 0;
  size_t removed = 0;
  for (const auto& name : *names)
    if (is_temp_name(name) && unlinkat(dirfd, name.c_str(), 0) == 0) removed++;
  return removed;
}

}  // namespace hoist
