#include "core/remove_tree.hh"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/raii.hh"
#include "core/dir_fd.hh"

namespace hoist {
namespace {

// Deeper trees are refused rather than risking the stack or the fd limit.
constexpr unsigned kMaxDepth = 256;

class TreeRemover {
 public:
  TreeRemover(dev_t device, std::string& error) : device_(device), error_(error) {}

  bool remove(int dirfd, const std::string& name, unsigned depth) {
    struct stat st = {};
    if (fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) < 0) {
      if (errno == ENOENT) return true;
      return fail("cannot stat", dirfd, name);
    }
    if (!S_ISDIR(st.st_mode)) {
      if (unlinkat(dirfd, name.c_str(), 0) < 0 && errno != ENOENT)
        return fail("cannot remove", dirfd, name);
      return true;
    }
    if (st.st_dev != device_) {
      error_ = display_path(dirfd, name) + ": another file system is mounted here; not removed";
      return false;
    }
    if (depth >= kMaxDepth) {
      error_ =
          display_path(dirfd, name) + ": tree deeper than " + std::to_string(kMaxDepth) + " levels";
      return false;
    }
    if (!remove_children(dirfd, name, depth)) return false;
    if (unlinkat(dirfd, name.c_str(), AT_REMOVEDIR) < 0 && errno != ENOENT)
      return fail("cannot remove directory", dirfd, name);
    return true;
  }

 private:
  bool remove_children(int dirfd, const std::string& name, unsigned depth) {
    const Fd dir = open_subdirectory(dirfd, name);
    if (!dir) return fail("cannot open directory", dirfd, name);
    const auto children = list_directory(dir.get());
    if (!children) return fail("cannot list", dirfd, name);
    bool ok = true;
    for (const auto& child : *children) ok = remove(dir.get(), child, depth + 1) && ok;
    return ok;
  }

  bool fail(const char* what, int dirfd, const std::string& name) {
    error_ = errno_message(what, display_path(dirfd, name), errno);
    return false;
  }

  dev_t device_;
  std::string& error_;
};

}  // namespace

bool remove_tree_at(int dirfd, const std::string& name, std::string& error) {
  if (!is_plain_file_name(name)) {
    error = "refusing to remove \"" + name + "\": not a single path component";
    return false;
  }
  struct stat parent = {};
  if (fstat(dirfd, &parent) < 0) {
    error = errno_message("cannot stat", fd_display_path(dirfd), errno);
    return false;
  }
  TreeRemover remover(parent.st_dev, error);
  return remover.remove(dirfd, name, 0);
}

}  // namespace hoist
