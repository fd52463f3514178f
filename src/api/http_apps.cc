#include "api/http_apps.hh"

#include "api/http_respond.hh"
#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "core/json_object.hh"

namespace hoist {
namespace {

constexpr std::string_view kApps = "/api/v1/apps";
constexpr std::string_view kDeploys = "/api/v1/deploys/";
constexpr std::string_view kRollouts = "/api/v1/rollouts/";
constexpr size_t kHistoryShown = 10;

void respond_json(SoupServerMessage* msg, const JsonNodePtr& node) {
  respond(msg, SOUP_STATUS_OK, json_node_to_string(node.get()));
}

void respond_api_error(SoupServerMessage* msg, const ApiError& e) {
  std::string name = e.name ? e.name : "";
  const char* code = name == errors::kNoSuchApp       ? "no-such-app"
                     : name == errors::kNoSuchDeploy  ? "no-such-deploy"
                     : name == errors::kNoSuchRollout ? "no-such-rollout"
                                                      : nullptr;
  respond_error(msg, code ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                code ? code : "failed", e.message);
}

// A path component, %-decoded; empty if it does not decode or holds a '/'.
std::string component(std::string_view escaped) {
  GCharPtr raw(g_uri_unescape_string(std::string(escaped).c_str(), "/"));
  return raw ? std::string(raw.get()) : std::string();
}

void serve_app(SoupServerMessage* msg, const std::string& name, const DeployManager& deploys) {
  ApiError e;
  auto app = deploys.app(name, e);
  if (!app) return respond_api_error(msg, e);
  JsonNodePtr node = to_json(*app);
  JsonObject* object = json_node_get_object(node.get());
  auto releases = deploys.releases(name, e).value_or(std::vector<Release>{});
  json_object_set_member(object, "releases", json_array_of(releases, [](const Release& r) {
                                               JsonObjectWriter w;
                                               w.string("name", r.name);
                                               w.boolean("current", r.current);
                                               return w.node();
                                             }).release());
  auto history = deploys.history(name, kHistoryShown, e).value_or(std::vector<DeployRecord>{});
  json_object_set_member(
      object, "history",
      json_array_of(history, [](const DeployRecord& r) { return to_json(r); }).release());
  respond_json(msg, node);
}

}  // namespace

bool is_apps_api(const std::string& path) {
  std::string_view p = path;
  return p == kApps || p.substr(0, kApps.size() + 1) == std::string(kApps) + "/" ||
         p.substr(0, kDeploys.size()) == kDeploys || p.substr(0, kRollouts.size()) == kRollouts;
}

void serve_apps_api(SoupServerMessage* msg, const std::string& path, const DeployManager& deploys,
                    const RolloutManager* rollouts) {
  std::string_view p = path;
  if (p == kApps || p == std::string(kApps) + "/") {
    return respond_json(msg, json_array_of(deploys.list(), [](const AppView& a) { return to_json(a); }));
  }
  bool is_deploy = p.substr(0, kDeploys.size()) == kDeploys;
  bool is_rollout = p.substr(0, kRollouts.size()) == kRollouts;
  std::string name = component(p.substr(is_deploy    ? kDeploys.size()
                                        : is_rollout ? kRollouts.size()
                                                     : kApps.size() + 1));
  if (name.empty() || (is_rollout && !rollouts))
    return respond_error(msg, SOUP_STATUS_NOT_FOUND, "not-found", "No such resource: " + path);
  ApiError e;
  if (is_rollout) {
    auto record = rollouts->get(name, e);
    if (!record) return respond_api_error(msg, e);
    return respond_json(msg, to_json(*record));
  }
  if (!is_deploy) return serve_app(msg, name, deploys);
  auto record = deploys.get_deploy(name, e);
  if (!record) return respond_api_error(msg, e);
  respond_json(msg, to_json(*record));
}

}  // namespace hoist
