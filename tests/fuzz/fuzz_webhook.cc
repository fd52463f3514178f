// fuzz-webhook: what POST /hooks/NAME (api/http_hooks.cc) does with a
// request, without a server: for every forge, the delivery id, the payload
// parsed (JSON, or a form's payload= field), the apps it concerns, and the
// signature checked with two fixed secrets (a plain one and a whsec_ one).
//
// Input: header lines "Name: value" up to an empty line, then the body; an
// input whose first line is not a header is all body. "@SIGN@" in a header's
// value is replaced by the right signature for that header (or the token,
// for X-Gitlab-Token), computed here, so that the paths behind a matching
// signature (Standard Webhooks' timestamp tolerance) are reached too.
//
// Properties: JSON text json_text_problem lets through nests no deeper than
// it counts (fuzz_json.hh); a refused payload says why; a push's author and message are
// valid UTF-8, the message one line of at most 300 characters; a verdict
// says why exactly when it is not Ok, and never contains the secret.
#include <glib.h>

#include <map>
#include <string>

#include "common/glib_ptr.hh"
#include "fuzz_check.hh"
#include "fuzz_json.hh"
#include "webhook/webhook.hh"

using namespace hoist;

namespace {

constexpr std::string_view kSecret = "fuzz-secret";
constexpr std::string_view kWhsec = "whsec_ZnV6ei1zZWNyZXQta2V5";  // base64 of "fuzz-secret-key"
constexpr std::string_view kWhsecKey = "fuzz-secret-key";
constexpr std::string_view kSign = "@SIGN@";
constexpr uint64_t kNowUsec = 1614265330ull * G_USEC_PER_SEC;

bool is_token_char(char c) {
  return g_ascii_isalnum(c) || std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string hmac(std::string_view key, std::string_view data) {
  GHmac* h = g_hmac_new(G_CHECKSUM_SHA256, reinterpret_cast<const guchar*>(key.data()), key.size());
  g_hmac_update(h, reinterpret_cast<const guchar*>(data.data()), static_cast<gssize>(data.size()));
  guint8 digest[32];
  gsize length = sizeof digest;
  g_hmac_get_digest(h, digest, &length);
  g_hmac_unref(h);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string base64(std::string_view bytes) {
  gchar* encoded = g_base64_encode(reinterpret_cast<const guchar*>(bytes.data()), bytes.size());
  std::string out(encoded);
  g_free(encoded);
  return out;
}

// The value that signs request for header name.
std::string signature_for(const WebhookRequest& r, const std::string& name) {
  if (name == "x-hub-signature-256") return "sha256=" + hex(hmac(kSecret, r.body));
  if (name == "x-gitea-signature" || name == "x-forgejo-signature") return hex(hmac(kSecret, r.body));
  if (name == "x-gitlab-token") return std::string(kSecret);
  if (name == "webhook-signature") {
    const std::string signed_text = r.header("webhook-id") + "." + r.header("webhook-timestamp") + "." + r.body;
    return "v1," + base64(hmac(kSecret, signed_text)) + " v1," + base64(hmac(kWhsecKey, signed_text));
  }
  return std::string(kSign);
}

WebhookRequest read_request(std::string_view input) {
  WebhookRequest r;
  r.now_usec = kNowUsec;
  while (!input.empty()) {
    std::string_view rest = input;
    const std::string_view line = fuzz::next_line(rest);
    if (line.empty()) {
      input = rest;
      break;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) break;
    const std::string_view name = line.substr(0, colon);
    bool token = true;
    for (const char c : name) token = token && is_token_char(c);
    if (!token) break;
    GCharPtr lower(g_ascii_strdown(name.data(), static_cast<gssize>(name.size())));
    r.headers[lower.get()] = std::string(trim(line.substr(colon + 1)));
    input = rest;
  }
  r.body = std::string(input);
  for (auto& [name, value] : r.headers)
    for (size_t at = value.find(kSign); at != std::string::npos; at = value.find(kSign, at + 1))
      value.replace(at, kSign.size(), signature_for(r, name));
  return r;
}

std::map<std::string, AppConfig> fixed_apps() {
  auto app = [](std::string repository, std::string branch, std::string name, bool tags) {
    AppConfig a;
    a.repository = std::move(repository);
    a.branch = std::move(branch);
    a.webhook.name = std::move(name);
    a.webhook.deploy_tags = tags;
    return a;
  };
  return {
      {"hello", app("https://github.com/Codertocat/Hello-World.git", "main", "", false)},
      {"sample", app("git@github.com:binkkatal/sample_app.git", "master", "", true)},
      {"gitea", app("http://localhost:3000/example/example", "main", "", false)},
      {"gitlab", app("ssh://git@example.com:22/mike/diaspora.git", "master", "mike/diaspora", true)},
      {"local", app("file:///srv/git/app", "main", "", false)},
  };
}

void check_push(const PushEvent& push, const std::map<std::string, AppConfig>& apps) {
  FUZZ_CHECK(g_utf8_validate(push.author.data(), static_cast<gssize>(push.author.size()), nullptr));
  FUZZ_CHECK(g_utf8_validate(push.message.data(), static_cast<gssize>(push.message.size()), nullptr));
  FUZZ_CHECK(push.message.find('\n') == std::string::npos);
  FUZZ_CHECK(g_utf8_strlen(push.message.data(), static_cast<gssize>(push.message.size())) <=
             static_cast<glong>(kWebhookMessageMaxChars));
  FUZZ_CHECK(!push.is_tag || push.ref.starts_with("refs/tags/"));
  FUZZ_CHECK(!(push.is_ping && push.is_push));
  for (const auto& url : push.repository_urls) normalize_repository_url(url);
  const auto names = matching_apps(push, apps);
  FUZZ_CHECK(names.empty() || (push.is_push && !push.is_delete));
  for (const auto& name : names) FUZZ_CHECK(push_names_repository(push, apps.at(name)));
}

void check_verdict(const WebhookRequest& r, std::string_view secret) {
  std::string why;
  const AuthResult result = verify_webhook(r, secret, why);
  FUZZ_CHECK(why.empty() == (result == AuthResult::Ok));
  FUZZ_CHECK(why.find(secret) == std::string::npos);
  FUZZ_CHECK(!auth_result_name(result).empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto apps = fixed_apps();
  WebhookRequest request = read_request(fuzz::text_of(data, size));
  fuzz::check_json_guard(request.body);
  for (const Forge forge : {Forge::GitHub, Forge::Gitea, Forge::GitLab, Forge::Generic}) {
    request.forge = forge;
    delivery_id(request);
    std::string error;
    if (const auto push = parse_webhook(request, error))
      check_push(*push, apps);
    else
      FUZZ_CHECK(!error.empty());
    check_verdict(request, kSecret);
    check_verdict(request, kWhsec);
  }
  return 0;
}
