// Deploys that wait for a person (an app with [Webhook]
// RequireConfirmation=yes): at most one per app, the newest push replacing
// the one before, each expiring at a set time. Time is passed in, so expiry
// is tested without waiting.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/deploy_record.hh"

namespace hoist {

class PendingDeploys {
 public:
  struct Entry {
    DeployRecord record;
    uint64_t expires_usec = 0;
  };

  // Makes record its app's pending deploy; returns the one it replaced.
  std::optional<DeployRecord> add(DeployRecord record, uint64_t expires_usec);
  // Removes and returns the app's pending deploy, unless it has expired by now.
  std::optional<DeployRecord> take(const std::string& app, uint64_t now_usec);
  // Removes and returns every deploy that has expired by now.
  std::vector<DeployRecord> expire(uint64_t now_usec);
  // The earliest expiry, 0 when nothing waits.
  uint64_t next_expiry() const;
  // A pending deploy by id.
  const Entry* find(const std::string& deploy_id) const;
  const Entry* for_app(const std::string& app) const;

  // By app name.
  const std::map<std::string, Entry>& entries() const noexcept { return entries_; }

 private:
  std::map<std::string, Entry> entries_;
};

}  // namespace hoist
