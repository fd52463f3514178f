#include "ctl/deploy_wait.hh"

#include "ctl/text.hh"

namespace hoist::ctl {

DeployWatch::DeployWatch(Client& client) : watch_(client, on_daemon_gone, this) {
  const char* what = _("Failed to subscribe to hoistd's deploy signals");
  watch_.subscribe("StepFinished", on_step_finished, this, what);
  watch_.subscribe("DeployFinished", on_deploy_finished, this, what);
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

void DeployWatch::on_daemon_gone(void* userdata) noexcept {
  static_cast<DeployWatch*>(userdata)->events_.push_back({WatchEvent::DaemonGone, ""});
}

WatchEvent DeployWatch::next() {
  while (events_.empty()) watch_.dispatch_next();
  WatchEvent e = std::move(events_.front());
  events_.pop_front();
  return e;
}

}  // namespace hoist::ctl
