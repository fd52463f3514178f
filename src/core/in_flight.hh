// Counts work in flight (D-Bus calls waiting for PID 1, HTTP requests) so a
// graceful shutdown can wait for it to drain.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace hoist {

class InFlight {
 public:
  // Held while work runs; the count drops when the last copy goes away.
  using Token = std::shared_ptr<void>;

  Token acquire();
  size_t count() const noexcept { return count_; }
  // Called each time the count drops to zero.
  void on_idle(std::function<void()> fn) { on_idle_ = std::move(fn); }

 private:
  size_t count_ = 0;
  std::function<void()> on_idle_;
};

}  // namespace hoist
