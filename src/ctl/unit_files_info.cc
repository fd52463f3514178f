#include "ctl/unit_files_info.hh"

#include <utility>

#include "ctl/json_read.hh"
#include "ctl/text.hh"

namespace hoist::ctl {

std::optional<ApplyResult> parse_apply_result(const std::string& text, std::string& error) {
  JsonNodePtr root = parse_json_reply(text, error);
  JsonObject* o = root_object(
      root, _("the result of applying the unit files is not a JSON object with \"ok\""), error,
      "ok");
  if (!o) return std::nullopt;
  ApplyResult r;
  r.ok = bool_member(o, "ok");
  r.dry_run = bool_member(o, "dry_run");
  r.step = string_member(o, "step");
  r.error = string_member(o, "error");
  r.added = string_elements(array_member(o, "added"));
  r.changed = string_elements(array_member(o, "changed"));
  r.removed = string_elements(array_member(o, "removed"));
  r.unchanged = string_elements(array_member(o, "unchanged"));
  r.restarted = string_elements(array_member(o, "restarted"));
  r.rolled_back = bool_member(o, "rolled_back");
  r.json = shared_node(std::move(root));
  return r;
}

}  // namespace hoist::ctl
