// Semantic versions (https://semver.org, 2.0.0) as forges tag releases:
// "1.4.0", "v1.4.0", "1.5.0-rc.1", "1.5.0+build.7". Pure: parsing and
// precedence, for choosing whether a release is newer than the running hoistd.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hoist {

struct Version {
  uint64_t major = 0, minor = 0, patch = 0;
  std::vector<std::string> prerelease;  // dot-separated identifiers, empty for a release
  std::string build;                    // after '+': ignored by precedence

  bool is_prerelease() const noexcept { return !prerelease.empty(); }
  // "1.5.0-rc.1+build.7" (no leading 'v').
  std::string to_string() const;
};

// Parses text, allowing one leading 'v' or 'V'; nullopt with error saying
// what is wrong ("1.02.0": leading zero, "1.2": not MAJOR.MINOR.PATCH, ...).
std::optional<Version> parse_version(std::string_view text, std::string& error);

// Semver precedence: <0, 0, >0. Build metadata does not count; a
// pre-release is lower than its release; identifiers compare numerically
// when both are numbers, numbers lower than words, then by length.
int compare_versions(const Version& a, const Version& b);

}  // namespace hoist
