#include "core/pending_deploys.hh"

namespace hoist {

std::optional<DeployRecord> PendingDeploys::add(DeployRecord record, uint64_t expires_usec) {
  std::optional<DeployRecord> replaced;
  auto it = entries_.find(record.app);
  if (it != entries_.end()) replaced = std::move(it->second.record);
  std::string app = record.app;
  entries_[app] = Entry{std::move(record), expires_usec};
  return replaced;
}

std::optional<DeployRecord> PendingDeploys::take(const std::string& app, uint64_t now_usec) {
  auto it = entries_.find(app);
  if (it == entries_.end() || it->second.expires_usec <= now_usec) return std::nullopt;
  DeployRecord record = std::move(it->second.record);
  entries_.erase(it);
  return record;
}

std::vector<DeployRecord> PendingDeploys::expire(uint64_t now_usec) {
  std::vector<DeployRecord> out;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.expires_usec > now_usec) {
      ++it;
      continue;
    }
    out.push_back(std::move(it->second.record));
    it = entries_.erase(it);
  }
  return out;
}

uint64_t PendingDeploys::next_expiry() const {
  uint64_t next = 0;
  for (const auto& [app, e] : entries_)
    if (next == 0 || e.expires_usec < next) next = e.expires_usec;
  return next;
}

const PendingDeploys::Entry* PendingDeploys::find(const std::string& deploy_id) const {
  for (const auto& [app, e] : entries_)
    if (e.record.id == deploy_id) return &e;
  return nullptr;
}

const PendingDeploys::Entry* PendingDeploys::for_app(const std::string& app) const {
  auto it = entries_.find(app);
  return it == entries_.end() ? nullptr : &it->second;
}

}  // namespace hoist
