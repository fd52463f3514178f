// Authorization of D-Bus callers: root (or, for read-logs, the journal's
// reader groups) is allowed outright, anyone else is asked about through
// polkit's CheckAuthorization, asynchronously.
#pragma once

#include <systemd/sd-bus.h>

#include <functional>
#include <string>

#include "systemd/bus_calls.hh"

namespace hoist {

struct Verdict {
  bool allowed = false;
  std::string error_name;  // set when the check itself failed (not a plain "no")
  std::string message;     // why not, for the caller
};

using VerdictFn = std::function<void(const Verdict&)>;

class Authorizer {
 public:
  // user_bus: on the user bus every caller is the user itself; allow that user.
  Authorizer(sd_bus* bus, bool user_bus) : bus_(bus), user_bus_(user_bus) {}
  Authorizer(const Authorizer&) = delete;
  Authorizer& operator=(const Authorizer&) = delete;

  // Decides whether the sender of call may do `action`
  // ("org.hoist.Hoist1.manage-units"). trusted_groups: gids allowed without
  // polkit (e.g. adm, systemd-journal for read-logs).
  void check(sd_bus_message* call, const std::string& action, std::vector<gid_t> trusted_groups,
             VerdictFn fn);

 private:
  void ask_polkit(const std::string& sender, const std::string& action, bool interactive,
                  VerdictFn fn);
  sd_bus* bus_;
  bool user_bus_;
  AsyncCalls calls_;
};

// gids of the named groups that exist on this system.
std::vector<gid_t> group_ids(std::initializer_list<const char*> names);

}  // namespace hoist
