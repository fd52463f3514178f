#include "core/unit_template.hh"

#include <fcntl.h>
#include <glib.h>

#include <algorithm>
#include <cerrno>

#include "common/unit_name.hh"
#include "core/dir_fd.hh"

namespace hoist {
namespace {

bool is_name_start(char c) { return c >= 'A' && c <= 'Z'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9') || c == '_'; }

std::string known_names(const std::map<std::string, std::string>& values) {
  std::string out;
  for (const auto& [name, value] : values) out += (out.empty() ? "@" : ", @") + name + "@";
  return out;
}

bool read_text(const std::string& path, std::string& out, std::string& error) {
  gchar* data = nullptr;
  gsize length = 0;
  GError* e = nullptr;
  if (!g_file_get_contents(path.c_str(), &data, &length, &e)) {
    error = e->message;
    g_error_free(e);
    return false;
  }
  out.assign(data, length);
  g_free(data);
  return true;
}

bool is_directory(const std::string& path) { return g_file_test(path.c_str(), G_FILE_TEST_IS_DIR); }

}  // namespace

constexpr const char* kBuiltins[] = {"APP", "USER", "GROUP", "DIRECTORY", "CURRENT", "RELEASE"};

std::string placeholder_name_problem(std::string_view name) {
  if (name.empty() || !is_name_start(name.front()) ||
      !std::all_of(name.begin(), name.end(), is_name_char))
    return "is not a placeholder name (A-Z, then A-Z, 0-9 or _)";
  for (const char* b : kBuiltins)
    if (name == b) return "is a built-in placeholder (@" + std::string(name) + "@ is always set)";
  return {};
}

std::map<std::string, std::string> template_values(const AppConfig& app, const std::string& release) {
  std::map<std::string, std::string> v;
  v["APP"] = app.name;
  v["USER"] = app.user;
  v["GROUP"] = app.group;
  v["DIRECTORY"] = app.directory;
  v["CURRENT"] = app.directory + "/current";
  v["RELEASE"] = release.empty() ? v["CURRENT"] : app.directory + "/releases/" + release;
  for (const auto& [key, value] : app.unit_values) v.emplace(key, value);
  return v;
}

std::optional<std::string> render_template(std::string_view text, std::string_view file,
                                           const std::map<std::string, std::string>& values,
                                           std::string& error) {
  std::string out;
  out.reserve(text.size());
  unsigned line = 1;
  for (size_t i = 0; i < text.size(); i++) {
    const char c = text[i];
    if (c == '\n') line++;
    if (c != '@') {
      out += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '@') {
      out += '@';
      i++;
      continue;
    }
    size_t end = i + 1;
    while (end < text.size() && is_name_char(text[end])) end++;
    if (end == i + 1 || !is_name_start(text[i + 1]) || end >= text.size() || text[end] != '@') {
      out += c;  // not a placeholder: getty@tty1.service, user@example.org
      continue;
    }
    const std::string name(text.substr(i + 1, end - i - 1));
    auto it = values.find(name);
    if (it == values.end()) {
      error = std::string(file) + ":" + std::to_string(line) + ": unknown placeholder @" + name +
              "@ (known: " + known_names(values) + "; write @@ for a literal @)";
      return std::nullopt;
    }
    out += it->second;
    i = end;
  }
  return out;
}

bool is_unit_file_name(std::string_view name) {
  const size_t slash = name.find('/');
  if (slash == std::string_view::npos) return unit_name_is_valid(name, true);
  const std::string_view dir = name.substr(0, slash), file = name.substr(slash + 1);
  return dir.size() > 2 && dir.ends_with(".d") &&
         unit_name_is_valid(dir.substr(0, dir.size() - 2), true) && file.size() > 5 &&
         file.ends_with(".conf") && file.find('/') == std::string_view::npos &&
         file.front() != '.';
}

std::optional<std::vector<UnitFile>> read_unit_templates(const std::string& dir, std::string& error) {
  Fd fd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  auto names = fd ? list_directory(fd.get()) : std::nullopt;
  if (!names) {
    error = errno_message("cannot read the unit templates in", dir, errno);
    return std::nullopt;
  }
  std::vector<UnitFile> files;
  auto add = [&](const std::string& name) {
    UnitFile f{name, {}};
    if (!read_text(dir + "/" + name, f.content, error)) return false;
    files.push_back(std::move(f));
    return true;
  };
  for (const auto& name : *names) {
    const std::string path = dir + "/" + name;
    if (is_directory(path) && name.ends_with(".d") &&
        unit_name_is_valid(std::string_view(name).substr(0, name.size() - 2), true)) {
      Fd sub(open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
      auto entries = sub ? list_directory(sub.get()) : std::nullopt;
      if (!entries) {
        error = errno_message("cannot read", path, errno);
        return std::nullopt;
      }
      for (const auto& entry : *entries)
        if (is_unit_file_name(name + "/" + entry) && !add(name + "/" + entry)) return std::nullopt;
    } else if (!is_directory(path) && is_unit_file_name(name) && !add(name)) {
      return std::nullopt;
    }
  }
  std::sort(files.begin(), files.end(), [](const UnitFile& a, const UnitFile& b) { return a.name < b.name; });
  return files;
}

std::optional<std::vector<UnitFile>> render_unit_templates(const std::vector<UnitFile>& templates,
                                                           const std::map<std::string, std::string>& values,
                                                           std::string& error) {
  std::vector<UnitFile> out;
  for (const auto& t : templates) {
    auto text = render_template(t.content, t.name, values, error);
    if (!text) return std::nullopt;
    out.push_back({t.name, std::move(*text)});
  }
  return out;
}

}  // namespace hoist
