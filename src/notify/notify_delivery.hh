// Sending notifications over HTTP: one libsoup session, each request tried
// up to 1 + retries times (a retry timer on the main loop, never a sleep),
// each attempt canceled after its timeout. A failure is logged once per
// notifier until a delivery to it succeeds again.
#pragma once

#include <libsoup/soup.h>

#include <list>
#include <memory>
#include <string>

#include "common/glib_ptr.hh"
#include "notify/notifier_config.hh"
#include "notify/notifiers.hh"

namespace hoist {

// A configured notifier as deliveries see it; deliveries in flight keep
// theirs after a reload.
struct NotifierTarget {
  NotifierConfig config;
  std::string token;     // Matrix access token
  std::string problem;   // not empty: the notifier sends nothing
  std::string endpoint;  // scheme://host[:port] of its URL: all that logs show
  bool failing = false;  // its last delivery failed (and that was logged)
};

struct DeliveryRequest {
  const char* method = "POST";  // or "PUT" (Matrix)
  std::string url;
  std::string body;  // JSON
  std::string bearer_token;
};

// scheme://host[:port] of url: no path, query or user info, which may hold
// secrets (Slack, Discord and Mattermost webhook URLs do).
std::string url_endpoint(const std::string& url);

class Deliverer {
 public:
  explicit Deliverer(NotifierTiming timing);
  ~Deliverer();  // cancels what is in flight
  Deliverer(const Deliverer&) = delete;
  Deliverer& operator=(const Deliverer&) = delete;

  // hold is kept until the delivery ends (delivered or given up).
  void send(std::shared_ptr<NotifierTarget> target, DeliveryRequest request,
            std::shared_ptr<void> hold = {});
  size_t in_flight() const { return deliveries_.size(); }

  struct Delivery;  // one request and its attempts

 private:
  struct Callback;
  void attempt(const std::shared_ptr<Delivery>& d);
  void attempt_done(const std::shared_ptr<Delivery>& d, unsigned status, const std::string& why);
  void finish(const std::shared_ptr<Delivery>& d, bool delivered, const std::string& why);

  NotifierTiming timing_;
  GObj<SoupSession> session_;
  std::list<std::shared_ptr<Delivery>> deliveries_;
};

}  // namespace hoist
