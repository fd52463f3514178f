// What hoistd remembers about deploys and apps, as plain data with JSON
// forms: one DeployRecord per deploy (deploys/ID.json) and one AppState per
// app (apps/NAME.json) in the state directory.
#pragma once

#include <json-glib/json-glib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/glib_ptr.hh"

namespace hoist {

enum class DeployState {
  Pending,  // from a webhook, waiting for `hoistctl confirm` (RequireConfirmation=yes)
  Queued,
  Running,
  Succeeded,
  Failed,          // failed before the switch: the old release still serves
  RolledBack,      // failed after the switch and the old release was restored
  RollbackFailed,  // ... and restoring it failed too
  Interrupted,     // hoistd died while it ran
  Canceled,        // replaced in the queue by a newer request, not confirmed in time
};

// "pending", "queued", "running", "succeeded", "failed", "rolled-back",
// "rollback-failed", "interrupted", "canceled".
std::string_view deploy_state_name(DeployState state);
std::optional<DeployState> deploy_state_from_name(std::string_view name);
// Whether a deploy in this state is over (not pending, queued or running).
bool deploy_state_is_final(DeployState state);

// What a deploy does: build and switch to a revision, or switch back to a
// release that is already built (hoistctl rollback, crash recovery).
enum class DeployKind { Deploy, Rollback };

// "deploy", "rollback".
std::string_view deploy_kind_name(DeployKind kind);

struct StepResult {
  std::string name;     // "fetch", "build-1", "migrate", "switch", "restart", "health", ...
  std::string result;   // systemd's Result= ("success", "exit-code", "timeout", ...)
  int exit_status = 0;  // ExecMainStatus=
  uint64_t duration_usec = 0;
  std::string output_tail;  // the end of the output (see set_output), valid UTF-8

  // Keeps the last kOutputTailBytes of output, as valid UTF-8.
  void set_output(std::string_view output);

  bool operator==(const StepResult&) const = default;
};

struct DeployOptions {
  bool force = false;
  bool skip_migrations = false;

  bool operator==(const DeployOptions&) const = default;
};

struct DeployRecord {
  std::string id;  // deploy_id_is_valid()
  std::string app;
  DeployKind kind = DeployKind::Deploy;
  std::string trigger;   // who asked: "" (D-Bus, hoistctl), "webhook github DELIVERY-ID", ...
  std::string revision;  // as requested: a sha, a ref name, or empty for the branch head
  std::string commit;    // the full sha it resolved to
  DeployState state = DeployState::Queued;
  std::string step;  // the step running, or the one that failed
  uint64_t queued_usec = 0;
  uint64_t started_usec = 0;
  uint64_t finished_usec = 0;
  std::string release;           // the release directory this deploy made (or rolls back to)
  std::string previous_release;  // the one current before it
  std::string error;             // why it failed, for people
  std::vector<StepResult> steps;
  DeployOptions options;

  bool operator==(const DeployRecord&) const = default;
};

struct AppState {
  std::string app;
  std::string current_release;
  std::string current_commit;     // the full commit current_release was built from, as
                                  // the deploy that built it fetched it ("" if unknown)
  std::string last_good_release;  // the newest release that passed the health gate
  std::string last_deploy_id;
  std::optional<DeployState> last_result;  // of the last finished deploy
  std::string failed_step;                 // of the last deploy, if it failed
  std::string in_progress_deploy_id;       // set while a deploy runs: found set after a
                                           // crash, that deploy was interrupted

  bool operator==(const AppState&) const = default;
};

// JSON objects with snake_case members named like the fields; times in
// microseconds since the epoch; empty strings and zero times are written too.
JsonNodePtr to_json(const DeployRecord& record);
JsonNodePtr to_json(const AppState& state);

// The reverse. Unknown members are ignored and missing ones keep their
// defaults; a record needs a valid id, an app and a known state, an app
// state needs its app. nullopt with error saying what is wrong otherwise.
std::optional<DeployRecord> deploy_record_from_json(JsonNode* node, std::string& error);
std::optional<AppState> app_state_from_json(JsonNode* node, std::string& error);

}  // namespace hoist
