#include "notify/notifiers.hh"

#include <glib.h>
#include <unistd.h>

#include <algorithm>

#include "common/log.hh"
#include "notify/notifier_token.hh"
#include "notify/notify_delivery.hh"
#include "notify/notify_payload.hh"

namespace hoist {

struct Notifiers::Impl {
  std::string credentials_dir;
  Deliverer deliverer;
  std::vector<std::shared_ptr<NotifierTarget>> targets;
  uint64_t transactions = 0;
  InFlight* in_flight = nullptr;

  Impl(std::string dir, NotifierTiming timing) : credentials_dir(std::move(dir)), deliverer(timing) {}

  // Matrix transaction ids: unique per message, the same for its retries
  // (the homeserver then posts it once).
  std::string transaction_id() {
    return "hoist." + std::to_string(getpid()) + "." + std::to_string(g_get_real_time()) + "." +
           std::to_string(++transactions);
  }

  DeliveryRequest request_for(const NotifierTarget& target, const NotifyEvent& event) {
    DeliveryRequest r;
    r.body = notify_payload(target.config.type, event);
    if (target.config.type == NotifierConfig::Type::Matrix) {
      r.method = "PUT";
      r.url = matrix_send_url(target.config.url, target.config.room, transaction_id());
      r.bearer_token = target.token;
    } else {
      r.url = target.config.url;
    }
    return r;
  }
};

Notifiers::Notifiers(std::vector<NotifierConfig> configs, std::string credentials_dir,
                     NotifierTiming timing)
    : impl_(std::make_unique<Impl>(std::move(credentials_dir), timing)) {
  configure(std::move(configs));
}

Notifiers::~Notifiers() = default;

std::vector<std::string> Notifiers::configure(std::vector<NotifierConfig> configs) {
  std::vector<std::string> problems;
  std::vector<std::shared_ptr<NotifierTarget>> targets;
  for (NotifierConfig& config : configs) {
    // An unchanged notifier stays the same object: what deliveries in flight
    // learn (failing or not) is not lost.
    const auto old = std::find_if(impl_->targets.begin(), impl_->targets.end(),
                                  [&](const auto& t) { return t->config == config; });
    auto target = old != impl_->targets.end() ? *old : std::make_shared<NotifierTarget>();
    target->endpoint = url_endpoint(config.url);
    target->token.clear();
    target->problem.clear();
    if (config.type == NotifierConfig::Type::Matrix) {
      if (auto token = read_notifier_token(config, impl_->credentials_dir, target->problem))
        target->token = std::move(*token);
    }
    target->config = std::move(config);
    if (!target->problem.empty()) {
      problems.push_back("notifier " + target->config.name + ": " + target->problem);
      log::error(problems.back() + "; it sends nothing", {{"HOIST_NOTIFIER", target->config.name}});
    }
    targets.push_back(std::move(target));
  }
  impl_->targets = std::move(targets);
  return problems;
}

void Notifiers::notify(const NotifyEvent& event) {
  NotifyEvent e = event;
  if (e.host.empty()) e.host = g_get_host_name();
  for (const auto& target : impl_->targets) {
    if (!target->problem.empty() || !notifier_selects(target->config, e)) continue;
    impl_->deliverer.send(target, impl_->request_for(*target, e),
                          impl_->in_flight ? impl_->in_flight->acquire() : InFlight::Token());
  }
}

void Notifiers::hold_while_delivering(InFlight* in_flight) { impl_->in_flight = in_flight; }

size_t Notifiers::in_flight() const { return impl_->deliverer.in_flight(); }

bool Notifiers::failing(std::string_view name) const {
  return std::any_of(impl_->targets.begin(), impl_->targets.end(),
                     [&](const auto& t) { return t->config.name == name && t->failing; });
}

}  // namespace hoist
