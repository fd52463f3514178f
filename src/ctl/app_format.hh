// Apps as hoistctl shows them: the "apps" table, one app in full ("show"),
// its releases, and their JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ctl/app_info.hh"
#include "ctl/deploy_info.hh"
#include "ctl/terminal.hh"
#include "ctl/unit_files_info.hh"

namespace hoist::ctl {

// "hoistctl apps": NAME STATE CURRENT LAST-RESULT DRIFT DESCRIPTION, the
// last result coloured as deploy_state_color, DRIFT "yes" in yellow for an
// app whose unit files drifted from its templates, "-" for what is empty.
std::string format_apps_table(const std::vector<AppInfo>& apps, const Style& style);

// [{"name", "description", "state", "current_release", "last_result",
//   "drifted", "object_path"}...]
std::string apps_to_json(const std::vector<AppInfo>& apps);

// "hoistctl releases": one a line, "* " before the current one, "  " before
// the others.
std::string format_releases(const std::vector<ReleaseInfo>& releases);

// [{"name", "current"}...]
std::string releases_to_json(const std::vector<ReleaseInfo>& releases);

// Everything "hoistctl show" tells about an app.
struct AppDetails {
  AppInfo app;
  std::vector<ReleaseInfo> releases;
  std::vector<DeployInfo> history;  // newest first
  // GetDrift's answer; nullopt if hoistd does not know GetDrift.
  std::optional<std::vector<DriftInfo>> drift;
  std::string command = "hoistctl";  // as commands are suggested (see command_for)
};

// A "systemctl status"-like block of the app's properties and its drift
// (see add_drift), then its releases and the table of its newest deploys.
// A deploy waiting for confirmation is shown with the command that
// confirms it.
std::string format_app_details(const AppDetails& d, const Style& style);

// {"name", "description", "state", "current_release", "current_commit", "last_deploy",
//  "last_result", "failed_step", "queued_deploy", "pending_deploy", "releases": [...],
//  "history": [records as hoistd sent them], "drift": [{"kind", "unit", "path",
//  "detail"}...] or null if unknown}
std::string app_details_to_json(const AppDetails& d);

// "hoistctl reload --json": {"problems": [...]}.
std::string config_problems_to_json(const std::vector<std::string>& problems);

}  // namespace hoist::ctl
