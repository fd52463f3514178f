// Reading webhook payloads (webhook/webhook.hh parse_webhook) from the real
// samples in fixtures/webhooks (copied from ../shared/fixtures/webhooks).
#include <glib.h>
#include <gtest/gtest.h>

#include <string>

#include "common/glib_ptr.hh"
#include "temp_dir.hh"
#include "webhook/webhook.hh"
#include "webhook_fixtures.hh"

using namespace hoist;
using hoist::testing::read_file;

namespace hoist {

// Every field, for gtest's messages.
void PrintTo(const PushEvent& p, std::ostream* os) {
  *os << "{event=" << p.event << (p.is_ping ? " ping" : "") << (p.is_push ? " push" : "")
      << (p.is_tag ? " tag" : "") << (p.is_delete ? " delete" : "") << " ref=" << p.ref
      << " branch=" << p.branch << " before=" << p.before << " after=" << p.after
      << " checkout_sha=" << p.checkout_sha << " urls=[";
  for (const auto& url : p.repository_urls) *os << url << " ";
  *os << "] full_name=" << p.full_name << " author=" << p.author << " message=" << p.message
      << " compare=" << p.compare_url << " commit=" << p.commit_url << "}";
}

}  // namespace hoist

namespace {

using Strings = std::vector<std::string>;

std::string fixture(const std::string& name) {
  return read_file(std::string(HOIST_WEBHOOK_FIXTURES) + "/" + name);
}

WebhookRequest request(Forge forge, std::string body, std::map<std::string, std::string> headers,
                       const std::string& content_type = "application/json") {
  WebhookRequest r;
  r.forge = forge;
  r.body = std::move(body);
  r.headers = std::move(headers);
  r.headers["content-type"] = content_type;
  return r;
}

PushEvent parsed(const WebhookRequest& r) {
  std::string error;
  auto push = parse_webhook(r, error);
  EXPECT_TRUE(push) << error;
  EXPECT_EQ(error, "");
  return push.value_or(PushEvent{});
}

std::string parse_error(const WebhookRequest& r) {
  std::string error;
  EXPECT_FALSE(parse_webhook(r, error));
  return error;
}

std::string form_of(const std::string& json) {
  const GCharPtr escaped(g_uri_escape_string(json.c_str(), nullptr, FALSE));
  return std::string("payload=") + escaped.get();
}

}  // namespace

TEST(WebhookPayload, GitHubPush) {
  EXPECT_EQ(
      parsed(request(Forge::GitHub, fixture("github-push-1.json"), {{"x-github-event", "push"}})),
      (PushEvent{
          .event = "push",
          .is_push = true,
          .ref = "refs/heads/master",
          .branch = "master",
          .before = "737d38c599c1b2991664dfc6155d6bf516fcce36",
          .after = "fd489864e7642b48eaad6e3f155c10e46810ec72",
          .repository_urls = {"https://github.com/binkkatal/sample_app.git",
                              "git@github.com:binkkatal/sample_app.git",
                              "git://github.com/binkkatal/sample_app.git",
                              "https://github.com/binkkatal/sample_app"},
          .full_name = "binkkatal/sample_app",
          .author = "binkkatal",
          .message = "test a push event",
          .compare_url =
              "https://github.com/binkkatal/sample_app/compare/737d38c599c1...fd489864e764",
          .commit_url = "https://github.com/binkkatal/sample_app/commit/"
                        "fd489864e7642b48eaad6e3f155c10e46810ec72",
      }));
}

TEST(WebhookPayload, GitHubNewBranch) {
  const auto p =
      parsed(request(Forge::GitHub, fixture("github-push-2.json"), {{"x-github-event", "push"}}));
  EXPECT_TRUE(p.is_push);
  EXPECT_FALSE(p.is_delete);  // created: before is all zeros, after is not
  EXPECT_EQ(p.before, "0000000000000000000000000000000000000000");
  EXPECT_EQ(p.after, "6113728f27ae82c7b1a177c8d03f9e96e0adf246");
  EXPECT_EQ(p.revision(), p.after);
  EXPECT_EQ(p.branch, "master");
  EXPECT_EQ(p.full_name, "Codertocat/Hello-World");
  EXPECT_EQ(p.author, "Codertocat");
  EXPECT_EQ(p.message, "Initial commit");
}

TEST(WebhookPayload, GitHubTagDeletion) {
  const auto p =
      parsed(request(Forge::GitHub, fixture("github-push-4.json"), {{"x-github-event", "push"}}));
  EXPECT_TRUE(p.is_push);
  EXPECT_TRUE(p.is_tag);
  EXPECT_TRUE(p.is_delete);
  EXPECT_EQ(p.ref, "refs/tags/simple-tag");
  EXPECT_EQ(p.branch, "simple-tag");
  EXPECT_EQ(p.after, "0000000000000000000000000000000000000000");
  EXPECT_EQ(p.author, "Codertocat");  // no head commit: the pusher
  EXPECT_EQ(p.message, "");
  EXPECT_EQ(p.commit_url, "");
}

TEST(WebhookPayload, GitHubPing) {
  const auto p =
      parsed(request(Forge::GitHub, fixture("github-ping-1.json"), {{"x-github-event", "ping"}}));
  EXPECT_EQ(p.event, "ping");
  EXPECT_TRUE(p.is_ping);
  EXPECT_FALSE(p.is_push);
  EXPECT_EQ(p.full_name, "Octocoders/Hello-World");
  EXPECT_EQ(p.repository_urls.front(), "https://github.com/Octocoders/Hello-World.git");
  EXPECT_EQ(p.author, "Codertocat");  // the sender
}

TEST(WebhookPayload, GitHubOtherEvents) {
  const std::string body = fixture("github-push-1.json");
  auto p = parsed(request(Forge::GitHub, body, {{"x-github-event", "create"}}));
  EXPECT_EQ(p.event, "create");
  EXPECT_FALSE(p.is_push);
  EXPECT_FALSE(p.is_ping);
  p = parsed(request(Forge::GitHub, body, {}));  // no event header: not a push
  EXPECT_EQ(p.event, "");
  EXPECT_FALSE(p.is_push);
}

TEST(WebhookPayload, Gitea) {
  EXPECT_EQ(
      parsed(request(Forge::Gitea, fixture("gitea-push-1.json"), {{"x-gitea-event", "push"}})),
      (PushEvent{
          .event = "push",
          .is_push = true,
          .ref = "refs/heads/master",
          .branch = "master",
          .before = "0000000000000000000000000000000000000000",
          .after = "67b56589a45103f891bdee7c0546e5d40bc02001",
          .repository_urls = {"http://localhost:3000/example/example.git",
                              "git@localhost:example/example.git",
                              "http://localhost:3000/example/example"},
          .full_name = "example/example",
          .author = "example",
          .message = "example",  // "example\n"
          .compare_url = "http://localhost:3000/example/example/compare/"
                         "0000000000000000000000000000000000000000..."
                         "67b56589a45103f891bdee7c0546e5d40bc02001",
          .commit_url = "http://localhost:3000/example/example/commit/"
                        "67b56589a45103f891bdee7c0546e5d40bc02001",
      }));
}

TEST(WebhookPayload, Forgejo) {
  const auto p = parsed(request(Forge::Gitea, fixture("forgejo-push-1.json"),
                                {{"x-forgejo-event", "push"}, {"x-gitea-event", "push"}}));
  EXPECT_TRUE(p.is_push);
  EXPECT_EQ(p.branch, "pull");
  EXPECT_EQ(p.after, "1c5ccba31592d36a7b999434768c7498edfec822");
  EXPECT_EQ(p.full_name, "fedora/w2fm-test");
  EXPECT_EQ(p.repository_urls, (Strings{"https://codeberg.org/fedora/w2fm-test.git",
                                        "git@codeberg.org:fedora/w2fm-test.git",
                                        "https://codeberg.org/fedora/w2fm-test",
                                        "https://codeberg.org/api/v1/repos/fedora/w2fm-test"}));
  EXPECT_EQ(p.author, "Akashdeep Dhar");
  EXPECT_EQ(p.message, "Taking a dump with `json.dumps()` function");  // the first line only
  EXPECT_EQ(p.compare_url,
            "https://codeberg.org/fedora/w2fm-test/compare/"
            "958064be7bceb13ef5895a2f70d4fa399c5936d1...1c5ccba31592d36a7b999434768c7498edfec822");
}

TEST(WebhookPayload, GitLabPush) {
  EXPECT_EQ(
      parsed(request(Forge::GitLab, fixture("gitlab-push-1.json"), {{"x-gitlab-event", "Push Hook"}})),
      (PushEvent{
          .event = "Push Hook",
          .is_push = true,
          .ref = "refs/heads/master",
          .branch = "master",
          .before = "95790bf891e76fee5e1747ab589903a6a1f80f22",
          .after = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
          .checkout_sha = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
          .repository_urls = {"http://example.com/mike/diaspora.git",
                              "git@example.com:mike/diaspora.git",
                              "http://example.com/mike/diaspora"},
          .full_name = "mike/diaspora",
          // The head commit is the one of after, not the first of commits.
          .author = "GitLab dev user",
          .message = "fixed readme",
          .compare_url = "http://example.com/mike/diaspora/-/compare/"
                         "95790bf891e76fee5e1747ab589903a6a1f80f22..."
                         "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
          .commit_url = "http://example.com/mike/diaspora/commit/"
                        "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
      }));
}

TEST(WebhookPayload, GitLabTagPush) {
  const auto p = parsed(request(Forge::GitLab, fixture("gitlab-tag_push-1.json"),
                                {{"x-gitlab-event", "Tag Push Hook"}}));
  EXPECT_TRUE(p.is_push);
  EXPECT_TRUE(p.is_tag);
  EXPECT_FALSE(p.is_delete);
  EXPECT_EQ(p.branch, "v22");
  EXPECT_EQ(p.after, "fabed3d94cd03e6c2b7958afa9569c18a24d301f");  // the tag object
  EXPECT_EQ(p.checkout_sha, "16862e368d8ab812e48833b741dad720d6e2cb7f");
  EXPECT_EQ(p.revision(), "16862e368d8ab812e48833b741dad720d6e2cb7f");
  EXPECT_EQ(p.full_name, "test/woodpecker");
  EXPECT_EQ(p.author, "the test");
  EXPECT_EQ(p.message, "Update main.go");
  EXPECT_EQ(p.compare_url, "");  // a new tag: nothing to compare with
}

TEST(WebhookPayload, GitLabSystemHookAndOthers) {
  const std::string body = fixture("gitlab-push-1.json");
  EXPECT_TRUE(parsed(request(Forge::GitLab, body, {{"x-gitlab-event", "System Hook"}})).is_push);
  EXPECT_FALSE(parsed(request(Forge::GitLab, body, {{"x-gitlab-event", "Issue Hook"}})).is_push);
  EXPECT_FALSE(parsed(request(Forge::GitLab, body, {{"x-gitlab-event", "push"}})).is_push);
}

TEST(WebhookPayload, GitLabBranchDeletion) {
  std::string body = fixture("gitlab-push-1.json");
  const std::string after = "\"after\": \"da1560886d4f094c3e6c9ef40349f7d38b5d27d7\"";
  body.replace(body.find(after), after.size(),
               "\"after\": \"0000000000000000000000000000000000000000\"");
  const auto p = parsed(request(Forge::GitLab, body, {{"x-gitlab-event", "Push Hook"}}));
  EXPECT_TRUE(p.is_push);
  EXPECT_TRUE(p.is_delete);
  EXPECT_EQ(p.compare_url, "");
}

TEST(WebhookPayload, GitHubDeletedFlag) {
  const auto p = parsed(request(
      Forge::GitHub,
      R"({"ref":"refs/heads/old","before":"abc","after":"def","deleted":true})",
      {{"x-github-event", "push"}}));
  EXPECT_TRUE(p.is_delete);
  EXPECT_EQ(p.branch, "old");
}

TEST(WebhookPayload, FormBody) {
  const std::string json = fixture("github-push-1.json");
  const auto p = parsed(request(Forge::GitHub, form_of(json), {{"x-github-event", "push"}},
                                "application/x-www-form-urlencoded"));
  EXPECT_TRUE(p.is_push);
  EXPECT_EQ(p.after, "fd489864e7642b48eaad6e3f155c10e46810ec72");
  EXPECT_EQ(p.full_name, "binkkatal/sample_app");
  // '+' is a space; the content type's case and parameters do not matter.
  const auto q = parsed(request(
      Forge::Generic,
      "payload=%7B%22ref%22%3A%22refs%2Fheads%2Fmain%22%2C%22after%22%3A%22abc%22%2C%22head_"
      "commit%22%3A%7B%22message%22%3A%22fix+the+bug%22%7D%7D&other=1",
      {}, "Application/X-WWW-Form-Urlencoded; charset=utf-8"));
  EXPECT_TRUE(q.is_push);
  EXPECT_EQ(q.message, "fix the bug");
  EXPECT_EQ(parse_error(request(Forge::GitHub, "other=1", {}, "application/x-www-form-urlencoded")),
            "the form body has no payload= field");
  EXPECT_NE(parse_error(request(Forge::GitHub, "payload=%zz", {},
                                "application/x-www-form-urlencoded")),
            "");
  // A form body sent as JSON is not JSON.
  EXPECT_EQ(parse_error(request(Forge::GitHub, form_of(json), {})).rfind("the payload is not JSON", 0),
            0u);
}

TEST(WebhookPayload, Generic) {
  // A push-shaped payload without a type.
  auto p = parsed(request(Forge::Generic, fixture("github-push-1.json"), {}));
  EXPECT_EQ(p.event, "push");
  EXPECT_TRUE(p.is_push);
  EXPECT_EQ(p.branch, "master");
  // Standard Webhooks' envelope: type, and the push in data.
  p = parsed(request(Forge::Generic,
                     R"({"type":"git.push","timestamp":"2024-01-01T00:00:00Z","data":)"
                     R"({"ref":"refs/heads/main","after":"abc","repository":)"
                     R"({"full_name":"acme/api","clone_url":"https://git.example.com/acme/api.git"}}})",
                     {}));
  EXPECT_EQ(p.event, "git.push");
  EXPECT_TRUE(p.is_push);
  EXPECT_EQ(p.branch, "main");
  EXPECT_EQ(p.after, "abc");
  EXPECT_EQ(p.full_name, "acme/api");
  EXPECT_EQ(p.repository_urls, Strings{"https://git.example.com/acme/api.git"});
  p = parsed(request(Forge::Generic, R"({"type":"ping"})", {}));
  EXPECT_TRUE(p.is_ping);
  p = parsed(request(Forge::Generic, R"({"type":"invoice.paid","data":{"ref":"x"}})", {}));
  EXPECT_EQ(p.event, "invoice.paid");
  EXPECT_FALSE(p.is_push);
  EXPECT_FALSE(p.is_ping);
  p = parsed(request(Forge::Generic, R"({"ref":"refs/heads/main"})", {}));  // no after
  EXPECT_FALSE(p.is_push);
}

TEST(WebhookPayload, MessageIsOneLineOfAtMost300Characters) {
  std::string long_line;
  for (int i = 0; i < 400; i++) long_line += "\xc3\xa9";  // é, 2 bytes
  auto p = parsed(request(Forge::Generic,
                          R"({"ref":"refs/heads/main","after":"a","head_commit":{"message":")" +
                              long_line + R"(\nsecond line"}})",
                          {}));
  EXPECT_EQ(g_utf8_strlen(p.message.c_str(), -1), 300);
  EXPECT_TRUE(g_utf8_validate(p.message.c_str(), -1, nullptr));
  EXPECT_EQ(p.message, long_line.substr(0, 299 * 2) + "\u2026");
  // Exactly 300 characters stay as they are; \r\n ends a line too.
  const std::string exact = long_line.substr(0, 300 * 2);
  p = parsed(request(Forge::Generic,
                     R"({"ref":"refs/heads/main","after":"a","head_commit":{"message":")" + exact +
                         R"(\r\nmore"}})",
                     {}));
  EXPECT_EQ(p.message, exact);
  // A NUL (\u0000) in a message does not survive into the text.
  p = parsed(request(Forge::Generic,
                     R"({"ref":"refs/heads/main","after":"a","head_commit":{"message":"a\u0000b",)"
                     R"("author":{"name":"Zoë"}}})",
                     {}));
  EXPECT_EQ(p.message.find('\0'), std::string::npos);
  EXPECT_EQ(p.author, "Zoë");
}

TEST(WebhookPayload, BadBodies) {
  EXPECT_EQ(parse_error(request(Forge::GitHub, "", {})), "the payload is empty");
  EXPECT_EQ(parse_error(request(Forge::GitHub, " \n", {})), "the payload is empty");
  EXPECT_EQ(parse_error(request(Forge::GitHub, "payload=", {}, "application/x-www-form-urlencoded")),
            "the payload is empty");
  EXPECT_EQ(parse_error(request(Forge::GitHub, "{\"ref\":", {})).rfind("the payload is not JSON", 0),
            0u);
  EXPECT_EQ(parse_error(request(Forge::GitHub, "[1, 2]", {})), "the payload is not a JSON object");
  EXPECT_EQ(parse_error(request(Forge::GitHub, "\"push\"", {})),
            "the payload is not a JSON object");
  EXPECT_EQ(parse_error(request(Forge::GitHub, "{\"a\":\"\xff\"}", {})).rfind("the payload is not JSON", 0),
            0u);
  // Deep nesting is refused before json-glib could overflow its stack.
  const std::string deep = std::string(500000, '[') + std::string(500000, ']');
  EXPECT_EQ(parse_error(request(Forge::GitHub, deep, {})),
            "the payload nests deeper than 64 levels");
  // Brackets inside strings do not count.
  const auto p = parsed(request(Forge::Generic,
                                R"({"ref":"refs/heads/[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"[","after":"a"})",
                                {}));
  EXPECT_TRUE(p.is_push);
}
