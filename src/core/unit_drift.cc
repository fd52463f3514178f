#include "core/unit_drift.hh"

#include <algorithm>
#include <set>

namespace hoist {
namespace {

std::string unit_of(const std::string& file) { return file.substr(0, file.find(".d/")); }

bool is_admin_path(const std::string& path) {
  return path.rfind("/etc/", 0) == 0 || path.rfind("/run/", 0) == 0;
}

}  // namespace

std::string_view drift_kind_name(DriftKind kind) {
  switch (kind) {
    case DriftKind::Changed: return "changed";
    case DriftKind::Missing: return "missing";
    case DriftKind::Extra: return "extra";
    case DriftKind::NeedsReload: return "needs-reload";
  }
  return "unknown";
}

std::string describe_drift(const DriftItem& item) {
  return item.unit + ": " + item.detail;
}

std::vector<std::string> units_of(const std::vector<UnitFile>& files) {
  std::set<std::string> units;
  for (const auto& f : files) units.insert(unit_of(f.name));
  return {units.begin(), units.end()};
}

std::vector<DriftItem> find_drift(const std::vector<UnitFile>& rendered, const std::string& unit_dir,
                                  const std::map<std::string, UnitStatus>& units,
                                  const ReadFileFn& read_file) {
  std::vector<DriftItem> out;
  std::map<std::string, std::string> expected;  // path → rendered content
  for (const auto& f : rendered) expected[unit_dir + "/" + f.name] = f.content;
  for (const auto& unit : units_of(rendered)) {
    auto it = units.find(unit);
    const UnitStatus* s = it == units.end() ? nullptr : &it->second;
    const bool loaded = s && s->load_state != "not-found";
    std::set<std::string> used;  // the files PID 1 uses for unit
    if (loaded && !s->fragment_path.empty()) used.insert(s->fragment_path);
    if (loaded) used.insert(s->drop_in_paths.begin(), s->drop_in_paths.end());
    for (const auto& f : rendered) {
      if (unit_of(f.name) != unit) continue;
      const std::string path = unit_dir + "/" + f.name;
      const bool is_fragment = f.name == unit;
      auto content = read_file(path);
      if (!content) {
        out.push_back({DriftKind::Missing, unit, path, path + " is not installed"});
        continue;
      }
      if (*content != f.content) {
        out.push_back({DriftKind::Changed, unit, path, path + " differs from its template"});
        continue;
      }
      if (!loaded) continue;  // reported below as needing a reload
      if (is_fragment && s->fragment_path != path)
        out.push_back({DriftKind::Changed, unit, path,
                       "PID 1 uses " + (s->fragment_path.empty() ? std::string("no unit file")
                                                                 : s->fragment_path) +
                           ", not " + path});
      else if (!is_fragment && !used.count(path))
        out.push_back({DriftKind::Missing, unit, path, "PID 1 does not use the drop-in " + path});
    }
    if (loaded)
      for (const auto& dropin : s->drop_in_paths)
        if (is_admin_path(dropin) && !expected.count(dropin))
          out.push_back({DriftKind::Extra, unit, dropin, "unexpected drop-in " + dropin});
    if (!loaded || s->need_daemon_reload)
      out.push_back({DriftKind::NeedsReload, unit, "",
                     loaded ? "changed on disk since PID 1 loaded it (needs a daemon-reload)"
                            : "not loaded by PID 1"});
  }
  return out;
}

}  // namespace hoist
