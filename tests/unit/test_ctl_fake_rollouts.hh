// For hoistctl's tests: the rollout methods of org.hoist.Hoist1.Manager,
// served on a FakeHoistd's connection (a second vtable of the interface)
// with canned answers, remembering what they were asked and sending the
// rollout signals a script says.
#pragma once

#include <systemd/sd-bus.h>

#include <mutex>
#include <string>
#include <vector>

#include "common/errors.hh"
#include "common/sd_ptr.hh"
#include "test_ctl_fake_hoistd.hh"

namespace hoist::test {

class FakeRollouts {
 public:
  // What Rollout sends after its reply: RolloutAppChanged (app, state,
  // step) or RolloutFinished (state, error), for rollout_id.
  struct Signal {
    std::string member;
    std::string rollout_id;
    std::vector<std::string> args;
  };

  // The script: set before the FakeHoistd starts.
  std::string rollout_id = "r20261122T040000Z-1";
  std::vector<std::string> records;  // GetRollout answers these in turn, then the last again
  std::string plan = "{}";           // PlanRollout's answer
  std::vector<Signal> signals;

  // Serves on hoistd's connection; destroy the FakeHoistd first (its bus
  // going away detaches this).
  explicit FakeRollouts(FakeHoistd& hoistd) {
    sd_bus_slot* slot = nullptr;
    ok_ = sd_bus_add_object_vtable(hoistd.bus(), &slot, dbus::kObjectPath, dbus::kManagerInterface,
                                   kVtable, this) >= 0;
    slot_.reset(slot);
  }
  FakeRollouts(const FakeRollouts&) = delete;
  FakeRollouts& operator=(const FakeRollouts&) = delete;

  bool ok() const { return ok_; }

  // What it was asked, as "Method arg,arg" lines (options as key=value).
  std::vector<std::string> calls() {
    std::lock_guard<std::mutex> lock(mutex_);
    return calls_;
  }

 private:
  static FakeRollouts* self(void* userdata) { return static_cast<FakeRollouts*>(userdata); }

  void note(const std::string& call) {
    std::lock_guard<std::mutex> lock(mutex_);
    calls_.push_back(call);
  }

  // Rollout's and PlanRollout's arguments as "app,app,key=value..." (b and
  // u values); the first app, for choosing the answer.
  static int read_request(sd_bus_message* m, std::string& out, std::string& first_app) {
    std::vector<std::string> parts;
    int r = sd_bus_message_enter_container(m, 'a', "s");
    const char* app = nullptr;
    while (r >= 0 && (r = sd_bus_message_read(m, "s", &app)) > 0) parts.emplace_back(app);
    if (r >= 0) r = sd_bus_message_exit_container(m);
    if (r >= 0) r = sd_bus_message_enter_container(m, 'a', "{sv}");
    while (r >= 0 && (r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
      const char *key = nullptr, *type = nullptr;
      if ((r = sd_bus_message_read(m, "s", &key)) < 0) return r;
      if ((r = sd_bus_message_peek_type(m, nullptr, &type)) < 0) return r;
      std::string value;
      if (std::string(type) == "u") {
        uint32_t u = 0;
        r = sd_bus_message_read(m, "v", "u", &u);
        value = std::to_string(u);
      } else {
        int b = 0;
        r = sd_bus_message_read(m, "v", "b", &b);
        value = b ? "true" : "false";
      }
      if (r < 0) return r;
      parts.push_back(std::string(key) + "=" + value);
      if ((r = sd_bus_message_exit_container(m)) < 0) return r;
    }
    if (r >= 0) r = sd_bus_message_exit_container(m);
    if (r < 0) return r;
    if (!parts.empty() && parts.front().find('=') == std::string::npos) first_app = parts.front();
    for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
    return r;
  }

  // The answer for apps named "nope", "cycle" and "locked" (0 for others).
  static int refusal(const std::string& first_app, sd_bus_error* error) {
    if (first_app == "nope")
      return sd_bus_error_set(error, errors::kNoSuchApp, "There is no app \"nope\".");
    if (first_app == "cycle")
      return sd_bus_error_set(error, errors::kInvalidArgument,
                              "The apps depend on each other in a cycle: cycle -> db -> cycle.");
    if (first_app == "busy")
      return sd_bus_error_set(error, errors::kBusy, "Rollout r1 is running.");
    if (first_app == "locked")
      return sd_bus_error_set(error, errors::kNotAuthorized, "Not authorized to roll out.");
    return 0;
  }

  static int rollout(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    std::string request, first;
    int r = read_request(m, request, first);
    if (r < 0) return r;
    auto* s = self(userdata);
    s->note("Rollout " + request);
    if ((r = refusal(first, error)) != 0) return r;
    r = sd_bus_reply_method_return(m, "s", s->rollout_id.c_str());
    sd_bus* bus = sd_bus_message_get_bus(m);
    for (size_t i = 0; r >= 0 && i < s->signals.size(); i++) {
      const Signal& sig = s->signals[i];
      const auto& a = sig.args;
      r = sig.member == "RolloutAppChanged"
              ? sd_bus_emit_signal(bus, dbus::kObjectPath, dbus::kManagerInterface,
                                   "RolloutAppChanged", "ssss", sig.rollout_id.c_str(),
                                   a.at(0).c_str(), a.at(1).c_str(), a.at(2).c_str())
              : sd_bus_emit_signal(bus, dbus::kObjectPath, dbus::kManagerInterface,
                                   "RolloutFinished", "sss", sig.rollout_id.c_str(),
                                   a.at(0).c_str(), a.at(1).c_str());
    }
    return r < 0 ? r : 1;
  }

  static int plan_rollout(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    std::string request, first;
    int r = read_request(m, request, first);
    if (r < 0) return r;
    self(userdata)->note("PlanRollout " + request);
    if ((r = refusal(first, error)) != 0) return r;
    return sd_bus_reply_method_return(m, "s", self(userdata)->plan.c_str());
  }

  static int no_such_rollout(sd_bus_error* error) {
    return sd_bus_error_set(error, errors::kNoSuchRollout, "There is no rollout \"r0\".");
  }

  static int get_rollout(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    const char* id = nullptr;
    int r = sd_bus_message_read(m, "s", &id);
    if (r < 0) return r;
    auto* s = self(userdata);
    s->note(std::string("GetRollout ") + id);
    if (s->rollout_id != id || s->records.empty()) return no_such_rollout(error);
    size_t i = std::min(s->gets_++, s->records.size() - 1);
    return sd_bus_reply_method_return(m, "s", s->records[i].c_str());
  }

  static int cancel_rollout(sd_bus_message* m, void* userdata, sd_bus_error* error) {
    const char* id = nullptr;
    int r = sd_bus_message_read(m, "s", &id);
    if (r < 0) return r;
    auto* s = self(userdata);
    s->note(std::string("CancelRollout ") + id);
    if (s->rollout_id != id) return no_such_rollout(error);
    return sd_bus_reply_method_return(m, "");
  }

  static constexpr sd_bus_vtable kVtable[] = {
      SD_BUS_VTABLE_START(0),
      SD_BUS_METHOD("Rollout", "asa{sv}", "s", rollout, 0),
      SD_BUS_METHOD("PlanRollout", "asa{sv}", "s", plan_rollout, 0),
      SD_BUS_METHOD("GetRollout", "s", "s", get_rollout, 0),
      SD_BUS_METHOD("CancelRollout", "s", "", cancel_rollout, 0),
      SD_BUS_SIGNAL("RolloutAppChanged", "ssss", 0),
      SD_BUS_SIGNAL("RolloutFinished", "sss", 0),
      SD_BUS_VTABLE_END};

  BusSlotPtr slot_;
  bool ok_ = false;
  size_t gets_ = 0;
  std::mutex mutex_;
  std::vector<std::string> calls_;
};

}  // namespace hoist::test
