// Which apps a push concerns, and repository URLs compared by what they name
// (webhook/webhook.hh matching_apps, normalize_repository_url).
#include <gtest/gtest.h>

#include <string>

#include "temp_dir.hh"
#include "webhook/webhook.hh"
#include "webhook_fixtures.hh"

using namespace hoist;

namespace {

using Strings = std::vector<std::string>;

PushEvent fixture_push(Forge forge, const std::string& name, const std::string& event_header,
                       const std::string& event) {
  WebhookRequest r;
  r.forge = forge;
  r.body = hoist::testing::read_file(std::string(HOIST_WEBHOOK_FIXTURES) + "/" + name);
  r.headers[event_header] = event;
  std::string error;
  auto push = parse_webhook(r, error);
  EXPECT_TRUE(push) << error;
  return push.value_or(PushEvent{});
}

AppConfig app(const std::string& repository, const std::string& branch = "main",
              const std::string& webhook_name = "") {
  AppConfig a;
  a.repository = repository;
  a.branch = branch;
  a.webhook.name = webhook_name;
  return a;
}

}  // namespace

TEST(WebhookUrl, Normalize) {
  const std::string want = "https://github.com/acme/api";
  for (const char* url : {
           "https://github.com/acme/api",
           "https://github.com/acme/api.git",
           "https://github.com/acme/api/",
           "https://github.com/acme/api.git/",
           "http://github.com/acme/api",
           "HTTPS://GitHub.com/Acme/API.git",
           "https://user:token@github.com:443/acme/api.git",
           "git@github.com:acme/api.git",
           "git@github.com:/acme/api.git",
           "github.com:acme/api",
           "ssh://git@github.com/acme/api.git",
           "ssh://git@github.com:22/acme/api",
           "git+ssh://git@github.com/acme/api.git",
           "git://github.com/acme/api.git",
           "  https://github.com/acme/api.git\n",
       })
    EXPECT_EQ(normalize_repository_url(url), want) << url;
  EXPECT_EQ(normalize_repository_url("git@gitlab.example.com:group/sub/name.git"),
            "https://gitlab.example.com/group/sub/name");
  EXPECT_EQ(normalize_repository_url("ssh://git@[2001:db8::1]:2222/acme/api.git"),
            "https://[2001:db8::1]/acme/api");
  EXPECT_EQ(normalize_repository_url("http://localhost:3000/example/example.git"),
            "https://localhost/example/example");
  // Local paths keep their case; file:// is the path.
  EXPECT_EQ(normalize_repository_url("/srv/git/Api.git"), "/srv/git/Api");
  EXPECT_EQ(normalize_repository_url("file:///srv/git/Api.git/"), "/srv/git/Api");
  EXPECT_EQ(normalize_repository_url("/srv/git/api/"), "/srv/git/api");
  EXPECT_EQ(normalize_repository_url(""), "");
  // Another repository stays another.
  EXPECT_NE(normalize_repository_url("https://github.com/acme/api2"), want);
  EXPECT_NE(normalize_repository_url("https://gitlab.com/acme/api"), want);
  EXPECT_NE(normalize_repository_url("https://github.com/acme/api/wiki"), want);
}

TEST(WebhookMatching, ByUrlAndBranch) {
  const auto push = fixture_push(Forge::GitHub, "github-push-1.json", "x-github-event", "push");
  const std::map<std::string, AppConfig> apps = {
      {"https", app("https://github.com/binkkatal/sample_app.git", "master")},
      {"scp", app("git@github.com:binkkatal/sample_app.git", "master")},
      {"ssh", app("ssh://git@github.com/binkkatal/sample_app", "master")},
      {"case", app("https://github.com/BinkKatal/Sample_App", "master")},
      {"other-branch", app("https://github.com/binkkatal/sample_app.git", "main")},
      {"other-repo", app("https://github.com/binkkatal/other_app.git", "master")},
      {"other-host", app("https://gitlab.com/binkkatal/sample_app.git", "master")},
      {"restart-only", app("", "master", "binkkatal/sample_app")},
  };
  EXPECT_EQ(matching_apps(push, apps), (Strings{"case", "https", "scp", "ssh"}));
}

TEST(WebhookMatching, ByFullName) {
  const auto push = fixture_push(Forge::GitLab, "gitlab-push-1.json", "x-gitlab-event", "Push Hook");
  const std::map<std::string, AppConfig> apps = {
      // Cloned through a mirror: only [Webhook] Name= ties it to the push.
      {"mirror", app("https://mirror.example.net/diaspora.git", "master", "mike/diaspora")},
      {"mirror-case", app("https://mirror.example.net/diaspora.git", "master", "Mike/Diaspora")},
      {"by-url", app("git@example.com:mike/diaspora.git", "master")},
      {"by-http-url", app("http://example.com/mike/diaspora", "master")},
      {"wrong-name", app("https://mirror.example.net/diaspora.git", "master", "mike/other")},
      {"wrong-branch", app("git@example.com:mike/diaspora.git", "main", "mike/diaspora")},
  };
  EXPECT_EQ(matching_apps(push, apps), (Strings{"by-http-url", "by-url", "mirror", "mirror-case"}));
  EXPECT_TRUE(push_names_repository(push, apps.at("wrong-branch")));
  EXPECT_FALSE(push_names_repository(push, apps.at("wrong-name")));
}

TEST(WebhookMatching, GiteaAndForgejo) {
  const auto gitea = fixture_push(Forge::Gitea, "gitea-push-1.json", "x-gitea-event", "push");
  const auto forgejo =
      fixture_push(Forge::Gitea, "forgejo-push-1.json", "x-forgejo-event", "push");
  const std::map<std::string, AppConfig> apps = {
      {"example", app("http://localhost:3000/example/example.git", "master")},
      {"w2fm", app("git@codeberg.org:fedora/w2fm-test.git", "pull")},
  };
  EXPECT_EQ(matching_apps(gitea, apps), Strings{"example"});
  EXPECT_EQ(matching_apps(forgejo, apps), Strings{"w2fm"});
}

TEST(WebhookMatching, TagsOnlyWhenOptedIn) {
  const auto tag =
      fixture_push(Forge::GitLab, "gitlab-tag_push-1.json", "x-gitlab-event", "Tag Push Hook");
  ASSERT_TRUE(tag.is_tag);
  std::map<std::string, AppConfig> apps = {
      {"branch-v22", app("http://10.40.8.5:3200/test/woodpecker.git", "v22")},
      {"develop", app("git@10.40.8.5:test/woodpecker.git", "develop")},
      {"tags", app("git@10.40.8.5:test/woodpecker.git", "develop")},
      {"tags-other-repo", app("git@10.40.8.5:test/other.git", "develop")},
  };
  EXPECT_EQ(matching_apps(tag, apps), Strings{});  // not even the app whose Branch= is the tag
  apps.at("tags").webhook.deploy_tags = true;
  apps.at("tags-other-repo").webhook.deploy_tags = true;
  EXPECT_EQ(matching_apps(tag, apps), Strings{"tags"});
}

TEST(WebhookMatching, DeletionsPingsAndOtherEventsMatchNothing) {
  auto deleted_tag = fixture_push(Forge::GitHub, "github-push-4.json", "x-github-event", "push");
  ASSERT_TRUE(deleted_tag.is_delete);
  std::map<std::string, AppConfig> apps = {
      {"hello", app("https://github.com/Codertocat/Hello-World", "simple-tag")},
  };
  apps.at("hello").webhook.deploy_tags = true;
  EXPECT_EQ(matching_apps(deleted_tag, apps), Strings{});

  auto created = fixture_push(Forge::GitHub, "github-push-2.json", "x-github-event", "push");
  apps.at("hello").branch = "master";
  EXPECT_EQ(matching_apps(created, apps), Strings{"hello"});  // a new branch deploys
  created.is_delete = true;
  EXPECT_EQ(matching_apps(created, apps), Strings{});

  const auto ping = fixture_push(Forge::GitHub, "github-ping-1.json", "x-github-event", "ping");
  apps.emplace("octo", app("https://github.com/Octocoders/Hello-World", "master"));
  EXPECT_EQ(matching_apps(ping, apps), Strings{});
  EXPECT_TRUE(push_names_repository(ping, apps.at("octo")));

  const auto other =
      fixture_push(Forge::GitHub, "github-push-2.json", "x-github-event", "create");
  EXPECT_EQ(matching_apps(other, apps), Strings{});
}
