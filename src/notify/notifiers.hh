// Notifications of deploy events to chat (Mattermost, Slack, Discord,
// Matrix) and to generic JSON webhooks, configured by [Notify NAME] groups
// of hoist.conf. Delivery is asynchronous (libsoup, on the thread's main
// context) and never delays the caller: each attempt may take 10 s, a failed
// one (no answer, a timeout, HTTP 408, 429 or 5xx) is retried twice, 5 s
// apart; a notifier's failure is logged once (HOIST_NOTIFIER=) until one of
// its deliveries succeeds again, which is logged too. Logs name the
// receiver by scheme://host only: incoming-webhook URLs hold secrets.
//
// The parts: notify_event.hh (what is sent), notifier_config.hh ([Notify
// NAME]), message_format.hh and rich_text.hh (the words and each markup),
// notify_payload.hh (each platform's JSON under its length limit),
// notifier_token.hh (Matrix access tokens).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/in_flight.hh"
#include "notify/notifier_config.hh"
#include "notify/notify_event.hh"

namespace hoist {

struct NotifierTiming {
  unsigned timeout_msec = 10 * 1000;     // one attempt
  unsigned retry_delay_msec = 5 * 1000;  // between attempts
  unsigned retries = 2;                  // attempts after the first
};

class Notifiers {
 public:
  // credentials_dir: $CREDENTIALS_DIRECTORY ("" if none), for Matrix tokens.
  // timing: tests shorten it. Problems (a token that cannot be read) are
  // logged; configure() returns them.
  Notifiers(std::vector<NotifierConfig> configs, std::string credentials_dir,
            NotifierTiming timing = {});
  ~Notifiers();  // deliveries in flight are canceled

  // Each delivery holds a token of in_flight until it ends, so a graceful
  // stop waits for it (within its own time limit).
  void hold_while_delivering(InFlight* in_flight);
  Notifiers(const Notifiers&) = delete;
  Notifiers& operator=(const Notifiers&) = delete;

  // Replaces the configuration (a reload; Matrix tokens are read again);
  // deliveries in flight finish. A notifier whose configuration is unchanged
  // keeps its "failing" state, so its failure is not logged again. Returns
  // (and logs) the problems: "notifier NAME: WHAT"; such a notifier sends
  // nothing until a configure() without the problem.
  std::vector<std::string> configure(std::vector<NotifierConfig> configs);

  // Sends the event to every notifier whose Events= and Apps= select it.
  // Returns at once; event.host defaults to this machine's host name.
  void notify(const NotifyEvent& event);

  // Deliveries started and not finished (retries included).
  size_t in_flight() const;
  // Whether notifier name's last delivery failed (after its retries).
  bool failing(std::string_view name) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoist
