// hoistctl logs [-n N] [-f] [-o short|cat|json] UNIT
#include <signal.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "ctl/commands.hh"
#include "ctl/exit_status.hh"
#include "ctl/log_format.hh"
#include "ctl/report.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

// How long one WaitForLogs call waits for new entries (hoistd caps it at
// 60 s), and how long hoistctl waits for its answer.
constexpr uint32_t kWaitForLogsMsec = 30000;
constexpr uint64_t kWaitForLogsCallTimeoutUsec = 60ull * 1000 * 1000;

class Printer {
 public:
  explicit Printer(const Options& o)
      : format_(o.json ? LogFormat::Json : o.log_format), style_(style_for_fd(fileno(stdout))) {}

  // Prints the entries and remembers where they ended.
  void print(const std::vector<LogEntry>& entries) {
    for (const auto& e : entries) fputs(format_log_entry(e, format_, style_).c_str(), stdout);
    fflush(stdout);
    skip(entries);
  }
  // Remembers where the entries ended without printing them.
  void skip(const std::vector<LogEntry>& entries) {
    if (!entries.empty()) cursor_ = entries.back().cursor;
  }
  const std::string& cursor() const { return cursor_; }

 private:
  LogFormat format_;
  Style style_;
  std::string cursor_;
};

// Follows the unit's journal: one WaitForLogs call after another on an
// sd-event loop, until SIGINT or SIGTERM (exit 0) or a call fails.
class Follower {
 public:
  Follower(Client& client, const Options& o, Printer& printer)
      : client_(client), o_(o), printer_(printer) {}
  Follower(const Follower&) = delete;
  Follower& operator=(const Follower&) = delete;
  ~Follower() {
    if (event_) sd_bus_detach_event(client_.bus());
  }

  int run() {
    sd_event* raw = nullptr;
    int r = sd_event_new(&raw);
    event_.reset(raw);
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    if (r >= 0) r = sigprocmask(SIG_BLOCK, &mask, nullptr) < 0 ? -errno : 0;
    if (r >= 0) r = sd_event_add_signal(event_.get(), nullptr, SIGINT, on_signal, nullptr);
    if (r >= 0) r = sd_event_add_signal(event_.get(), nullptr, SIGTERM, on_signal, nullptr);
    if (r >= 0) r = sd_bus_attach_event(client_.bus(), event_.get(), SD_EVENT_PRIORITY_NORMAL);
    if (r < 0) return fail(CallError("", strerror(-r)));
    if (!wait_for_more()) return status_;
    r = sd_event_loop(event_.get());
    return r < 0 ? fail(CallError("", strerror(-r))) : status_;
  }

 private:
  static int on_signal(sd_event_source* s, const struct signalfd_siginfo*, void*) noexcept {
    return sd_event_exit(sd_event_source_get_event(s), 0);
  }

  static int on_reply(sd_bus_message* reply, void* userdata, sd_bus_error*) noexcept {
    auto* self = static_cast<Follower*>(userdata);
    try {
      if (const sd_bus_error* e = sd_bus_message_get_error(reply))
        throw CallError::from_bus_error(e, -sd_bus_message_get_errno(reply));
      self->printer_.print(read_log_entries(reply));
      self->wait_for_more();
    } catch (const CallError& e) {
      self->fail(e);
    } catch (const std::exception& e) {
      self->fail(CallError("", e.what()));
    }
    return 0;
  }

  // Sends the next WaitForLogs; false (failure reported) if it could not.
  bool wait_for_more() {
    try {
      auto m = client_.new_method_call("WaitForLogs");
      int r = sd_bus_message_append(m.get(), "ssu", o_.units.front().c_str(),
                                    printer_.cursor().c_str(), kWaitForLogsMsec);
      sd_bus_slot* slot = nullptr;
      if (r >= 0)
        r = sd_bus_call_async(client_.bus(), &slot, m.get(), on_reply, this,
                              kWaitForLogsCallTimeoutUsec);
      if (r < 0) throw CallError("", strerror(-r));
      pending_.reset(slot);
      return true;
    } catch (const CallError& e) {
      fail(e);
      return false;
    }
  }

  int fail(const CallError& e) {
    status_ = report_failure(
        o_, e, strprintf(_("Failed to follow the logs of %s"), o_.units.front().c_str()));
    if (event_) sd_event_exit(event_.get(), status_);
    return status_;
  }

  Client& client_;
  const Options& o_;
  Printer& printer_;
  EventPtr event_;
  BusSlotPtr pending_;
  int status_ = exit_status::kSuccess;
};

}  // namespace

int run_logs(Client& client, const Options& o) {
  const std::string& unit = o.units.front();
  Printer printer(o);
  try {
    if (o.lines > 0)
      printer.print(client.get_logs(unit, o.lines, ""));
    else if (o.follow)  // nothing to show, but following starts after the newest entry
      printer.skip(client.get_logs(unit, 1, ""));
  } catch (const CallError& e) {
    return report_failure(o, e, strprintf(_("Failed to read the logs of %s"), unit.c_str()));
  }
  if (!o.follow) return exit_status::kSuccess;
  // Without a cursor yet (no entries), WaitForLogs follows from now on.
  return Follower(client, o, printer).run();
}

}  // namespace hoist::ctl
