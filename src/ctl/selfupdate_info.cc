#include "ctl/selfupdate_info.hh"

#include "ctl/json_read.hh"
#include "ctl/text.hh"

namespace hoist::ctl {

const FailedRelease* SelfUpdateStatus::failed_release(const std::string& version) const {
  for (const auto& f : failed)
    if (f.version == version) return &f;
  return nullptr;
}

std::optional<SelfUpdateStatus> parse_selfupdate_status(const std::string& text,
                                                        std::string& error) {
  JsonNodePtr root = parse_json_reply(text, error);
  JsonObject* o = root_object(
      root, _("the self-update status is not a JSON object with \"running\""), error, "running");
  if (!o) return std::nullopt;
  SelfUpdateStatus s;
  s.enabled = bool_member(o, "enabled");
  s.mode = string_member(o, "mode");
  s.source = string_member(o, "source");
  s.running = string_member(o, "running");
  s.latest = string_member(o, "latest");
  s.available = bool_member(o, "available");
  s.release_url = string_member(o, "release_url");
  s.checked_at = string_member(o, "checked_at");
  s.next_check_at = string_member(o, "next_check_at");
  s.error = string_member(o, "error");
  s.previous = string_member(o, "previous");
  for (JsonObject* f : object_elements(array_member(o, "failed")))
    s.failed.push_back(
        {string_member(f, "version"), string_member(f, "at"), string_member(f, "reason")});
  s.installing = string_member(o, "installing");
  s.json = shared_node(std::move(root));
  return s;
}

}  // namespace hoist::ctl
