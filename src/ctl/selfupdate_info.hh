// hoistd's self-update status as hoistctl reads it from CheckForUpdate and
// SelfUpdate (a JSON object, documented in
// dbus/org.hoist.Hoist1.Manager.xml), as plain data.
#pragma once

#include <json-glib/json-glib.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hoist::ctl {

// A release that was installed here and did not start, so hoistd fell
// back and does not install it again.
struct FailedRelease {
  std::string version;
  std::string at;      // RFC 3339, when it failed
  std::string reason;  // "exited with status 1 before READY=1"

  bool operator==(const FailedRelease&) const = default;
};

struct SelfUpdateStatus {
  bool enabled = false;
  std::string mode;     // "notify" or "apply" ([SelfUpdate] Mode=)
  std::string source;   // https://HOST/OWNER/NAME
  std::string running;  // the version of the hoistd that answered
  std::string latest;   // the newest release found, "" before the first successful check
  bool available = false;   // latest is newer than running and did not fail here
  std::string release_url;  // the release's web page, "" if unknown
  std::string checked_at;   // RFC 3339, "" if never
  std::string next_check_at;  // RFC 3339, "" if none is scheduled
  std::string error;          // why the last check failed, "" if it did not
  std::string previous;       // the version kept to fall back to, "" if none
  std::vector<FailedRelease> failed;
  std::string installing;  // SelfUpdate: the version being installed, "" if none
  // The status as hoistd sent it, never changed.
  std::shared_ptr<JsonNode> json;

  // The entry of failed for version, or nullptr.
  const FailedRelease* failed_release(const std::string& version) const;
  // Mode=apply: hoistd installs new releases by itself.
  bool applies_by_itself() const { return mode == "apply"; }
};

// CheckForUpdate's and SelfUpdate's JSON. nullopt with error saying what is
// wrong if text is not a JSON object with "running".
std::optional<SelfUpdateStatus> parse_selfupdate_status(const std::string& text,
                                                        std::string& error);

}  // namespace hoist::ctl
