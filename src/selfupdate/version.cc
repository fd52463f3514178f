#include "selfupdate/version.hh"

#include <algorithm>
#include <charconv>

#include "common/str_cat.hh"

namespace hoist {
namespace {

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_identifier(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); i++)
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// A numeric part: digits, no leading zero, fits 64 bits.
bool parse_number(std::string_view s, uint64_t& out) {
  if (!is_digits(s) || (s.size() > 1 && s[0] == '0')) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

int compare_identifiers(const std::string& a, const std::string& b) {
  const bool an = is_digits(a), bn = is_digits(b);
  if (an && bn) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;  // no leading zeros
    return a.compare(b) < 0 ? -1 : a == b ? 0 : 1;
  }
  if (an != bn) return an ? -1 : 1;
  const int c = a.compare(b);
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

}  // namespace

std::string Version::to_string() const {
  std::string s = str_cat({std::to_string(major), ".", std::to_string(minor), ".", std::to_string(patch)});
  for (size_t i = 0; i < prerelease.size(); i++) {
    s += i ? '.' : '-';
    s += prerelease[i];
  }
  if (!build.empty()) {
    s += '+';
    s += build;
  }
  return s;
}

std::optional<Version> parse_version(std::string_view text, std::string& error) {
  std::string_view s = text;
  if (!s.empty() && (s[0] == 'v' || s[0] == 'V')) s.remove_prefix(1);
  Version v;
  if (size_t plus = s.find('+'); plus != std::string_view::npos) {
    const std::string_view build = s.substr(plus + 1);
    for (auto part : split(build, '.'))
      if (!is_identifier(part)) {
        error = str_cat({"\"", text, "\": bad build metadata after '+'"});
        return std::nullopt;
      }
    v.build = std::string(build);
    s = s.substr(0, plus);
  }
  if (size_t dash = s.find('-'); dash != std::string_view::npos) {
    for (auto part : split(s.substr(dash + 1), '.')) {
      if (!is_identifier(part) || (is_digits(part) && part.size() > 1 && part[0] == '0')) {
        error = str_cat({"\"", text, "\": bad pre-release identifier \"", part, "\""});
        return std::nullopt;
      }
      v.prerelease.emplace_back(part);
    }
    s = s.substr(0, dash);
  }
  const auto parts = split(s, '.');
  if (parts.size() != 3 || !parse_number(parts[0], v.major) || !parse_number(parts[1], v.minor) ||
      !parse_number(parts[2], v.patch)) {
    error = str_cat({"\"", text,
                     "\" is not a version (MAJOR.MINOR.PATCH, numbers without leading zeros, then "
                     "-PRERELEASE and +BUILD if any)"});
    return std::nullopt;
  }
  return v;
}

int compare_versions(const Version& a, const Version& b) {
  for (auto [x, y] : {std::pair{a.major, b.major}, std::pair{a.minor, b.minor}, std::pair{a.patch, b.patch}})
    if (x != y) return x < y ? -1 : 1;
  if (a.prerelease.empty() || b.prerelease.empty()) {
    if (a.prerelease.empty() == b.prerelease.empty()) return 0;
    return a.prerelease.empty() ? 1 : -1;  // a release outranks its pre-releases
  }
  for (size_t i = 0; i < std::min(a.prerelease.size(), b.prerelease.size()); i++)
    if (int c = compare_identifiers(a.prerelease[i], b.prerelease[i])) return c;
  if (a.prerelease.size() == b.prerelease.size()) return 0;
  return a.prerelease.size() < b.prerelease.size() ? -1 : 1;
}

}  // namespace hoist
