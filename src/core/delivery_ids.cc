#include "core/delivery_ids.hh"

#include <fcntl.h>
#include <glib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include "common/log.hh"
#include "core/atomic_file.hh"
#include "core/dir_fd.hh"
#include "core/json_file.hh"
#include "core/json_object.hh"
#include "core/read_all.hh"
#include "core/utf8_text.hh"

namespace hoist {
namespace {

constexpr const char* kLogName = "deliveries.log";
constexpr const char* kOldName = "deliveries.json";
constexpr mode_t kMode = 0600;
constexpr size_t kIdMax = 128;
// The most when_saved() callers one fdatasync() waits to gather.
constexpr size_t kBatchMax = 64;
// The log never holds more than 2 × capacity lines of at most ~140 bytes.
constexpr size_t kLogMax = 64 * 1024 * 1024;

std::string stored_form(std::string_view id) {
  const bool plain = id.size() <= kIdMax &&
                     std::none_of(id.begin(), id.end(), [](char c) { return g_ascii_iscntrl(c); });
  if (plain) return make_valid_utf8(id);
  const GCharPtr sum(g_compute_checksum_for_data(
      G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(id.data()), id.size()));
  return std::string("sha256:") + sum.get();
}

Fd open_log(int dirfd) {
  return Fd(openat(dirfd, kLogName, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, kMode));
}

}  // namespace

DeliveryIds::DeliveryIds(const StateDir& dir, size_t capacity)
    : dir_(fcntl(dir.fd(), F_DUPFD_CLOEXEC, 3)), capacity_(std::max<size_t>(capacity, 1)) {
  load();
}

DeliveryIds::~DeliveryIds() {
  if (flush_) {
    g_source_destroy(flush_);
    g_source_unref(flush_);
  }
  sync();
}

void DeliveryIds::load() {
  const auto old = read_old_file();
  const bool migrate = old.has_value();
  std::vector<std::string> lines = old.value_or(std::vector<std::string>{});
  log_ = open_log(dir_.get());
  if (!log_) {
    load_error_ = errno_message("cannot open", display_path(dir_.get(), kLogName), errno);
    remember_newest(lines);
    return;
  }
  std::string error;
  const auto text = read_all(log_.get(), kLogMax, display_path(dir_.get(), kLogName), error);
  if (!text) load_error_ = error;
  std::string_view rest = text ? std::string_view(*text) : std::string_view();
  const bool cut_short = !rest.empty() && rest.back() != '\n';
  size_t in_log = 0;
  while (!rest.empty()) {
    const size_t end = std::min(rest.find('\n'), rest.size());
    if (end > 0) lines.emplace_back(rest.substr(0, end));
    rest.remove_prefix(std::min(end + 1, rest.size()));
    in_log++;
  }
  lines_ = in_log;
  remember_newest(lines);
  if ((migrate || cut_short || !text || lines_ > 2 * capacity_) && rewrite() && migrate)
    unlinkat(dir_.get(), kOldName, 0);
}

std::optional<std::vector<std::string>> DeliveryIds::read_old_file() {
  const JsonFile json = read_json(dir_.get(), kOldName);
  if (json.missing) return std::nullopt;
  JsonNode* root = json.root.get();
  JsonArray* array = root && JSON_NODE_HOLDS_OBJECT(root)
                         ? JsonObjectReader(json_node_get_object(root)).array("ids")
                         : nullptr;
  if (!array) {
    load_error_ = json ? display_path(dir_.get(), kOldName) + ": no \"ids\" array" : json.error;
    return std::nullopt;  // left where it is, for whoever looks
  }
  std::vector<std::string> ids;
  const guint n = json_array_get_length(array);
  for (guint i = 0; i < n; i++) {
    JsonNode* element = json_array_get_element(array, i);
    if (JSON_NODE_HOLDS_VALUE(element) && json_node_get_value_type(element) == G_TYPE_STRING)
      ids.emplace_back(json_node_get_string(element));
  }
  return ids;
}

void DeliveryIds::remember_newest(const std::vector<std::string>& lines) {
  // Newest first: an id seen twice counts where it was last added.
  for (auto it = lines.rbegin(); it != lines.rend() && order_.size() < capacity_; ++it)
    if (ids_.insert(*it).second) order_.push_front(*it);
}

bool DeliveryIds::seen_or_add(std::string_view id) {
  std::string key = stored_form(id);
  if (ids_.contains(key)) return true;
  ids_.insert(key);
  order_.push_back(key);
  while (order_.size() > capacity_) {
    ids_.erase(order_.front());
    order_.pop_front();
  }
  append(key);
  return false;
}

void DeliveryIds::append(const std::string& id) {
  if (lines_ >= 2 * capacity_) {
    rewrite();
    return;
  }
  const std::string path = display_path(dir_.get(), kLogName);
  if (!log_) return warn("cannot save webhook delivery ids: " + path + " is not open");
  if (!write_all(log_.get(), id + "\n")) return warn(errno_message("cannot append to", path, errno));
  lines_++;
  unsynced_ = true;
}

void DeliveryIds::sync() {
  if (!unsynced_) return;
  unsynced_ = false;
  if (fdatasync(log_.get()) < 0)
    return warn(errno_message("cannot fdatasync", display_path(dir_.get(), kLogName), errno));
  warned_ = false;
}

void DeliveryIds::when_saved(std::function<void()> done) {
  waiters_.push_back(std::move(done));
  if (flush_) {
    // Past a batch this size, do not wait for the loop to be idle.
    if (waiters_.size() >= kBatchMax) g_source_set_priority(flush_, G_PRIORITY_DEFAULT);
    return;
  }
  // At idle priority: every webhook read in this turn joins the batch.
  flush_ = g_idle_source_new();
  g_source_set_priority(flush_, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback(flush_, on_flush, this, nullptr);
  g_source_attach(flush_, nullptr);
}

gboolean DeliveryIds::on_flush(gpointer data) {
  auto* self = static_cast<DeliveryIds*>(data);
  g_source_unref(self->flush_);
  self->flush_ = nullptr;
  self->sync();
  for (auto& done : std::exchange(self->waiters_, {})) done();
  return G_SOURCE_REMOVE;
}

bool DeliveryIds::rewrite() {
  std::string text;
  for (const auto& id : order_) (text += id) += '\n';
  std::string error;
  if (!write_file_atomic(dir_.get(), kLogName, text, kMode, error)) {
    warn("cannot save webhook delivery ids: " + error);
    return false;
  }
  log_ = open_log(dir_.get());
  if (!log_) {
    warn(errno_message("cannot open", display_path(dir_.get(), kLogName), errno));
    return false;
  }
  lines_ = order_.size();
  unsynced_ = false;
  warned_ = false;
  return true;
}

void DeliveryIds::warn(const std::string& error) {
  // Once until a save works again: a full disk would otherwise log every webhook.
  if (!warned_) log::warning(error);
  warned_ = true;
}

}  // namespace hoist
