// org.hoist.Hoist1.App objects, one per configured app at
// /org/hoist/Hoist1/app/NAME (NAME escaped by sd_bus_path_encode()): a
// fallback vtable that finds the app by its path, a node enumerator so
// introspection and `busctl tree` list them, and PropertiesChanged when an
// app's state changes.
#pragma once

#include <systemd/sd-bus.h>

#include <string>

#include "common/sd_ptr.hh"
#include "core/deploy_manager.hh"
#include "core/drift_monitor.hh"

namespace hoist {

// "/org/hoist/Hoist1/app/my_2dapp" for "my-app".
std::string app_object_path(const std::string& app);

class AppObjects {
 public:
  // drift (optional) answers Drifted and Drift.
  AppObjects(sd_bus* bus, const DeployManager& deploys, const DriftMonitor* drift = nullptr)
      : bus_(bus), deploys_(deploys), drift_(drift) {}
  AppObjects(const AppObjects&) = delete;
  AppObjects& operator=(const AppObjects&) = delete;

  // Registers the objects. Returns a negative errno on failure.
  int publish();
  // Emits PropertiesChanged for the app's changing properties.
  void changed(const std::string& app);
  // The same for Drifted and Drift.
  void drift_changed(const std::string& app);

 private:
  static int find(sd_bus* bus, const char* path, const char* interface, void* userdata,
                  void** found, sd_bus_error* error);
  static int enumerate(sd_bus* bus, const char* prefix, void* userdata, char*** nodes,
                       sd_bus_error* error);
  static int drift_property(sd_bus* bus, const char* path, const char* interface,
                            const char* property, sd_bus_message* reply, void* userdata,
                            sd_bus_error* error);
  static int property(sd_bus* bus, const char* path, const char* interface, const char* property,
                      sd_bus_message* reply, void* userdata, sd_bus_error* error);

  static const sd_bus_vtable kVtable[];
  sd_bus* bus_;
  const DeployManager& deploys_;
  const DriftMonitor* drift_;
  BusSlotPtr vtable_slot_;
  BusSlotPtr enumerator_slot_;
};

}  // namespace hoist
