// For hoistctl's tests: the self-update methods of org.hoist.Hoist1.Manager
// (CheckForUpdate, SelfUpdate) and its Version property, served on a
// FakeHoistd's connection (a further vtable of the interface) with canned
// answers; after SelfUpdate, on request, a restart: the fake releases
// org.hoist.Hoist1 and a successor (another FakeHoistd on a connection of
// its own, as a new process would be) takes it with another Version.
#pragma once

#include <systemd/sd-bus.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/errors.hh"
#include "common/sd_ptr.hh"
#include "test_ctl_fake_hoistd.hh"

namespace hoist::test {

inline constexpr const char* kNotEnabled = "org.hoist.Hoist1.Error.NotEnabled";

// A self-update status as hoistd sends it: running 0.1.0 and up to date,
// with members replaced by those of changes (name → JSON value text:
// {"latest", "\"0.1.1\""}, {"available", "true"}).
inline std::string selfupdate_status(const std::map<std::string, std::string>& changes = {}) {
  std::vector<std::pair<std::string, std::string>> members = {
      {"enabled", "true"},
      {"mode", "\"notify\""},
      {"source", "\"https://github.com/hoist/hoist\""},
      {"running", "\"0.1.0\""},
      {"latest", "\"0.1.0\""},
      {"available", "false"},
      {"release_url", "\"\""},
      {"checked_at", "\"2026-11-22T06:00:00Z\""},
      {"next_check_at", "\"2026-11-22T12:00:00Z\""},
      {"error", "\"\""},
      {"previous", "\"\""},
      {"failed", "[]"},
      {"installing", "\"\""}};
  std::string text;
  for (const auto& [name, value] : members) {
    auto changed = changes.find(name);
    text += (text.empty() ? "{\"" : ", \"") + name +
            "\": " + (changed == changes.end() ? value : changed->second);
  }
  return text + "}";
}

class FakeSelfUpdate {
 public:
  // The script: set before the FakeHoistd starts.
  std::string version = "0.1.0";             // the Version property
  std::string status = selfupdate_status();  // CheckForUpdate's answer
  std::string update = selfupdate_status();  // SelfUpdate's answer
  std::string error_name;                    // if set, both methods fail with it
  std::string error_message;
  // After SelfUpdate's answer: "" stays, else hoistd restarts and the
  // successor's Version is this.
  std::string successor_version;
  // Before SelfUpdate's answer, hoistd releases its name and takes it
  // again (as a hoistd the call started announces itself): no restart.
  bool retake_name_first = false;

  // Serves on hoistd's connection; destroy the FakeHoistd first (its bus
  // going away detaches this).
  explicit FakeSelfUpdate(FakeHoistd& hoistd) {
    sd_bus_slot* slot = nullptr;
    ok_ = sd_bus_add_object_vtable(hoistd.bus(), &slot, dbus::kObjectPath,
                                   dbus::kManagerInterface, kVtable, this) >= 0;
    slot_.reset(slot);
  }
  FakeSelfUpdate(const FakeSelfUpdate&) = delete;
  FakeSelfUpdate& operator=(const FakeSelfUpdate&) = delete;
  ~FakeSelfUpdate() {
    std::lock_guard<std::mutex> lock(mutex_);
    successor_.reset();
  }

  bool ok() const { return ok_; }

  // What it was asked: "CheckForUpdate", "SelfUpdate", "Version".
  std::vector<std::string> calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

  // The successor's unique bus name, "" until it owns org.hoist.Hoist1.
  std::string successor_name() {
    std::lock_guard<std::mutex> lock(mutex_);
    const char* name = nullptr;
    if (!successor_ || sd_bus_get_unique_name(successor_->hoistd->bus(), &name) < 0) return "";
    return name;
  }

 private:
  // A hoistd started after the restart.
  struct Successor {
    std::unique_ptr<FakeSelfUpdate> selfupdate;
    std::unique_ptr<FakeHoistd> hoistd;  // declared last: stops serving first
  };

  static FakeSelfUpdate* self(void* userdata) { return static_cast<FakeSelfUpdate*>(userdata); }

  void note(const std::string& call) {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back(call);
  }

  // Replies with text unless the script says to fail.
  int answer(sd_bus_message* m, const std::string& text, sd_bus_error* error) {
    if (!error_name.empty())
      return sd_bus_error_set(error, error_name.c_str(), error_message.c_str());
    return sd_bus_reply_method_return(m, "s", text.c_str());
  }

  static int check_for_update(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    self(userdata)->note("CheckForUpdate");
    return self(userdata)->answer(m, self(userdata)->status, error);
  }

  static int self_update(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    auto* s = self(userdata);
    s->note("SelfUpdate");
    sd_bus* bus = sd_bus_message_get_bus(m);
    int r = 0;
    if (s->retake_name_first && (r = sd_bus_release_name(bus, dbus::kBusName)) >= 0)
      r = sd_bus_request_name(bus, dbus::kBusName, 0);
    if (r >= 0) r = s->answer(m, s->update, error);
    if (r >= 0 && !s->successor_version.empty())
      r = sd_bus_release_name_async(bus, nullptr, dbus::kBusName, on_released, s);
    return r < 0 ? r : 1;
  }

  // The old hoistd has let go of the name: the new one starts and takes it.
  // Under the lock, so that successor_name() waits for it to end.
  static int on_released(sd_bus_message* m, void* userdata, sd_bus_error*) {
    auto* s = self(userdata);
    std::lock_guard<std::mutex> lock(s->mutex_);
    const char* address = nullptr;
    if (sd_bus_get_address(sd_bus_message_get_bus(m), &address) < 0) return 0;
    auto next = std::make_unique<Successor>();
    next->hoistd = std::make_unique<FakeHoistd>(address);
    if (!next->hoistd->ok()) return 0;
    next->selfupdate = std::make_unique<FakeSelfUpdate>(*next->hoistd);
    next->selfupdate->version = s->successor_version;
    next->hoistd->start();
    s->successor_ = std::move(next);
    return 0;
  }

  static int version_property(sd_bus*, const char*, const char*, const char*,
                              sd_bus_message* reply, void* userdata, sd_bus_error*) {
    self(userdata)->note("Version");
    return sd_bus_message_append(reply, "s", self(userdata)->version.c_str());
  }

  static constexpr sd_bus_vtable kVtable[] = {
      SD_BUS_VTABLE_START(0),
      SD_BUS_PROPERTY("Version", "s", version_property, 0, SD_BUS_VTABLE_PROPERTY_CONST),
      SD_BUS_METHOD("CheckForUpdate", "", "s", check_for_update, 0),
      SD_BUS_METHOD("SelfUpdate", "", "s", self_update, 0),
      SD_BUS_VTABLE_END};

  BusSlotPtr slot_;
  bool ok_ = false;
  std::mutex mutex_;
  std::vector<std::string> calls_;
  std::unique_ptr<Successor> successor_;
};

}  // namespace hoist::test
