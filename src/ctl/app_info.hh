// What hoistd tells about apps over D-Bus (ListApps, the App objects,
// ListReleases, PlanDeploy, ListPending) and what a deploy request carries,
// as plain data.
#pragma once

#include <cstdint>
#include <string>

namespace hoist::ctl {

// One app: ListApps fills name to last_result and object_path, the App
// object's properties (Client::app) everything but object_path.
struct AppInfo {
  std::string name;
  std::string description;
  std::string state;            // "idle", "deploying", "rolling-back"
  std::string current_release;  // "" before the first deploy
  std::string current_commit;   // its full commit, "" when hoistd does not know it
  std::string last_deploy;      // id of the newest deploy, "" if none
  std::string last_result;      // state the last finished deploy ended in, "" if none
  std::string failed_step;      // where the last finished deploy failed, "" if it did not
  std::string queued_deploy;    // id of the deploy waiting for the running one, "" if none
  std::string pending_deploy;   // id of the deploy waiting for confirmation, "" if none
  std::string object_path;
  // The App object's Drifted: its unit files differ from its templates
  // ("hoistctl apps" reads it besides ListApps).
  bool drifted = false;

  bool operator==(const AppInfo&) const = default;
};

// One release on disk (ListReleases).
struct ReleaseInfo {
  std::string name;
  bool current = false;

  bool operator==(const ReleaseInfo&) const = default;
};

// One step of PlanDeploy's answer.
struct PlanStep {
  std::string step;         // "fetch", "build-1", ...
  std::string description;  // what it would run, "git clone --branch main -- ..."

  bool operator==(const PlanStep&) const = default;
};

// One deploy waiting for confirmation (ListPending).
struct PendingInfo {
  std::string app;
  std::string deploy_id;
  std::string revision;       // as the push named it, usually a full commit id
  uint64_t expires_usec = 0;  // µs since the epoch; after it, Confirm no longer finds it

  bool operator==(const PendingInfo&) const = default;
};

// The arguments of Deploy and PlanDeploy.
struct DeployRequest {
  std::string app;
  std::string revision;  // "" for the head of the app's branch
  bool force = false;
  bool skip_migrations = false;
};

}  // namespace hoist::ctl
