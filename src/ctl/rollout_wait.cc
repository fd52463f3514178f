#include "ctl/rollout_wait.hh"

#include <algorithm>
#include <cerrno>

#include "ctl/text.hh"

namespace hoist::ctl {

RolloutWatch::RolloutWatch(Client& client) : watch_(client, on_daemon_gone, this) {
  const char* what = _("Failed to subscribe to hoistd's rollout signals");
  watch_.subscribe("RolloutAppChanged", on_app_changed, this, what);
  watch_.subscribe("RolloutFinished", on_finished, this, what);
}

RolloutWatch::~RolloutWatch() {
  sigint_.reset();
  sigterm_.reset();
  if (mask_changed_) sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
}

void RolloutWatch::push(RolloutEvent e) noexcept {
  try {
    events_.push_back(std::move(e));
  } catch (...) {
    // Out of memory: the event is lost; the final GetRollout still tells the end.
  }
}

int RolloutWatch::on_app_changed(sd_bus_message* m, void* userdata, sd_bus_error*) noexcept {
  auto* self = static_cast<RolloutWatch*>(userdata);
  const char *id = nullptr, *app = nullptr, *state = nullptr, *step = nullptr;
  if (sd_bus_message_read(m, "ssss", &id, &app, &state, &step) > 0 && self->rollout_id_ == id)
    self->push({RolloutEvent::AppChanged, app, state, step, ""});
  return 0;
}

int RolloutWatch::on_finished(sd_bus_message* m, void* userdata, sd_bus_error*) noexcept {
  auto* self = static_cast<RolloutWatch*>(userdata);
  const char *id = nullptr, *state = nullptr, *error = nullptr;
  if (sd_bus_message_read(m, "sss", &id, &state, &error) > 0 && self->rollout_id_ == id)
    self->push({RolloutEvent::Finished, "", state, "", error});
  return 0;
}

void RolloutWatch::on_daemon_gone(void* userdata) noexcept {
  static_cast<RolloutWatch*>(userdata)->push({RolloutEvent::DaemonGone, "", "", "", ""});
}

int RolloutWatch::on_tick(sd_event_source* s, uint64_t, void* userdata) noexcept {
  auto* self = static_cast<RolloutWatch*>(userdata);
  if (!self->tick_waiting_) {
    self->tick_waiting_ = true;
    self->push({RolloutEvent::Tick, "", "", "", ""});
  }
  sd_event_source_set_time_relative(s, self->tick_period_usec_);
  return 0;
}

int RolloutWatch::on_interrupt(sd_event_source*, const struct signalfd_siginfo*,
                               void* userdata) noexcept {
  static_cast<RolloutWatch*>(userdata)->push({RolloutEvent::Interrupted, "", "", "", ""});
  return 0;
}

void RolloutWatch::tick_every(uint64_t period_usec) {
  tick_period_usec_ = period_usec;
  sd_event_source* raw = nullptr;
  // Accurate to a tenth of the period (0 would let sd-event wait up to 250 ms longer).
  int r = sd_event_add_time_relative(watch_.event(), &raw, CLOCK_MONOTONIC, period_usec,
                                     std::max<uint64_t>(period_usec / 10, 1), on_tick, this);
  if (r < 0) throw_bus_failure(_("Failed to set up a timer"), r);
  tick_.reset(raw);
  r = sd_event_source_set_enabled(raw, SD_EVENT_ON);
  if (r < 0) throw_bus_failure(_("Failed to set up a timer"), r);
}

void RolloutWatch::catch_interrupts() {
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGINT);
  sigaddset(&mask, SIGTERM);
  if (sigprocmask(SIG_BLOCK, &mask, &old_mask_) < 0)
    throw_bus_failure(_("Failed to catch SIGINT"), -errno);
  mask_changed_ = true;
  sd_event_source* raw = nullptr;
  int r = sd_event_add_signal(watch_.event(), &raw, SIGINT, on_interrupt, this);
  if (r < 0) throw_bus_failure(_("Failed to catch SIGINT"), r);
  sigint_.reset(raw);
  r = sd_event_add_signal(watch_.event(), &raw, SIGTERM, on_interrupt, this);
  if (r < 0) throw_bus_failure(_("Failed to catch SIGINT"), r);
  sigterm_.reset(raw);
}

RolloutEvent RolloutWatch::next() {
  while (events_.empty()) watch_.dispatch_next();
  RolloutEvent e = std::move(events_.front());
  events_.pop_front();
  if (e.kind == RolloutEvent::Tick) tick_waiting_ = false;
  return e;
}

}  // namespace hoist::ctl
