#include "notify/attempt_deadline.hh"

namespace hoist {

GCancellable* AttemptDeadline::start(unsigned msec) {
  disarm();
  expired_ = false;
  cancellable_.reset(g_cancellable_new());
  source_ = g_timeout_add(msec ? msec : 1, [](gpointer data) -> gboolean {
    auto* self = static_cast<AttemptDeadline*>(data);
    self->source_ = 0;
    self->expired_ = true;
    g_cancellable_cancel(self->cancellable_.get());
    return G_SOURCE_REMOVE;
  }, this);
  return cancellable_.get();
}

void AttemptDeadline::disarm() {
  if (source_) g_source_remove(source_);
  source_ = 0;
}

void AttemptDeadline::cancel() {
  disarm();
  if (cancellable_) g_cancellable_cancel(cancellable_.get());
}

}  // namespace hoist
