#include "ctl/deploy_wait.hh"

#include <cerrno>
#include <cstring>

#include "common/errors.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

// NameOwnerChanged of hoistd's bus name only.
constexpr const char* kOwnerChangedRule =
    "type='signal',sender='org.freedesktop.DBus',path='/org/freedesktop/DBus',"
    "interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='org.hoist.Hoist1'";

[[noreturn]] void throw_bus_failure(const char* what, int r) {
  throw CallError("", strprintf("%s: %s", what, strerror(-r)));
}

}  // namespace

DeployWatch::DeployWatch(Client& client) : bus_(client.bus()) {
  step_finished_ = match_manager_signal("StepFinished", on_step_finished);
  deploy_finished_ = match_manager_signal("DeployFinished", on_deploy_finished);
  sd_bus_slot* slot = nullptr;
  int r = sd_bus_add_match(bus_, &slot, kOwnerChangedRule, on_name_owner_changed, this);
  if (r < 0) throw_bus_failure(_("Failed to watch hoistd's bus name"), r);
  owner_changed_.reset(slot);
}

BusSlotPtr DeployWatch::match_manager_signal(const char* member, sd_bus_message_handler_t handler) {
  sd_bus_slot* slot = nullptr;
  int r = sd_bus_match_signal(bus_, &slot, dbus::kBusName, dbus::kObjectPath,
                              dbus::kManagerInterface, member, handler, this);
  if (r < 0) throw_bus_failure(_("Failed to subscribe to hoistd's deploy signals"), r);
  return BusSlotPtr(slot);
}

int DeployWatch::on_step_finished(sd_bus_message* m, void* userdata, sd_bus_error*) noexcept {
  auto* self = static_cast<DeployWatch*>(userdata);
  const char* id = nullptr;
  if (sd_bus_message_read(m, "s", &id) > 0 && self->deploy_id_ == id)
    self->events_.push_back({WatchEvent::StepFinished, ""});
  return 0;
}

int DeployWatch::on_deploy_finished(sd_bus_message* m, void* userdata, sd_bus_error*) noexcept {
  auto* self = static_cast<DeployWatch*>(userdata);
  const char *id = nullptr, *app = nullptr, *state = nullptr;
  if (sd_bus_message_read(m, "sss", &id, &app, &state) > 0 && self->deploy_id_ == id)
    self->events_.push_back({WatchEvent::DeployFinished, state});
  return 0;
}

int DeployWatch::on_name_owner_changed(sd_bus_message* m, void* userdata, sd_bus_error*) noexcept {
  auto* self = static_cast<DeployWatch*>(userdata);
  const char *name = nullptr, *old_owner = nullptr, *new_owner = nullptr;
  if (sd_bus_message_read(m, "sss", &name, &old_owner, &new_owner) > 0 && *old_owner && !*new_owner)
    self->events_.push_back({WatchEvent::DaemonGone, ""});
  return 0;
}

WatchEvent DeployWatch::next() {
  for (;;) {
    if (!events_.empty()) {
      WatchEvent e = std::move(events_.front());
      events_.pop_front();
      return e;
    }
    int r = sd_bus_process(bus_, nullptr);
    if (r < 0) throw_bus_failure(_("Lost the connection to the bus"), r);
    if (r > 0) continue;
    r = sd_bus_wait(bus_, UINT64_MAX);
    if (r < 0 && r != -EINTR) throw_bus_failure(_("Lost the connection to the bus"), r);
  }
}

}  // namespace hoist::ctl
