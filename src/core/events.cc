#include "core/events.hh"

#include <fcntl.h>
#include <glib.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>

#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "common/log.hh"
#include "core/dir_fd.hh"
#include "core/json_object.hh"
#include "core/utc_time.hh"
#include "core/utf8_text.hh"

namespace hoist {
namespace {

constexpr size_t kDetailMax = 4096;
constexpr size_t kExtraKeyMax = 64;
constexpr mode_t kFileMode = 0640;
constexpr mode_t kDirectoryMode = 0750;

// The string fields of every event: JSON key, journal field.
struct StringField {
  const char* json_key;
  const char* journal_name;
  std::string Event::*member;
};
constexpr std::array<StringField, 5> kStringFields = {{
    {"app", "HOIST_APP", &Event::app},
    {"deploy_id", "HOIST_DEPLOY_ID", &Event::deploy_id},
    {"step", "HOIST_STEP", &Event::step},
    {"result", "HOIST_RESULT", &Event::result},
    {"revision", "HOIST_REVISION", &Event::revision},
}};

// Keys extra fields may not use: the JSON line's own, and "event" (HOIST_EVENT=).
constexpr std::array<std::string_view, 10> kReservedKeys = {
    "ts",     "kind",     "app",           "deploy_id", "step",
    "result", "revision", "duration_usec", "message",   "event"};

bool extra_key_is_valid(std::string_view key) {
  if (key.empty() || key.size() > kExtraKeyMax || !g_ascii_islower(key.front())) return false;
  if (std::find(kReservedKeys.begin(), kReservedKeys.end(), key) != kReservedKeys.end())
    return false;
  return std::all_of(key.begin(), key.end(),
                     [](char c) { return g_ascii_islower(c) || g_ascii_isdigit(c) || c == '_'; });
}

std::string or_default(const std::string& value, std::string_view fallback) {
  return value.empty() ? std::string(fallback) : value;
}

// The kind's summary with {step}, {result}, {revision} filled in.
std::string fill_summary(std::string_view summary, const Event& e) {
  const std::array<std::pair<std::string_view, std::string>, 3> values = {{
      {"{step}", or_default(e.step, "?")},
      {"{result}", or_default(e.result, "unknown")},
      {"{revision}", or_default(e.revision, "the branch head")},
  }};
  std::string text;
  while (!summary.empty()) {
    const auto it = std::find_if(values.begin(), values.end(),
                                 [&](const auto& v) { return summary.starts_with(v.first); });
    if (it != values.end()) {
      text += it->second;
      summary.remove_prefix(it->first.size());
    } else {
      text += summary.front();
      summary.remove_prefix(1);
    }
  }
  return text;
}

std::string journal_field_name(std::string_view key) {
  std::string name = "HOIST_";
  for (const char c : key) name += g_ascii_toupper(c);
  return name;
}

std::string field_text(const EventField& f) {
  if (const auto* s = std::get_if<std::string>(&f.value)) return make_valid_utf8(*s);
  return std::to_string(std::get<int64_t>(f.value));
}

// The extra fields with valid keys, each key once (the first wins).
std::vector<const EventField*> valid_extra(const Event& e) {
  std::vector<const EventField*> fields;
  for (const auto& f : e.extra) {
    const bool duplicate = std::any_of(fields.begin(), fields.end(),
                                       [&](const EventField* seen) { return seen->key == f.key; });
    if (extra_key_is_valid(f.key) && !duplicate) fields.push_back(&f);
  }
  return fields;
}

bool write_line(int fd, const std::string& line) {
  ssize_t n;
  do n = write(fd, line.data(), line.size());
  while (n < 0 && errno == EINTR);
  if (n == static_cast<ssize_t>(line.size())) return true;
  if (n < 0) return false;
  // A short write (disk full): end the fragment so the next line starts clean.
  if (n > 0) {
    const ssize_t ended = write(fd, "\n", 1);
    static_cast<void>(ended);
  }
  errno = ENOSPC;
  return false;
}

}  // namespace

std::string event_message(const Event& e) {
  std::string text = e.app.empty() ? std::string() : make_valid_utf8(e.app) + ": ";
  text += fill_summary(event_kind_info(e.kind).summary, e);
  if (!e.detail.empty()) text += ": " + utf8_head(e.detail, kDetailMax);
  return make_valid_utf8(text);
}

std::string event_json_line(const Event& e, uint64_t ts_usec) {
  JsonObjectWriter w;
  w.string("ts", rfc3339_usec(ts_usec));
  w.string("kind", event_kind_info(e.kind).name);
  for (const auto& f : kStringFields)
    if (const std::string& value = e.*f.member; !value.empty()) w.string(f.json_key, value);
  if (e.duration_usec) w.usec("duration_usec", *e.duration_usec);
  w.string("message", event_message(e));
  for (const EventField* f : valid_extra(e)) {
    if (const auto* s = std::get_if<std::string>(&f->value))
      w.string(f->key.c_str(), *s);
    else
      w.integer(f->key.c_str(), std::get<int64_t>(f->value));
  }
  return json_node_to_string(w.node().get()) + "\n";
}

std::vector<std::string> event_journal_fields(const Event& e) {
  const EventKindInfo& info = event_kind_info(e.kind);
  std::vector<std::string> fields = {
      "MESSAGE_ID=" + std::string(info.message_id),
      "MESSAGE=" + event_message(e),
      "PRIORITY=" + std::to_string(info.priority),
      "HOIST_EVENT=" + std::string(info.name),
  };
  for (const auto& f : kStringFields)
    if (const std::string& value = e.*f.member; !value.empty())
      fields.push_back(std::string(f.journal_name) + "=" + make_valid_utf8(value));
  if (e.duration_usec) fields.push_back("HOIST_DURATION_USEC=" + std::to_string(*e.duration_usec));
  for (const EventField* f : valid_extra(e))
    fields.push_back(journal_field_name(f->key) + "=" + field_text(*f));
  return fields;
}

bool EventLog::emit(const Event& event) {
  const uint64_t ts = event.ts_usec ? event.ts_usec : realtime_now_usec();
  const bool written = append(event_json_line(event, ts));
  if (to_journal_) {
    std::vector<std::string> fields = event_journal_fields(event);
    fields.push_back("SYSLOG_IDENTIFIER=" + std::string(program_invocation_short_name));
    std::vector<iovec> iov;
    iov.reserve(fields.size());
    for (auto& f : fields) iov.push_back({f.data(), f.size()});
    sd_journal_sendv(iov.data(), static_cast<int>(iov.size()));
  }
  return written;
}

bool EventLog::append(const std::string& line) {
  constexpr int kFlags = O_WRONLY | O_APPEND | O_CREAT | O_NOCTTY | O_CLOEXEC;
  Fd fd(open(path_.c_str(), kFlags, kFileMode));
  if (!fd && errno == ENOENT) {
    const GCharPtr dir(g_path_get_dirname(path_.c_str()));
    if (g_mkdir_with_parents(dir.get(), kDirectoryMode) == 0)
      fd = Fd(open(path_.c_str(), kFlags, kFileMode));
  }
  if (fd && write_line(fd.get(), line)) {
    failing_ = false;
    return true;
  }
  if (!failing_) log::warning(errno_message("cannot append an event to", path_, errno));
  failing_ = true;
  return false;
}

}  // namespace hoist
