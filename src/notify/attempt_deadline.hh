// The deadline of one attempt of an asynchronous GIO/libsoup call: a fresh
// GCancellable that a main-loop timer cancels when the time is up. The timer
// goes with the object (or with disarm()), so it never fires on freed memory.
#pragma once

#include <gio/gio.h>

#include "common/glib_ptr.hh"

namespace hoist {

class AttemptDeadline {
 public:
  AttemptDeadline() = default;
  ~AttemptDeadline() { disarm(); }
  AttemptDeadline(const AttemptDeadline&) = delete;
  AttemptDeadline& operator=(const AttemptDeadline&) = delete;

  // A new cancellable for the next attempt, canceled after msec (at least 1).
  GCancellable* start(unsigned msec);
  // Stops the timer; the cancellable stays as it is.
  void disarm();
  // Cancels the attempt now (and stops the timer).
  void cancel();
  // Whether the time ran out for the current attempt.
  bool expired() const noexcept { return expired_; }

 private:
  GObj<GCancellable> cancellable_;
  guint source_ = 0;
  bool expired_ = false;
};

}  // namespace hoist
