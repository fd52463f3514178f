// RAII for C handles: one deleter template for every free function.
#pragma once

#include <memory>

namespace hoist {

template <auto fn>
struct Free {
  void operator()(auto* p) const noexcept { fn(p); }
};

template <class T, auto fn>
using Ptr = std::unique_ptr<T, Free<fn>>;

// A closed file descriptor on scope exit.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) noexcept : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  Fd(Fd&& o) noexcept : fd_(o.release()) {}
  Fd& operator=(Fd&& o) noexcept;
  ~Fd();
  int get() const noexcept { return fd_; }
  int release() noexcept {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  explicit operator bool() const noexcept { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

}  // namespace hoist
