// Installing rendered unit files (unit_template.hh) into the unit directory
// (/etc/systemd/system, or the user's): what changes, writing it, and the
// manifest of the files hoist installed for each app (units/APP.json in the
// state directory), which tells a file removed from the templates from a
// file hoist never owned.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/unit_drift.hh"
#include "core/unit_template.hh"

namespace hoist {

struct UnitInstallPlan {
  std::vector<UnitFile> added;       // rendered, not installed yet
  std::vector<UnitFile> changed;     // rendered, installed with other content
  std::vector<std::string> removed;  // installed by hoist before, no longer rendered
  std::vector<std::string> unchanged;

  bool empty() const noexcept { return added.empty() && changed.empty() && removed.empty(); }
  // The units whose unit file or drop-ins are added or changed, sorted.
  std::vector<std::string> touched_units() const;
  // The units whose unit file is removed, sorted.
  std::vector<std::string> removed_units() const;
  // Every path written or removed, in unit_dir.
  std::vector<std::string> paths(const std::string& unit_dir) const;
};

// Compares rendered with unit_dir; previous: the names hoist installed for
// the app before (its manifest).
UnitInstallPlan plan_unit_install(const std::vector<UnitFile>& rendered, const std::string& unit_dir,
                                  const std::vector<std::string>& previous, const ReadFileFn& read_file);

// Writes the added and changed files atomically (creating UNIT.d/ as
// needed) and removes the removed ones (and their UNIT.d/ once empty).
bool install_unit_files(const UnitInstallPlan& plan, const std::string& unit_dir, std::string& error);

// Whether a unit file has an [Install] section that enables it
// (WantedBy=, RequiredBy=, UpheldBy=, Alias= or Also= with a value).
bool has_install_section(const std::string& content);

// The manifest: the file names hoist installed for app, sorted; empty if none.
std::vector<std::string> load_unit_manifest(int state_dir_fd, const std::string& app);
bool save_unit_manifest(int state_dir_fd, const std::string& app, const std::vector<std::string>& names,
                        std::string& error);

// Reads a whole file; nullopt if it cannot (missing).
std::optional<std::string> read_unit_file(const std::string& path);

}  // namespace hoist
