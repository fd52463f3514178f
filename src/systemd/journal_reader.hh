// Reading a unit's journal entries as "journalctl -u UNIT" selects them, and
// waking followers when new entries arrive (the journal's inotify fd in sd-event).
// The journal is opened for each read and closed after it, and stays open
// only while followers wait: sd-journal maps the files it reads, and those
// pages would otherwise stay in hoistd's resident set for good.
#pragma once

#include <systemd/sd-event.h>
#include <systemd/sd-journal.h>

#include <functional>
#include <list>
#include <string>
#include <vector>

#include "common/sd_ptr.hh"
#include "systemd/log_entry.hh"

namespace hoist {

// Most entries one call returns (GetLogs "lines" cap).
inline constexpr uint32_t kMaxLogLines = 10000;
// Longest a follower waits in one WaitForLogs call.
inline constexpr uint32_t kMaxWaitMsec = 60000;

class JournalReader {
 public:
  // user: read the calling user's journal files (hoistd --user).
  JournalReader(sd_event* event, bool user);
  JournalReader(const JournalReader&) = delete;
  JournalReader& operator=(const JournalReader&) = delete;
  ~JournalReader();

  // Checks that the journal can be opened. Returns a negative errno if not.
  int open();

  // Newest `lines` entries (empty cursor) or the entries after `cursor`, at
  // most `lines`, oldest first. lines 0 or over the cap means the cap.
  // Returns -EINVAL for a cursor that is not one, another negative errno on failure.
  int read(const std::string& unit, uint32_t lines, const std::string& cursor,
           std::vector<LogEntry>& out);

  // The output of one run of a unit whose name is never reused (a deploy
  // step): entries of its invocation id, or of its name — journald can only
  // tell the name (from the stream's header) when the process exited before
  // it looked at its cgroup. Messages joined by newlines, at most the last
  // max_bytes (whole lines); cut is how many bytes were left out before.
  int read_run_output(const std::string& unit, const std::string& invocation_id,
                      size_t max_bytes, std::string& out, size_t& cut);

  using WaitFn = std::function<void(std::vector<LogEntry> entries, int error)>;
  // Calls fn with the entries after cursor (an empty cursor: after the newest
  // entry now) as soon as there are any, or with none once timeout_msec
  // passed. fn may be called before wait returns.
  void wait(const std::string& unit, const std::string& cursor, uint32_t timeout_msec, WaitFn fn);

  // Answers every waiting follower now (with what there is), e.g. at shutdown.
  void release_waiters();

  size_t waiters() const noexcept { return waiters_.size(); }

 private:
  struct Waiter {
    JournalReader* owner;
    std::string unit, cursor;
    WaitFn fn;
    EventSourcePtr timer;
  };
  static int on_journal_io(sd_event_source* s, int fd, uint32_t revents, void* userdata);
  static int on_timeout(sd_event_source* s, uint64_t usec, void* userdata);
  void answer(std::list<Waiter>::iterator it, bool even_if_empty);
  // Opens the journal unless it is open; release() closes it unless followers wait.
  int acquire();
  void release();
  // read() and read_run_output() of the open journal.
  int read_open(const std::string& unit, uint32_t lines, const std::string& cursor,
                std::vector<LogEntry>& out);
  int read_run_output_open(const std::string& unit, const std::string& invocation_id,
                           size_t max_bytes, std::string& out, size_t& cut);
  void erase_waiter(std::list<Waiter>::iterator it);
  int add_unit_matches(const std::string& unit);
  int read_entry(LogEntry& e);

  sd_event* event_;
  bool user_;
  JournalPtr journal_;
  EventSourcePtr io_source_;
  std::list<Waiter> waiters_;
};

}  // namespace hoist
