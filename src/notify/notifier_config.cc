#include "notify/notifier_config.hh"

#include <algorithm>

#include "core/config_file.hh"
#include "core/config_values.hh"

namespace hoist {
namespace {

constexpr NotifierConfig::Type kAllTypes[] = {
    NotifierConfig::Type::Mattermost, NotifierConfig::Type::Slack, NotifierConfig::Type::Discord,
    NotifierConfig::Type::Matrix, NotifierConfig::Type::Webhook};

std::string event_name_problem(std::string_view name) {
  if (notify_kind_from_name(name)) return {};
  std::string known;
  for (NotifyKind kind : kAllNotifyKinds)
    known += (known.empty() ? "" : ", ") + std::string(notify_kind_name(kind));
  return "is not an event name (" + known + ")";
}

std::string notifier_app_problem(std::string_view name) {
  if (auto p = app_name_problem(name); !p.empty()) return "is not an app name: it " + p;
  return {};
}

// Events= and Apps=: the words of every assignment (an empty one empties the
// list), each checked, each kept once.
std::vector<std::string> read_names(ConfigFile& file, const char* group, const char* key,
                                    std::string (*problem_of)(std::string_view)) {
  std::vector<std::string> names;
  for (const ConfigFile::Value& value : file.get_all(group, key)) {
    for (std::string& word : split_words(value.text)) {
      const std::string problem = problem_of(word);
      if (!problem.empty()) {
        file.error(group, key, value.line, quote_value(word) + " " + problem);
        continue;
      }
      if (std::find(names.begin(), names.end(), word) == names.end()) names.push_back(word);
    }
  }
  return names;
}

// A room id ("!opaque:server.org"; newer room versions drop ":server").
std::string room_id_problem(std::string_view room) {
  if (!room.empty() && room.front() == '#')
    return "is a room alias; give the room id (\"!...\", in the room's advanced settings)";
  if (room.size() < 2 || room.front() != '!') return "is not a room id (\"!opaque:example.org\")";
  if (room.size() > 255) return "is longer than 255 characters";
  for (char c : room)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return "contains whitespace";
  return {};
}

// Matrix: the homeserver's base URL, the client-server API path is added.
std::string homeserver_url_problem(std::string_view url) {
  if (auto p = http_url_problem(url); !p.empty()) return p;
  if (url.find("/_matrix") != std::string_view::npos)
    return "is an API URL; give the homeserver's base URL (https://matrix.example.org)";
  if (url.find('?') != std::string_view::npos || url.find('#') != std::string_view::npos)
    return "has a query or fragment; give the homeserver's base URL and put the access token "
           "in TokenFile= or TokenCredential=";
  return {};
}

// Room=, TokenFile=, TokenCredential=: required by Matrix, refused by the
// others (nothing more is said when Type= is not known).
void read_matrix_keys(ConfigFile& file, const char* group, NotifierConfig& n, bool type_known) {
  file.read_checked(group, "Room", n.room, room_id_problem);
  file.read_absolute_path(group, "TokenFile", n.token_file);
  file.read_checked(group, "TokenCredential", n.token_credential, credential_name_problem);
  if (!type_known) return;
  if (n.type != NotifierConfig::Type::Matrix) {
    for (const char* key : {"Room", "TokenFile", "TokenCredential"})
      if (file.is_set(group, key))
        file.error(group, key, file.line_of(group, key), "is only used by Type=matrix");
    return;
  }
  if (!file.is_set(group, "Room")) file.error(group, "Room", 0, "missing; Type=matrix needs a room id");
  const unsigned file_line = file.line_of(group, "TokenFile");
  const unsigned credential_line = file.line_of(group, "TokenCredential");
  const bool has_file = file.is_set(group, "TokenFile");
  const bool has_credential = file.is_set(group, "TokenCredential");
  if (has_file && has_credential) {
    const bool file_first = file_line < credential_line;
    file.error(group, file_first ? "TokenCredential" : "TokenFile",
               file_first ? credential_line : file_line,
               std::string("conflicts with ") + (file_first ? "TokenFile" : "TokenCredential") +
                   "= on line " + std::to_string(file_first ? file_line : credential_line) +
                   "; set only one of TokenFile= and TokenCredential=");
  } else if (!has_file && !has_credential) {
    file.error(group, "TokenFile", 0,
               "missing; Type=matrix needs an access token from TokenFile= or TokenCredential=");
  }
}

void read_notify_group(ConfigFile& file, const std::string& group, unsigned header_line,
                       std::vector<NotifierConfig>& notifiers) {
  const char* g = group.c_str();
  const size_t errors_before = file.error_count();
  NotifierConfig n;
  if (group.size() > kNotifyGroupPrefix.size()) n.name = group.substr(kNotifyGroupPrefix.size());
  if (n.name.empty())
    file.error(g, "", header_line, "needs a name: [Notify NAME], one group per notifier");
  else if (auto p = app_name_problem(n.name); !p.empty())
    file.error(g, "", header_line, "notifier name " + quote_value(n.name) + " " + p);
  bool type_known = false;
  if (auto v = file.get(g, "Type")) {
    if (auto type = notifier_type_from_name(v->text)) {
      n.type = *type;
      type_known = true;
    } else {
      file.error(g, "Type", *v, "is not one of mattermost, slack, discord, matrix and webhook");
    }
  } else if (!file.is_set(g, "Type")) {
    file.error(g, "Type", 0, "missing; one of mattermost, slack, discord, matrix and webhook");
  }
  const bool matrix = n.type == NotifierConfig::Type::Matrix;
  file.read_checked(g, "URL", n.url, matrix ? homeserver_url_problem : http_url_problem);
  if (!file.is_set(g, "URL"))
    file.error(g, "URL", 0,
               matrix ? "missing; the homeserver's base URL is required"
                      : "missing; the URL to post to is required");
  read_matrix_keys(file, g, n, type_known);
  n.events = read_names(file, g, "Events", event_name_problem);
  n.apps = read_names(file, g, "Apps", notifier_app_problem);
  if (file.error_count() == errors_before) notifiers.push_back(std::move(n));
}

}  // namespace

std::string_view notifier_type_name(NotifierConfig::Type type) {
  switch (type) {
    case NotifierConfig::Type::Mattermost: return "mattermost";
    case NotifierConfig::Type::Slack: return "slack";
    case NotifierConfig::Type::Discord: return "discord";
    case NotifierConfig::Type::Matrix: return "matrix";
    case NotifierConfig::Type::Webhook: return "webhook";
  }
  return "unknown";
}

std::optional<NotifierConfig::Type> notifier_type_from_name(std::string_view name) {
  for (NotifierConfig::Type type : kAllTypes)
    if (notifier_type_name(type) == name) return type;
  return std::nullopt;
}

void read_notify_groups(ConfigFile& file, std::vector<NotifierConfig>& notifiers) {
  if (!file.parsed()) return;
  std::vector<std::string> seen;
  for (const IniGroupHeader& header : file.lines().groups()) {
    const std::string_view name = header.name;
    if (name != "Notify" && name.substr(0, kNotifyGroupPrefix.size()) != kNotifyGroupPrefix)
      continue;
    // GKeyFile merges a repeated group; so does this.
    if (std::find(seen.begin(), seen.end(), header.name) != seen.end()) continue;
    seen.push_back(header.name);
    read_notify_group(file, header.name, header.line, notifiers);
  }
}

bool notifier_selects(const NotifierConfig& config, const NotifyEvent& event) {
  const std::string kind(notify_kind_name(event.kind));
  if (!config.events.empty() &&
      std::find(config.events.begin(), config.events.end(), kind) == config.events.end())
    return false;
  if (config.apps.empty() || event.app.empty()) return true;
  return std::find(config.apps.begin(), config.apps.end(), event.app) != config.apps.end();
}

}  // namespace hoist
