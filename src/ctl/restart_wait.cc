#include "ctl/restart_wait.hh"

#include "ctl/text.hh"

namespace hoist::ctl {

RestartWatch::RestartWatch(Client& client) : watch_(client, on_gone, this) {
  watch_.watch_new_owners(on_appeared);
}

// The old hoistd letting go of the name is expected: what counts is who
// takes it next.
void RestartWatch::on_gone(void*) noexcept {}

void RestartWatch::on_appeared(void* userdata, const char* owner) noexcept {
  auto* self = static_cast<RestartWatch*>(userdata);
  if (!self->new_owner_.empty() || self->ignored_ == owner) return;
  try {
    self->new_owner_ = owner;
  } catch (...) {
    self->new_owner_.clear();  // out of memory: wait for the next owner
  }
}

int RestartWatch::on_timeout(sd_event_source*, uint64_t, void* userdata) noexcept {
  static_cast<RestartWatch*>(userdata)->timed_out_ = true;
  return 0;
}

bool RestartWatch::wait(uint64_t timeout_usec) {
  sd_event_source* raw = nullptr;
  int r = sd_event_add_time_relative(watch_.event(), &raw, CLOCK_MONOTONIC, timeout_usec, 0,
                                     on_timeout, this);
  if (r < 0) throw_bus_failure(_("Failed to set up a timer"), r);
  timer_.reset(raw);
  while (new_owner_.empty() && !timed_out_) watch_.dispatch_next();
  return !new_owner_.empty();
}

}  // namespace hoist::ctl
