#include "notify/notify_delivery.hh"

#include "common/log.hh"
#include "common/daemon_version.hh"
#include "notify/attempt_deadline.hh"

namespace hoist {

struct Deliverer::Delivery {
  std::shared_ptr<NotifierTarget> target;
  DeliveryRequest request;
  unsigned attempts = 0;
  GObj<SoupMessage> message;
  AttemptDeadline deadline;
  guint retry_source = 0;
  std::shared_ptr<void> hold;
};

// What a libsoup callback or a retry timer gets: the deliverer, valid while
// the delivery is still in its list (the deliverer empties it when destroyed).
struct Deliverer::Callback {
  Deliverer* self;
  std::weak_ptr<Delivery> delivery;
};

namespace {

// Worth another attempt: no answer, a timeout, too many requests, a server error.
bool is_retryable(unsigned status) {
  return status == 0 || status == SOUP_STATUS_REQUEST_TIMEOUT || status == 429 || status >= 500;
}

// GLib's words for an error, with the URL's path, query and user info
// (where webhook URLs hold their secrets) hidden should they appear in them.
std::string error_text(const GError* e, const std::string& url) {
  std::string text = e ? e->message : "unknown error";
  const Ptr<GUri, g_uri_unref> uri(g_uri_parse(url.c_str(), G_URI_FLAGS_ENCODED, nullptr));
  if (!uri) return text;
  for (const char* secret : {g_uri_get_path(uri.get()), g_uri_get_query(uri.get()),
                             g_uri_get_userinfo(uri.get())}) {
    const std::string part = secret ? secret : "";
    if (part.size() < 2) continue;
    for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at))
      text.replace(at, part.size(), "…");
  }
  return text;
}

// What an attempt came to, for the log: "HTTP 500 Internal Server Error",
// "no answer within the timeout", "Could not connect: Connection refused".
std::string outcome(const Deliverer::Delivery& d, const GError* error) {
  if (error && d.deadline.expired()) return "no answer within the timeout";
  if (error) return error_text(error, d.request.url);
  const char* reason = soup_message_get_reason_phrase(d.message.get());
  return "HTTP " + std::to_string(soup_message_get_status(d.message.get())) + (reason ? " " : "") +
         (reason ? reason : "");
}

void remove_source(guint& source) {
  if (source) g_source_remove(source);
  source = 0;
}

}  // namespace

std::string url_endpoint(const std::string& url) {
  const Ptr<GUri, g_uri_unref> uri(g_uri_parse(url.c_str(), G_URI_FLAGS_NONE, nullptr));
  if (!uri) return "(invalid URL)";
  const GCharPtr joined(g_uri_join(G_URI_FLAGS_NONE, g_uri_get_scheme(uri.get()), nullptr,
                                   g_uri_get_host(uri.get()), g_uri_get_port(uri.get()), "",
                                   nullptr, nullptr));
  return joined.get();
}

Deliverer::Deliverer(NotifierTiming timing)
    : timing_(timing),
      session_(soup_session_new_with_options(
          "user-agent", (std::string("hoist/") + daemon_version()).c_str(), "timeout",
          static_cast<guint>((timing.timeout_msec + 999) / 1000), nullptr)) {}

Deliverer::~Deliverer() {
  for (const auto& d : deliveries_) {
    remove_source(d->retry_source);
    d->deadline.cancel();
  }
  deliveries_.clear();
}

void Deliverer::send(std::shared_ptr<NotifierTarget> target, DeliveryRequest request,
                     std::shared_ptr<void> hold) {
  auto d = std::make_shared<Delivery>();
  d->hold = std::move(hold);
  d->target = std::move(target);
  d->request = std::move(request);
  deliveries_.push_back(d);
  attempt(d);
}

void Deliverer::attempt(const std::shared_ptr<Delivery>& d) {
  d->attempts++;
  d->message.reset(soup_message_new(d->request.method, d->request.url.c_str()));
  if (!d->message) return finish(d, false, "the URL cannot be used");
  const std::string& body = d->request.body;
  const GBytesPtr bytes(g_bytes_new(body.data(), body.size()));
  soup_message_set_request_body_from_bytes(d->message.get(), "application/json", bytes.get());
  if (!d->request.bearer_token.empty())
    soup_message_headers_replace(soup_message_get_request_headers(d->message.get()),
                                 "Authorization", ("Bearer " + d->request.bearer_token).c_str());
  soup_session_send_and_read_async(
      session_.get(), d->message.get(), G_PRIORITY_DEFAULT, d->deadline.start(timing_.timeout_msec),
      [](GObject* source, GAsyncResult* result, gpointer data) {
        const std::unique_ptr<Callback> cb(static_cast<Callback*>(data));
        GError* e = nullptr;
        const GBytesPtr answer(soup_session_send_and_read_finish(SOUP_SESSION(source), result, &e));
        const GErrorPtr error(e);
        const auto delivery = cb->delivery.lock();
        if (!delivery) return;  // the deliverer is gone
        const unsigned status = error ? 0 : soup_message_get_status(delivery->message.get());
        cb->self->attempt_done(delivery, status, outcome(*delivery, error.get()));
      },
      new Callback{this, d});
}

void Deliverer::attempt_done(const std::shared_ptr<Delivery>& d, unsigned status,
                             const std::string& why) {
  d->deadline.disarm();
  if (status >= 200 && status < 300) return finish(d, true, why);
  if (!is_retryable(status) || d->attempts > timing_.retries) return finish(d, false, why);
  log::debug("notifier " + d->target->config.name + ": attempt " + std::to_string(d->attempts) +
                 " to " + d->target->endpoint + " failed: " + why + "; trying again",
             {{"HOIST_NOTIFIER", d->target->config.name}});
  d->retry_source = g_timeout_add_full(
      G_PRIORITY_DEFAULT, timing_.retry_delay_msec,
      [](gpointer data) -> gboolean {
        auto* cb = static_cast<Callback*>(data);
        if (const auto delivery = cb->delivery.lock()) {
          delivery->retry_source = 0;
          cb->self->attempt(delivery);
        }
        return G_SOURCE_REMOVE;
      },
      new Callback{this, d}, [](gpointer data) { delete static_cast<Callback*>(data); });
}

void Deliverer::finish(const std::shared_ptr<Delivery>& d, bool delivered, const std::string& why) {
  NotifierTarget& target = *d->target;
  const std::string& name = target.config.name;
  if (delivered && target.failing) {
    target.failing = false;
    log::notice("notifier " + name + ": delivers to " + target.endpoint + " again",
                {{"HOIST_NOTIFIER", name}});
  } else if (!delivered && !target.failing) {
    target.failing = true;
    log::warning("notifier " + name + ": cannot deliver to " + target.endpoint + ": " + why +
                     " (" + std::to_string(d->attempts) +
                     (d->attempts == 1 ? " attempt" : " attempts") +
                     "); further failures are not logged until a delivery succeeds",
                 {{"HOIST_NOTIFIER", name}});
  }
  deliveries_.remove(d);
}

}  // namespace hoist
