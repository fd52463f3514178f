// Reading a whole file from its descriptor, bounded, with errors that name it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace hoist {

// Everything from fd's offset to its end; nullopt with error set ("cannot
// read PATH: ...", "PATH: file too large (over MAX bytes)") on failure.
std::optional<std::string> read_all(int fd, size_t max, const std::string& path, std::string& error);

}  // namespace hoist
