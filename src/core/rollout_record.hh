// What hoistd remembers about a rollout (rollouts/ID.json in the state
// directory, GetRollout, GET /api/v1/rollouts/ID): the options, the waves,
// and per app its state, step, times and result.
#pragma once

#include <json-glib/json-glib.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/glib_ptr.hh"
#include "core/rollout_scheduler.hh"

namespace hoist {

enum class RolloutState {
  Running,
  Succeeded,
  Failed,       // an app failed (or the pre-check found one unhealthy)
  Canceled,     // CancelRollout: no new app was started
  Interrupted,  // hoistd stopped or died while it ran
};

// "running", "succeeded", "failed", "canceled", "interrupted".
std::string_view rollout_state_name(RolloutState state);
std::optional<RolloutState> rollout_state_from_name(std::string_view name);

struct RolloutOptions {
  bool all = false;     // every configured app
  bool deploy = false;  // deploy apps with a Repository= instead of restarting them
  bool force = false;   // go on although the pre-check finds an app unhealthy
  bool skip_migrations = false;
  unsigned max_parallel = 0;  // 0: no limit

  bool operator==(const RolloutOptions&) const = default;
};

struct RolloutAppRecord {
  std::string app;
  size_t wave = 0;
  std::vector<std::string> depends_on;  // the selected apps it waits for
  RolloutAppState state = RolloutAppState::Waiting;
  std::string step;  // "precheck", "deploy", "restart", "health", "rollback", "done"
  uint64_t started_usec = 0;
  uint64_t finished_usec = 0;
  std::string deploy_id;  // with --deploy, the app's deploy
  std::string error;
  bool rolled_back = false;
  // Units PID 1 had already restarted itself (PartOf=, Requires=, BindsTo=
  // on a unit restarted before): checked, not restarted again.
  std::vector<std::string> restarted_by_systemd;

  bool operator==(const RolloutAppRecord&) const = default;
};

struct RolloutRecord {
  std::string id;  // deploy_id_is_valid()
  RolloutState state = RolloutState::Running;
  RolloutOptions options;
  uint64_t started_usec = 0;
  uint64_t finished_usec = 0;
  std::string failed_app;
  std::string failed_step;
  std::string error;
  std::vector<std::vector<std::string>> waves;
  std::vector<RolloutAppRecord> apps;  // wave by wave, by name inside one

  RolloutAppRecord* find(std::string_view app);
  bool operator==(const RolloutRecord&) const = default;
};

// The JSON the D-Bus doc of GetRollout describes: times both as RFC 3339
// ("started") and in µs ("started_usec"); empty strings and lists, zero
// times and false flags of apps are left out.
JsonNodePtr to_json(const RolloutRecord& record);
// The reverse; needs a valid id and a known state.
std::optional<RolloutRecord> rollout_record_from_json(JsonNode* node, std::string& error);

}  // namespace hoist
