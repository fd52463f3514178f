// JSON documents on disk (json-glib): written atomically, read with errors
// that name the file and the line instead of a crash.
#pragma once

#include <json-glib/json-glib.h>
#include <sys/types.h>

#include <string>

#include "common/glib_ptr.hh"

namespace hoist {

// Largest JSON file read_json() accepts.
inline constexpr size_t kJsonFileMax = 64 * 1024 * 1024;

// Writes root, pretty-printed with a final newline, to dirfd/name through
// write_file_atomic(): the old or the new document, never a part.
[[nodiscard]] bool write_json_atomic(int dirfd, const std::string& name, JsonNode* root,
                                     std::string& error, mode_t mode = 0600);

// The same for a path (its directory must exist).
[[nodiscard]] bool write_json_atomic(const std::string& path, JsonNode* root, std::string& error,
                                     mode_t mode = 0600);

struct JsonFile {
  JsonNodePtr root;      // the document, when it parsed
  std::string error;     // otherwise why not: "PATH: No such file or directory",
                         // "PATH:3:5: Parse error: ...", "PATH: empty file"
  bool missing = false;  // the file does not exist (error is set too)

  explicit operator bool() const noexcept { return root != nullptr; }
};

// Reads and parses dirfd/name (not following a symlink at name).
JsonFile read_json(int dirfd, const std::string& name);

// Reads and parses a file by path.
JsonFile read_json(const std::string& path);

}  // namespace hoist
