#include "core/unit_file_backup.hh"

#include <fcntl.h>
#include <glib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/glib_ptr.hh"
#include "common/raii.hh"
#include "core/atomic_file.hh"
#include "core/dir_fd.hh"

namespace hoist {
namespace {

std::optional<std::string> read_whole(const std::string& path, std::string* error) {
  gchar* data = nullptr;
  gsize length = 0;
  GError* e = nullptr;
  if (!g_file_get_contents(path.c_str(), &data, &length, &e)) {
    if (error) *error = e->message;
    g_error_free(e);
    return std::nullopt;
  }
  std::string out(data, length);
  g_free(data);
  return out;
}

}  // namespace

UnitFileBackup UnitFileBackup::take(const std::vector<std::string>& paths,
                                    std::vector<std::string>& problems, bool absent_too) {
  UnitFileBackup backup;
  for (const auto& path : paths) {
    struct stat st;
    std::string error;
    if (absent_too && lstat(path.c_str(), &st) < 0 && errno == ENOENT) {
      backup.files_[path] = File{std::nullopt, 0};
      continue;
    }
    auto content = read_whole(path, &error);
    if (!content || stat(path.c_str(), &st) < 0) {
      problems.push_back("cannot back up " + path + ": " + (error.empty() ? "stat failed" : error));
      continue;
    }
    backup.files_[path] = File{std::move(*content), st.st_mode & 07777};
  }
  return backup;
}

std::vector<std::string> UnitFileBackup::restore(std::vector<std::string>& problems) const {
  std::vector<std::string> written;
  for (const auto& [path, file] : files_) {
    auto now = read_whole(path, nullptr);
    if (now == file.content) continue;
    if (!file.content) {
      if (unlink(path.c_str()) < 0 && errno != ENOENT)
        problems.push_back(errno_message("cannot remove", path, errno));
      else
        written.push_back(path);
      continue;
    }
    GCharPtr dir(g_path_get_dirname(path.c_str()));
    GCharPtr base(g_path_get_basename(path.c_str()));
    Fd dirfd(open(dir.get(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    std::string error;
    if (!dirfd) {
      problems.push_back(errno_message("cannot restore", path, errno));
      continue;
    }
    if (!write_file_atomic(dirfd.get(), base.get(), *file.content, file.mode, error)) {
      problems.push_back("cannot restore " + path + ": " + error);
      continue;
    }
    written.push_back(path);
  }
  return written;
}

}  // namespace hoist
