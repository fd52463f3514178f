#include "core/json_file.hh"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/json.hh"
#include "core/atomic_file.hh"
#include "core/dir_fd.hh"
#include "core/read_all.hh"

namespace hoist {
namespace {

// "<data>:3:5: Parse error: ..." → "PATH:3:5: Parse error: ...".
std::string parse_error_message(const std::string& path, const char* message) {
  constexpr std::string_view kData = "<data>";
  std::string text = message ? message : "unknown error";
  if (text.compare(0, kData.size(), kData) == 0) return path + text.substr(kData.size());
  return path + ": " + text;
}

JsonFile parse(const std::string& data, const std::string& path) {
  JsonFile file;
  const JsonParserPtr parser(json_parser_new());
  GError* raw_error = nullptr;
  if (!json_parser_load_from_data(parser.get(), data.data(), static_cast<gssize>(data.size()),
                                  &raw_error)) {
    const GErrorPtr gerror(raw_error);
    file.error = parse_error_message(path, gerror ? gerror->message : nullptr);
    return file;
  }
  JsonNode* root = json_parser_get_root(parser.get());
  if (!root) {
    file.error = path + ": empty file";
    return file;
  }
  file.root.reset(json_node_copy(root));
  return file;
}

JsonFile read_json_at(int dirfd, const std::string& name, int open_flags) {
  const std::string path = display_path(dirfd, name);
  const Fd fd(
      openat(dirfd, name.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC | open_flags));
  JsonFile file;
  if (!fd) {
    file.missing = errno == ENOENT;
    file.error = errno_message("cannot open", path, errno);
    return file;
  }
  struct stat st = {};
  if (fstat(fd.get(), &st) == 0 && !S_ISREG(st.st_mode)) {
    file.error = path + ": not a regular file";
    return file;
  }
  const auto data = read_all(fd.get(), kJsonFileMax, path, file.error);
  if (!data) return file;
  return parse(*data, path);
}

}  // namespace

bool write_json_atomic(int dirfd, const std::string& name, JsonNode* root, std::string& error,
                       mode_t mode) {
  return write_file_atomic(dirfd, name, json_node_to_string(root, true) + "\n", mode, error);
}

bool write_json_atomic(const std::string& path, JsonNode* root, std::string& error, mode_t mode) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "."
                          : slash == 0               ? "/"
                                                     : path.substr(0, slash);
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  const Fd dirfd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!dirfd) {
    error = errno_message("cannot open directory", dir, errno);
    return false;
  }
  return write_json_atomic(dirfd.get(), name, root, error, mode);
}

JsonFile read_json(int dirfd, const std::string& name) {
  return read_json_at(dirfd, name, O_NOFOLLOW);
}

JsonFile read_json(const std::string& path) { return read_json_at(AT_FDCWD, path, 0); }

}  // namespace hoist
