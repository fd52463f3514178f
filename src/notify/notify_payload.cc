#include "notify/notify_payload.hh"

#include <glib.h>

#include <utility>

#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "core/utf8_text.hh"
#include "notify/message_format.hh"
#include "notify/rich_text.hh"
#include "notify/step_output.hh"
#include "notify/truncate.hh"

namespace hoist {
namespace {

// A JSON object built member by member (json-glib; strings made valid UTF-8).
class JsonOut {
 public:
  JsonOut() : builder_(json_builder_new()) { json_builder_begin_object(builder_.get()); }
  JsonOut& string(const char* name, std::string_view value) {
    json_builder_set_member_name(builder_.get(), name);
    json_builder_add_string_value(builder_.get(), make_valid_utf8(value).c_str());
    return *this;
  }
  // Left out when empty.
  JsonOut& optional(const char* name, std::string_view value) {
    return value.empty() ? *this : string(name, value);
  }
  JsonOut& integer(const char* name, int64_t value) {
    json_builder_set_member_name(builder_.get(), name);
    json_builder_add_int_value(builder_.get(), value);
    return *this;
  }
  JsonOut& boolean(const char* name, bool value) {
    json_builder_set_member_name(builder_.get(), name);
    json_builder_add_boolean_value(builder_.get(), value);
    return *this;
  }
  // {"name": {}} or {"name": {"inner": []}}.
  JsonOut& object_with_empty_array(const char* name, const char* inner) {
    json_builder_set_member_name(builder_.get(), name);
    json_builder_begin_object(builder_.get());
    if (inner) {
      json_builder_set_member_name(builder_.get(), inner);
      json_builder_begin_array(builder_.get());
      json_builder_end_array(builder_.get());
    }
    json_builder_end_object(builder_.get());
    return *this;
  }
  std::string text() {
    json_builder_end_object(builder_.get());
    return json_builder_to_string(builder_.get());
  }

 private:
  JsonBuilderPtr builder_;
};

// What every payload starts from: the message without output, and the
// output (cleaned) that the limit decides how much of to show.
struct Parts {
  RichText text;
  std::string output;
};

Parts parts_of(const NotifyEvent& event) {
  return {notification_text(event),
          notification_shows_output(event) ? clean_step_output(event.output_tail) : std::string()};
}

// Mattermost, Slack and Discord: one text member under limit.
std::string chat_payload(const NotifyEvent& event, Markup markup, size_t limit,
                         std::string (*wrap)(const std::string& text)) {
  const Parts parts = parts_of(event);
  const std::string head = parts.text.render(markup);
  const auto text = fit_output_tail(parts.output, limit, [&](const OutputTail& tail) -> std::optional<std::string> {
    std::string t = head + render_output_block(markup, tail.kept, tail.cut_chars);
    if (utf8_length(t) > limit) return std::nullopt;
    return t;
  });
  // Only when the message is too long without any output: cut it.
  return wrap(text ? *text : utf8_shorten(head, limit));
}

std::string mattermost_body(const std::string& text) { return JsonOut().string("text", text).text(); }

std::string slack_body(const std::string& text) {
  return JsonOut().string("text", text).boolean("unfurl_links", false).text();
}

std::string discord_body(const std::string& text) {
  return JsonOut().string("content", text).object_with_empty_array("allowed_mentions", "parse").text();
}

std::string matrix_body(const std::string& plain, const std::string& html) {
  JsonOut out;
  out.string("msgtype", "m.notice").string("body", plain);
  if (!html.empty()) out.string("format", "org.matrix.custom.html").string("formatted_body", html);
  // Intentional mentions (Matrix 1.7): no one is mentioned, whatever the text says.
  return out.object_with_empty_array("m.mentions", nullptr).text();
}

// The bytes s takes as a JSON string's contents (json-glib escapes '"', '\\'
// and control characters, nothing else).
size_t json_escaped_size(std::string_view s) {
  size_t size = s.size();
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') size += 1;
    else if (static_cast<unsigned char>(c) < 0x20) size += 5;
  }
  return size;
}

// Room left in a Matrix message's content for its two bodies.
constexpr size_t kMatrixMembersBytes = 200;

std::string matrix_payload(const NotifyEvent& event) {
  const Parts parts = parts_of(event);
  const std::string plain_head = parts.text.render(Markup::Plain);
  const std::string html_head = parts.text.render(Markup::Html);
  std::string html;
  const auto plain = fit_output_tail(parts.output, kMatrixTextLimit, [&](const OutputTail& tail) -> std::optional<std::string> {
    std::string p = plain_head + render_output_block(Markup::Plain, tail.kept, tail.cut_chars);
    std::string h = html_head + render_output_block(Markup::Html, tail.kept, tail.cut_chars);
    if (utf8_length(p) > kMatrixTextLimit || utf8_length(h) > kMatrixTextLimit ||
        json_escaped_size(p) + json_escaped_size(h) > kMatrixContentMaxBytes - kMatrixMembersBytes)
      return std::nullopt;
    html = std::move(h);
    return p;
  });
  if (plain) return matrix_body(*plain, html);
  // Too long without any output: the plain text alone, cut.
  return matrix_body(utf8_shorten(plain_head, kMatrixContentMaxBytes / 8), "");
}

// The string members of generic webhooks' JSON, left out when empty.
constexpr std::pair<const char*, std::string NotifyEvent::*> kWebhookStringFields[] = {
    {"host", &NotifyEvent::host},
    {"app", &NotifyEvent::app},
    {"deploy_id", &NotifyEvent::deploy_id},
    {"revision", &NotifyEvent::revision},
    {"branch", &NotifyEvent::branch},
    {"repository", &NotifyEvent::repository},
    {"commit_url", &NotifyEvent::commit_url},
    {"compare_url", &NotifyEvent::compare_url},
    {"author", &NotifyEvent::author},
    {"message", &NotifyEvent::message},
    {"step", &NotifyEvent::step},
    {"error", &NotifyEvent::error},
    {"version", &NotifyEvent::version},
};

std::string webhook_payload(const NotifyEvent& event) {
  const Parts parts = parts_of(event);
  JsonOut out;
  out.string("event", notify_kind_name(event.kind));
  for (const auto& [name, member] : kWebhookStringFields) out.optional(name, event.*member);
  if (!parts.output.empty()) {
    const std::string_view kept = utf8_last_chars(parts.output, kWebhookOutputLimit);
    out.string("output_tail", kept)
        .integer("output_cut_chars", static_cast<int64_t>(utf8_length(parts.output) - utf8_length(kept)));
  }
  if (event.duration_usec) out.integer("duration_usec", static_cast<int64_t>(event.duration_usec));
  if (event.kind == NotifyKind::RolledBack) out.boolean("rollback_failed", event.failed);
  return out.string("text", parts.text.render(Markup::Plain)).text();
}

}  // namespace

std::string notify_payload(NotifierConfig::Type type, const NotifyEvent& event) {
  switch (type) {
    case NotifierConfig::Type::Mattermost:
      return chat_payload(event, Markup::Markdown, kMattermostTextLimit, mattermost_body);
    case NotifierConfig::Type::Slack:
      return chat_payload(event, Markup::Slack, kSlackTextLimit, slack_body);
    case NotifierConfig::Type::Discord:
      return chat_payload(event, Markup::Markdown, kDiscordTextLimit, discord_body);
    case NotifierConfig::Type::Matrix:
      return matrix_payload(event);
    case NotifierConfig::Type::Webhook:
      break;
  }
  return webhook_payload(event);
}

std::string matrix_send_url(std::string_view homeserver, std::string_view room,
                            std::string_view txn_id) {
  std::string base(homeserver);
  while (!base.empty() && base.back() == '/') base.pop_back();
  const std::string room_copy(room), txn_copy(txn_id);
  const GCharPtr room_escaped(g_uri_escape_string(room_copy.c_str(), nullptr, FALSE));
  const GCharPtr txn_escaped(g_uri_escape_string(txn_copy.c_str(), nullptr, FALSE));
  return base + "/_matrix/client/v3/rooms/" + room_escaped.get() + "/send/m.room.message/" +
         txn_escaped.get();
}

}  // namespace hoist
