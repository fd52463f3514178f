// Test helpers for the self-update's version store: one opened (created)
// in a directory, and versions "installed" in it with a stand-in hoistd.
#pragma once

#include <sys/stat.h>

#include <string>

#include "selfupdate/version_store.hh"
#include "temp_dir.hh"

namespace hoist::testing {

inline VersionStore open_store(const std::string& path) {
  std::string error;
  auto store = VersionStore::open(path, true, error);
  EXPECT_TRUE(store) << error;
  return std::move(*store);
}

// Creates store/versions/version/hoistd (a shell script) with mode.
inline void add_version(const std::string& store, const std::string& version, mode_t mode = 0755) {
  const std::string dir = store + "/versions/" + version;
  ASSERT_EQ(g_mkdir_with_parents(dir.c_str(), 0755), 0) << dir;
  write_file(dir + "/hoistd", "#!/bin/sh\necho \"hoistd " + version + "\"\n");
  ASSERT_EQ(chmod((dir + "/hoistd").c_str(), mode), 0);
}

}  // namespace hoist::testing
