// The HTTP API on the sockets systemd hands over (libsoup 3): /healthz,
// /api/v1/units/NAME, the app routes of http_apps.hh and the webhooks of
// http_hooks.hh, JSON in and out.
//
// Connections are accepted by a GSocketService and handed to libsoup, so that
// at shutdown hoistd can stop accepting (connections wait in the socket
// systemd keeps open, for the next hoistd) while every request it already
// accepted is answered.
#pragma once

#include <libsoup/soup.h>

#include <functional>
#include <string>
#include <unordered_map>

#include "common/glib_ptr.hh"
#include "api/http_hooks.hh"
#include "core/deploy_manager.hh"
#include "core/in_flight.hh"
#include "core/rollout_manager.hh"
#include "systemd/pid1.hh"

namespace hoist {

struct HealthInfo {
  uint64_t uptime_s;
  uint64_t units_managed;
};

class HttpServer {
 public:
  // deploys (optional) serves /api/v1/apps and /api/v1/deploys, rollouts
  // (optional, with deploys) /api/v1/rollouts.
  HttpServer(Pid1& pid1, InFlight& in_flight, std::function<HealthInfo()> health,
             const DeployManager* deploys = nullptr, const RolloutManager* rollouts = nullptr);
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;
  ~HttpServer();

  // Serves on an inherited listening socket (takes ownership of fd).
  bool listen_fd(int fd, std::string& error);
  // Serves on ADDR:PORT ("127.0.0.1:8647", "[::1]:8647") for development.
  bool listen_address(const std::string& address, std::string& error);

  // Serves POST /hooks/FORGE with webhooks (which must outlive the server).
  void serve_webhooks(WebhookEndpoint* webhooks);

  // Stops accepting connections; requests on accepted connections are still
  // answered (each holds an InFlight token), with "Connection: close".
  void stop_listening();
  size_t listeners() const noexcept { return listeners_; }

 private:
  static gboolean on_incoming(GSocketService* service, GSocketConnection* connection,
                              GObject* source, gpointer self);
  static void on_request(SoupServer* server, SoupServerMessage* msg, const char* path,
                         GHashTable* query, gpointer self);
  static void on_request_started(SoupServer* server, SoupServerMessage* msg, gpointer self);
  static void on_request_read(SoupServer* server, SoupServerMessage* msg, gpointer self);
  static void on_request_done(SoupServer* server, SoupServerMessage* msg, gpointer self);
  void route(SoupServerMessage* msg, const std::string& path);
  void serve_unit(SoupServerMessage* msg, const std::string& escaped_name);

  Pid1& pid1_;
  InFlight& in_flight_;
  std::function<HealthInfo()> health_;
  const DeployManager* deploys_;
  const RolloutManager* rollouts_;
  WebhookEndpoint* webhooks_ = nullptr;
  GObj<SoupServer> server_;
  GObj<GSocketService> service_;
  size_t listeners_ = 0;
  bool closing_ = false;
  // Requests that must be answered before hoistd may exit: the first request
  // of every accepted connection, and every request whose headers were read.
  std::unordered_map<SoupServerMessage*, InFlight::Token> pending_;
};

// Splits "ADDR:PORT" / "[V6]:PORT" into a socket address; nullptr and error if malformed.
GSocketAddress* parse_listen_address(const std::string& address, std::string& error);

}  // namespace hoist
