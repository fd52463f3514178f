// Each platform's message for each event (notify/notify_payload.hh and
// message_format.hh): the JSON shape, the markup, escaping and links.
#include <gtest/gtest.h>

#include "core/deploy_notify.hh"
#include "notify/message_format.hh"
#include "notify/notify_payload.hh"
#include "notify/rich_text.hh"
#include "test_notify_events.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

using Type = NotifierConfig::Type;

constexpr Type kAllTypes[] = {Type::Mattermost, Type::Slack, Type::Discord, Type::Matrix,
                              Type::Webhook};

const std::string kCommitUrl = "https://git.example.com/acme/api/commit/" + kSha;

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

}  // namespace

TEST(NotifyFormat, MattermostIsTextInMarkdown) {
  const Payload p(notify_payload(Type::Mattermost, sample_event(NotifyKind::DeploySucceeded)));
  EXPECT_EQ(p.size(), 1u);
  EXPECT_EQ(p.str("text"), "✅ **api** on web1: deployed [acme/api@1a2b3c4](" + kCommitUrl +
                               ") (`main`) in 1min 23s, deploy `20261121T224435Z-1a2b3c`");
}

TEST(NotifyFormat, SlackIsTextInMrkdwn) {
  const Payload p(notify_payload(Type::Slack, sample_event(NotifyKind::WebhookReceived)));
  EXPECT_EQ(p.size(), 2u);
  EXPECT_FALSE(p.boolean("unfurl_links"));
  EXPECT_EQ(p.str("text"),
            "📥 *api* on web1: push to `main` by Alice: <" + kCommitUrl +
                "|acme/api@1a2b3c4> (<https://git.example.com/acme/api/compare/"
                "0000000...1a2b3c4|compare>)\n> Fix the thing");
}

TEST(NotifyFormat, DiscordIsContentWithoutMentions) {
  const Payload p(notify_payload(Type::Discord, sample_event(NotifyKind::PendingConfirmation)));
  EXPECT_EQ(p.size(), 2u);
  EXPECT_EQ(p.str("content"), "⏸️ **api** on web1: [acme/api@1a2b3c4](" + kCommitUrl +
                                  ") (`main`) waits for confirmation: run `hoistctl confirm api`, "
                                  "deploy `20261121T224435Z-1a2b3c`");
  JsonObject* mentions = json_object_get_object_member(p.object(), "allowed_mentions");
  ASSERT_NE(mentions, nullptr);
  EXPECT_EQ(json_array_get_length(json_object_get_array_member(mentions, "parse")), 0u);
}

TEST(NotifyFormat, MatrixIsANoticeWithHtml) {
  const Payload p(notify_payload(Type::Matrix, sample_event(NotifyKind::DeployFailed)));
  EXPECT_EQ(p.str("msgtype"), "m.notice");
  EXPECT_EQ(p.str("format"), "org.matrix.custom.html");
  EXPECT_EQ(p.str("body"),
            "❌ api on web1: deploy `20261121T224435Z-1a2b3c` of acme/api@1a2b3c4 (" + kCommitUrl +
                ") (`main`) failed at step `build-1`: exit-code. The previous release still "
                "serves.\ncc -c main.c\nmain.c:3: error: expected ';'\nmake: *** [all] Error 2");
  EXPECT_EQ(p.str("formatted_body"),
            "❌ <strong>api</strong> on web1: deploy <code>20261121T224435Z-1a2b3c</code> of <a "
            "href=\"" + kCommitUrl +
                "\">acme/api@1a2b3c4</a> (<code>main</code>) failed at step <code>build-1</code>: "
                "exit-code. The previous release still serves.<pre><code>cc -c main.c\nmain.c:3: "
                "error: expected &apos;;&apos;\nmake: *** [all] Error 2</code></pre>");
  // Intentional mentions: present and empty, so nobody is pinged.
  JsonObject* mentions = json_object_get_object_member(p.object(), "m.mentions");
  ASSERT_NE(mentions, nullptr);
  EXPECT_EQ(json_object_get_size(mentions), 0u);
}

TEST(NotifyFormat, WebhookIsTheEventsFields) {
  const Payload p(notify_payload(Type::Webhook, sample_event(NotifyKind::DeployFailed)));
  EXPECT_EQ(p.str("event"), "deploy-failed");
  EXPECT_EQ(p.str("host"), "web1");
  EXPECT_EQ(p.str("app"), "api");
  EXPECT_EQ(p.str("deploy_id"), "20261121T224435Z-1a2b3c");
  EXPECT_EQ(p.str("revision"), kSha);
  EXPECT_EQ(p.str("branch"), "main");
  EXPECT_EQ(p.str("repository"), "https://git.example.com/acme/api.git");
  EXPECT_EQ(p.str("commit_url"), kCommitUrl);
  EXPECT_EQ(p.str("author"), "Alice");
  EXPECT_EQ(p.str("message"), "Fix the thing");
  EXPECT_EQ(p.str("step"), "build-1");
  EXPECT_EQ(p.str("error"), "exit-code");
  EXPECT_EQ(p.str("output_tail"), "cc -c main.c\nmain.c:3: error: expected ';'\nmake: *** [all] Error 2");
  EXPECT_EQ(p.integer("output_cut_chars"), 0);
  EXPECT_FALSE(p.has("duration_usec"));
  EXPECT_FALSE(p.has("version"));
  EXPECT_TRUE(contains(p.str("text"), "failed at step `build-1`"));

  const Payload ok(notify_payload(Type::Webhook, sample_event(NotifyKind::DeploySucceeded)));
  EXPECT_EQ(ok.integer("duration_usec"), 83'000'000);
  EXPECT_FALSE(ok.has("output_tail"));
  EXPECT_FALSE(ok.has("step"));

  const Payload update(notify_payload(Type::Webhook, sample_event(NotifyKind::UpdateApplied)));
  EXPECT_EQ(update.str("event"), "update-applied");
  EXPECT_EQ(update.str("version"), "0.2.0");
  EXPECT_FALSE(update.has("app"));
  EXPECT_EQ(update.str("text"), "⬆️ hoist on web1: updated to version `0.2.0` (was `0.1.0`)");
}

TEST(NotifyFormat, EveryEventOnEveryPlatformIsAJsonObject) {
  for (NotifyKind kind : kAllNotifyKinds)
    for (Type type : kAllTypes) {
      const Payload p(notify_payload(type, sample_event(kind)));
      EXPECT_GE(p.size(), 1u) << notify_kind_name(kind) << " " << notifier_type_name(type);
    }
}

TEST(NotifyFormat, RollbackFailedIsLoud) {
  NotifyEvent e = sample_event(NotifyKind::RolledBack);
  EXPECT_TRUE(contains(Payload(notify_payload(Type::Mattermost, e)).str("text"),
                       "↩️ **api** on web1: deploy"));
  EXPECT_TRUE(contains(Payload(notify_payload(Type::Mattermost, e)).str("text"),
                       "Rolled back to the previous release."));
  e.failed = true;
  EXPECT_TRUE(contains(Payload(notify_payload(Type::Mattermost, e)).str("text"),
                       "🚨 **api** on web1: **ROLLBACK FAILED**: deploy"));
  EXPECT_TRUE(contains(Payload(notify_payload(Type::Slack, e)).str("text"), "*ROLLBACK FAILED*"));
  const Payload matrix(notify_payload(Type::Matrix, e));
  EXPECT_TRUE(contains(matrix.str("formatted_body"), "<strong>ROLLBACK FAILED</strong>"));
  EXPECT_TRUE(contains(matrix.str("formatted_body"), "<strong>The app may be down.</strong>"));
  EXPECT_TRUE(Payload(notify_payload(Type::Webhook, e)).boolean("rollback_failed"));
}

TEST(NotifyFormat, MarkupInTheEventIsEscaped) {
  NotifyEvent e = sample_event(NotifyKind::WebhookReceived);
  e.author = "<b>Bob</b> & *co*";
  e.message = "@everyone look: [x](javascript:alert(1)) `code` #1 @channel";
  const std::string md = Payload(notify_payload(Type::Mattermost, e)).str("text");
  EXPECT_TRUE(contains(md, "by \\<b\\>Bob\\</b\\> & \\*co\\*:")) << md;
  EXPECT_TRUE(contains(md, "> @\u200beveryone look: \\[x\\](javascript:alert(1)) \\`code\\` \\#1 @\u200bchannel"))
      << md;
  const std::string slack = Payload(notify_payload(Type::Slack, e)).str("text");
  EXPECT_TRUE(contains(slack, "by &lt;b&gt;Bob&lt;/b&gt; &amp; *co*:")) << slack;
  const std::string html = Payload(notify_payload(Type::Matrix, e)).str("formatted_body");
  EXPECT_TRUE(contains(html, "by &lt;b&gt;Bob&lt;/b&gt; &amp; *co*:")) << html;
  EXPECT_FALSE(contains(html, "<b>"));
}

TEST(NotifyFormat, OnlyWebLinksAreLinked) {
  NotifyEvent e = sample_event(NotifyKind::DeployStarted);
  e.commit_url = "javascript:alert(1)";
  EXPECT_TRUE(contains(Payload(notify_payload(Type::Mattermost, e)).str("text"),
                       "deploying acme/api@1a2b3c4 (`main`)"));
  EXPECT_FALSE(contains(Payload(notify_payload(Type::Matrix, e)).str("formatted_body"), "href"));
  // What would end a link in some markup is percent-encoded.
  e.commit_url = "https://example.org/a(b)|c>d\"e";
  EXPECT_TRUE(contains(Payload(notify_payload(Type::Mattermost, e)).str("text"),
                       "(https://example.org/a%28b%29%7Cc%3Ed%22e)"));
  EXPECT_TRUE(contains(Payload(notify_payload(Type::Slack, e)).str("text"),
                       "<https://example.org/a%28b%29%7Cc%3Ed%22e|acme/api@1a2b3c4>"));
}

TEST(NotifyFormat, OutputCannotCloseItsCodeBlock) {
  NotifyEvent e = sample_event(NotifyKind::DeployFailed);
  e.output_tail = "before\n```\n**not bold**\n";
  const std::string md = Payload(notify_payload(Type::Discord, e)).str("content");
  EXPECT_TRUE(contains(md, "\n```\nbefore\n``\u200b`\n**not bold**\n```")) << md;
  const std::string html = Payload(notify_payload(Type::Matrix, e)).str("formatted_body");
  EXPECT_TRUE(contains(html, "<pre><code>before\n```\n**not bold**</code></pre>")) << html;
}

TEST(NotifyFormat, TerminalEscapesAreDropped) {
  NotifyEvent e = sample_event(NotifyKind::DeployFailed);
  e.output_tail = "\x1b[31merror\x1b[0m: bad\r\nprogress 10%\rprogress 100%\n\adone\n\n";
  EXPECT_EQ(Payload(notify_payload(Type::Webhook, e)).str("output_tail"),
            "error: bad\nprogress 100%\ndone");
}

TEST(NotifyFormat, FieldsAreBounded) {
  NotifyEvent e = sample_event(NotifyKind::WebhookReceived);
  e.message = std::string(400, 'x') + "\nsecond line";
  const std::string text = Payload(notify_payload(Type::Mattermost, e)).str("text");
  EXPECT_TRUE(contains(text, "\n> " + std::string(299, 'x') + "…")) << text;
  EXPECT_FALSE(contains(text, "second line"));
}

TEST(NotifyFormat, WithoutRepositoryOrRevision) {
  NotifyEvent e = sample_event(NotifyKind::DeployStarted);
  e.repository.clear();
  e.commit_url.clear();
  EXPECT_EQ(Payload(notify_payload(Type::Mattermost, e)).str("text"),
            "🚀 **api** on web1: deploying 1a2b3c4 (`main`), deploy `20261121T224435Z-1a2b3c`");
  e.revision.clear();
  e.deploy_id.clear();
  EXPECT_EQ(Payload(notify_payload(Type::Mattermost, e)).str("text"),
            "🚀 **api** on web1: deploying the head of `main`");
}

TEST(NotifyFormat, Helpers) {
  EXPECT_EQ(short_revision(kSha), "1a2b3c4");
  EXPECT_EQ(short_revision("release/1.x"), "release/1.x");
  EXPECT_EQ(short_revision("1a2b3c4d"), "1a2b3c4d");
  EXPECT_EQ(repository_display_name("https://git.example.com/acme/api.git"), "acme/api");
  EXPECT_EQ(repository_display_name("ssh://git@host:22/acme/api/"), "acme/api");
  EXPECT_EQ(repository_display_name("git@github.com:acme/api.git"), "acme/api");
  EXPECT_EQ(repository_display_name("/srv/git/api.git"), "api");
  EXPECT_EQ(repository_display_name("acme/api"), "acme/api");
  EXPECT_EQ(format_duration(850'000), "850ms");
  EXPECT_EQ(format_duration(12'400'000), "12s");
  EXPECT_EQ(format_duration(60'000'000), "1min");
  EXPECT_EQ(format_duration(83'000'000), "1min 23s");
  EXPECT_EQ(format_duration(7'500'000'000), "2h 5min");
}

TEST(NotifyFormat, MatrixSendUrl) {
  EXPECT_EQ(matrix_send_url("https://matrix.example.org/", "!abc:example.org", "hoist.1.2"),
            "https://matrix.example.org/_matrix/client/v3/rooms/%21abc%3Aexample.org/send/"
            "m.room.message/hoist.1.2");
}

TEST(NotifyFormat, RichTextPlain) {
  RichText t;
  t.text("a ").bold("b").text(" ").code("c`d").text(" ").link("e", "https://x.org/").line_break().quote("f");
  EXPECT_EQ(t.render(Markup::Plain), "a b `c'd` e (https://x.org/)\n\n> f");
  EXPECT_EQ(t.render(Markup::Html),
            "a <strong>b</strong> <code>c&apos;d</code> <a href=\"https://x.org/\">e</a><br><blockquote>f</blockquote>");
}

TEST(NotifyFormat, UnitsDriftedSaysWhatAndHowToFixIt) {
  AppConfig app;
  app.name = "api";
  const NotifyEvent e = drift_notification(
      app, {{DriftKind::Changed, "api.service", "/etc/systemd/system/api.service",
             "/etc/systemd/system/api.service differs from its template"},
            {DriftKind::Extra, "api.service", "/etc/systemd/system/api.service.d/x.conf",
             "unexpected drop-in /etc/systemd/system/api.service.d/x.conf"}});
  const Payload p(notify_payload(Type::Mattermost, e));
  const std::string text = p.str("text");
  EXPECT_TRUE(contains(text, "unit files drifted from the templates: api.service: "
                             "/etc/systemd/system/api.service differs from its template; api.service: "
                             "unexpected drop-in"))
      << text;
  EXPECT_TRUE(contains(text, "`hoistctl diff api`")) << text;
  EXPECT_TRUE(contains(text, "`hoistctl apply api`")) << text;
  EXPECT_EQ(notify_kind_name(NotifyKind::UnitsDrifted), "units-drifted");
}
