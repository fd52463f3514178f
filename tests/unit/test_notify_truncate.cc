// Messages over a platform's limit (notify/truncate.hh, notify_payload.hh):
// the output loses its beginning, never a part of a UTF-8 sequence, the
// message stays under the limit counted in code points and says how much
// was cut.
#include <gtest/gtest.h>
#include <glib.h>

#include <regex>

#include "notify/notify_payload.hh"
#include "notify/truncate.hh"
#include "test_notify_events.hh"

using namespace hoist;
using namespace hoist::testing;

namespace {

using Type = NotifierConfig::Type;

bool valid_utf8(const std::string& s) { return g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr); }

std::string repeat(const std::string& s, size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (size_t i = 0; i < n; i++) out += s;
  return out;
}

// What a message shows of the output: the kept tail between the cut note
// and the end of the block, and the number the note gives.
struct Shown {
  std::string kept;
  size_t cut = 0;
};

Shown shown(const std::string& text, const std::string& block_start, const std::string& block_end) {
  static const std::regex note("… ([0-9]+) characters? cut\n");
  std::smatch m;
  Shown s;
  EXPECT_TRUE(std::regex_search(text, m, note)) << text.substr(0, 300);
  if (m.empty()) return s;
  s.cut = std::stoul(m[1].str());
  const size_t start = static_cast<size_t>(m.position(0) + m.length(0));
  EXPECT_EQ(text.rfind(block_start, static_cast<size_t>(m.position(0))) + block_start.size(),
            static_cast<size_t>(m.position(0)));
  EXPECT_EQ(text.substr(text.size() - block_end.size()), block_end);
  s.kept = text.substr(start, text.size() - block_end.size() - start);
  return s;
}

struct Budget {
  Type type;
  size_t limit;
};

constexpr Budget kChatBudgets[] = {
    {Type::Discord, kDiscordTextLimit},
    {Type::Mattermost, kMattermostTextLimit},
    {Type::Slack, kSlackTextLimit},
};

const char* const kCharacters[] = {"é", "€", "😀", "a"};

// One line of output just over limit characters, ending in a marker.
NotifyEvent long_failure(const std::string& character, size_t limit) {
  NotifyEvent e = sample_event(NotifyKind::DeployFailed);
  e.output_tail = repeat(character, limit + 10) + "<END>";
  return e;
}

}  // namespace

TEST(NotifyTruncate, ChatMessagesKeepTheEndOfTheOutput) {
  for (const Budget& b : kChatBudgets)
    for (const char* c : kCharacters) {
      SCOPED_TRACE(std::string(notifier_type_name(b.type)) + " " + c);
      const NotifyEvent e = long_failure(c, b.limit);
      const Payload p(notify_payload(b.type, e));
      const std::string text = p.str(b.type == Type::Discord ? "content" : "text");
      EXPECT_TRUE(valid_utf8(text));
      EXPECT_LE(utf8_length(text), b.limit);
      // The limit is used, not wasted.
      EXPECT_GE(utf8_length(text), b.limit - 8);
      const std::string end = b.type == Type::Slack ? "&lt;END&gt;\n```" : "<END>\n```";
      ASSERT_GE(text.size(), end.size());
      EXPECT_EQ(text.substr(text.size() - end.size()), end);
      const Shown s = shown(text, "```\n", "\n```");
      EXPECT_GT(s.cut, 0u);
      if (b.type != Type::Slack) {
        // What is shown is the end of the output, and the note counts the rest.
        EXPECT_EQ(e.output_tail.substr(e.output_tail.size() - s.kept.size()), s.kept);
        EXPECT_EQ(utf8_length(s.kept) + s.cut, utf8_length(e.output_tail));
      }
    }
}

TEST(NotifyTruncate, MatrixKeepsBothBodiesAndTheEventUnderItsLimits) {
  for (const char* c : kCharacters) {
    SCOPED_TRACE(c);
    const NotifyEvent e = long_failure(c, kMatrixTextLimit);
    const std::string json = notify_payload(Type::Matrix, e);
    EXPECT_LE(json.size(), kMatrixContentMaxBytes);
    const Payload p(json);
    const std::string body = p.str("body"), html = p.str("formatted_body");
    EXPECT_TRUE(valid_utf8(body) && valid_utf8(html));
    EXPECT_LE(utf8_length(body), kMatrixTextLimit);
    EXPECT_LE(utf8_length(html), kMatrixTextLimit);
    const Shown plain = shown(body, "serves.\n", "<END>");
    EXPECT_EQ(utf8_length(plain.kept + "<END>") + plain.cut, utf8_length(e.output_tail));
    EXPECT_EQ(e.output_tail.substr(e.output_tail.size() - plain.kept.size() - 5), plain.kept + "<END>");
    const Shown rich = shown(html, "<pre><code>", "&lt;END&gt;</code></pre>");
    EXPECT_EQ(rich.cut, plain.cut);
  }
}

TEST(NotifyTruncate, WebhookOutputIsBounded) {
  for (const char* c : kCharacters) {
    SCOPED_TRACE(c);
    const NotifyEvent e = long_failure(c, kWebhookOutputLimit);
    const Payload p(notify_payload(Type::Webhook, e));
    const std::string tail = p.str("output_tail");
    EXPECT_TRUE(valid_utf8(tail));
    EXPECT_EQ(utf8_length(tail), kWebhookOutputLimit);
    EXPECT_EQ(e.output_tail.substr(e.output_tail.size() - tail.size()), tail);
    EXPECT_EQ(static_cast<size_t>(p.integer("output_cut_chars")), 15u);
  }
}

TEST(NotifyTruncate, ShortOutputIsWhole) {
  const NotifyEvent e = sample_event(NotifyKind::DeployFailed);
  const std::string text = Payload(notify_payload(Type::Discord, e)).str("content");
  EXPECT_EQ(text.find("cut"), std::string::npos);
  EXPECT_NE(text.find("main.c:3: error: expected ';'\nmake: *** [all] Error 2\n```"), std::string::npos);
}

TEST(NotifyTruncate, CutsAtALineStartWhenOneIsNear) {
  NotifyEvent e = sample_event(NotifyKind::DeployFailed);
  std::string output;
  for (int i = 0; i < 200; i++) output += "line " + std::to_string(i) + " of the build log\n";
  e.output_tail = output;
  const std::string text = Payload(notify_payload(Type::Discord, e)).str("content");
  EXPECT_LE(utf8_length(text), kDiscordTextLimit);
  const Shown s = shown(text, "```\n", "\n```");
  EXPECT_EQ(s.kept.rfind("line ", 0), 0u) << s.kept.substr(0, 40);
  EXPECT_EQ(s.kept.substr(s.kept.size() - 25), "line 199 of the build log");
  EXPECT_EQ(utf8_length(s.kept) + s.cut, utf8_length(output) - 1);  // the last newline is dropped
}

TEST(NotifyTruncate, Utf8Helpers) {
  EXPECT_EQ(utf8_length("aé€😀"), 4u);
  EXPECT_EQ(utf8_last_chars("aé€😀", 2), "€😀");
  EXPECT_EQ(utf8_last_chars("aé€😀", 9), "aé€😀");
  EXPECT_EQ(utf8_last_chars("aé€😀", 0), "");
  EXPECT_EQ(utf8_shorten("aé€😀", 4), "aé€😀");
  EXPECT_EQ(utf8_shorten("aé€😀", 3), "aé…");
  EXPECT_EQ(utf8_shorten("😀😀😀", 1), "…");
}

TEST(NotifyTruncate, FitOutputTail) {
  auto echo = [](const OutputTail& t) {
    return std::optional<std::string>(std::string(t.kept) + "/" + std::to_string(t.cut_chars));
  };
  EXPECT_EQ(fit_output_tail("abc", 10, echo), "abc/0");
  // At most max_kept_chars are kept, whatever render would accept.
  EXPECT_EQ(fit_output_tail("abcdef", 2, echo), "ef/4");
  EXPECT_EQ(fit_output_tail("aé€😀", 2, echo), "€😀/2");
  // render accepts at most 5 bytes of tail.
  auto five_bytes = [](const OutputTail& t) {
    return t.kept.size() <= 5 ? std::optional<std::string>(std::string(t.kept)) : std::nullopt;
  };
  EXPECT_EQ(fit_output_tail("aé€😀", 100, five_bytes), "😀");
  EXPECT_EQ(fit_output_tail("xé€", 100, five_bytes), "é€");
  EXPECT_FALSE(fit_output_tail("abc", 10, [](const OutputTail&) { return std::optional<std::string>(); }));
}
