// Crash-safe file replacement: a file is written under a temporary name in the
// same directory, fsync'ed, renamed over its target and the directory fsync'ed,
// so readers (and a hoistd restarted after kill -9) see the old or the new
// content, never a part.
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>

namespace hoist {

// Writes all of data to fd (retrying short writes and EINTR); false with errno set.
[[nodiscard]] bool write_all(int fd, std::string_view data);

// A fresh temporary name for name in the same directory: ".NAME.tmp-XXXXXX".
std::string temp_name_for(std::string_view name);

// Whether name is one temp_name_for() makes.
bool is_temp_name(std::string_view name);

// Replaces dirfd/name by data atomically (see above). name is a plain file
// name (no '/'). The data is first written to an unnamed O_TMPFILE file where
// the file system has them, so even a crash in the middle leaves no temporary
// name behind; on failure nothing is left and error says why.
[[nodiscard]] bool write_file_atomic(int dirfd, const std::string& name, std::string_view data,
                                     mode_t mode, std::string& error);

// fsync() of a directory, making renames and unlinks in it durable.
[[nodiscard]] bool fsync_directory(int dirfd, std::string& error);

// Removes the temporary files an interrupted write left in dirfd; returns how many.
size_t remove_stale_temp_files(int dirfd);

}  // namespace hoist
