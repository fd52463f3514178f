// Sample notification events and notifier configurations for the notify
// tests, and reading a payload's JSON members.
#pragma once

#include <json-glib/json-glib.h>

#include <string>

#include "notify/notifier_config.hh"
#include "notify/notify_event.hh"
#include "temp_dir.hh"

namespace hoist::testing {

inline const std::string kSha = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";

inline NotifyEvent sample_event(NotifyKind kind) {
  NotifyEvent e;
  e.kind = kind;
  e.app = "api";
  e.host = "web1";
  e.deploy_id = "20261121T224435Z-1a2b3c";
  e.revision = kSha;
  e.branch = "main";
  e.repository = "https://git.example.com/acme/api.git";
  e.commit_url = "https://git.example.com/acme/api/commit/" + kSha;
  e.compare_url = "https://git.example.com/acme/api/compare/0000000...1a2b3c4";
  e.author = "Alice";
  e.message = "Fix the thing";
  if (kind == NotifyKind::DeployFailed || kind == NotifyKind::RolledBack) {
    e.step = "build-1";
    e.error = "exit-code";
    e.output_tail = "cc -c main.c\nmain.c:3: error: expected ';'\nmake: *** [all] Error 2\n";
  }
  if (kind == NotifyKind::DeploySucceeded) e.duration_usec = 83'000'000;
  if (kind == NotifyKind::UpdateAvailable || kind == NotifyKind::UpdateApplied ||
      kind == NotifyKind::UpdateFailed) {
    e = NotifyEvent{};
    e.kind = kind;
    e.host = "web1";
    e.version = "0.2.0";
    e.revision = "0.1.0";
    if (kind == NotifyKind::UpdateFailed) e.error = "it exited with status 1 before READY=1";
  }
  return e;
}

inline NotifierConfig notifier_config(const std::string& name, NotifierConfig::Type type,
                                      const std::string& url) {
  NotifierConfig n;
  n.name = name;
  n.type = type;
  n.url = url;
  return n;
}

// The members of a JSON object payload.
struct Payload {
  JsonNodePtr root;
  explicit Payload(const std::string& text) : root(parse_json(text)) {
    EXPECT_TRUE(root && JSON_NODE_HOLDS_OBJECT(root.get())) << text;
  }
  JsonObject* object() const { return json_node_get_object(root.get()); }
  bool has(const char* name) const { return json_object_has_member(object(), name); }
  std::string str(const char* name) const {
    return has(name) ? json_object_get_string_member(object(), name) : "(missing)";
  }
  int64_t integer(const char* name) const { return json_object_get_int_member(object(), name); }
  bool boolean(const char* name) const { return json_object_get_boolean_member(object(), name); }
  unsigned size() const { return json_object_get_size(object()); }
};

}  // namespace hoist::testing
