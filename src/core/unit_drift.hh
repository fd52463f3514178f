// Drift: how what PID 1 uses for an app's units differs from the files
// rendered from its templates (unit_template.hh). Pure: PID 1's view of
// each unit and a way to read files are passed in.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/unit_template.hh"
#include "systemd/unit_status.hh"

namespace hoist {

enum class DriftKind {
  Changed,       // the installed file differs from the rendered one
  Missing,       // a rendered file is not installed (or PID 1 does not use it)
  Extra,         // a drop-in in /etc or /run that no template makes
  NeedsReload,   // PID 1 has not loaded the files on disk (NeedDaemonReload)
};

// "changed", "missing", "extra", "needs-reload".
std::string_view drift_kind_name(DriftKind kind);

struct DriftItem {
  DriftKind kind;
  std::string unit;
  std::string path;    // the file concerned (empty for NeedsReload)
  std::string detail;  // for people

  bool operator==(const DriftItem&) const = default;
};

// "api.service: /etc/systemd/system/api.service differs from its template".
std::string describe_drift(const DriftItem& item);

using ReadFileFn = std::function<std::optional<std::string>(const std::string& path)>;

// The drift of rendered files installed in unit_dir (/etc/systemd/system):
// for every unit with a rendered file or drop-in, PID 1's FragmentPath
// must be unit_dir/UNIT with the rendered content, and its DropInPaths in
// /etc and /run exactly the rendered drop-ins (vendor drop-ins in /usr
// are not drift), each with the rendered content. units: PID 1's status of
// each unit, by name (a unit missing there is taken as not loaded).
std::vector<DriftItem> find_drift(const std::vector<UnitFile>& rendered, const std::string& unit_dir,
                                  const std::map<std::string, UnitStatus>& units,
                                  const ReadFileFn& read_file);

// The units the rendered files belong to ("api.service" for
// "api.service.d/env.conf"), sorted, each once.
std::vector<std::string> units_of(const std::vector<UnitFile>& files);

}  // namespace hoist
