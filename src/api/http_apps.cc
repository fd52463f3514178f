#include "api/http_apps.hh"

#include "api/http_respond.hh"
#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "core/json_object.hh"

namespace hoist {
namespace {

constexpr std::string_view kApps = "/api/v1/apps";
constexpr std::string_view kDeploys = "/api/v1/deploys/";
constexpr size_t kHistoryShown = 10;

JsonNodePtr array_node(JsonArray* array) {
  JsonNodePtr node(json_node_init_array(json_node_alloc(), array));
  json_array_unref(array);
  return node;
}

void respond_json(SoupServerMessage* msg, const JsonNodePtr& node) {
  respond(msg, SOUP_STATUS_OK, json_node_to_string(node.get()));
}

void respond_api_error(SoupServerMessage* msg, const ApiError& e) {
  std::string name = e.name ? e.name : "";
  bool missing = name == errors::kNoSuchApp || name == errors::kNoSuchDeploy;
  respond_error(msg, missing ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                missing ? (name == errors::kNoSuchApp ? "no-such-app" : "no-such-deploy") : "failed",
                e.message);
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
  JsonArray* releases = json_array_new();
  if (auto list = deploys.releases(name, e))
    for (const auto& r : *list) {
      JsonObjectWriter w;
      w.string("name", r.name);
      w.boolean("current", r.current);
      json_array_add_element(releases, w.node().release());
    }
  json_object_set_member(object, "releases", array_node(releases).release());
  JsonArray* history = json_array_new();
  if (auto records = deploys.history(name, kHistoryShown, e))
    for (const auto& r : *records) json_array_add_element(history, to_json(r).release());
  json_object_set_member(object, "history", array_node(history).release());
  respond_json(msg, node);
}

}  // namespace

bool is_apps_api(const std::string& path) {
  std::string_view p = path;
  return p == kApps || p.substr(0, kApps.size() + 1) == std::string(kApps) + "/" ||
         p.substr(0, kDeploys.size()) == kDeploys;
}

void serve_apps_api(SoupServerMessage* msg, const std::string& path, const DeployManager& deploys) {
  std::string_view p = path;
  if (p == kApps || p == std::string(kApps) + "/") {
    JsonArray* array = json_array_new();
    for (const auto& app : deploys.list()) json_array_add_element(array, to_json(app).release());
    return respond_json(msg, array_node(array));
  }
  bool is_deploy = p.substr(0, kDeploys.size()) == kDeploys;
  std::string name = component(p.substr(is_deploy ? kDeploys.size() : kApps.size() + 1));
  if (name.empty())
    return respond_error(msg, SOUP_STATUS_NOT_FOUND, "not-found", "No such resource: " + path);
  if (!is_deploy) return serve_app(msg, name, deploys);
  ApiError e;
  auto record = deploys.get_deploy(name, e);
  if (!record) return respond_api_error(msg, e);
  respond_json(msg, to_json(*record));
}

}  // namespace hoist
