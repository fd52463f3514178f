// Asynchronous sd-bus method calls with C++ callbacks, owned so that
// destroying the owner cancels whatever is still pending.
#pragma once

#include <systemd/sd-bus.h>

#include <functional>
#include <memory>
#include <unordered_map>

#include "common/sd_ptr.hh"

namespace hoist {

// A copyable reference to a bus message (callbacks are std::function).
class MessageRef {
 public:
  MessageRef() = default;
  explicit MessageRef(sd_bus_message* m) : m_(m ? sd_bus_message_ref(m) : nullptr) {}
  MessageRef(const MessageRef& o) : MessageRef(o.m_) {}
  MessageRef(MessageRef&& o) noexcept : m_(o.m_) { o.m_ = nullptr; }
  MessageRef& operator=(MessageRef o) noexcept {
    std::swap(m_, o.m_);
    return *this;
  }
  ~MessageRef() { sd_bus_message_unref(m_); }
  sd_bus_message* get() const noexcept { return m_; }

 private:
  sd_bus_message* m_ = nullptr;
};

// reply is the method return, or nullptr with error set.
using ReplyFn = std::function<void(sd_bus_message* reply, const sd_bus_error* error)>;

class AsyncCalls {
 public:
  AsyncCalls() = default;
  AsyncCalls(const AsyncCalls&) = delete;
  AsyncCalls& operator=(const AsyncCalls&) = delete;

  // Sends m (a method call) and calls fn with its reply. Returns a negative
  // errno if it could not be sent; fn is then not called.
  int call(sd_bus* bus, sd_bus_message* m, ReplyFn fn, uint64_t timeout_usec = 0);

  size_t pending() const noexcept { return pending_.size(); }

 private:
  struct Pending {
    AsyncCalls* owner;
    BusSlotPtr slot;
    ReplyFn fn;
  };
  static int on_reply(sd_bus_message* m, void* userdata, sd_bus_error* ret_error);
  std::unordered_map<Pending*, std::unique_ptr<Pending>> pending_;
};

// Sets ret (a reply error) from an error reply, for passing it on.
void copy_bus_error(sd_bus_error* ret, const sd_bus_error* from);

}  // namespace hoist
