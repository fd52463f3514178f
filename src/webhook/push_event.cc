// Reading a forge's payload into a PushEvent (webhook.hh) with json-glib.
// One reader serves every forge: their push payloads share a shape
// (ref/before/after, repository, head_commit or commits), GitLab adds a
// project object and user_name.
#include <glib.h>

#include <algorithm>
#include <array>

#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "core/json_object.hh"
#include "core/utf8_text.hh"
#include "webhook/webhook.hh"

namespace hoist {
namespace {

constexpr std::string_view kHeadsPrefix = "refs/heads/";
constexpr std::string_view kTagsPrefix = "refs/tags/";
constexpr const char* kFormType = "application/x-www-form-urlencoded";
constexpr const char* kEllipsis = "\u2026";

// Where the repository's URLs are, in "repository" and GitLab's "project".
constexpr std::array<const char*, 11> kUrlKeys = {
    "clone_url",    "ssh_url", "git_url", "html_url", "git_http_url", "git_ssh_url",
    "http_url",     "web_url", "svn_url", "url",      "homepage",
};

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Members of an object that may be absent (nullptr): "" or nullptr then.
std::string string_of(JsonObject* o, const char* name) {
  return o ? JsonObjectReader(o).string(name) : std::string();
}
JsonObject* object_of(JsonObject* o, const char* name) {
  return o ? JsonObjectReader(o).object(name) : nullptr;
}

// The first value that is not empty.
std::string first_of(std::initializer_list<std::string> values) {
  for (const auto& v : values)
    if (!v.empty()) return v;
  return {};
}

// "application/x-www-form-urlencoded" of "Application/X-WWW-Form-Urlencoded; charset=utf-8".
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  const size_t start = type.find_first_not_of(" \t");
  const size_t end = type.find_last_not_of(" \t");
  type = start == std::string::npos ? std::string() : type.substr(start, end - start + 1);
  const GCharPtr lower(g_ascii_strdown(type.c_str(), -1));
  return lower.get();
}

// The JSON text of the request: its form's payload= field, or its body.
std::optional<std::string> json_text(const WebhookRequest& request, std::string& error) {
  if (media_type(request.header("content-type")) != kFormType) return request.body;
  GError* e = nullptr;
  const Ptr<GHashTable, g_hash_table_unref> params(
      g_uri_parse_params(request.body.data(), static_cast<gssize>(request.body.size()), "&",
                         G_URI_PARAMS_WWW_FORM, &e));
  if (!params) {
    const GErrorPtr owned(e);
    error = std::string("the form body does not decode: ") + e->message;
    return std::nullopt;
  }
  const auto* payload = static_cast<const char*>(g_hash_table_lookup(params.get(), "payload"));
  if (!payload) {
    error = "the form body has no payload= field";
    return std::nullopt;
  }
  return std::string(payload);
}

// The event's name and kind from the forge's header or the payload;
// returns the object holding the push (the payload, or generic's "data").
JsonObject* classify(const WebhookRequest& request, JsonObject* root, PushEvent& push) {
  const JsonObjectReader r(root);
  switch (request.forge) {
    case Forge::GitHub:
      push.event = request.header("x-github-event");
      push.is_push = push.event == "push";
      push.is_ping = push.event == "ping";
      break;
    case Forge::Gitea:
      push.event = first_of({request.header("x-forgejo-event"), request.header("x-gitea-event")});
      push.is_push = push.event == "push";
      break;
    case Forge::GitLab: {
      push.event = request.header("x-gitlab-event");
      const std::string kind = r.string("object_kind");
      push.is_push = push.event == "Push Hook" || push.event == "Tag Push Hook" ||
                     (push.event == "System Hook" && (kind == "push" || kind == "tag_push"));
      break;
    }
    case Forge::Generic:
      push.event = r.string("type");
      if (push.event.empty()) {
        push.is_push = !r.string("ref").empty() && !r.string("after").empty();
        if (push.is_push) push.event = "push";
        break;
      }
      push.is_push = push.event == "push" || ends_with(push.event, ".push");
      push.is_ping = push.event == "ping" || ends_with(push.event, ".ping");
      if (JsonObject* data = r.object("data")) return data;
      break;
  }
  return root;
}

bool is_zero_sha(std::string_view sha) {
  return !sha.empty() && sha.find_first_not_of('0') == std::string_view::npos;
}

// The head commit: head_commit, else the commit of after (GitLab: or of
// checkout_sha) in commits, else the last one.
JsonObject* head_commit(JsonObject* data, const PushEvent& push) {
  const JsonObjectReader r(data);
  if (JsonObject* head = r.object("head_commit")) return head;
  JsonArray* commits = r.array("commits");
  if (!commits || json_array_get_length(commits) == 0) return nullptr;
  JsonObject* last = nullptr;
  for (guint i = 0; i < json_array_get_length(commits); i++) {
    JsonNode* node = json_array_get_element(commits, i);
    if (!JSON_NODE_HOLDS_OBJECT(node)) continue;
    last = json_node_get_object(node);
    const std::string id = string_of(last, "id");
    if (!id.empty() && (id == push.after || id == push.checkout_sha)) return last;
  }
  return last;
}

// The first line of a commit message, valid UTF-8, at most
// kWebhookMessageMaxChars characters (the last one "…" when cut).
std::string first_line(std::string_view message) {
  std::string line = make_valid_utf8(message.substr(0, message.find_first_of("\r\n")));
  line.erase(line.find_last_not_of(" \t") + 1);
  if (g_utf8_strlen(line.c_str(), static_cast<gssize>(line.size())) >
      static_cast<glong>(kWebhookMessageMaxChars)) {
    const char* cut = g_utf8_offset_to_pointer(line.c_str(), kWebhookMessageMaxChars - 1);
    line.resize(static_cast<size_t>(cut - line.c_str()));
    line += kEllipsis;
  }
  return line;
}

void read_ref(JsonObject* data, PushEvent& push) {
  const JsonObjectReader r(data);
  push.ref = r.string("ref");
  push.before = r.string("before");
  push.after = r.string("after");
  push.checkout_sha = r.string("checkout_sha");
  if (starts_with(push.ref, kHeadsPrefix)) {
    push.branch = push.ref.substr(kHeadsPrefix.size());
  } else if (starts_with(push.ref, kTagsPrefix)) {
    push.is_tag = true;
    push.branch = push.ref.substr(kTagsPrefix.size());
  }
  push.is_delete = r.boolean("deleted") || is_zero_sha(push.after);
}

void read_repository(JsonObject* data, PushEvent& push) {
  for (const char* group : {"repository", "project"}) {
    JsonObject* o = object_of(data, group);
    for (const char* key : kUrlKeys) {
      std::string url = string_of(o, key);
      if (!url.empty() && std::find(push.repository_urls.begin(), push.repository_urls.end(),
                                    url) == push.repository_urls.end())
        push.repository_urls.push_back(std::move(url));
    }
  }
  push.full_name = first_of({string_of(object_of(data, "repository"), "full_name"),
                             string_of(object_of(data, "project"), "path_with_namespace"),
                             string_of(object_of(data, "repository"), "path_with_namespace")});
}

void read_head_commit(JsonObject* data, PushEvent& push) {
  const JsonObjectReader r(data);
  JsonObject* head = head_commit(data, push);
  JsonObject* author = object_of(head, "author");
  JsonObject* pusher = r.object("pusher");
  push.author = make_valid_utf8(first_of({
      string_of(author, "name"),
      string_of(author, "username"),
      string_of(pusher, "full_name"),
      string_of(pusher, "name"),
      string_of(pusher, "login"),
      string_of(pusher, "username"),
      r.string("user_name"),
      r.string("user_username"),
      string_of(r.object("sender"), "login"),
  }));
  push.message = first_line(head ? string_of(head, "message") : r.string("message"));
  push.commit_url = string_of(head, "url");
  push.compare_url = first_of({r.string("compare"), r.string("compare_url")});
  const std::string web_url = string_of(r.object("project"), "web_url");
  if (push.compare_url.empty() && !web_url.empty() && !push.before.empty() &&
      !push.after.empty() && !is_zero_sha(push.before) && !is_zero_sha(push.after))
    push.compare_url = web_url + "/-/compare/" + push.before + "..." + push.after;
}

}  // namespace

std::optional<PushEvent> parse_webhook(const WebhookRequest& request, std::string& error) {
  error.clear();
  const auto text = json_text(request, error);
  if (!text) return std::nullopt;
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
    error = "the payload is empty";
    return std::nullopt;
  }
  if (const std::string problem = json_text_problem(*text); !problem.empty()) {
    error = "the payload " + problem;
    return std::nullopt;
  }
  const JsonParserPtr parser(json_parser_new());
  GError* e = nullptr;
  if (!json_parser_load_from_data(parser.get(), text->data(), static_cast<gssize>(text->size()),
                                  &e)) {
    const GErrorPtr owned(e);
    error = std::string("the payload is not JSON: ") + e->message;
    return std::nullopt;
  }
  JsonNode* root = json_parser_get_root(parser.get());
  if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
    error = "the payload is not a JSON object";
    return std::nullopt;
  }
  PushEvent push;
  JsonObject* data = classify(request, json_node_get_object(root), push);
  read_ref(data, push);
  read_repository(data, push);
  read_head_commit(data, push);
  return push;
}

}  // namespace hoist
