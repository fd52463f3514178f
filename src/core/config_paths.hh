// Paths in configuration files: absolute and relative paths normalized, and
// where an app's releases may live. Problems are phrased to follow the quoted
// value, like config_values.hh. Pure functions, no file system access.
#pragma once

#include <string>
#include <string_view>

namespace hoist {

// An absolute path without "." or ".." components; repeated and trailing
// slashes are dropped into normalized.
std::string normalize_absolute_path(std::string_view text, std::string& normalized);

// A relative path inside a repository (UnitsPath=): no leading '/', no ".."
// components; "." components and extra slashes dropped ("." for the top).
std::string normalize_relative_path(std::string_view text, std::string& normalized);

// Where an app's releases may live (a normalized absolute path): not "/" and
// not inside /proc, /sys, /dev, /run, /boot, /etc, /usr, /bin, /sbin, /lib*.
std::string app_directory_problem(std::string_view path);

// True if path is dir or inside it (both normalized absolute paths).
bool path_is_inside(std::string_view path, std::string_view dir);

}  // namespace hoist
