// Which apps a push concerns, and repository URLs compared by what they
// name (webhook.hh).
#include <glib.h>

#include <algorithm>
#include <array>

#include "common/glib_ptr.hh"
#include "common/str_cat.hh"
#include "webhook/webhook.hh"

namespace hoist {
namespace {

// Schemes of URLs that name a repository on a forge by host and path.
constexpr std::array<std::string_view, 6> kNetworkSchemes = {"http", "https",   "ssh",
                                                             "git",  "git+ssh", "ssh+git"};

std::string lower(std::string_view s) {
  const GCharPtr down(g_ascii_strdown(s.data(), static_cast<gssize>(s.size())));
  return down.get();
}

// Without surrounding space, then without trailing "/" and ".git".
std::string_view trim(std::string_view url) {
  const size_t start = url.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  url = url.substr(start, url.find_last_not_of(" \t\r\n") - start + 1);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  if (url.size() > 4 && url.substr(url.size() - 4) == ".git") url.remove_suffix(4);
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return url;
}

// The host of an authority "user@host:port" ("[v6]:port" keeps its brackets).
std::string_view host_of(std::string_view authority) {
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos)
    authority.remove_prefix(at + 1);
  const size_t bracket = authority.rfind(']');
  const size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket))
    authority = authority.substr(0, colon);
  return authority;
}

std::string network_url(std::string_view host, std::string_view path) {
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  std::string url = str_cat({"https://", lower(host)});
  if (!path.empty()) url += str_cat({"/", lower(path)});
  return url;
}

bool same_name(std::string_view a, std::string_view b) {
  return !a.empty() && a.size() == b.size() &&
         g_ascii_strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::string normalize_repository_url(std::string_view text) {
  const std::string_view url = trim(text);
  if (const size_t sep = url.find("://"); sep != std::string_view::npos) {
    const std::string scheme = lower(url.substr(0, sep));
    const std::string_view rest = url.substr(sep + 3);
    if (scheme == "file") return std::string(rest);
    if (std::find(kNetworkSchemes.begin(), kNetworkSchemes.end(), scheme) == kNetworkSchemes.end())
      return scheme + "://" + std::string(rest);
    const size_t slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    return network_url(host_of(authority),
                       slash == std::string_view::npos ? "" : rest.substr(slash));
  }
  // scp-like "[user@]host:path": a ':' before any '/'.
  const size_t colon = url.find(':');
  if (colon != std::string_view::npos && colon > 0 && url.substr(0, colon).find('/') ==
                                                         std::string_view::npos) {
    std::string_view host = url.substr(0, colon);
    if (const size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
    return network_url(host, url.substr(colon + 1));
  }
  return std::string(url);
}

bool push_names_repository(const PushEvent& push, const AppConfig& app) {
  if (!app.has_repository()) return false;
  if (same_name(push.full_name, app.webhook.name)) return true;
  const std::string repository = normalize_repository_url(app.repository);
  return std::any_of(push.repository_urls.begin(), push.repository_urls.end(),
                     [&](const std::string& url) {
                       return normalize_repository_url(url) == repository;
                     });
}

std::vector<std::string> matching_apps(const PushEvent& push,
                                       const std::map<std::string, AppConfig>& apps) {
  std::vector<std::string> names;
  if (!push.is_push || push.is_delete || push.branch.empty()) return names;
  for (const auto& [name, app] : apps) {
    const bool ref_matches = push.is_tag ? app.webhook.deploy_tags : push.branch == app.branch;
    if (ref_matches && push_names_repository(push, app)) names.push_back(name);
  }
  return names;  // std::map: already sorted by name
}

}  // namespace hoist
