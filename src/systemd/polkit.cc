#include "systemd/polkit.hh"

#include <grp.h>
#include <unistd.h>

#include <algorithm>

#include "common/sd_ptr.hh"
#include "systemd/unit_properties.hh"

namespace hoist {
namespace {

constexpr uint32_t kAllowUserInteraction = 1;

struct Creds {
  uint32_t uid = UINT32_MAX;
  std::vector<gid_t> gids;
};

// Reads GetConnectionCredentials' a{sv}: UnixUserID and UnixGroupIDs.
int read_creds(sd_bus_message* m, Creds& c) {
  return read_dict(m, [&c](std::string_view key, sd_bus_message* msg) {
    if (key == "UnixUserID") return sd_bus_message_read(msg, "v", "u", &c.uid);
    if (key != "UnixGroupIDs") return 0;
    int r = sd_bus_message_enter_container(msg, 'v', "au");
    if (r < 0) return r;
    const void* p = nullptr;
    size_t n = 0;
    if ((r = sd_bus_message_read_array(msg, 'u', &p, &n)) < 0) return r;
    auto* g = static_cast<const uint32_t*>(p);
    c.gids.assign(g, g + n / sizeof(uint32_t));
    r = sd_bus_message_exit_container(msg);
    return r < 0 ? r : 1;
  });
}

Verdict failure(const sd_bus_error* e, const char* what) {
  return {false, e && e->name ? e->name : SD_BUS_ERROR_FAILED,
          std::string(what) + ": " + (e && e->message ? e->message : "unknown error")};
}

}  // namespace

std::vector<gid_t> group_ids(std::initializer_list<const char*> names) {
  std::vector<gid_t> out;
  for (const char* n : names)
    if (struct group* g = getgrnam(n)) out.push_back(g->gr_gid);
  return out;
}

void Authorizer::check(sd_bus_message* call, const std::string& action,
                       std::vector<gid_t> trusted_groups, VerdictFn fn) {
  std::string sender = sd_bus_message_get_sender(call) ? sd_bus_message_get_sender(call) : "";
  bool interactive = sd_bus_message_get_allow_interactive_authorization(call) > 0;
  sd_bus_message* raw = nullptr;
  int r = sd_bus_message_new_method_call(bus_, &raw, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus", "GetConnectionCredentials");
  BusMessagePtr m(raw);
  if (r >= 0) r = sd_bus_message_append(m.get(), "s", sender.c_str());
  if (r >= 0)
    r = calls_.call(bus_, m.get(),
                    [this, sender, action, interactive, groups = std::move(trusted_groups), fn](
                        sd_bus_message* reply, const sd_bus_error* e) {
                      Creds c;
                      if (e) return fn(failure(e, "Failed to identify the caller"));
                      if (read_creds(reply, c) < 0 || c.uid == UINT32_MAX)
                        return fn({false, SD_BUS_ERROR_FAILED, "Failed to identify the caller"});
                      if (c.uid == 0 || (user_bus_ && c.uid == geteuid())) return fn({true, {}, {}});
                      for (gid_t g : c.gids)
                        if (std::find(groups.begin(), groups.end(), g) != groups.end())
                          return fn({true, {}, {}});
                      if (user_bus_)
                        return fn({false, {}, "Only the user running hoistd may do this"});
                      ask_polkit(sender, action, interactive, fn);
                    });
  if (r < 0) {
    BusError err;
    sd_bus_error_set_errno(&err, r);
    fn(failure(&err.e, "Failed to identify the caller"));
  }
}

void Authorizer::ask_polkit(const std::string& sender, const std::string& action,
                            bool interactive, VerdictFn fn) {
  sd_bus_message* raw = nullptr;
  int r = sd_bus_message_new_method_call(bus_, &raw, "org.freedesktop.PolicyKit1",
                                         "/org/freedesktop/PolicyKit1/Authority",
                                         "org.freedesktop.PolicyKit1.Authority",
                                         "CheckAuthorization");
  BusMessagePtr m(raw);
  if (r >= 0)
    r = sd_bus_message_append(m.get(), "(sa{sv})sa{ss}us", "system-bus-name", 1, "name", "s",
                              sender.c_str(), action.c_str(), 0,
                              interactive ? kAllowUserInteraction : 0u, "");
  // Interactive authentication may wait for a person; polkit times out itself.
  if (r >= 0)
    r = calls_.call(
        bus_, m.get(),
        [action, fn](sd_bus_message* reply, const sd_bus_error* e) {
          if (e) return fn(failure(e, "Failed to ask polkit"));
          int authorized = 0, challenge = 0;
          if (sd_bus_message_enter_container(reply, 'r', "bba{ss}") < 0 ||
              sd_bus_message_read(reply, "bb", &authorized, &challenge) < 0)
            return fn({false, SD_BUS_ERROR_FAILED, "polkit sent an unreadable answer"});
          if (authorized) return fn({true, {}, {}});
          fn({false, {},
              challenge ? "Authentication is required for " + action +
                              " (use an interactive client, or run as root)"
                        : "Not authorized by polkit for " + action});
        },
        UINT64_MAX);
  if (r < 0) {
    BusError err;
    sd_bus_error_set_errno(&err, r);
    fn(failure(&err.e, "Failed to ask polkit"));
  }
}

}  // namespace hoist
