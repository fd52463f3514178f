#include "core/releases.hh"

#include <fcntl.h>
#include <glib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "common/raii.hh"
#include "core/atomic_file.hh"
#include "core/dir_fd.hh"
#include "core/remove_tree.hh"
#include "core/utc_time.hh"

namespace hoist {
namespace {

constexpr const char* kReleasesDir = "releases";
constexpr const char* kCurrentLink = "current";
constexpr std::string_view kReleasesPrefix = "releases/";
constexpr size_t kShaDigits = 7;
constexpr unsigned kMaxDuplicate = 999;

bool all_of(std::string_view s, bool (*pred)(char)) {
  return std::all_of(s.begin(), s.end(), pred);
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }
bool is_hex(char c) { return g_ascii_isxdigit(c); }

// "2".."999"
bool is_duplicate_number(std::string_view s) {
  if (s.empty() || s.size() > 3 || s.front() == '0' || !all_of(s, is_digit)) return false;
  return s != "1";
}

Fd open_directory(const std::string& directory, std::string& error) {
  Fd fd(open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) error = errno_message("cannot open", directory, errno);
  return fd;
}

bool exists_at(int dirfd, const std::string& name) {
  return faccessat(dirfd, name.c_str(), F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

bool is_release_directory(int releases_fd, const std::string& name) {
  struct stat st = {};
  return fstatat(releases_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
}

// The release a `current` link target names, or empty if it names none.
std::string release_of_link_target(const std::string& directory, std::string_view target) {
  if (!target.empty() && target.front() == '/') {
    std::string_view dir = directory;
    while (dir.size() > 1 && dir.back() == '/') dir.remove_suffix(1);
    if (!target.starts_with(dir) || target.substr(dir.size(), 1) != "/") return {};
    target.remove_prefix(dir.size() + 1);
  }
  if (!target.starts_with(kReleasesPrefix)) return {};
  target.remove_prefix(kReleasesPrefix.size());
  return release_name_is_valid(target) ? std::string(target) : std::string();
}

std::optional<std::string> current_release_at(int dirfd, const std::string& directory,
                                              std::string& error) {
  char buf[4096];
  const ssize_t n = readlinkat(dirfd, kCurrentLink, buf, sizeof buf);
  const std::string link = directory + "/" + kCurrentLink;
  if (n < 0) {
    if (errno == ENOENT) return std::string();
    if (errno == EINVAL) {
      error = link + " is not a symlink";
      return std::nullopt;
    }
    error = errno_message("cannot read", link, errno);
    return std::nullopt;
  }
  const std::string_view target(buf, std::min(static_cast<size_t>(n), sizeof buf));
  std::string release = release_of_link_target(directory, target);
  if (release.empty()) {
    error = link + " points to \"" + std::string(target) + "\", not to a release in " + directory +
            "/" + kReleasesDir;
    return std::nullopt;
  }
  return release;
}

// directory/releases; an invalid Fd with errno ENOENT when there is none yet.
Fd open_releases(int dirfd, const std::string& directory, std::string& error) {
  Fd fd = open_subdirectory(dirfd, kReleasesDir);
  if (!fd && errno != ENOENT)
    error = errno_message("cannot open", directory + "/" + kReleasesDir, errno);
  return fd;
}

std::optional<std::vector<Release>> list_releases_at(int dirfd, const std::string& directory,
                                                     std::string& error) {
  const auto current = current_release_at(dirfd, directory, error);
  if (!current) return std::nullopt;
  const Fd releases = open_releases(dirfd, directory, error);
  if (!releases) {
    if (errno == ENOENT) return std::vector<Release>{};
    return std::nullopt;
  }
  const auto names = list_directory(releases.get());
  if (!names) {
    error = errno_message("cannot list", directory + "/" + kReleasesDir, errno);
    return std::nullopt;
  }
  std::vector<Release> list;
  for (const auto& name : *names)
    if (release_name_is_valid(name) && is_release_directory(releases.get(), name))
      list.push_back({name, name == *current});
  std::sort(list.begin(), list.end(),
            [](const Release& a, const Release& b) { return a.name < b.name; });
  return list;
}

// Removes the temporary `current` links an interrupted switch left.
void remove_stale_current_links(int dirfd) {
  // Not "." + std::string(...) + ".": GCC 12 at -O3 warns (-Wrestrict) on that.
  const std::string prefix = std::string(".") + kCurrentLink + ".";
  for (const auto& name : list_directory(dirfd).value_or(std::vector<std::string>{}))
    if (is_temp_name(name) && name.starts_with(prefix)) unlinkat(dirfd, name.c_str(), 0);
}

}  // namespace

bool release_name_is_valid(std::string_view name) {
  constexpr size_t kShaStart = kUtcStampLength + 1;
  if (name.size() < kShaStart + kShaDigits || !is_utc_stamp(name.substr(0, kUtcStampLength)) ||
      name[kUtcStampLength] != '-')
    return false;
  const std::string_view sha = name.substr(kShaStart, kShaDigits);
  if (!all_of(sha, is_lower_hex)) return false;
  const std::string_view rest = name.substr(kShaStart + kShaDigits);
  return rest.empty() || (rest.front() == '-' && is_duplicate_number(rest.substr(1)));
}

std::string new_release_name(uint64_t now_usec, std::string_view commit) {
  if (commit.size() < kShaDigits || !all_of(commit, is_hex)) return {};
  std::string sha(commit.substr(0, kShaDigits));
  std::transform(sha.begin(), sha.end(), sha.begin(), [](char c) { return g_ascii_tolower(c); });
  return utc_stamp(now_usec) + "-" + sha;
}

std::string unused_release_name(const std::string& directory, uint64_t now_usec,
                                std::string_view commit) {
  const std::string base = new_release_name(now_usec, commit);
  if (base.empty()) return {};
  std::string error;
  const Fd dir = open_directory(directory, error);
  const Fd releases = dir ? open_subdirectory(dir.get(), kReleasesDir) : Fd();
  if (!releases) return base;
  std::string name = base;
  for (unsigned n = 2; n <= kMaxDuplicate && exists_at(releases.get(), name); n++)
    name = base + "-" + std::to_string(n);
  return name;
}

std::string release_path(const std::string& directory, std::string_view name) {
  if (!release_name_is_valid(name)) return {};
  return directory + "/" + kReleasesDir + "/" + std::string(name);
}

std::optional<std::vector<Release>> list_releases(const std::string& directory,
                                                  std::string& error) {
  const Fd dir = open_directory(directory, error);
  if (!dir && errno == ENOENT) return std::vector<Release>{};  // never deployed
  if (!dir) return std::nullopt;
  return list_releases_at(dir.get(), directory, error);
}

std::optional<std::string> current_release(const std::string& directory, std::string& error) {
  const Fd dir = open_directory(directory, error);
  if (!dir && errno == ENOENT) return std::string();  // never deployed
  if (!dir) return std::nullopt;
  return current_release_at(dir.get(), directory, error);
}

bool switch_current(const std::string& directory, std::string_view release, std::string& error) {
  if (!release_name_is_valid(release)) {
    error = "invalid release name \"" + std::string(release) + "\"";
    return false;
  }
  const std::string name(release);
  const Fd dir = open_directory(directory, error);
  if (!dir) return false;
  const Fd releases = open_subdirectory(dir.get(), kReleasesDir);
  if (!releases || !is_release_directory(releases.get(), name)) {
    error = "no release " + name + " in " + directory + "/" + kReleasesDir;
    return false;
  }
  remove_stale_current_links(dir.get());
  const std::string temp = temp_name_for(kCurrentLink);
  const std::string target = std::string(kReleasesPrefix) + name;
  if (symlinkat(target.c_str(), dir.get(), temp.c_str()) < 0) {
    error = errno_message("cannot create a symlink in", directory, errno);
    return false;
  }
  if (renameat(dir.get(), temp.c_str(), dir.get(), kCurrentLink) < 0) {
    error = errno_message("cannot replace", directory + "/" + kCurrentLink, errno);
    unlinkat(dir.get(), temp.c_str(), 0);
    return false;
  }
  return fsync_directory(dir.get(), error);
}

PruneResult prune_releases(const std::string& directory, size_t keep,
                           const std::vector<std::string>& protect) {
  PruneResult result;
  std::string error;
  const Fd dir = open_directory(directory, error);
  const auto releases = dir ? list_releases_at(dir.get(), directory, error) : std::nullopt;
  if (!releases) {
    result.errors.push_back(error);
    return result;
  }
  if (releases->size() <= keep) return result;
  const Fd releases_fd = open_releases(dir.get(), directory, error);
  if (!releases_fd) {
    result.errors.push_back(error);
    return result;
  }
  size_t left = releases->size();
  for (const auto& release : *releases) {
    if (left <= keep) break;
    const bool is_protected =
        release.current || std::find(protect.begin(), protect.end(), release.name) != protect.end();
    if (is_protected) continue;
    if (remove_tree_at(releases_fd.get(), release.name, error)) {
      result.removed.push_back(release.name);
      left--;
    } else {
      result.errors.push_back(error);
    }
  }
  if (!result.removed.empty() && !fsync_directory(releases_fd.get(), error))
    result.errors.push_back(error);
  return result;
}

}  // namespace hoist
