#include "api/dbus_apps.hh"

#include <cstdlib>
#include <cstring>

#include "common/errors.hh"

namespace hoist {
namespace {

// The app name in an object path below kAppPathPrefix; empty if it is none.
std::string app_of_path(const char* path) {
  char* name = nullptr;
  if (sd_bus_path_decode(path, dbus::kAppPathPrefix, &name) <= 0 || !name) return {};
  std::string out = name;
  free(name);
  return out;
}

}  // namespace

std::string app_object_path(const std::string& app) {
  char* path = nullptr;
  if (sd_bus_path_encode(dbus::kAppPathPrefix, app.c_str(), &path) < 0) return dbus::kAppPathPrefix;
  std::string out = path;
  free(path);
  return out;
}

const sd_bus_vtable AppObjects::kVtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_PROPERTY("Name", "s", property, 0, SD_BUS_VTABLE_PROPERTY_CONST),
    SD_BUS_PROPERTY("Description", "s", property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("State", "s", property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("CurrentRelease", "s", property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("CurrentCommit", "s", property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("LastDeploy", "s", property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("LastResult", "s", property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("FailedStep", "s", property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("QueuedDeploy", "s", property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("PendingDeploy", "s", property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("Drifted", "b", drift_property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_PROPERTY("Drift", "as", drift_property, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
    SD_BUS_VTABLE_END};

int AppObjects::publish() {
  sd_bus_slot* slot = nullptr;
  int r = sd_bus_add_fallback_vtable(bus_, &slot, dbus::kAppPathPrefix, dbus::kAppInterface,
                                     kVtable, find, this);
  if (r < 0) return r;
  vtable_slot_.reset(slot);
  slot = nullptr;
  r = sd_bus_add_node_enumerator(bus_, &slot, dbus::kAppPathPrefix, enumerate, this);
  if (r < 0) return r;
  enumerator_slot_.reset(slot);
  return 0;
}

int AppObjects::find(sd_bus*, const char* path, const char*, void* userdata, void** found,
                     sd_bus_error*) {
  auto* self = static_cast<AppObjects*>(userdata);
  std::string app = app_of_path(path);
  ApiError error;
  if (app.empty() || !self->deploys_.config(app, error)) return 0;
  *found = self;
  return 1;
}

int AppObjects::enumerate(sd_bus*, const char*, void* userdata, char*** nodes, sd_bus_error*) {
  auto* self = static_cast<AppObjects*>(userdata);
  auto apps = self->deploys_.list();
  char** out = static_cast<char**>(calloc(apps.size() + 1, sizeof(char*)));
  if (!out) return -ENOMEM;
  for (size_t i = 0; i < apps.size(); i++) out[i] = strdup(app_object_path(apps[i].name).c_str());
  *nodes = out;
  return 1;
}

int AppObjects::property(sd_bus*, const char* path, const char*, const char* property,
                         sd_bus_message* reply, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<AppObjects*>(userdata);
  ApiError e;
  auto app = self->deploys_.app(app_of_path(path), e);
  if (!app) return sd_bus_error_setf(error, e.name, "%s", e.message.c_str());
  std::string value;
  if (strcmp(property, "Name") == 0) value = app->name;
  else if (strcmp(property, "Description") == 0) value = app->description;
  else if (strcmp(property, "State") == 0) value = app->state;
  else if (strcmp(property, "CurrentRelease") == 0) value = app->saved.current_release;
  else if (strcmp(property, "CurrentCommit") == 0) value = app->saved.current_commit;
  else if (strcmp(property, "LastDeploy") == 0) value = app->saved.last_deploy_id;
  else if (strcmp(property, "LastResult") == 0) value = app->last_result();
  else if (strcmp(property, "FailedStep") == 0) value = app->saved.failed_step;
  else if (strcmp(property, "QueuedDeploy") == 0) value = app->queued_deploy;
  else if (strcmp(property, "PendingDeploy") == 0) value = app->pending_deploy;
  return sd_bus_message_append(reply, "s", value.c_str());
}

int AppObjects::drift_property(sd_bus*, const char* path, const char*, const char* property,
                               sd_bus_message* reply, void* userdata, sd_bus_error*) {
  auto* self = static_cast<AppObjects*>(userdata);
  auto drift = self->drift_ ? self->drift_->drift(app_of_path(path)) : std::vector<DriftItem>{};
  if (strcmp(property, "Drifted") == 0) return sd_bus_message_append(reply, "b", !drift.empty());
  int r = sd_bus_message_open_container(reply, 'a', "s");
  for (size_t i = 0; r >= 0 && i < drift.size(); i++)
    r = sd_bus_message_append(reply, "s", describe_drift(drift[i]).c_str());
  return r < 0 ? r : sd_bus_message_close_container(reply);
}

void AppObjects::drift_changed(const std::string& app) {
  sd_bus_emit_properties_changed(bus_, app_object_path(app).c_str(), dbus::kAppInterface, "Drifted",
                                 "Drift", nullptr);
}

void AppObjects::changed(const std::string& app) {
  sd_bus_emit_properties_changed(bus_, app_object_path(app).c_str(), dbus::kAppInterface, "State",
                                 "CurrentRelease", "CurrentCommit", "LastDeploy", "LastResult", "FailedStep",
                                 "QueuedDeploy", "PendingDeploy", nullptr);
}

}  // namespace hoist
