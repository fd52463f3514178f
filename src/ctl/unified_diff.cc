#include "ctl/unified_diff.hh"

#include <gio/gio.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/glib_ptr.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

// Where diff finds the two texts: the descriptors the child gets.
constexpr int kOldFd = 3;
constexpr int kNewFd = 4;

// An anonymous file in memory holding text; -1 with error.
int memory_file(const std::string& text, std::string& error) {
  int fd = memfd_create("hoistctl-diff", MFD_CLOEXEC);
  if (fd < 0) {
    error = strprintf(_("Failed to create a file in memory for diff: %s"), strerror(errno));
    return -1;
  }
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = strprintf(_("Failed to create a file in memory for diff: %s"), strerror(errno));
      close(fd);
      return -1;
    }
    done += static_cast<size_t>(n);
  }
  return fd;
}

std::string bytes_text(GBytes* bytes) {
  if (!bytes) return {};
  gsize size = 0;
  const auto* data = static_cast<const char*>(g_bytes_get_data(bytes, &size));
  return data ? std::string(data, size) : std::string();
}

// diff's complaint without the newline at its end, or how it ended.
std::string diff_failure(GSubprocess* diff, const std::string& err) {
  std::string message = err;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
    message.pop_back();
  if (!message.empty()) return message;
  if (g_subprocess_get_if_signaled(diff))
    return strprintf(_("diff was killed by signal %d"), g_subprocess_get_term_sig(diff));
  return strprintf(_("diff exited with status %d"), g_subprocess_get_exit_status(diff));
}

}  // namespace

std::optional<std::string> unified_diff(const DiffSide& old_side, const DiffSide& new_side,
                                        std::string& error) {
  GObj<GSubprocessLauncher> launcher(g_subprocess_launcher_new(
      static_cast<GSubprocessFlags>(G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                    G_SUBPROCESS_FLAGS_STDERR_PIPE)));
  int old_fd = memory_file(old_side.text, error);
  if (old_fd < 0) return std::nullopt;
  g_subprocess_launcher_take_fd(launcher.get(), old_fd, kOldFd);  // closed with the launcher
  int new_fd = memory_file(new_side.text, error);
  if (new_fd < 0) return std::nullopt;
  g_subprocess_launcher_take_fd(launcher.get(), new_fd, kNewFd);

  std::string old_path = "/dev/fd/" + std::to_string(kOldFd);
  std::string new_path = "/dev/fd/" + std::to_string(kNewFd);
  const char* argv[] = {"diff",
                        "-u",
                        "-L",
                        old_side.label.c_str(),
                        "-L",
                        new_side.label.c_str(),
                        old_path.c_str(),
                        new_path.c_str(),
                        nullptr};
  GError* raw = nullptr;
  GObj<GSubprocess> diff(g_subprocess_launcher_spawnv(launcher.get(), argv, &raw));
  if (!diff) {
    GErrorPtr e(raw);
    error = strprintf(_("Failed to run diff: %s"), e ? e->message : "");
    return std::nullopt;
  }
  GBytes* out = nullptr;
  GBytes* err = nullptr;
  bool communicated = g_subprocess_communicate(diff.get(), nullptr, nullptr, &out, &err, &raw);
  GBytesPtr out_ptr(out);
  GBytesPtr err_ptr(err);
  if (!communicated) {
    GErrorPtr e(raw);
    error = strprintf(_("Failed to run diff: %s"), e ? e->message : "");
    return std::nullopt;
  }
  // 0: the same, 1: different, anything else: trouble.
  if (!g_subprocess_get_if_exited(diff.get()) || g_subprocess_get_exit_status(diff.get()) > 1) {
    error = strprintf(_("Failed to run diff: %s"),
                      diff_failure(diff.get(), bytes_text(err_ptr.get())).c_str());
    return std::nullopt;
  }
  return bytes_text(out_ptr.get());
}

}  // namespace hoist::ctl
