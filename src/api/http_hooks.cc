#include "api/http_hooks.hh"

#include <memory>
#include <set>

#include "api/http_respond.hh"
#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "common/log.hh"
#include "core/json_object.hh"
#include "webhook/webhook.hh"

namespace hoist {
namespace {

constexpr const char* kBodyKey = "hoist-webhook-body";

// What the early handler keeps of a request body.
struct Body {
  std::string data;
  bool too_large = false;
};

void on_got_chunk(SoupServerMessage* msg, GBytes* chunk, gpointer) {
  auto* body = static_cast<Body*>(g_object_get_data(G_OBJECT(msg), kBodyKey));
  if (!body || body->too_large) return;
  gsize size = 0;
  const auto* data = static_cast<const char*>(g_bytes_get_data(chunk, &size));
  if (body->data.size() + size > kWebhookBodyMaxBytes) {
    body->too_large = true;
    std::string().swap(body->data);
    return;
  }
  body->data.append(data, size);
}

std::map<std::string, std::string> lower_case_headers(SoupServerMessage* msg) {
  std::map<std::string, std::string> out;
  SoupMessageHeadersIter it;
  soup_message_headers_iter_init(&it, soup_server_message_get_request_headers(msg));
  const char *name = nullptr, *value = nullptr;
  while (soup_message_headers_iter_next(&it, &name, &value)) {
    GCharPtr lower(g_ascii_strdown(name, -1));
    out[lower.get()] = value;
  }
  return out;
}

const char* auth_error_code(AuthResult r) {
  switch (r) {
    case AuthResult::Missing: return "missing-signature";
    case AuthResult::Expired: return "expired-signature";
    default: return "bad-signature";
  }
}

// 200/202 {"status": STATUS, "reason": ...}.
void respond_status(SoupServerMessage* msg, guint code, const char* status, const std::string& reason) {
  JsonObjectWriter w;
  w.string("status", status);
  if (!reason.empty()) w.string("reason", reason);
  respond(msg, code, json_node_to_string(w.node().get()));
}

}  // namespace

WebhookEndpoint::WebhookEndpoint(DeployManager& deploys, const AppRegistry& apps,
                                 DeliveryIds& deliveries, Notifiers* notifiers,
                                 std::string credentials_dir)
    : deploys_(deploys),
      apps_(apps),
      deliveries_(deliveries),
      notifiers_(notifiers),
      credentials_dir_(std::move(credentials_dir)) {}

void WebhookEndpoint::attach(SoupServer* server) {
  soup_server_add_early_handler(server, "/hooks", on_early, this, nullptr);
}

void WebhookEndpoint::on_early(SoupServer*, SoupServerMessage* msg, const char*, GHashTable*,
                               gpointer) {
  SoupMessageHeaders* headers = soup_server_message_get_request_headers(msg);
  if (soup_message_headers_get_encoding(headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length(headers) > static_cast<goffset>(kWebhookBodyMaxBytes)) {
    const char* remote = soup_server_message_get_remote_host(msg);
    log::notice(std::string("Refused a webhook from ") + (remote ? remote : "?") +
                    ": body over 1 MiB (Content-Length)",
                {{"HOIST_WEBHOOK_RESULT", "payload-too-large"}});
    soup_message_headers_replace(soup_server_message_get_response_headers(msg), "Connection", "close");
    return respond_error(msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload-too-large",
                         "The body is over 1 MiB");
  }
  // The body is kept by on_got_chunk, at most kWebhookBodyMaxBytes of it.
  soup_message_body_set_accumulate(soup_server_message_get_request_body(msg), FALSE);
  g_object_set_data_full(G_OBJECT(msg), kBodyKey, new Body,
                         [](gpointer p) { delete static_cast<Body*>(p); });
  g_signal_connect(msg, "got-chunk", G_CALLBACK(on_got_chunk), nullptr);
}

void WebhookEndpoint::serve(SoupServerMessage* msg, const std::string& path) {
  const char* remote_host = soup_server_message_get_remote_host(msg);
  const std::string remote = remote_host ? remote_host : "?";
  std::string name = path.substr(std::string_view(kHooksPrefix).size());
  auto forge = forge_from_path_name(name);
  if (!forge)
    return respond_error(msg, SOUP_STATUS_NOT_FOUND, "not-found",
                         "No webhook endpoint " + path + " (known: /hooks/github, /hooks/gitea, "
                         "/hooks/gitlab, /hooks/generic)");
  WebhookRequest request;
  request.forge = *forge;
  request.headers = lower_case_headers(msg);
  request.now_usec = static_cast<uint64_t>(g_get_real_time());
  const std::string delivery = delivery_id(request);
  const std::string forge_text(forge_name(*forge));
  auto reject = [&](guint code, const char* error, const std::string& message) {
    log::notice("Refused a " + forge_text + " webhook from " + remote +
                    (delivery.empty() ? "" : " (delivery " + delivery + ")") + ": " + message,
                {{"HOIST_WEBHOOK_FORGE", forge_text},
                 {"HOIST_WEBHOOK_DELIVERY", delivery},
                 {"HOIST_WEBHOOK_RESULT", error}});
    respond_error(msg, code, error, message);
  };

  if (!g_str_equal(soup_server_message_get_method(msg), SOUP_METHOD_POST)) {
    soup_message_headers_replace(soup_server_message_get_response_headers(msg), "Allow", "POST");
    return reject(SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed", "Webhooks are POSTed");
  }
  auto* body = static_cast<Body*>(g_object_get_data(G_OBJECT(msg), kBodyKey));
  if (!body || body->too_large)
    return reject(SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "The body is over 1 MiB");
  const char* type = soup_message_headers_get_content_type(
      soup_server_message_get_request_headers(msg), nullptr);
  if (!type || (!g_str_equal(type, "application/json") &&
                !g_str_equal(type, "application/x-www-form-urlencoded")))
    return reject(SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                  std::string("Content-Type ") + (type ? type : "(none)") +
                      " is not application/json or application/x-www-form-urlencoded");
  request.body = std::move(body->data);

  std::string error;
  auto push = parse_webhook(request, error);
  if (!push) return reject(SOUP_STATUS_BAD_REQUEST, "invalid-payload", error);

  // Authentic for the apps of this repository whose secret signed it (or,
  // when no app has this repository, for the global secret).
  std::set<std::string> authentic;
  AuthResult worst = AuthResult::Missing;
  std::string why, no_secret;
  bool any_secret = false;
  auto check = [&](const WebhookConfig& webhook) {
    auto secret = read_webhook_secret(webhook, apps_.daemon().webhook, credentials_dir_, no_secret);
    if (!secret) {
      log::error("Cannot check a " + forge_text + " webhook: " + no_secret,
                 {{"HOIST_WEBHOOK_FORGE", forge_text}});
      return false;
    }
    any_secret = true;
    AuthResult r = verify_webhook(request, *secret, why);
    if (r != AuthResult::Ok && r != AuthResult::Missing) worst = r;
    return r == AuthResult::Ok;
  };
  bool any_candidate = false;
  for (const auto& [app_name, app] : apps_.apps()) {
    if (!push_names_repository(*push, app)) continue;
    any_candidate = true;
    if (check(app.webhook)) authentic.insert(app_name);
  }
  bool ok = any_candidate ? !authentic.empty() : check(WebhookConfig{});
  if (!ok && !any_secret)
    // What is wrong is in the log (above), not in the answer to a stranger.
    return reject(SOUP_STATUS_UNAUTHORIZED, "no-secret",
                  "hoistd has no usable secret for this repository (see its journal)");
  if (!ok)
    return reject(SOUP_STATUS_UNAUTHORIZED, auth_error_code(worst),
                  worst == AuthResult::Missing ? "No signature or token" : "Signature check failed: " + why);

  if (!delivery.empty()) {
    const bool seen = deliveries_.seen_or_add(forge_text + ":" + delivery);
    // Whatever the answer (set below), it goes out once the id is on disk.
    soup_server_message_pause(msg);
    auto held = std::make_shared<GObj<SoupServerMessage>>(SOUP_SERVER_MESSAGE(g_object_ref(msg)));
    deliveries_.when_saved([held] { soup_server_message_unpause(held->get()); });
    if (seen)
      return respond_status(msg, SOUP_STATUS_OK, "duplicate",
                            "delivery " + delivery + " was received before");
  }
  if (push->is_ping) return respond_status(msg, SOUP_STATUS_OK, "pong", "");
  if (!push->is_push)
    return respond_status(msg, SOUP_STATUS_ACCEPTED, "ignored", "event \"" + push->event + "\" is not a push");
  if (push->is_delete)
    return respond_status(msg, SOUP_STATUS_OK, "ignored", push->ref + " was deleted");
  std::vector<std::string> targets;
  for (const auto& app : matching_apps(*push, apps_.apps()))
    if (authentic.count(app)) targets.push_back(app);
  // Tags and deletions nobody asked for are answered 200 (understood, nothing
  // to do); a push no app deploys 202 (accepted, ignored), as documented.
  if (targets.empty() && push->is_tag)
    return respond_status(msg, SOUP_STATUS_OK, "ignored",
                          "tag " + push->branch + ": no app of this repository deploys tags (DeployTags=)");
  if (targets.empty())
    return respond_status(msg, SOUP_STATUS_ACCEPTED, "ignored",
                          "no app deploys " + push->branch + " of this repository");

  JsonArray* deploys = json_array_new();
  bool any_deploy = false;
  for (const auto& app : targets) {
    // News for chat, before the deploy's own, when the push makes a deploy:
    // not for the same commit again (joining its deploy, or serving).
    if (notifiers_ && deploys_.push_needs_deploy(app, push->revision())) {
      NotifyEvent n;
      n.kind = NotifyKind::WebhookReceived;
      n.app = app;
      n.revision = push->revision();
      n.branch = push->branch;
      n.repository = push->full_name;
      n.commit_url = push->commit_url;
      n.compare_url = push->compare_url;
      n.author = push->author;
      n.message = push->message;
      notifiers_->notify(n);
    }
    ApiError e;
    auto result = deploys_.webhook_deploy(app, push->revision(), "webhook " + forge_text + " " + delivery, e);
    JsonObjectWriter w;
    w.string("app", app);
    if (!result) {
      w.string("error", e.message);
    } else if (result->how == PushDeploy::How::UpToDate) {
      w.boolean("up_to_date", true);
      w.string("release", result->release);
    } else {
      any_deploy = true;
      const DeployRecord& record = *result->record;
      w.string("id", record.id);
      w.string("state", deploy_state_name(record.state));
      w.string("status_url", "/api/v1/deploys/" + record.id);
      if (result->how == PushDeploy::How::Joined) w.boolean("joined", true);
    }
    json_array_add_element(deploys, w.node().release());
  }
  log::info("Accepted a " + forge_text + " push of " + push->branch + " from " + remote +
                " (delivery " + delivery + ") for " + std::to_string(targets.size()) + " app(s)",
            {{"HOIST_WEBHOOK_FORGE", forge_text},
             {"HOIST_WEBHOOK_DELIVERY", delivery},
             {"HOIST_WEBHOOK_RESULT", "accepted"}});
  JsonObjectWriter w;
  w.string("status", "accepted");
  w.node("deploys", json_array_node(deploys));
  // 202 when a deploy is to come; 200 when every app serves the commit.
  respond(msg, any_deploy ? SOUP_STATUS_ACCEPTED : SOUP_STATUS_OK, json_node_to_string(w.node().get()));
}

}  // namespace hoist
