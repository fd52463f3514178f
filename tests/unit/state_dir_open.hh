// Test helper: a state directory opened (and locked) at a path.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/state_dir.hh"

namespace hoist::testing {

inline StateDir open_state(const std::string& path) {
  std::string error;
  auto dir = StateDir::open(path, error);
  EXPECT_TRUE(dir) << error;
  return std::move(*dir);
}

}  // namespace hoist::testing
