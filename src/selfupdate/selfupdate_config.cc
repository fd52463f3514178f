#include "selfupdate/selfupdate_config.hh"

#include <glib.h>

#include "common/glib_ptr.hh"
#include "common/str_cat.hh"
#include "core/config_file.hh"

namespace hoist {
namespace {

constexpr const char* kGroup = "SelfUpdate";

struct Source {
  std::string scheme, host, owner, name;
};

bool is_loopback(const char* host) {
  return host && (g_str_equal(host, "127.0.0.1") || g_str_equal(host, "::1") || g_str_equal(host, "localhost"));
}

// https://HOST/OWNER/NAME (a trailing ".git" or '/' allowed); plain http
// only to this machine (a local mirror).
bool parse_source(const std::string& url, Source& out) {
  GError* e = nullptr;
  GUri* uri = g_uri_parse(url.c_str(), G_URI_FLAGS_NONE, &e);
  if (!uri) {
    g_error_free(e);
    return false;
  }
  const char* scheme = g_uri_get_scheme(uri);
  const char* host = g_uri_get_host(uri);
  std::string path = g_uri_get_path(uri);
  const bool plain = !g_uri_get_query(uri) && !g_uri_get_fragment(uri) && !g_uri_get_userinfo(uri);
  const bool https = scheme && g_ascii_strcasecmp(scheme, "https") == 0;
  const bool local_http = scheme && g_ascii_strcasecmp(scheme, "http") == 0 && is_loopback(host);
  out.scheme = https ? "https" : "http";
  out.host = host ? host : "";
  if (out.host.find(':') != std::string::npos) out.host = str_cat({"[", out.host, "]"});  // IPv6: "[::1]"
  if (g_uri_get_port(uri) > 0) out.host = str_cat({out.host, ":", std::to_string(g_uri_get_port(uri))});
  g_uri_unref(uri);
  if (!(https || local_http) || !plain || out.host.empty()) return false;
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.size() > 4 && path.ends_with(".git")) path.resize(path.size() - 4);
  if (path.empty() || path[0] != '/') return false;
  const size_t slash = path.find('/', 1);
  if (slash == std::string::npos || path.find('/', slash + 1) != std::string::npos) return false;
  out.owner = path.substr(1, slash - 1);
  out.name = path.substr(slash + 1);
  return !out.owner.empty() && !out.name.empty();
}

std::string api_base(const SelfUpdateConfig& config, const Source& s) {
  if (config.forge == SelfUpdateConfig::Forge::GitHub) {
    const std::string api =
        s.host == "github.com" ? "https://api.github.com" : str_cat({s.scheme, "://", s.host, "/api/v3"});
    return str_cat({api, "/repos/", s.owner, "/", s.name, "/releases"});
  }
  return str_cat({s.scheme, "://", s.host, "/api/v1/repos/", s.owner, "/", s.name, "/releases"});
}

}  // namespace

std::string latest_release_api_url(const SelfUpdateConfig& config) {
  Source s;
  return parse_source(config.source, s) ? str_cat({api_base(config, s), "/latest"}) : std::string();
}

std::string releases_api_url(const SelfUpdateConfig& config) {
  Source s;
  return parse_source(config.source, s) ? api_base(config, s) : std::string();
}

void read_selfupdate_group(ConfigFile& file, SelfUpdateConfig& config) {
  file.read_boolean(kGroup, "Enabled", config.enabled);
  bool forge_set = false;
  if (auto v = file.get(kGroup, "Forge")) {
    forge_set = true;
    if (v->text == "github")
      config.forge = SelfUpdateConfig::Forge::GitHub;
    else if (v->text == "gitea" || v->text == "forgejo")
      config.forge = SelfUpdateConfig::Forge::Gitea;
    else
      file.error(kGroup, "Forge", *v, "is not one of github, gitea and forgejo");
  }
  if (auto v = file.get(kGroup, "Source")) {
    Source s;
    if (!parse_source(v->text, s)) {
      file.error(kGroup, "Source", *v, "is not a repository URL https://HOST/OWNER/NAME (http:// only to 127.0.0.1, ::1 or localhost)");
    } else {
      config.source = v->text;
      if (!forge_set)
        config.forge = s.host == "github.com" ? SelfUpdateConfig::Forge::GitHub : SelfUpdateConfig::Forge::Gitea;
    }
  }
  file.read_time_span(kGroup, "IntervalSec", config.interval_usec, false);
  file.read_time_span(kGroup, "GraceSec", config.grace_usec, true);
  if (auto v = file.get(kGroup, "Mode")) {
    if (v->text == "notify")
      config.mode = SelfUpdateConfig::Mode::Notify;
    else if (v->text == "apply")
      config.mode = SelfUpdateConfig::Mode::Apply;
    else
      file.error(kGroup, "Mode", *v, "is not one of notify and apply");
  }
  file.read_boolean(kGroup, "Prerelease", config.prerelease);
  file.read_string(kGroup, "Asset", config.asset);
  file.read_string(kGroup, "Checksums", config.checksums);
  file.read_absolute_path(kGroup, "Keyring", config.keyring);
  file.read_string(kGroup, "Signature", config.signature);
  if (config.enabled && config.source.empty() && !file.get(kGroup, "Source"))
    file.error(kGroup, "Source", 0, "missing; Enabled=yes needs the repository to look for releases in");
}

}  // namespace hoist
