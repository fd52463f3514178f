// org.hoist.Hoist1.Manager's unit file methods: ApplyUnits, DiffUnits, GetDrift.
#include <cstring>
#include <string>

#include "api/dbus_manager.hh"
#include "api/dbus_reply.hh"
#include "common/errors.hh"
#include "common/json.hh"

namespace hoist {
namespace {

// The a{sv} options of ApplyUnits: "dry-run" b.
int read_apply_options(sd_bus_message* m, bool& dry_run, sd_bus_error* error) {
  int r = sd_bus_message_enter_container(m, 'a', "{sv}");
  if (r < 0) return r;
  while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
    const char* key = nullptr;
    if ((r = sd_bus_message_read(m, "s", &key)) < 0) return r;
    if (strcmp(key, "dry-run") != 0)
      return sd_bus_error_setf(error, errors::kInvalidArgument,
                               "Unknown option \"%s\" (known: dry-run).", key);
    int value = 0;
    if (sd_bus_message_read(m, "v", "b", &value) < 0)
      return sd_bus_error_setf(error, errors::kInvalidArgument, "Option \"%s\" must be a boolean (b).", key);
    dry_run = value;
    if ((r = sd_bus_message_exit_container(m)) < 0) return r;
  }
  if (r < 0) return r;
  return sd_bus_message_exit_container(m);
}

}  // namespace

int ManagerObject::method_apply_units(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char* app = nullptr;
  int r = sd_bus_message_read(m, "s", &app);
  if (r < 0) return r;
  bool dry_run = false;
  if ((r = read_apply_options(m, dry_run, error)) < 0) return r;
  ApiError refused;
  if (!self->deploy_api_.deploys.config(app, refused)) return set_api_error(error, refused);
  MessageRef call(m);
  auto run = [self, call, name = std::string(app), dry_run] {
    ApiError e;
    self->deploy_api_.units.apply(
        name, dry_run,
        [call](const UnitApplyResult& result) {
          sd_bus_reply_method_return(call.get(), "s", json_node_to_string(to_json(result).get()).c_str());
        },
        e);
    if (e.name) reply_api_error(call, e);
  };
  if (dry_run) {
    run();
  } else {
    self->authorized(m, kDeployAction, {}, run);
  }
  return 1;
}

int ManagerObject::method_diff_units(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char* app = nullptr;
  int r = sd_bus_message_read(m, "s", &app);
  if (r < 0) return r;
  ApiError e;
  auto files = self->deploy_api_.units.diff(app, e);
  if (!files) return set_api_error(error, e);
  return reply_array(m, "(sssss)", *files, [](sd_bus_message* reply, const UnitFileDiff& d) {
    const char* change = !d.installed ? "added" : !d.rendered ? "removed" : "changed";
    return sd_bus_message_append(reply, "(sssss)", d.name.c_str(), d.path.c_str(), change,
                                 d.installed.value_or("").c_str(), d.rendered.value_or("").c_str());
  });
}

int ManagerObject::method_get_drift(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<ManagerObject*>(userdata);
  const char* app = nullptr;
  int r = sd_bus_message_read(m, "s", &app);
  if (r < 0) return r;
  ApiError e;
  if (!self->deploy_api_.deploys.config(app, e)) return set_api_error(error, e);
  MessageRef call(m);
  self->deploy_api_.units.monitor().check(app, [call](const std::vector<DriftItem>& drift) {
    int res = reply_array(call.get(), "(ssss)", drift, [](sd_bus_message* reply, const DriftItem& d) {
      return sd_bus_message_append(reply, "(ssss)", std::string(drift_kind_name(d.kind)).c_str(),
                                   d.unit.c_str(), d.path.c_str(), d.detail.c_str());
    });
    if (res < 0) sd_bus_reply_method_errno(call.get(), res, nullptr);
  });
  return 1;
}

}  // namespace hoist
