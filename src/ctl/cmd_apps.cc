// hoistctl apps | show APP | releases APP | reload
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "ctl/app_format.hh"
#include "ctl/commands.hh"
#include "ctl/exit_status.hh"
#include "ctl/listing.hh"
#include "ctl/report.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

// How many of its newest deploys "show" lists.
constexpr uint32_t kShowDeploys = 5;

// ListApps, and each app's Drifted.
std::vector<AppInfo> list_apps(Client& client) {
  std::vector<AppInfo> apps = client.list_apps();
  for (auto& a : apps) a.drifted = client.app_drifted(a.object_path);
  return apps;
}

// The app's drift checked now; nullopt from a hoistd older than GetDrift.
std::optional<std::vector<DriftInfo>> drift_of(Client& client, const std::string& app) {
  try {
    return client.get_drift(app);
  } catch (const CallError& e) {
    if (e.name() == "org.freedesktop.DBus.Error.UnknownMethod") return std::nullopt;
    throw;
  }
}

}  // namespace

int run_apps(Client& client, const Options& o) {
  return fetch_and_list(
      o, [&] { return list_apps(client); }, _("Failed to list the apps"), apps_to_json,
      [](const std::vector<AppInfo>& apps) {
        return format_apps_table(apps, style_for_fd(fileno(stdout)));
      },
      _("No apps are configured (see /etc/hoist/apps/)."));
}

int run_show(Client& client, const Options& o) {
  AppDetails details;
  details.command = command_for(o);
  try {
    details.app = client.app(o.app);
    details.releases = client.list_releases(o.app);
    details.history = client.history(o.app, kShowDeploys);
    details.drift = drift_of(client, o.app);
  } catch (const CallError& e) {
    return report_failure(o, e, strprintf(_("Failed to show app %s"), printable(o.app).c_str()));
  }
  if (o.json)
    printf("%s\n", app_details_to_json(details).c_str());
  else
    fputs(format_app_details(details, style_for_fd(fileno(stdout))).c_str(), stdout);
  return exit_status::kSuccess;
}

int run_releases(Client& client, const Options& o) {
  return fetch_and_list(
      o, [&] { return client.list_releases(o.app); },
      strprintf(_("Failed to list the releases of %s"), printable(o.app).c_str()),
      releases_to_json, format_releases,
      strprintf(_("%s has no releases yet."), printable(o.app).c_str()));
}

int run_reload_config(Client& client, const Options& o) {
  std::vector<std::string> problems;
  try {
    problems = client.reload_config();
  } catch (const CallError& e) {
    return report_failure(o, e, _("Failed to reload hoistd's configuration"));
  }
  if (o.json)
    printf("%s\n", config_problems_to_json(problems).c_str());
  else
    for (const auto& p : problems) fprintf(stderr, "%s\n", p.c_str());
  return problems.empty() ? exit_status::kSuccess : exit_status::kFailure;
}

}  // namespace hoist::ctl
