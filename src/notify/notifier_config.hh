// One [Notify NAME] group of hoist.conf: where a notifier posts (Mattermost,
// Slack and Discord incoming webhooks, a Matrix room, a generic JSON
// webhook) and which events and apps it hears of. Plain data, compared with
// ==; read by the config loader (core/config_loader.cc) through
// read_notify_groups(). docs/configuration.md documents the keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "notify/notify_event.hh"

namespace hoist {

class ConfigFile;

struct NotifierConfig {
  enum class Type { Mattermost, Slack, Discord, Matrix, Webhook };
  std::string name;  // NAME of [Notify NAME]
  Type type = Type::Webhook;
  std::string url;                // incoming-webhook URL; Matrix: the homeserver's base URL
  std::string room;               // Matrix: room id ("!abc:example.org")
  std::string token_file;         // Matrix access token, root-only file ...
  std::string token_credential;   // ... or credential name
  std::vector<std::string> events;  // notify_kind_name()s; empty: all
  std::vector<std::string> apps;    // empty: all

  bool operator==(const NotifierConfig&) const = default;
};

// "mattermost", "slack", "discord", "matrix", "webhook": the values of Type=.
std::string_view notifier_type_name(NotifierConfig::Type type);
std::optional<NotifierConfig::Type> notifier_type_from_name(std::string_view name);

// The group prefix: "[Notify NAME]".
inline constexpr std::string_view kNotifyGroupPrefix = "Notify ";

// Reads every [Notify NAME] group of file, in file order, into notifiers.
// Problems go to the file's errors ("FILE:LINE: [Notify chat] Type=: ...");
// a group with errors is left out. NAME follows the rules of app names.
void read_notify_groups(ConfigFile& file, std::vector<NotifierConfig>& notifiers);

// Whether config's Events= and Apps= select event. Events without an app
// (self-update) are selected by Events= alone.
bool notifier_selects(const NotifierConfig& config, const NotifyEvent& event);

}  // namespace hoist
