#include "core/delivery_ids.hh"

#include <fcntl.h>
#include <glib.h>

#include <algorithm>

#include "common/log.hh"
#include "core/dir_fd.hh"
#include "core/json_file.hh"
#include "core/json_object.hh"
#include "core/utf8_text.hh"

namespace hoist {
namespace {

constexpr const char* kFileName = "deliveries.json";
constexpr size_t kIdMax = 128;

std::string stored_form(std::string_view id) {
  if (id.size() <= kIdMax) return make_valid_utf8(id);
  const GCharPtr sum(g_compute_checksum_for_data(
      G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(id.data()), id.size()));
  return std::string("sha256:") + sum.get();
}

}  // namespace

DeliveryIds::DeliveryIds(const StateDir& dir, size_t capacity)
    : dir_(fcntl(dir.fd(), F_DUPFD_CLOEXEC, 3)), capacity_(std::max<size_t>(capacity, 1)) {
  load();
}

void DeliveryIds::load() {
  const JsonFile json = read_json(dir_.get(), kFileName);
  if (json.missing) return;
  if (!json) {
    load_error_ = json.error;
    return;
  }
  JsonNode* root = json.root.get();
  JsonArray* array = JSON_NODE_HOLDS_OBJECT(root)
                         ? JsonObjectReader(json_node_get_object(root)).array("ids")
                         : nullptr;
  if (!array) {
    load_error_ = display_path(dir_.get(), kFileName) + ": no \"ids\" array";
    return;
  }
  const guint n = json_array_get_length(array);
  for (guint i = 0; i < n; i++) {
    JsonNode* element = json_array_get_element(array, i);
    if (!JSON_NODE_HOLDS_VALUE(element) || json_node_get_value_type(element) != G_TYPE_STRING)
      continue;
    const std::string id = json_node_get_string(element);
    if (ids_.insert(id).second) order_.push_back(id);
  }
  evict();
}

void DeliveryIds::evict() {
  while (order_.size() > capacity_) {
    ids_.erase(order_.front());
    order_.pop_front();
  }
}

bool DeliveryIds::seen_or_add(std::string_view id) {
  std::string key = stored_form(id);
  if (ids_.contains(key)) return true;
  ids_.insert(key);
  order_.push_back(std::move(key));
  evict();
  JsonObjectWriter w;
  w.node("ids", json_string_array(order_));
  std::string error;
  if (!write_json_atomic(dir_.get(), kFileName, w.node().get(), error))
    log::warning("cannot save webhook delivery ids: " + error);
  return false;
}

}  // namespace hoist
