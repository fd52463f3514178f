#include "systemd/journal_reader.hh"

#include <glib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "common/log.hh"

namespace hoist {
namespace {

constexpr const char* kCoredumpMessageId = "MESSAGE_ID=fc2e22bc6ee647b6b90729ab34a250b1";

// A field's value ("MESSAGE=hello" → "hello"), empty if the entry lacks it.
std::string field(sd_journal* j, const char* name) {
  const void* data = nullptr;
  size_t len = 0;
  if (sd_journal_get_data(j, name, &data, &len) < 0) return {};
  size_t prefix = strlen(name) + 1;
  if (len < prefix) return {};
  return std::string(static_cast<const char*>(data) + prefix, len - prefix);
}

// D-Bus strings are UTF-8 without NUL; journal messages may be anything.
std::string valid_utf8(std::string s) {
  std::replace(s.begin(), s.end(), '\0', '?');
  if (g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) return s;
  char* fixed = g_utf8_make_valid(s.data(), static_cast<gssize>(s.size()));
  std::string out = fixed;
  g_free(fixed);
  return out;
}

uint32_t parse_u32(const std::string& s, uint32_t fallback) {
  if (s.empty()) return fallback;
  char* end = nullptr;
  unsigned long v = strtoul(s.c_str(), &end, 10);
  return (*end == '\0' && v <= UINT32_MAX) ? static_cast<uint32_t>(v) : fallback;
}

int add(sd_journal* j, const std::string& match) { return sd_journal_add_match(j, match.c_str(), 0); }

}  // namespace

JournalReader::JournalReader(sd_event* event, bool user) : event_(event), user_(user) {}

JournalReader::~JournalReader() {
  for (auto& w : waiters_) w.timer.reset();
}

int JournalReader::open() {
  const int r = acquire();
  release();
  return r;
}

int JournalReader::acquire() {
  if (journal_) return 0;
  sd_journal* j = nullptr;
  int flags = SD_JOURNAL_LOCAL_ONLY | (user_ ? SD_JOURNAL_CURRENT_USER : 0);
  int r = sd_journal_open(&j, flags);
  if (r < 0) return r;
  journal_.reset(j);
  sd_journal_set_data_threshold(j, 0);
  sd_event_source* s = nullptr;
  r = sd_journal_get_fd(j);
  if (r >= 0)
    r = sd_event_add_io(event_, &s, r, static_cast<uint32_t>(sd_journal_get_events(j)),
                        on_journal_io, this);
  io_source_.reset(s);
  // Watched only while someone follows: an idle hoistd must not wake up for
  // every line another unit logs.
  if (r >= 0) r = sd_event_source_set_enabled(s, SD_EVENT_OFF);
  if (r < 0) release();
  return r < 0 ? r : 0;
}

void JournalReader::release() {
  if (!waiters_.empty()) return;
  io_source_.reset();
  journal_.reset();
}

// The same selection as journalctl -u (systemd's add_matches_for_unit):
// the unit's own processes, its core dumps, PID 1 about it, and privileged
// daemons about it.
int JournalReader::add_unit_matches(const std::string& unit) {
  sd_journal* j = journal_.get();
  int r;
  if (!user_) {
    (void)((r = add(j, "_SYSTEMD_UNIT=" + unit)) < 0 || (r = sd_journal_add_disjunction(j)) < 0 ||
           (r = add(j, kCoredumpMessageId)) < 0 || (r = add(j, "_UID=0")) < 0 ||
           (r = add(j, "COREDUMP_UNIT=" + unit)) < 0 || (r = sd_journal_add_disjunction(j)) < 0 ||
           (r = add(j, "_PID=1")) < 0 || (r = add(j, "UNIT=" + unit)) < 0 ||
           (r = sd_journal_add_disjunction(j)) < 0 || (r = add(j, "_UID=0")) < 0 ||
           (r = add(j, "OBJECT_SYSTEMD_UNIT=" + unit)) < 0);
    return r < 0 ? r : 0;
  }
  std::string uid = "_UID=" + std::to_string(getuid());
  (void)((r = add(j, "_SYSTEMD_USER_UNIT=" + unit)) < 0 || (r = add(j, uid)) < 0 ||
         (r = sd_journal_add_disjunction(j)) < 0 || (r = add(j, kCoredumpMessageId)) < 0 ||
         (r = add(j, uid)) < 0 || (r = add(j, "COREDUMP_USER_UNIT=" + unit)) < 0 ||
         (r = sd_journal_add_disjunction(j)) < 0 || (r = add(j, "USER_UNIT=" + unit)) < 0 ||
         (r = add(j, uid)) < 0 || (r = sd_journal_add_disjunction(j)) < 0 ||
         (r = add(j, "OBJECT_SYSTEMD_USER_UNIT=" + unit)) < 0 || (r = add(j, "_UID=0")) < 0);
  return r < 0 ? r : 0;
}

int JournalReader::read_entry(LogEntry& e) {
  sd_journal* j = journal_.get();
  int r = sd_journal_get_realtime_usec(j, &e.realtime_usec);
  if (r < 0) return r;
  char* cursor = nullptr;
  if ((r = sd_journal_get_cursor(j, &cursor)) < 0) return r;
  e.cursor = cursor;
  free(cursor);
  e.priority = parse_u32(field(j, "PRIORITY"), 6);
  e.pid = parse_u32(field(j, "_PID"), 0);
  e.identifier = field(j, "SYSLOG_IDENTIFIER");
  if (e.identifier.empty()) e.identifier = field(j, "_COMM");
  e.identifier = valid_utf8(std::move(e.identifier));
  e.message = valid_utf8(field(j, "MESSAGE"));
  return 0;
}

int JournalReader::read(const std::string& unit, uint32_t lines, const std::string& cursor,
                        std::vector<LogEntry>& out) {
  int r = acquire();
  if (r >= 0) r = read_open(unit, lines, cursor, out);
  release();
  return r;
}

int JournalReader::read_open(const std::string& unit, uint32_t lines, const std::string& cursor,
                             std::vector<LogEntry>& out) {
  if (lines == 0 || lines > kMaxLogLines) lines = kMaxLogLines;
  sd_journal* j = journal_.get();
  sd_journal_flush_matches(j);
  int r = add_unit_matches(unit);
  if (r < 0) return r;
  out.clear();
  if (cursor.empty()) {
    if ((r = sd_journal_seek_tail(j)) < 0) return r;
    while (out.size() < lines && (r = sd_journal_previous(j)) > 0) {
      LogEntry e;
      if ((r = read_entry(e)) < 0) return r;
      out.push_back(std::move(e));
    }
    if (r < 0) return r;
    std::reverse(out.begin(), out.end());
    return 0;
  }
  if ((r = sd_journal_seek_cursor(j, cursor.c_str())) < 0) return r;
  bool first = true;
  while (out.size() < lines && (r = sd_journal_next(j)) > 0) {
    // seek_cursor lands on the cursor's entry if it still exists: skip it.
    if (first && sd_journal_test_cursor(j, cursor.c_str()) > 0) {
      first = false;
      continue;
    }
    first = false;
    LogEntry e;
    if ((r = read_entry(e)) < 0) return r;
    out.push_back(std::move(e));
  }
  return r < 0 ? r : 0;
}

int JournalReader::read_run_output(const std::string& unit, const std::string& invocation_id,
                                   size_t max_bytes, std::string& out, size_t& cut) {
  int r = acquire();
  if (r >= 0) r = read_run_output_open(unit, invocation_id, max_bytes, out, cut);
  release();
  return r;
}

int JournalReader::read_run_output_open(const std::string& unit, const std::string& invocation_id,
                                        size_t max_bytes, std::string& out, size_t& cut) {
  sd_journal* j = journal_.get();
  sd_journal_flush_matches(j);
  int r = add(j, "_SYSTEMD_UNIT=" + unit);
  if (r >= 0 && !invocation_id.empty()) {
    if ((r = sd_journal_add_disjunction(j)) >= 0) r = add(j, "_SYSTEMD_INVOCATION_ID=" + invocation_id);
  }
  if (r < 0) return r;
  if ((r = sd_journal_seek_tail(j)) < 0) return r;
  std::vector<std::string> lines;  // newest first
  size_t kept = 0;
  cut = 0;
  while ((r = sd_journal_previous(j)) > 0) {
    std::string line = valid_utf8(field(j, "MESSAGE"));
    if (cut > 0 || kept + line.size() + 1 > max_bytes) {
      cut += line.size() + 1;
      continue;
    }
    kept += line.size() + 1;
    lines.push_back(std::move(line));
  }
  if (r < 0) return r;
  out.clear();
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
    out += *it;
    out += '\n';
  }
  return 0;
}

void JournalReader::wait(const std::string& unit, const std::string& cursor,
                         uint32_t timeout_msec, WaitFn fn) {
  std::vector<LogEntry> entries;
  std::string after = cursor;
  // Answers now, the journal closed first unless others follow.
  auto answer_now = [&](int error) {
    release();
    fn(std::move(entries), error);
  };
  int r = acquire();
  if (r < 0) return answer_now(r);
  if (after.empty()) {
    // No cursor: from now on, i.e. after the newest entry (if there is one).
    if ((r = read_open(unit, 1, "", entries)) < 0) return answer_now(r);
    if (!entries.empty()) after = entries.back().cursor;
    entries.clear();
  } else {
    r = read_open(unit, 0, after, entries);
    if (r < 0 || !entries.empty()) return answer_now(r < 0 ? r : 0);
  }
  if (timeout_msec == 0) return answer_now(0);
  if (waiters_.empty() && io_source_) {
    sd_journal_process(journal_.get());  // drop what queued up while unwatched
    sd_event_source_set_enabled(io_source_.get(), SD_EVENT_ON);
  }
  waiters_.push_back({this, unit, after, std::move(fn), {}});
  auto it = std::prev(waiters_.end());
  uint64_t now = 0;
  sd_event_now(event_, CLOCK_MONOTONIC, &now);
  uint64_t usec = static_cast<uint64_t>(std::min(timeout_msec, kMaxWaitMsec)) * 1000;
  sd_event_source* s = nullptr;
  r = sd_event_add_time(event_, &s, CLOCK_MONOTONIC, now + usec, 0, on_timeout, &*it);
  if (r < 0) {
    WaitFn f = std::move(it->fn);
    erase_waiter(it);
    return f({}, r);
  }
  it->timer.reset(s);
}

void JournalReader::erase_waiter(std::list<Waiter>::iterator it) {
  waiters_.erase(it);
  release();
}

void JournalReader::answer(std::list<Waiter>::iterator it, bool even_if_empty) {
  std::vector<LogEntry> entries;
  int r = read_open(it->unit, 0, it->cursor, entries);
  if (r >= 0 && entries.empty() && !even_if_empty) return;
  WaitFn fn = std::move(it->fn);
  erase_waiter(it);
  fn(std::move(entries), r < 0 ? r : 0);
}

int JournalReader::on_journal_io(sd_event_source*, int, uint32_t, void* userdata) {
  auto* self = static_cast<JournalReader*>(userdata);
  int r = sd_journal_process(self->journal_.get());
  if (r < 0) {
    log::warning(std::string("Failed to process journal changes: ") + strerror(-r));
    return 0;
  }
  if (r == SD_JOURNAL_NOP) return 0;
  for (auto it = self->waiters_.begin(); it != self->waiters_.end();) {
    auto next = std::next(it);
    self->answer(it, false);
    it = next;
  }
  return 0;
}

int JournalReader::on_timeout(sd_event_source*, uint64_t, void* userdata) {
  auto* w = static_cast<Waiter*>(userdata);
  JournalReader* self = w->owner;
  for (auto it = self->waiters_.begin(); it != self->waiters_.end(); ++it)
    if (&*it == w) {
      self->answer(it, true);
      break;
    }
  return 0;
}

void JournalReader::release_waiters() {
  while (!waiters_.empty()) answer(waiters_.begin(), true);
}

}  // namespace hoist
