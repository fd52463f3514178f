#include "core/unit_install.hh"

#include <fcntl.h>
#include <glib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "common/raii.hh"
#include "common/str_cat.hh"
#include "common/text.hh"
#include "core/atomic_file.hh"
#include "core/dir_fd.hh"
#include "core/json_file.hh"
#include "core/json_object.hh"

namespace hoist {
namespace {

std::string unit_of(const std::string& name) { return name.substr(0, name.find(".d/")); }

}  // namespace

std::optional<std::string> read_unit_file(const std::string& path) {
  gchar* data = nullptr;
  gsize length = 0;
  if (!g_file_get_contents(path.c_str(), &data, &length, nullptr)) return std::nullopt;
  std::string out(data, length);
  g_free(data);
  return out;
}

std::vector<std::string> UnitInstallPlan::touched_units() const {
  std::set<std::string> units;
  for (const auto& f : added) units.insert(unit_of(f.name));
  for (const auto& f : changed) units.insert(unit_of(f.name));
  return {units.begin(), units.end()};
}

std::vector<std::string> UnitInstallPlan::removed_units() const {
  std::vector<std::string> out;
  for (const auto& name : removed)
    if (name.find('/') == std::string::npos) out.push_back(name);
  return out;
}

std::vector<std::string> UnitInstallPlan::paths(const std::string& unit_dir) const {
  std::vector<std::string> out;
  for (const auto& f : added) out.push_back(unit_dir + "/" + f.name);
  for (const auto& f : changed) out.push_back(unit_dir + "/" + f.name);
  for (const auto& n : removed) out.push_back(unit_dir + "/" + n);
  return out;
}

UnitInstallPlan plan_unit_install(const std::vector<UnitFile>& rendered, const std::string& unit_dir,
                                  const std::vector<std::string>& previous, const ReadFileFn& read_file) {
  UnitInstallPlan plan;
  std::set<std::string> names;
  for (const auto& f : rendered) {
    names.insert(f.name);
    auto installed = read_file(unit_dir + "/" + f.name);
    if (!installed)
      plan.added.push_back(f);
    else if (*installed != f.content)
      plan.changed.push_back(f);
    else
      plan.unchanged.push_back(f.name);
  }
  for (const auto& name : previous)
    if (!names.count(name) && is_unit_file_name(name) && read_file(unit_dir + "/" + name))
      plan.removed.push_back(name);
  return plan;
}

bool install_unit_files(const UnitInstallPlan& plan, const std::string& unit_dir, std::string& error) {
  std::vector<UnitFile> writes = plan.added;
  writes.insert(writes.end(), plan.changed.begin(), plan.changed.end());
  for (const auto& f : writes) {
    const size_t slash = f.name.find('/');
    std::string dir = unit_dir;
    if (slash != std::string::npos) {
      dir = str_cat({unit_dir, "/", std::string_view(f.name).substr(0, slash)});
      if (g_mkdir_with_parents(dir.c_str(), 0755) < 0) {
        error = errno_message("cannot create", dir, errno);
        return false;
      }
    }
    Fd fd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd) {
      error = errno_message("cannot open", dir, errno);
      return false;
    }
    const std::string base = slash == std::string::npos ? f.name : f.name.substr(slash + 1);
    if (!write_file_atomic(fd.get(), base, f.content, 0644, error)) {
      error = "cannot install " + unit_dir + "/" + f.name + ": " + error;
      return false;
    }
  }
  for (const auto& name : plan.removed) {
    const std::string path = unit_dir + "/" + name;
    if (unlink(path.c_str()) < 0 && errno != ENOENT) {
      error = errno_message("cannot remove", path, errno);
      return false;
    }
    if (const size_t slash = name.find('/'); slash != std::string::npos)
      (void)rmdir((unit_dir + "/" + name.substr(0, slash)).c_str());  // only once empty
  }
  return true;
}

bool has_install_section(const std::string& content) {
  bool in_install = false, found = false;
  for_each_line(content, [&](std::string_view line) {
    line = trim(line);
    if (found || line.empty() || line[0] == '#' || line[0] == ';') return;
    if (line[0] == '[') {
      in_install = line == "[Install]";
      return;
    }
    const size_t eq = line.find('=');
    if (!in_install || eq == std::string_view::npos) return;
    const std::string_view key = trim(line.substr(0, eq));
    found = (key == "WantedBy" || key == "RequiredBy" || key == "UpheldBy" || key == "Alias" ||
             key == "Also") &&
            !trim(line.substr(eq + 1)).empty();
  });
  return found;
}

std::vector<std::string> load_unit_manifest(int state_dir_fd, const std::string& app) {
  JsonFile file = read_json(state_dir_fd, "units/" + app + ".json");
  std::vector<std::string> names;
  if (!file || !JSON_NODE_HOLDS_OBJECT(file.root.get())) return names;
  const JsonObjectReader r(json_node_get_object(file.root.get()));
  if (JsonArray* files = r.array("files"))
    for (guint i = 0; i < json_array_get_length(files); i++) {
      const char* name = json_array_get_string_element(files, i);
      if (name && is_unit_file_name(name)) names.emplace_back(name);
    }
  std::sort(names.begin(), names.end());
  return names;
}

bool save_unit_manifest(int state_dir_fd, const std::string& app, const std::vector<std::string>& names,
                        std::string& error) {
  Fd dir = open_or_create_subdirectory(state_dir_fd, "units", 0700);
  if (!dir) {
    error = errno_message("cannot open", fd_display_path(state_dir_fd) + "/units", errno);
    return false;
  }
  JsonObjectWriter w;
  w.node("files", json_string_array(names));
  return write_json_atomic(dir.get(), app + ".json", w.node().get(), error);
}

}  // namespace hoist
