// What a rollout would do, for `hoistctl rollout --dry-run` (D-Bus
// PlanRollout): the waves, and per app what it waits for, whether it is
// deployed or restarted, its units and its steps. Pure, changes nothing.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/glib_ptr.hh"
#include "core/app_config.hh"
#include "core/deploy_plan.hh"
#include "core/rollout_graph.hh"
#include "core/rollout_record.hh"

namespace hoist {

// Whether the rollout deploys app (--deploy and a Repository=) or restarts it.
bool rollout_deploys(const AppConfig& app, const RolloutOptions& options);

// The steps of one app in a rollout, in order.
std::vector<PlanStep> rollout_app_plan(const AppConfig& app, const RolloutOptions& options);

// {"apps", "deploy", "max_parallel", "waves": [[{"app", "depends_on",
// "action", "units", "steps": [{"step", "description"}]}]]} (see the D-Bus
// doc of PlanRollout). configs holds every app of graph.
JsonNodePtr rollout_plan_json(const RolloutGraph& graph,
                              const std::map<std::string, AppConfig>& configs,
                              const RolloutOptions& options);

}  // namespace hoist
