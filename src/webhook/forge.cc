// Forge names, request headers and delivery ids (webhook.hh).
#include "webhook/webhook.hh"

namespace hoist {
namespace {

struct ForgeName {
  Forge forge;
  std::string_view name;
};

constexpr ForgeName kForgeNames[] = {
    {Forge::GitHub, "github"},
    {Forge::Gitea, "gitea"},
    {Forge::GitLab, "gitlab"},
    {Forge::Generic, "generic"},
};

}  // namespace

std::optional<Forge> forge_from_path_name(std::string_view name) {
  for (const auto& f : kForgeNames)
    if (f.name == name) return f.forge;
  return std::nullopt;
}

std::string_view forge_name(Forge forge) {
  for (const auto& f : kForgeNames)
    if (f.forge == forge) return f.name;
  return "unknown";
}

std::string WebhookRequest::header(std::string_view lower_case_name) const {
  const auto it = headers.find(std::string(lower_case_name));
  return it == headers.end() ? std::string() : it->second;
}

std::string delivery_id(const WebhookRequest& request) {
  std::vector<std::string_view> names;
  switch (request.forge) {
    case Forge::GitHub: names = {"x-github-delivery"}; break;
    case Forge::Gitea: names = {"x-forgejo-delivery", "x-gitea-delivery"}; break;
    case Forge::GitLab: names = {"x-gitlab-event-uuid", "webhook-id"}; break;
    case Forge::Generic: names = {"webhook-id"}; break;
  }
  for (const auto name : names)
    if (auto id = request.header(name); !id.empty()) return id;
  return {};
}

}  // namespace hoist
