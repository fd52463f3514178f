// Directory file descriptors: opening, listing, naming them in messages.
// hoist reaches everything under a directory through *at() calls on its fd
// with validated single-component names, so no path can leave it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/raii.hh"

namespace hoist {

// Whether name is a single path component: not empty, no '/', not "." or "..".
bool is_plain_file_name(std::string_view name);

// Opens dirfd/name as a directory without following a symlink at name
// (O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC); an invalid Fd with errno set on failure.
Fd open_subdirectory(int dirfd, const std::string& name);

// The same, creating it with mode first if it does not exist.
Fd open_or_create_subdirectory(int dirfd, const std::string& name, unsigned mode);

// The names in a directory, without "." and ".."; nullopt with errno set on failure.
std::optional<std::vector<std::string>> list_directory(int dirfd);

// The path an fd was opened with ("/var/lib/hoist/apps"), or "fd N".
std::string fd_display_path(int fd);

// "DIR/NAME" for messages.
std::string display_path(int dirfd, std::string_view name);

// "WHAT PATH: strerror(err)".
std::string errno_message(std::string_view what, std::string_view path, int err);

}  // namespace hoist
