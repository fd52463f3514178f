#include "core/in_flight.hh"

namespace hoist {

InFlight::Token InFlight::acquire() {
  count_++;
  return Token(static_cast<void*>(this), [](void* p) {
    auto* self = static_cast<InFlight*>(p);
    if (--self->count_ == 0 && self->on_idle_) self->on_idle_();
  });
}

}  // namespace hoist
