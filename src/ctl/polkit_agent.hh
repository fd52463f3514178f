// A polkit text agent (pkttyagent) for the lifetime of this object, so that
// hoistd's polkit checks can ask the user at the terminal for a password, as
// systemctl does. It is registered for this process alone.
#pragma once

#include <sys/types.h>

namespace hoist::ctl {

class PolkitAgent {
 public:
  PolkitAgent() = default;
  PolkitAgent(const PolkitAgent&) = delete;
  PolkitAgent& operator=(const PolkitAgent&) = delete;
  ~PolkitAgent();

  // Starts pkttyagent and waits until it has registered, if stdin and stdout
  // are terminals, the caller is not root (hoistd never asks root) and
  // pkttyagent is installed; does nothing otherwise.
  void start_if_useful();

 private:
  pid_t pid_ = -1;
};

}  // namespace hoist::ctl
