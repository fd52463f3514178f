#include "core/app_view.hh"

#include "core/json_object.hh"

namespace hoist {

std::string AppView::last_result() const {
  return saved.last_result ? std::string(deploy_state_name(*saved.last_result)) : std::string();
}

JsonNodePtr to_json(const AppView& app) {
  JsonObjectWriter w;
  w.string("name", app.name);
  w.string("description", app.description);
  w.node("units", json_string_array(app.units));
  w.string("state", app.state);
  w.string("current_release", app.saved.current_release);
  w.string("current_commit", app.saved.current_commit);
  w.string("last_good_release", app.saved.last_good_release);
  w.string("last_deploy", app.saved.last_deploy_id);
  w.string("last_result", app.last_result());
  w.string("failed_step", app.saved.failed_step);
  w.string("running_deploy", app.running_deploy);
  w.string("queued_deploy", app.queued_deploy);
  w.string("pending_deploy", app.pending_deploy);
  return w.node();
}

}  // namespace hoist
