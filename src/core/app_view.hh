// What clients see of an app: its configuration's name and description, the
// state saved in the state directory, and what its worker is doing now.
#pragma once

#include <string>
#include <vector>

#include "common/glib_ptr.hh"
#include "core/deploy_record.hh"

namespace hoist {

struct AppView {
  std::string name;
  std::string description;
  std::vector<std::string> units;
  std::string state = "idle";  // "idle", "deploying", "rolling-back"
  std::string running_deploy;  // id, "" when idle
  std::string queued_deploy;   // id, "" when none waits
  std::string pending_deploy;  // id of the deploy waiting for confirmation, 
  AppState saved;

  // The saved last result's name, "" when no deploy has finished yet.
  std::string last_result() const;
};

// {"name", "description", "units", "state", "current_release",
//  "current_commit", "last_good_release", "last_deploy", "last_result", "failed_step",
//  "running_deploy", "queued_deploy", "pending_deploy"} (GET /api/v1/apps/NAME).
JsonNodePtr to_json(const AppView& app);

}  // namespace hoist
