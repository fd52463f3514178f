// Test helpers: a temporary directory removed with its contents, and small
// file and JSON helpers for the state, release and event tests.
#pragma once

#include <fcntl.h>
#include <glib.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "common/glib_ptr.hh"
#include "common/raii.hh"
#include "core/dir_fd.hh"
#include "core/remove_tree.hh"

namespace hoist::testing {

// A fresh directory under $TMPDIR, removed with everything in it.
struct TempDir {
  std::string path;
  TempDir() {
    GError* e = nullptr;
    char* p = g_dir_make_tmp("hoist-test-XXXXXX", &e);
    EXPECT_NE(p, nullptr);
    path = p ? p : "";
    g_free(p);
    if (e) g_error_free(e);
  }
  ~TempDir() {
    std::string error;
    const size_t slash = path.rfind('/');
    const Fd parent(open(path.substr(0, slash).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    EXPECT_TRUE(remove_tree_at(parent.get(), path.substr(slash + 1), error)) << error;
  }
  std::string operator/(const std::string& name) const { return path + "/" + name; }
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_file(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary) << data;
}

// The parsed JSON text (a failed expectation if it does not parse).
inline JsonNodePtr parse_json(const std::string& text) {
  const JsonParserPtr p(json_parser_new());
  EXPECT_TRUE(json_parser_load_from_data(p.get(), text.c_str(), -1, nullptr)) << text;
  JsonNode* root = json_parser_get_root(p.get());
  return JsonNodePtr(root ? json_node_copy(root) : nullptr);
}

inline Fd open_dir(const std::string& path) {
  return Fd(open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

// The names in a directory.
inline std::set<std::string> entries(const std::string& path) {
  const Fd dir = open_dir(path);
  const auto names = list_directory(dir.get());
  return names ? std::set<std::string>(names->begin(), names->end()) : std::set<std::string>{};
}

}  // namespace hoist::testing
