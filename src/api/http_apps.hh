// The read-only app routes of the HTTP API:
//   GET /api/v1/apps          [AppView, ...] (app_view.hh)
//   GET /api/v1/apps/NAME     AppView, plus "releases": [{"name", "current"}]
//                             and "history": the newest 10 deploy records
//   GET /api/v1/deploys/ID    the deploy record (deploy_record.hh)
//   GET /api/v1/rollouts/ID   the rollout record (rollout_record.hh)
#pragma once

#include <libsoup/soup.h>

#include <string>

#include "core/deploy_manager.hh"
#include "core/rollout_manager.hh"

namespace hoist {

// Whether path is one of the routes above (or below them: a 404 of theirs).
bool is_apps_api(const std::string& path);

// rollouts may be null (then /api/v1/rollouts/ID is 404).
void serve_apps_api(SoupServerMessage* msg, const std::string& path, const DeployManager& deploys,
                    const RolloutManager* rollouts);

}  // namespace hoist
