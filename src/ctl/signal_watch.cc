#include "ctl/signal_watch.hh"

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

}  // namespace

void throw_bus_failure(const char* what, int r) {
  throw CallError("", strprintf("%s: %s", what, strerror(-r)));
}

SignalWatch::SignalWatch(Client& client, void (*gone)(void*), void* userdata)
    : bus_(client.bus()), gone_(gone), userdata_(userdata) {
  sd_event* raw = nullptr;
  int r = sd_event_new(&raw);
  if (r < 0) throw_bus_failure(_("Failed to watch hoistd's bus name"), r);
  event_.reset(raw);
  sd_bus_slot* slot = nullptr;
  r = sd_bus_add_match(bus_, &slot, kOwnerChangedRule, on_name_owner_changed, this);
  if (r < 0) throw_bus_failure(_("Failed to watch hoistd's bus name"), r);
  slots_.emplace_back(slot);
  // Last, so that nothing is left to undo should it fail.
  r = sd_bus_attach_event(bus_, event_.get(), SD_EVENT_PRIORITY_NORMAL);
  if (r < 0) throw_bus_failure(_("Failed to watch hoistd's bus name"), r);
}

SignalWatch::~SignalWatch() {
  slots_.clear();
  sd_bus_detach_event(bus_);
}

void SignalWatch::subscribe(const char* member, sd_bus_message_handler_t handler, void* userdata,
                            const char* what) {
  sd_bus_slot* slot = nullptr;
  int r = sd_bus_match_signal(bus_, &slot, dbus::kBusName, dbus::kObjectPath,
                              dbus::kManagerInterface, member, handler, userdata);
  if (r < 0) throw_bus_failure(what, r);
  slots_.emplace_back(slot);
}

int SignalWatch::on_name_owner_changed(sd_bus_message* m, void* userdata, sd_bus_error*) noexcept {
  auto* self = static_cast<SignalWatch*>(userdata);
  const char *name = nullptr, *old_owner = nullptr, *new_owner = nullptr;
  if (sd_bus_message_read(m, "sss", &name, &old_owner, &new_owner) <= 0) return 0;
  if (*old_owner && !*new_owner) self->gone_(self->userdata_);
  if (*new_owner && self->appeared_) self->appeared_(self->userdata_, new_owner);
  return 0;
}

void SignalWatch::dispatch_next() {
  int r = sd_event_run(event_.get(), UINT64_MAX);
  if (r < 0 && r != -EINTR) throw_bus_failure(_("Lost the connection to the bus"), r);
  if (sd_bus_is_open(bus_) <= 0)
    throw_bus_failure(_("Lost the connection to the bus"), -ECONNRESET);
}

}  // namespace hoist::ctl
