// Forge webhooks, as data: which forge sent a request, whether it is
// authentic, what it says (a push of a branch to a repository), and which
// apps it concerns. Pure functions over the request's headers and raw body:
// the HTTP endpoint (api/http_hooks.cc) reads the request, these decide.
//
// Forges: GitHub (X-Hub-Signature-256), Gitea and Forgejo (X-Gitea-Signature /
// X-Forgejo-Signature), GitLab (X-Gitlab-Token, or its signed variant),
// generic Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).
//
// How the endpoint may use them for POST /hooks/NAME. Secrets are per app:
// verify the request with the secret of each app with a repository (a few
// HMACs of at most 1 MiB), parse it only once a secret verified, and deploy
// only apps whose own secret did:
//   forge_from_path_name(NAME)              nullopt: 404
//   for each app with a repository:
//     read_webhook_secret(app.webhook, daemon.webhook,
//                         $CREDENTIALS_DIRECTORY, error)   (log a failure)
//     verify_webhook(request, secret, why)  Ok: a verified app
//   none verified                           401, logging each why
//   delivery_id(request) seen before        200 "already delivered"
//   parse_webhook(request, error)           nullopt: 400
//   is_ping: 200; !is_push: 202 ignored
//   matching_apps(push, verified apps)      none: 202 ignored (a tag, a
//                                           deletion, another branch or
//                                           repository); else queue a deploy
//                                           of push.after for each
//
// Files: forge.cc (names, headers, delivery ids), signature.cc (HMACs and
// tokens), push_event.cc (payloads), matching.cc (URLs and apps), secret.cc
// (which secret an app has), secret_file.cc (reading root-only files and
// credentials, also for other secrets).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/app_config.hh"

namespace hoist {

enum class Forge { GitHub, Gitea, GitLab, Generic };  // Gitea covers Forgejo

// "github", "gitea", "gitlab", "generic": the last component of /hooks/NAME.
std::optional<Forge> forge_from_path_name(std::string_view name);
std::string_view forge_name(Forge forge);

struct WebhookRequest {
  Forge forge = Forge::GitHub;
  std::map<std::string, std::string> headers;  // names lower-case
  std::string body;                            // raw, as received
  uint64_t now_usec = 0;  // for Standard Webhooks' timestamp tolerance; 0: the real time now

  // The header's value, "" if absent.
  std::string header(std::string_view lower_case_name) const;
};

enum class AuthResult {
  Ok,
  Missing,  // no signature/token header at all
  Bad,      // present but wrong (or malformed)
  Expired,  // Standard Webhooks: timestamp outside the 5-minute tolerance
};

// Standard Webhooks' tolerance between webhook-timestamp and now, either way.
inline constexpr uint64_t kWebhookTimestampToleranceUsec = 5ull * 60 * 1000 * 1000;

// Checks the request's signature or token against secret with a
// constant-time comparison. why: for the log, never containing the secret
// (nor the signature or token sent). An empty secret verifies nothing (Bad).
//   GitHub:  X-Hub-Signature-256: sha256=HEX (HMAC-SHA256 of the body).
//   Gitea:   X-Forgejo-Signature, X-Gitea-Signature: HEX (also
//            X-Hub-Signature-256, which Gitea sends too); every one sent must
//            match.
//   GitLab:  the signed variant when webhook-signature is sent (GitLab's
//            "signing token": Standard Webhooks headers, secret whsec_BASE64),
//            else X-Gitlab-Token compared with the secret.
//   Generic: Standard Webhooks: webhook-signature "v1,BASE64" (several may be
//            sent, space-separated; one must match) over
//            "WEBHOOK-ID.WEBHOOK-TIMESTAMP.BODY" keyed with the secret, or
//            with its base64-decoded part when it is "whsec_BASE64"; a correct
//            signature whose timestamp is more than 5 minutes from now_usec
//            is Expired.
AuthResult verify_webhook(const WebhookRequest& request, std::string_view secret, std::string& why);

// "ok", "missing", "bad", "expired": for logs and JSON answers.
std::string_view auth_result_name(AuthResult result);

// a == b, in a time that depends on their lengths only.
bool constant_time_equal(std::string_view a, std::string_view b);

// The delivery id (X-GitHub-Delivery, X-Forgejo-Delivery / X-Gitea-Delivery,
// X-Gitlab-Event-UUID then webhook-id, webhook-id), "" if none. As sent:
// make it valid UTF-8 before logging it (DeliveryIds hashes long ones).
std::string delivery_id(const WebhookRequest& request);

// The longest PushEvent::message, in characters.
inline constexpr size_t kWebhookMessageMaxChars = 300;

struct PushEvent {
  std::string event;  // as the forge names it: "push", "ping", "Push Hook", "Tag Push Hook", ...
  bool is_ping = false;
  bool is_push = false;    // a push (of a branch or a tag)
  bool is_tag = false;     // ref is refs/tags/...
  bool is_delete = false;  // the ref was deleted (after is all zeros, or "deleted": true)
  std::string ref;         // "refs/heads/main"
  std::string branch;      // "main" (or the tag's name when is_tag); "" for other refs
  std::string before, after;  // GitLab tag pushes: after is the tag object (see checkout_sha)
  std::string checkout_sha;   // GitLab only: the commit the ref points to
  std::vector<std::string> repository_urls;  // clone, ssh, html, git_http_url, git_ssh_url, ...
  std::string full_name;                     // "owner/name"; GitLab: path_with_namespace
  std::string author;   // of the head commit (or the pusher); valid UTF-8
  std::string message;  // first line of the head commit's message, ≤ 300 characters (the
                        // 300th "…" when cut), valid UTF-8
  std::string compare_url;  // GitLab: made from the project's web_url
  std::string commit_url;   // of the head commit, if the payload has it

  // The commit to deploy: checkout_sha when the payload has one (a GitLab
  // annotated tag's after is the tag object), else after.
  const std::string& revision() const { return checkout_sha.empty() ? after : checkout_sha; }
  bool operator==(const PushEvent&) const = default;
};

// Parses the body (application/json, or application/x-www-form-urlencoded
// with payload=JSON: by the request's content-type; any other type is read
// as JSON, the endpoint refuses those it does not take). nullopt with error
// for an unparseable body or a payload that is not an object; an event this
// code does not know is returned with is_push and is_ping false. A payload
// nesting arrays and objects deeper than 64 levels is refused (json-glib
// parses recursively: it would overflow the stack), so parsing before a
// signature is checked is safe.
//   Event names: X-GitHub-Event ("push", "ping"), X-Forgejo-Event or
//   X-Gitea-Event ("push"), X-Gitlab-Event ("Push Hook", "Tag Push Hook",
//   "System Hook" with object_kind push or tag_push). Generic: the payload's
//   "type" ("push" or "*.push", "ping" or "*.ping"; the push is then read
//   from its "data" object if it has one), else a push if it has "ref" and
//   "after".
std::optional<PushEvent> parse_webhook(const WebhookRequest& request, std::string& error);

// The apps a push concerns: apps with a Repository= whose Branch= equals
// the pushed branch and where one of the payload's repository URLs equals
// Repository= (after normalize_repository_url) or the payload's full name
// equals [Webhook] Name= (ASCII case ignored). A tag push matches, whatever
// its Branch=, an app with [Webhook] DeployTags=yes whose repository matches;
// a deletion, a ping or an event that is not a push matches none. Sorted by
// name.
std::vector<std::string> matching_apps(const PushEvent& push,
                                       const std::map<std::string, AppConfig>& apps);

// Does this app's repository match the push's (URLs or full name, as above)?
bool push_names_repository(const PushEvent& push, const AppConfig& app);

// "https://host/owner/name" for "https://host/owner/name.git",
// "git@host:owner/name.git", "ssh://git@host:22/owner/name" ...: what makes
// two URLs of one repository compare equal. For http(s)://, ssh://,
// git+ssh://, git:// and scp-like "[user@]host:path": user and port dropped,
// scheme made https, lower case (forges ignore the case of hosts and
// repository names). Everywhere: surrounding space and trailing "/" and
// ".git" dropped. "file:///srv/x" gives "/srv/x"; other local paths and
// schemes keep their case.
std::string normalize_repository_url(std::string_view url);

// The credential read when neither the app nor hoist.conf names a secret.
inline constexpr const char* kDefaultWebhookCredential = "webhook-secret";

// The webhook secret of an app: its [Webhook] SecretFile= or
// SecretCredential=, else hoist.conf's [Webhook] defaults, else the
// credential "webhook-secret". Credentials are read from
// $CREDENTIALS_DIRECTORY (credentials_dir; empty: none). Read with
// read_secret_file (secret_file.hh): a secret file accessible by group or
// others (any of mode 077), owned by another user than root or hoistd's, a
// symbolic link (opened with O_NOFOLLOW), not a regular file, empty, or over
// 4 KiB is refused with an error naming it; a credential likewise, but for
// its mode and owner (systemd sets them). A trailing newline ("\n" or
// "\r\n") is dropped. error never holds the secret.
std::optional<std::string> read_webhook_secret(const WebhookConfig& app, const WebhookConfig& defaults,
                                               const std::string& credentials_dir, std::string& error);

}  // namespace hoist
