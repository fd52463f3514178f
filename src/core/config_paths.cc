#include "core/config_paths.hh"

#include <array>
#include <vector>

namespace hoist {
namespace {

// Splits path at '/', dropping empty components; false if one is ".." or,
// unless drop_dot, ".".
bool path_components(std::string_view path, bool drop_dot, std::vector<std::string_view>& out) {
  out.clear();
  while (!path.empty()) {
    auto slash = path.find('/');
    auto part = path.substr(0, slash);
    if (part == "..") return false;
    if (part == "." && !drop_dot) return false;
    if (!part.empty() && part != ".") out.push_back(part);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return true;
}

std::string join_components(const std::vector<std::string_view>& parts, bool absolute) {
  std::string out;
  for (auto p : parts) {
    if (absolute || !out.empty()) out += '/';
    out += p;
  }
  return out;
}

}  // namespace

std::string normalize_absolute_path(std::string_view text, std::string& normalized) {
  if (text.empty()) return "is empty";
  if (text[0] != '/') return "is not an absolute path";
  std::vector<std::string_view> parts;
  if (!path_components(text, false, parts)) return "contains a \".\" or \"..\" component";
  normalized = parts.empty() ? "/" : join_components(parts, true);
  return {};
}

std::string normalize_relative_path(std::string_view text, std::string& normalized) {
  if (text.empty()) return "is empty";
  if (text[0] == '/') return "is not a relative path";
  std::vector<std::string_view> parts;
  if (!path_components(text, true, parts)) return "contains a \"..\" component";
  normalized = parts.empty() ? "." : join_components(parts, false);
  return {};
}

bool path_is_inside(std::string_view path, std::string_view dir) {
  if (dir == "/") return true;
  return path.substr(0, dir.size()) == dir &&
         (path.size() == dir.size() || path[dir.size()] == '/');
}

std::string app_directory_problem(std::string_view path) {
  if (path == "/") return "is the root directory";
  constexpr std::array<std::string_view, 8> kSystem = {"/proc", "/sys", "/dev", "/run",
                                                       "/boot", "/etc", "/usr", "/bin"};
  auto top = path.substr(0, path.find('/', 1));
  bool system = top == "/sbin" || top.substr(0, 4) == "/lib";
  for (auto dir : kSystem) system = system || top == dir;
  if (system)
    return "is inside " + std::string(top) +
           "; app directories may not be in /proc, /sys, /dev, /run, /boot, /etc, /usr, /bin, "
           "/sbin or /lib*";
  return {};
}

}  // namespace hoist
