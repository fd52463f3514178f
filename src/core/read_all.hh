// Reading a whole file from its descriptor, bounded.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace hoist {

// Everything from fd's offset to its end; nullopt with err set on failure:
// read()'s errno, or EFBIG when there is more than max bytes.
std::optional<std::string> read_all(int fd, size_t max, int& err);

// The same with error set to a message that names path ("cannot read PATH:
// ...", "PATH: file too large (over MAX bytes)").
std::optional<std::string> read_all(int fd, size_t max, const std::string& path, std::string& error);

}  // namespace hoist
