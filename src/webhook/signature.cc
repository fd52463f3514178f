// Checking a webhook's signature or token (webhook.hh): HMAC-SHA256 with
// GLib's GHmac, SHA-256 with GChecksum, base64 with g_base64_decode, and
// every comparison of secret-derived bytes in constant time.
#include <glib.h>

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "common/raii.hh"
#include "webhook/webhook.hh"

namespace hoist {
namespace {

constexpr size_t kSha256Bytes = 32;
constexpr std::string_view kWhsecPrefix = "whsec_";
constexpr std::string_view kGitHubPrefix = "sha256=";

using GHmacPtr = Ptr<GHmac, g_hmac_unref>;
using GChecksumPtr = Ptr<GChecksum, g_checksum_free>;

const guchar* bytes(std::string_view s) { return reinterpret_cast<const guchar*>(s.data()); }

// The raw HMAC-SHA256 of the concatenated parts, keyed with key (not empty).
std::string hmac_sha256(std::string_view key, std::initializer_list<std::string_view> parts) {
  const GHmacPtr hmac(g_hmac_new(G_CHECKSUM_SHA256, bytes(key), key.size()));
  for (const auto part : parts) g_hmac_update(hmac.get(), bytes(part), part.size());
  std::string digest(kSha256Bytes, '\0');
  gsize length = digest.size();
  g_hmac_get_digest(hmac.get(), reinterpret_cast<guint8*>(digest.data()), &length);
  digest.resize(length);
  return digest;
}

std::string sha256(std::string_view data) {
  const GChecksumPtr checksum(g_checksum_new(G_CHECKSUM_SHA256));
  g_checksum_update(checksum.get(), bytes(data), data.size());
  std::string digest(kSha256Bytes, '\0');
  gsize length = digest.size();
  g_checksum_get_digest(checksum.get(), reinterpret_cast<guint8*>(digest.data()), &length);
  digest.resize(length);
  return digest;
}

// The bytes of a hex string (either case); nullopt if it is not one.
std::optional<std::string> decode_hex(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  std::string out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i < hex.size(); i += 2) {
    const int high = g_ascii_xdigit_value(hex[i]);
    const int low = g_ascii_xdigit_value(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

// The words of a space-separated list.
std::vector<std::string_view> split_spaces(std::string_view list) {
  std::vector<std::string_view> words;
  size_t start = 0;
  while (start < list.size()) {
    const size_t end = std::min(list.find(' ', start), list.size());
    if (end > start) words.push_back(list.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

bool is_base64_char(char c) { return g_ascii_isalnum(c) || c == '+' || c == '/'; }

// The bytes of standard base64 (padding optional); nullopt if text is not
// base64, which g_base64_decode would not tell.
std::optional<std::string> decode_base64(std::string_view text) {
  std::string padded(text);
  while (padded.size() % 4) padded.push_back('=');
  const size_t data_end = padded.find_last_not_of('=') + 1;
  if (padded.empty() || padded.size() - data_end > 2) return std::nullopt;
  for (size_t i = 0; i < data_end; i++)
    if (!is_base64_char(padded[i])) return std::nullopt;
  gsize length = 0;
  guchar* decoded = g_base64_decode(padded.c_str(), &length);
  std::string out(reinterpret_cast<const char*>(decoded), length);
  g_free(decoded);
  return out;
}

// A hex HMAC-SHA256 header (without its prefix) against the body's.
AuthResult check_hex_signature(std::string_view header, std::string_view value,
                               const std::string& expected, std::string& why) {
  const auto sent = decode_hex(value);
  if (!sent || sent->size() != kSha256Bytes) {
    why = std::string(header) + " is not a hex HMAC-SHA256";
    return AuthResult::Bad;
  }
  if (!constant_time_equal(*sent, expected)) {
    why = std::string(header) + " does not match the body signed with the secret";
    return AuthResult::Bad;
  }
  return AuthResult::Ok;
}

AuthResult verify_github(const WebhookRequest& request, std::string_view secret,
                         std::string& why) {
  const std::string value = request.header("x-hub-signature-256");
  if (value.empty()) {
    why = request.header("x-hub-signature").empty()
              ? "no X-Hub-Signature-256 header"
              : "only X-Hub-Signature (SHA-1) was sent; hoist checks X-Hub-Signature-256";
    return AuthResult::Missing;
  }
  if (value.compare(0, kGitHubPrefix.size(), kGitHubPrefix) != 0) {
    why = "X-Hub-Signature-256 does not start with sha256=";
    return AuthResult::Bad;
  }
  return check_hex_signature("X-Hub-Signature-256", std::string_view(value).substr(kGitHubPrefix.size()),
                             hmac_sha256(secret, {request.body}), why);
}

// Gitea sends X-Gitea-Signature and X-Hub-Signature-256, Forgejo adds
// X-Forgejo-Signature: each one sent must match.
AuthResult verify_gitea(const WebhookRequest& request, std::string_view secret, std::string& why) {
  const std::pair<std::string_view, std::string_view> headers[] = {
      {"x-forgejo-signature", "X-Forgejo-Signature"},
      {"x-gitea-signature", "X-Gitea-Signature"},
      {"x-hub-signature-256", "X-Hub-Signature-256"},
  };
  const std::string expected = hmac_sha256(secret, {request.body});
  bool any = false;
  for (const auto& header : headers) {
    std::string value = request.header(header.first);
    if (value.empty()) continue;
    any = true;
    if (value.compare(0, kGitHubPrefix.size(), kGitHubPrefix) == 0)
      value.erase(0, kGitHubPrefix.size());
    if (auto result = check_hex_signature(header.second, value, expected, why);
        result != AuthResult::Ok)
      return result;
  }
  if (!any) {
    why = "no X-Forgejo-Signature or X-Gitea-Signature header";
    return AuthResult::Missing;
  }
  return AuthResult::Ok;
}

// Standard Webhooks (https://www.standardwebhooks.com/), also GitLab's
// signing token.
AuthResult verify_standard(const WebhookRequest& request, std::string_view secret,
                           std::string& why) {
  const std::string signatures = request.header("webhook-signature");
  const std::string id = request.header("webhook-id");
  const std::string timestamp = request.header("webhook-timestamp");
  if (signatures.empty()) {
    why = "no webhook-signature header";
    return AuthResult::Missing;
  }
  if (id.empty() || timestamp.empty()) {
    why = "webhook-signature without webhook-id and webhook-timestamp";
    return AuthResult::Bad;
  }
  const bool digits = timestamp.size() <= 12 && timestamp.find_first_not_of("0123456789") ==
                                                    std::string::npos;
  if (!digits) {
    why = "webhook-timestamp is not a number of seconds";
    return AuthResult::Bad;
  }
  std::string key(secret);
  if (secret.substr(0, kWhsecPrefix.size()) == kWhsecPrefix) {
    auto decoded = decode_base64(secret.substr(kWhsecPrefix.size()));
    if (!decoded || decoded->empty()) {
      why = "the secret starts with whsec_ but the rest is not base64";
      return AuthResult::Bad;
    }
    key = std::move(*decoded);
  }
  const std::string expected = hmac_sha256(key, {id, ".", timestamp, ".", request.body});
  bool any_v1 = false, matched = false;
  for (const auto& word : split_spaces(signatures)) {
    if (word.substr(0, 3) != "v1,") continue;
    any_v1 = true;
    const auto sent = decode_base64(word.substr(3));
    if (sent && constant_time_equal(*sent, expected)) matched = true;
  }
  if (!matched) {
    why = any_v1 ? "no webhook-signature matches the body signed with the secret"
                 : "webhook-signature has no v1 signature";
    return AuthResult::Bad;
  }
  const int64_t now = request.now_usec ? static_cast<int64_t>(request.now_usec / G_USEC_PER_SEC)
                                       : g_get_real_time() / G_USEC_PER_SEC;
  const int64_t age = now - static_cast<int64_t>(std::stoll(timestamp));
  if (static_cast<uint64_t>(std::llabs(age)) * G_USEC_PER_SEC > kWebhookTimestampToleranceUsec) {
    why = "webhook-timestamp " + timestamp + " is " + std::to_string(std::llabs(age)) + " s " +
          (age > 0 ? "old" : "in the future") + "; the tolerance is 5 minutes";
    return AuthResult::Expired;
  }
  return AuthResult::Ok;
}

AuthResult verify_gitlab(const WebhookRequest& request, std::string_view secret, std::string& why) {
  if (!request.header("webhook-signature").empty()) return verify_standard(request, secret, why);
  const std::string token = request.header("x-gitlab-token");
  if (token.empty()) {
    why = "no X-Gitlab-Token or webhook-signature header";
    return AuthResult::Missing;
  }
  // Digests of equal length: the time does not tell the secret's length.
  if (!constant_time_equal(sha256(token), sha256(secret))) {
    why = "X-Gitlab-Token is not the secret";
    return AuthResult::Bad;
  }
  return AuthResult::Ok;
}

}  // namespace

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  volatile unsigned char difference = 0;
  for (size_t i = 0; i < a.size(); i++)
    difference = difference | static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

std::string_view auth_result_name(AuthResult result) {
  switch (result) {
    case AuthResult::Ok: return "ok";
    case AuthResult::Missing: return "missing";
    case AuthResult::Bad: return "bad";
    case AuthResult::Expired: return "expired";
  }
  return "bad";
}

AuthResult verify_webhook(const WebhookRequest& request, std::string_view secret,
                          std::string& why) {
  why.clear();
  if (secret.empty()) {
    why = "the secret is empty";
    return AuthResult::Bad;
  }
  switch (request.forge) {
    case Forge::GitHub: return verify_github(request, secret, why);
    case Forge::Gitea: return verify_gitea(request, secret, why);
    case Forge::GitLab: return verify_gitlab(request, secret, why);
    case Forge::Generic: return verify_standard(request, secret, why);
  }
  why = "unknown forge";
  return AuthResult::Bad;
}

}  // namespace hoist
