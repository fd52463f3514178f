// Deploy events: every transition is one JSON line appended to
// /var/log/hoist/events.jsonl and one journal entry with the kind's
// MESSAGE_ID and the fields HOIST_EVENT=, HOIST_APP=, HOIST_DEPLOY_ID=,
// HOIST_STEP=, HOIST_RESULT=, HOIST_REVISION=, HOIST_DURATION_USEC=
// (so `journalctl HOIST_APP=api` shows an app's deploys).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/event_kinds.hh"

namespace hoist {

inline constexpr const char* kDefaultEventsPath = "/var/log/hoist/events.jsonl";

// An extra field: "key" in the JSON line, HOIST_KEY= in the journal. Keys are
// [a-z][a-z0-9_]{0,63}, not a standard field nor "event", each once; others
// are dropped.
struct EventField {
  std::string key;
  std::variant<std::string, int64_t> value;
};

struct Event {
  EventKind kind = EventKind::DeployQueued;
  std::string app;
  std::string deploy_id;
  std::string step;
  std::string result;    // "success", "exit-code", "timeout", "succeeded", ...
  std::string revision;  // as requested, or the commit
  std::optional<uint64_t> duration_usec;
  std::string detail;  // more words for people, appended to the summary
  std::vector<EventField> extra;
  uint64_t ts_usec = 0;  // when it happened; 0: when emitted
};

// The text for people, the journal's MESSAGE= and the line's "message":
// "api: step build failed: exit-code: make: *** [all] Error 2".
std::string event_message(const Event& event);

// The JSON line, '\n' included: {"ts": "2026-11-21T22:44:35.123456Z",
// "kind": "step-failed", "app", "deploy_id", "step", "result", "revision",
// "duration_usec", "message", extra...}. Empty fields are left out; ts, kind
// and message are always there.
std::string event_json_line(const Event& event, uint64_t ts_usec);

// The journal entry's fields ("MESSAGE_ID=...", "MESSAGE=...", "PRIORITY=...",
// "HOIST_APP=...", ...), SYSLOG_IDENTIFIER= excepted.
std::vector<std::string> event_journal_fields(const Event& event);

class EventLog {
 public:
  explicit EventLog(std::string path = kDefaultEventsPath, bool to_journal = true)
      : path_(std::move(path)), to_journal_(to_journal) {}

  // Appends the line with one O_APPEND write() (the file and its directory
  // are created if missing; concurrent writers never interleave parts of
  // lines) and sends the journal entry. false if the line could not be
  // written (logged once until a write works again).
  bool emit(const Event& event);

  const std::string& path() const noexcept { return path_; }

 private:
  bool append(const std::string& line);

  std::string path_;
  bool to_journal_;
  bool failing_ = false;
};

}  // namespace hoist
