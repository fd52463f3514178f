// An app's unit files as hoistctl reads them from hoistd (DiffUnits,
// ApplyUnits, GetDrift, the App object's Drifted; documented in
// dbus/org.hoist.Hoist1.Manager.xml), as plain data.
#pragma once

#include <json-glib/json-glib.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hoist::ctl {

// One file of DiffUnits: installed in the unit directory and rendered from
// the app's templates, with different content.
struct UnitFileDiff {
  std::string name;    // relative to the unit directory: "api.service", "api.service.d/env.conf"
  std::string path;    // where it is (or would be) installed
  std::string change;  // "added" (not installed), "changed", "removed" (no longer rendered)
  std::string installed;  // "" when added
  std::string rendered;   // "" when removed

  bool added() const { return change == "added"; }
  bool removed() const { return change == "removed"; }
  bool operator==(const UnitFileDiff&) const = default;
};

// One difference of GetDrift.
struct DriftInfo {
  std::string kind;  // "changed", "missing", "extra", "needs-reload"
  std::string unit;
  std::string path;    // the file concerned, "" for needs-reload
  std::string detail;  // in words, from hoistd

  bool operator==(const DriftInfo&) const = default;
};

// ApplyUnits' result.
struct ApplyResult {
  bool ok = false;
  bool dry_run = false;
  std::string step;   // where it failed: "render", "verify", "install", "reload", "restart", "health"
  std::string error;  // why, possibly several lines
  std::vector<std::string> added;  // file names, relative to the unit directory
  std::vector<std::string> changed;
  std::vector<std::string> removed;
  std::vector<std::string> unchanged;
  std::vector<std::string> restarted;  // units restarted, reloaded or started
  bool rolled_back = false;            // the previous files are back
  // The result as hoistd sent it, never changed (null if made here).
  std::shared_ptr<JsonNode> json;

  // Nothing to add, change or remove.
  bool nothing_to_do() const { return added.empty() && changed.empty() && removed.empty(); }
};

// ApplyUnits' JSON. nullopt with error saying what is wrong if text is not
// a JSON object with "ok".
std::optional<ApplyResult> parse_apply_result(const std::string& text, std::string& error);

}  // namespace hoist::ctl
