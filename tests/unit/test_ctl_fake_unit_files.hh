// For hoistctl's tests: the unit file methods of org.hoist.Hoist1.Manager
// (ApplyUnits, DiffUnits, GetDrift) and the App object's Drifted and Drift,
// served on a FakeHoistd's connection (further vtables of the interfaces)
// with canned answers, remembering what they were asked.
#pragma once

#include <systemd/sd-bus.h>

#include <mutex>
#include <string>
#include <vector>

#include "common/errors.hh"
#include "common/sd_ptr.hh"
#include "test_ctl_fake_hoistd.hh"

namespace hoist::test {

class FakeUnitFiles {
 public:
  // One entry of DiffUnits' answer.
  struct File {
    std::string name, path, change, installed, rendered;
  };
  // One entry of GetDrift's answer.
  struct Drift {
    std::string kind, unit, path, detail;
  };

  // The script for the app "hello": set before the FakeHoistd starts.
  std::vector<File> files;    // DiffUnits
  std::vector<Drift> drift;   // GetDrift, and Drifted and Drift of hello's object
  std::string apply_result = R"({"ok": true, "dry_run": false, "added": [], "changed": [],
      "removed": [], "unchanged": ["hello.service"], "restarted": [], "rolled_back": false})";

  // Serves on hoistd's connection; destroy the FakeHoistd first (its bus
  // going away detaches this).
  explicit FakeUnitFiles(FakeHoistd& hoistd) {
    sd_bus_slot* manager = nullptr;
    sd_bus_slot* app = nullptr;
    ok_ = sd_bus_add_object_vtable(hoistd.bus(), &manager, dbus::kObjectPath,
                                   dbus::kManagerInterface, kManagerVtable, this) >= 0 &&
          sd_bus_add_object_vtable(hoistd.bus(), &app, "/org/hoist/Hoist1/app/hello",
                                   dbus::kAppInterface, kAppVtable, this) >= 0;
    manager_slot_.reset(manager);
    app_slot_.reset(app);
  }
  FakeUnitFiles(const FakeUnitFiles&) = delete;
  FakeUnitFiles& operator=(const FakeUnitFiles&) = delete;

  bool ok() const { return ok_; }

  // What it was asked, as "Method arg,key=value" lines.
  std::vector<std::string> calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

 private:
  static FakeUnitFiles* self(void* userdata) { return static_cast<FakeUnitFiles*>(userdata); }

  void note(const std::string& call) {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back(call);
  }

  // The answer for apps other than "hello": "plain" has no templates,
  // "locked" is refused by polkit, others do not exist.
  static int refusal(const std::string& app, sd_bus_error* error) {
    if (app == "plain")
      return sd_bus_error_set(error, errors::kFailed,
                              "App plain has no unit templates (/etc/hoist/units/plain/).");
    if (app == "locked")
      return sd_bus_error_set(error, errors::kNotAuthorized, "Not authorized to deploy locked.");
    return sd_bus_error_set(error, errors::kNoSuchApp, "No app \"nope\" is configured");
  }

  static int apply_units(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    const char* app = nullptr;
    int r = sd_bus_message_read(m, "s", &app);
    if (r < 0) return r;
    std::string call = std::string("ApplyUnits ") + app;
    if ((r = read_boolean_options(m, call)) < 0) return r;
    auto* s = self(userdata);
    s->note(call);
    if (std::string(app) != "hello") return refusal(app, error);
    return sd_bus_reply_method_return(m, "s", s->apply_result.c_str());
  }

  static int diff_units(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    const char* app = nullptr;
    int r = sd_bus_message_read(m, "s", &app);
    if (r < 0) return r;
    auto* s = self(userdata);
    s->note(std::string("DiffUnits ") + app);
    if (std::string(app) != "hello") return refusal(app, error);
    sd_bus_message* raw = nullptr;
    if ((r = sd_bus_message_new_method_return(m, &raw)) < 0) return r;
    BusMessagePtr reply(raw);
    r = sd_bus_message_open_container(raw, 'a', "(sssss)");
    for (size_t i = 0; r >= 0 && i < s->files.size(); i++) {
      const File& f = s->files[i];
      r = sd_bus_message_append(raw, "(sssss)", f.name.c_str(), f.path.c_str(), f.change.c_str(),
                                f.installed.c_str(), f.rendered.c_str());
    }
    if (r >= 0) r = sd_bus_message_close_container(raw);
    if (r >= 0) r = sd_bus_send(nullptr, raw, nullptr);
    return r < 0 ? r : 1;
  }

  static int get_drift(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    const char* app = nullptr;
    int r = sd_bus_message_read(m, "s", &app);
    if (r < 0) return r;
    auto* s = self(userdata);
    s->note(std::string("GetDrift ") + app);
    if (std::string(app) != "hello") return refusal(app, error);
    sd_bus_message* raw = nullptr;
    if ((r = sd_bus_message_new_method_return(m, &raw)) < 0) return r;
    BusMessagePtr reply(raw);
    r = sd_bus_message_open_container(raw, 'a', "(ssss)");
    for (size_t i = 0; r >= 0 && i < s->drift.size(); i++) {
      const Drift& d = s->drift[i];
      r = sd_bus_message_append(raw, "(ssss)", d.kind.c_str(), d.unit.c_str(), d.path.c_str(),
                                d.detail.c_str());
    }
    if (r >= 0) r = sd_bus_message_close_container(raw);
    if (r >= 0) r = sd_bus_send(nullptr, raw, nullptr);
    return r < 0 ? r : 1;
  }

  static int drift_property(sd_bus*, const char*, const char*, const char* property,
                            sd_bus_message* reply, void* userdata, sd_bus_error*) {
    auto* s = self(userdata);
    if (std::string(property) == "Drifted")
      return sd_bus_message_append(reply, "b", !s->drift.empty());
    int r = sd_bus_message_open_container(reply, 'a', "s");
    for (size_t i = 0; r >= 0 && i < s->drift.size(); i++)
      r = sd_bus_message_append(reply, "s",
                                (s->drift[i].unit + ": " + s->drift[i].detail).c_str());
    return r < 0 ? r : sd_bus_message_close_container(reply);
  }

  static constexpr sd_bus_vtable kManagerVtable[] = {
      SD_BUS_VTABLE_START(0),
      SD_BUS_METHOD("ApplyUnits", "sa{sv}", "s", apply_units, 0),
      SD_BUS_METHOD("DiffUnits", "s", "a(sssss)", diff_units, 0),
      SD_BUS_METHOD("GetDrift", "s", "a(ssss)", get_drift, 0),
      SD_BUS_VTABLE_END};

  static constexpr sd_bus_vtable kAppVtable[] = {
      SD_BUS_VTABLE_START(0),
      SD_BUS_PROPERTY("Drifted", "b", drift_property, 0, 0),
      SD_BUS_PROPERTY("Drift", "as", drift_property, 0, 0),
      SD_BUS_VTABLE_END};

  BusSlotPtr manager_slot_;
  BusSlotPtr app_slot_;
  bool ok_ = false;
  std::mutex mutex_;
  std::vector<std::string> calls_;
};

}  // namespace hoist::test
