// Asks journald to write out everything it has received so far (varlink
// io.systemd.Journal.Synchronize), so that a step's last lines can be read
// back by its invocation id right after it exited.
#pragma once

#include <systemd/sd-event.h>

#include <functional>
#include <list>
#include <string>

#include "common/raii.hh"
#include "common/sd_ptr.hh"

namespace hoist {

class JournalSync {
 public:
  explicit JournalSync(sd_event* event,
                       std::string socket_path = "/run/systemd/journal/io.systemd.journal")
      : event_(event), socket_path_(std::move(socket_path)) {}
  JournalSync(const JournalSync&) = delete;
  JournalSync& operator=(const JournalSync&) = delete;

  // Calls done once journald answered, failed, or 5 s passed: the caller
  // reads the journal then, whatever happened (best effort).
  void sync(std::function<void()> done);

 private:
  struct Request {
    JournalSync* owner;
    Fd fd;
    std::string reply;
    EventSourcePtr io, timer;
    std::function<void()> done;
  };
  static int on_io(sd_event_source* s, int fd, uint32_t revents, void* userdata);
  static int on_timeout(sd_event_source* s, uint64_t usec, void* userdata);
  void finish(Request* r);

  sd_event* event_;
  std::string socket_path_;
  std::list<Request> requests_;
};

}  // namespace hoist
