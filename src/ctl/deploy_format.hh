// Deploys as hoistctl shows them: the history table, one record in full
// (deploy-status), the progress lines of "deploy --wait", the plan of
// "deploy --dry-run", and their JSON.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ctl/app_info.hh"
#include "ctl/deploy_info.hh"
#include "ctl/terminal.hh"

namespace hoist::ctl {

// The colour of a deploy state ("" for none): succeeded green; failed,
// rolled-back, rollback-failed and interrupted red; queued and running
// yellow; canceled and states newer than hoistctl uncoloured.
const char* deploy_state_color(std::string_view state);

// The glyph heading a record (and a rollout's app): ● done or under way,
// × failed, ○ canceled, waiting or skipped; coloured as the state.
std::string state_glyph(const std::string& state, const Style& style);

// "hoistctl history": a table ID KIND STATE REVISION STARTED DURATION STEP,
// REVISION being the commit's first 7 digits (else the revision asked for).
std::string format_deploy_history(const std::vector<DeployInfo>& deploys, const Style& style);

// "hoistctl deploy-status": a "systemctl status"-like block, then every
// step with its result and duration, the output tail under a failed step.
std::string format_deploy_record(const DeployInfo& d, const Style& style, uint64_t now_usec);

// A finished step as a progress line: "✓ fetch      1.2s" or
// "✗ build-1    3.4s  exit-code, exit status 2". Ends in a newline.
std::string format_step_line(const StepInfo& s, const Style& style);

// "hoistctl pending": a table APP DEPLOY REVISION EXPIRES, REVISION
// shortened to 7 digits if it is a full commit id (40 hex digits), EXPIRES
// the local time and how far off it is: "2024-11-21 22:38:32 (in 30min)",
// "(expired)" once past.
std::string format_pending_table(const std::vector<PendingInfo>& pending, const Style& style,
                                 uint64_t now_usec);

// [{"app", "deploy_id", "revision", "expires_usec"}...]
std::string pending_to_json(const std::vector<PendingInfo>& pending);

// Where a deploy is, in one line: "hello: deploy ID queued", "... running",
// "... succeeded, release R", "... failed and was rolled back: why".
std::string format_deploy_summary(const DeployInfo& d, const Style& style);

// The output tail of the step that failed, for stderr: a heading, then the
// lines indented; "" if no step failed or it left no output.
std::string format_failure_output(const DeployInfo& d);

// "hoistctl deploy --dry-run": "1. fetch    git clone ...", one step a line.
std::string format_plan(const std::vector<PlanStep>& plan);

// JSON: [{"step", "description"}...], {"id": ...}, one record and an array
// of records as hoistd sent them.
std::string plan_to_json(const std::vector<PlanStep>& plan);
std::string deploy_id_to_json(const std::string& id);
std::string deploy_to_json(const DeployInfo& d);
std::string deploys_to_json(const std::vector<DeployInfo>& deploys);

// Adds the records as a JSON array (for "show --json").
void add_deploys(JsonBuilder* b, const std::vector<DeployInfo>& deploys);

}  // namespace hoist::ctl
