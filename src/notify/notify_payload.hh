// The JSON body each platform receives for an event, under its length limit:
//   Mattermost  {"text": markdown}                    incoming webhook, POST
//   Slack       {"text": mrkdwn, "unfurl_links": false}  incoming webhook, POST
//   Discord     {"content": markdown, "allowed_mentions": {"parse": []}}  webhook, POST
//   Matrix      {"msgtype": "m.notice", "body": plain, "format":
//               "org.matrix.custom.html", "formatted_body": html, "m.mentions": {}}
//               PUT /_matrix/client/v3/rooms/ROOM/send/m.room.message/TXN
//   webhook     {"event": notify_kind_name(), "host", "app", "deploy_id", ...,
//               "text": plain summary}                POST
// When a message would be too long, the failed step's output loses its
// beginning (its end is kept) and says how many characters were cut.
// Lengths are counted in Unicode code points (truncate.hh).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "notify/notifier_config.hh"
#include "notify/notify_event.hh"

namespace hoist {

// Discord: "content" of a webhook message, up to 2000 characters
// (https://discord.com/developers/docs/resources/webhook#execute-webhook).
inline constexpr size_t kDiscordTextLimit = 2000;
// Mattermost: a post's message, up to 16383 characters (the server's
// PostMessageMaxRunesV2, counted in runes, i.e. code points).
inline constexpr size_t kMattermostTextLimit = 16383;
// Slack: "the text field accepts up to 40,000 characters" and longer text is
// truncated; this applies to incoming webhooks too
// (https://api.slack.com/changelog/2018-04-truncating-really-long-messages).
inline constexpr size_t kSlackTextLimit = 40000;
// Matrix: hoist keeps body and formatted_body each under 32768 characters,
// and the whole content under kMatrixContentMaxBytes so that the event stays
// under the spec's 65536-byte limit of a complete event, envelope included.
// As both bodies carry the output, that byte budget is what usually cuts it.
inline constexpr size_t kMatrixTextLimit = 32768;
inline constexpr size_t kMatrixContentMaxBytes = 60000;
// Generic webhooks: "output_tail" keeps at most this many characters.
inline constexpr size_t kWebhookOutputLimit = 32768;

// The JSON body of event for a notifier of type type.
std::string notify_payload(NotifierConfig::Type type, const NotifyEvent& event);

// The URL of Matrix's send-message request (HTTP PUT): homeserver (its base
// URL, a trailing '/' allowed) + "/_matrix/client/v3/rooms/" + room +
// "/send/m.room.message/" + txn_id, room and txn_id percent-encoded.
std::string matrix_send_url(std::string_view homeserver, std::string_view room,
                            std::string_view txn_id);

}  // namespace hoist
