// Replies of org.hoist.Hoist1.Manager's methods: ApiErrors as D-Bus errors,
// arrays built item by item.
#pragma once

#include <systemd/sd-bus.h>

#include "common/errors.hh"
#include "common/sd_ptr.hh"
#include "systemd/bus_calls.hh"

namespace hoist {

// Sets error (for a method handler's return) from e.
inline int set_api_error(sd_bus_error* error, const ApiError& e) {
  return sd_bus_error_setf(error, e.name ? e.name : errors::kFailed, "%s", e.message.c_str());
}

// Replies to call (answered later) with e.
inline void reply_api_error(const MessageRef& call, const ApiError& e) {
  sd_bus_reply_method_errorf(call.get(), e.name ? e.name : errors::kFailed, "%s",
                             e.message.c_str());
}

// Sends the reply to call: one array of `contents`, each item appended by
// append(reply, item). Returns a negative errno on failure.
template <class Items, class Append>
int reply_array(sd_bus_message* call, const char* contents, const Items& items, Append append) {
  sd_bus_message* raw = nullptr;
  int r = sd_bus_message_new_method_return(call, &raw);
  BusMessagePtr reply(raw);
  if (r >= 0) r = sd_bus_message_open_container(reply.get(), 'a', contents);
  for (auto it = items.begin(); r >= 0 && it != items.end(); ++it) r = append(reply.get(), *it);
  if (r >= 0) r = sd_bus_message_close_container(reply.get());
  if (r >= 0) r = sd_bus_send(nullptr, reply.get(), nullptr);
  return r;
}

}  // namespace hoist
