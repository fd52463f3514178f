// The forge webhook endpoints of the HTTP API: POST /hooks/github,
// /hooks/gitea (Gitea and Forgejo), /hooks/gitlab and /hooks/generic
// (Standard Webhooks). A request is authenticated with the secret of the apps
// its repository could concern (or the global one), parsed, checked against
// the delivery ids seen before, and becomes a deploy of each app whose
// branch it pushed: the answer, 202 with the deploy ids, comes at once.
// Every rejection is answered with a JSON error and logged with the remote
// address and the delivery id, never the secret.
#pragma once

#include <libsoup/soup.h>

#include <functional>
#include <string>

#include "core/app_registry.hh"
#include "core/delivery_ids.hh"
#include "core/deploy_manager.hh"
#include "notify/notifiers.hh"

namespace hoist {

inline constexpr size_t kWebhookBodyMaxBytes = 1024 * 1024;
inline constexpr const char* kHooksPrefix = "/hooks/";

class WebhookEndpoint {
 public:
  // notifiers may be null; credentials_dir is $CREDENTIALS_DIRECTORY or "".
  WebhookEndpoint(DeployManager& deploys, const AppRegistry& apps, DeliveryIds& deliveries,
                  Notifiers* notifiers, std::string credentials_dir);

  // Registers the early handler on server that refuses oversized bodies
  // before they are read and keeps at most kWebhookBodyMaxBytes of the rest.
  void attach(SoupServer* server);

  // Answers a request to path (below kHooksPrefix).
  void serve(SoupServerMessage* msg, const std::string& path);

 private:
  static void on_early(SoupServer* server, SoupServerMessage* msg, const char* path,
                       GHashTable* query, gpointer self);

  DeployManager& deploys_;
  const AppRegistry& apps_;
  DeliveryIds& deliveries_;
  Notifiers* notifiers_;
  std::string credentials_dir_;
};

}  // namespace hoist
