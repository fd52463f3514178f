#include "api/http_server.hh"

#include "api/http_apps.hh"
#include "api/http_respond.hh"
#include "common/json.hh"
#include "common/log.hh"
#include "common/unit_name.hh"
#include "core/config_values.hh"
#include "common/daemon_version.hh"
#include "systemd/unit_status.hh"

namespace hoist {
namespace {

constexpr const char* kUnitsPrefix = "/api/v1/units/";

}  // namespace

GSocketAddress* parse_listen_address(const std::string& address, std::string& error) {
  std::string host;
  uint16_t port = 0;
  if (auto problem = parse_tcp_address(address, host, port); !problem.empty()) {
    error = "\"" + address + "\" " + problem;
    return nullptr;
  }
  GSocketAddress* a = g_inet_socket_address_new_from_string(host.c_str(), port);
  if (!a) error = "\"" + host + "\" is not an IP address (no host names here)";
  return a;
}

HttpServer::HttpServer(Pid1& pid1, InFlight& in_flight, std::function<HealthInfo()> health,
                       const DeployManager* deploys, const RolloutManager* rollouts)
    : pid1_(pid1),
      in_flight_(in_flight),
      health_(std::move(health)),
      deploys_(deploys),
      rollouts_(rollouts) {
  std::string header = std::string("hoistd/") + daemon_version() + " ";
  server_.reset(SOUP_SERVER(g_object_new(SOUP_TYPE_SERVER, "server-header", header.c_str(), nullptr)));
  soup_server_add_handler(server_.get(), nullptr, on_request, this, nullptr);
  g_signal_connect(server_.get(), "request-started", G_CALLBACK(on_request_started), this);
  g_signal_connect(server_.get(), "request-read", G_CALLBACK(on_request_read), this);
  g_signal_connect(server_.get(), "request-finished", G_CALLBACK(on_request_done), this);
  g_signal_connect(server_.get(), "request-aborted", G_CALLBACK(on_request_done), this);
  service_.reset(g_socket_service_new());
  g_signal_connect(service_.get(), "incoming", G_CALLBACK(on_incoming), this);
}

HttpServer::~HttpServer() {
  g_signal_handlers_disconnect_by_data(server_.get(), this);
  g_signal_handlers_disconnect_by_data(service_.get(), this);
  g_socket_service_stop(service_.get());
  g_socket_listener_close(G_SOCKET_LISTENER(service_.get()));
  soup_server_disconnect(server_.get());
}

bool HttpServer::listen_fd(int fd, std::string& error) {
  GError* e = nullptr;
  GObj<GSocket> socket(g_socket_new_from_fd(fd, &e));
  if (socket &&
      g_socket_listener_add_socket(G_SOCKET_LISTENER(service_.get()), socket.get(), nullptr, &e)) {
    listeners_++;
    return true;
  }
  error = e ? e->message : "unknown error";
  if (e) g_error_free(e);
  return false;
}

bool HttpServer::listen_address(const std::string& address, std::string& error) {
  GObj<GSocketAddress> a(parse_listen_address(address, error));
  if (!a) return false;
  GError* e = nullptr;
  if (g_socket_listener_add_address(G_SOCKET_LISTENER(service_.get()), a.get(), G_SOCKET_TYPE_STREAM,
                                    G_SOCKET_PROTOCOL_TCP, nullptr, nullptr, &e)) {
    listeners_++;
    return true;
  }
  error = e ? e->message : "unknown error";
  if (e) g_error_free(e);
  return false;
}

void HttpServer::stop_listening() {
  closing_ = true;
  g_socket_service_stop(service_.get());
  // Closes hoistd's copies only: systemd's socket keeps listening.
  g_socket_listener_close(G_SOCKET_LISTENER(service_.get()));
  listeners_ = 0;
}

gboolean HttpServer::on_incoming(GSocketService*, GSocketConnection* connection, GObject*,
                                 gpointer data) {
  auto* self = static_cast<HttpServer*>(data);
  GError* e = nullptr;
  GObj<GSocketAddress> local(g_socket_connection_get_local_address(connection, nullptr));
  GObj<GSocketAddress> remote(g_socket_connection_get_remote_address(connection, nullptr));
  if (!soup_server_accept_iostream(self->server_.get(), G_IO_STREAM(connection), local.get(),
                                   remote.get(), &e)) {
    log::warning(std::string("Failed to accept an HTTP connection: ") + (e ? e->message : "?"));
    if (e) g_error_free(e);
  }
  return TRUE;
}

void HttpServer::on_request_started(SoupServer*, SoupServerMessage* msg, gpointer data) {
  auto* self = static_cast<HttpServer*>(data);
  GSocket* socket = soup_server_message_get_socket(msg);
  // A kept-alive connection waiting for its next request is not in flight.
  if (socket && g_object_get_data(G_OBJECT(socket), "hoist-served")) return;
  self->pending_.emplace(msg, self->in_flight_.acquire());
}

void HttpServer::on_request_read(SoupServer*, SoupServerMessage* msg, gpointer data) {
  auto* self = static_cast<HttpServer*>(data);
  if (!self->pending_.count(msg)) self->pending_.emplace(msg, self->in_flight_.acquire());
}

void HttpServer::on_request_done(SoupServer*, SoupServerMessage* msg, gpointer data) {
  auto* self = static_cast<HttpServer*>(data);
  if (GSocket* socket = soup_server_message_get_socket(msg))
    g_object_set_data(G_OBJECT(socket), "hoist-served", GINT_TO_POINTER(1));
  self->pending_.erase(msg);
}

void HttpServer::serve_webhooks(WebhookEndpoint* webhooks) {
  webhooks_ = webhooks;
  webhooks->attach(server_.get());
  // A normal handler at the early handler's path too: libsoup runs only the
  // most specific path's handlers, and this one answers after the body.
  soup_server_add_handler(server_.get(), "/hooks", on_request, this, nullptr);
}

void HttpServer::on_request(SoupServer*, SoupServerMessage* msg, const char* path, GHashTable*,
                            gpointer self) {
  static_cast<HttpServer*>(self)->route(msg, path ? path : "/");
}

void HttpServer::route(SoupServerMessage* msg, const std::string& path) {
  if (closing_)
    soup_message_headers_replace(soup_server_message_get_response_headers(msg), "Connection",
                                 "close");
  if (path == "/healthz") {
    if (!is_read_method(msg)) return method_not_allowed(msg);
    HealthInfo h = health_();
    GObj<JsonBuilder> b(json_builder_new());
    json_builder_begin_object(b.get());
    json_builder_set_member_name(b.get(), "version");
    json_builder_add_string_value(b.get(), daemon_version());
    json_builder_set_member_name(b.get(), "uptime_s");
    json_builder_add_int_value(b.get(), static_cast<gint64>(h.uptime_s));
    json_builder_set_member_name(b.get(), "units_managed");
    json_builder_add_int_value(b.get(), static_cast<gint64>(h.units_managed));
    json_builder_end_object(b.get());
    return respond(msg, SOUP_STATUS_OK, json_builder_to_string(b.get()));
  }
  if (webhooks_ && path.rfind(kHooksPrefix, 0) == 0) return webhooks_->serve(msg, path);
  if (deploys_ && is_apps_api(path)) {
    if (!is_read_method(msg)) return method_not_allowed(msg);
    return serve_apps_api(msg, path, *deploys_, rollouts_);
  }
  if (path.rfind(kUnitsPrefix, 0) == 0 && path.size() > strlen(kUnitsPrefix)) {
    if (!is_read_method(msg)) return method_not_allowed(msg);
    return serve_unit(msg, path.substr(strlen(kUnitsPrefix)));
  }
  respond_error(msg, SOUP_STATUS_NOT_FOUND, "not-found", "No such resource: " + path);
}

void HttpServer::serve_unit(SoupServerMessage* msg, const std::string& escaped_name) {
  GCharPtr raw(g_uri_unescape_string(escaped_name.c_str(), "/"));
  if (!raw)
    return respond_error(msg, SOUP_STATUS_BAD_REQUEST, "invalid-argument",
                         "Invalid unit name in path: " + escaped_name);
  std::string name = raw.get();
  if (auto problem = unit_name_problem(name, true); !problem.empty())
    return respond_error(msg, SOUP_STATUS_BAD_REQUEST, "invalid-argument",
                         "Invalid unit name: " + problem);
  soup_server_message_pause(msg);
  GObj<SoupServerMessage> held(SOUP_SERVER_MESSAGE(g_object_ref(msg)));
  auto shared = std::make_shared<GObj<SoupServerMessage>>(std::move(held));
  auto token = in_flight_.acquire();
  pid1_.unit_status(name, [shared, token, name](const UnitStatus* s, const sd_bus_error* e) {
    SoupServerMessage* m = shared->get();
    if (e && sd_bus_error_has_name(e, kSystemdNoSuchUnit))
      respond_error(m, SOUP_STATUS_NOT_FOUND, "no-such-unit", "Unit " + name + " not found.");
    else if (e)
      respond_error(m, SOUP_STATUS_BAD_GATEWAY, "pid1-failed",
                    std::string("PID 1 did not answer: ") + (e->message ? e->message : e->name));
    else {
      GObj<JsonBuilder> b(json_builder_new());
      unit_status_to_json(b.get(), *s);
      respond(m, SOUP_STATUS_OK, json_builder_to_string(b.get()));
    }
    soup_server_message_unpause(m);
  });
}

}  // namespace hoist
