// Deploy records as hoistctl reads them: the JSON text of GetDeploy and
// History (documented in dbus/org.hoist.Hoist1.Manager.xml), read leniently
// (unknown members ignored, missing ones empty) and kept whole for --json.
#pragma once

#include <json-glib/json-glib.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hoist::ctl {

struct StepInfo {
  std::string name;    // "fetch", "build-1", "switch", "health", "rollback", ...
  std::string result;  // systemd's Result= ("success", "exit-code", ...) or "failed"
  int64_t exit_status = 0;
  uint64_t duration_usec = 0;
  std::string output_tail;  // the end of the step's output

  bool succeeded() const { return result == "success"; }
};

struct DeployInfo {
  std::string id;
  std::string app;
  std::string kind;          // "deploy" or "rollback"
  std::string revision;      // as requested, "" for the branch head
  std::string commit;        // full sha
  std::string state;         // "queued", "running", "succeeded", "failed", "rolled-back", ...
  std::string step;          // the step running, or the one that failed
  std::string error;         // why it failed, for people
  uint64_t queued_usec = 0;  // µs since the epoch, 0 if not yet
  uint64_t started_usec = 0;
  uint64_t finished_usec = 0;
  std::string release;
  std::string previous_release;
  bool force = false;
  bool skip_migrations = false;
  std::vector<StepInfo> steps;  // the finished steps, in order
  // The record as hoistd sent it, never changed (null if made here).
  std::shared_ptr<JsonNode> json;

  // Over: neither queued nor running (any state newer than hoistctl counts as over).
  bool finished() const { return !state.empty() && state != "queued" && state != "running"; }
  bool succeeded() const { return state == "succeeded"; }
  // The step whose failure ended the deploy: the last unsuccessful one named
  // like `step`, else the last unsuccessful one; nullptr if none failed.
  const StepInfo* failed_step() const;
};

// One record (GetDeploy). nullopt with error saying what is wrong if text is
// not a JSON object with an id.
std::optional<DeployInfo> parse_deploy_record(const std::string& text, std::string& error);

// An array of records (History), in the order given.
std::optional<std::vector<DeployInfo>> parse_deploy_records(const std::string& text,
                                                            std::string& error);

}  // namespace hoist::ctl
