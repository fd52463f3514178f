// org.hoist.Hoist1.Manager's self-update: CheckForUpdate, SelfUpdate and the
// properties UpdateAvailable and LatestVersion.
#include <string>

#include "api/dbus_manager.hh"
#include "api/dbus_reply.hh"
#include "common/errors.hh"

namespace hoist {

int ManagerObject::method_check_for_update(sd_bus_message* m, void* userdata, sd_bus_error*) {
  return static_cast<ManagerObject*>(userdata)->self_update_call(m, false);
}

int ManagerObject::method_self_update(sd_bus_message* m, void* userdata, sd_bus_error*) {
  return static_cast<ManagerObject*>(userdata)->self_update_call(m, true);
}

int ManagerObject::self_update_call(sd_bus_message* m, bool apply) {
  MessageRef call(m);
  auto token = in_flight_.acquire();
  authorized(m, kSelfUpdateAction, {}, [this, call, apply, token] {
    auto reply = [call, token](const std::string& status, const ApiError& e) {
      if (e.name) return reply_api_error(call, e);
      sd_bus_reply_method_return(call.get(), "s", status.c_str());
    };
    if (apply) deploy_api_.self_update.apply(reply);
    else deploy_api_.self_update.check(reply);
  });
  return 1;
}

int ManagerObject::property_update_available(sd_bus*, const char*, const char*, const char*,
                                             sd_bus_message* reply, void* userdata, sd_bus_error*) {
  const int available = static_cast<ManagerObject*>(userdata)->deploy_api_.self_update.update_available();
  return sd_bus_message_append(reply, "b", available);
}

int ManagerObject::property_latest_version(sd_bus*, const char*, const char*, const char*,
                                           sd_bus_message* reply, void* userdata, sd_bus_error*) {
  const std::string v = static_cast<ManagerObject*>(userdata)->deploy_api_.self_update.latest_version();
  return sd_bus_message_append(reply, "s", v.c_str());
}

void ManagerObject::emit_self_update_changed() {
  sd_bus_emit_properties_changed(bus_, dbus::kObjectPath, dbus::kManagerInterface, "UpdateAvailable",
                                 "LatestVersion", nullptr);
}

}  // namespace hoist
