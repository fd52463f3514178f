#include "systemd/bus_calls.hh"

#include "common/log.hh"

namespace hoist {

int AsyncCalls::call(sd_bus* bus, sd_bus_message* m, ReplyFn fn, uint64_t timeout_usec) {
  auto p = std::make_unique<Pending>();
  p->owner = this;
  p->fn = std::move(fn);
  sd_bus_slot* slot = nullptr;
  int r = sd_bus_call_async(bus, &slot, m, on_reply, p.get(), timeout_usec);
  if (r < 0) return r;
  p->slot.reset(slot);
  Pending* key = p.get();
  pending_.emplace(key, std::move(p));
  return 0;
}

int AsyncCalls::on_reply(sd_bus_message* m, void* userdata, sd_bus_error*) {
  auto* p = static_cast<Pending*>(userdata);
  ReplyFn fn = std::move(p->fn);
  // sd-bus holds its own reference to the slot while this runs.
  p->owner->pending_.erase(p);
  try {
    if (sd_bus_message_is_method_error(m, nullptr))
      fn(nullptr, sd_bus_message_get_error(m));
    else
      fn(m, nullptr);
  } catch (const std::exception& e) {
    log::error(std::string("internal error in a D-Bus reply handler: ") + e.what());
  }
  return 0;
}

void copy_bus_error(sd_bus_error* ret, const sd_bus_error* from) {
  sd_bus_error_set(ret, from && from->name ? from->name : SD_BUS_ERROR_FAILED,
                   from && from->message ? from->message : "unknown error");
}

}  // namespace hoist
