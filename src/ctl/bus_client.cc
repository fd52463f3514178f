#include "ctl/bus_client.hh"

#include <cstdlib>
#include <cstring>

#include "common/errors.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

void check_message(int r) {
  if (r < 0) throw CallError("", strprintf(_("Failed to create a D-Bus message: %s"), strerror(-r)));
}

void check_reply(int r) {
  if (r < 0) throw CallError("", strprintf(_("Failed to parse hoistd's reply: %s"), strerror(-r)));
}

std::string read_string(sd_bus_message* reply) {
  const char* s = nullptr;
  check_reply(sd_bus_message_read(reply, "s", &s));
  return s;
}

void throw_unparsable_reply(const std::string& error) {
  throw CallError("", strprintf(_("Failed to parse hoistd's reply: %s"), error.c_str()));
}

CallError CallError::from_bus_error(const sd_bus_error* e, int r) {
  if (e && sd_bus_error_is_set(e)) return CallError(e->name, e->message ? e->message : e->name);
  return CallError("", strerror(r < 0 ? -r : EIO));
}

CallError CallError::bus_unavailable(int r) {
  CallError e("", strerror(-r));
  e.bus_unavailable_ = true;
  return e;
}

bool CallError::daemon_unreachable() const {
  return bus_unavailable_ || name_ == "org.freedesktop.DBus.Error.ServiceUnknown" ||
         name_ == "org.freedesktop.DBus.Error.NameHasNoOwner" ||
         starts_with(name_, "org.freedesktop.DBus.Error.Spawn.") ||
         // dbus-daemon passes on PID 1's refusal to start hoistd.service
         starts_with(name_, "org.freedesktop.systemd1.");
}

Client Client::connect(bool user, bool interactive) {
  sd_bus* raw = nullptr;
  int r = user ? sd_bus_open_user(&raw) : sd_bus_open_system(&raw);
  if (r < 0) throw CallError::bus_unavailable(r);
  return Client(BusPtr(raw), interactive);
}

BusMessagePtr Client::new_call(const char* path, const char* interface, const char* method) {
  sd_bus_message* raw = nullptr;
  check_message(
      sd_bus_message_new_method_call(bus_.get(), &raw, dbus::kBusName, path, interface, method));
  BusMessagePtr m(raw);
  check_message(sd_bus_message_set_allow_interactive_authorization(m.get(), interactive_));
  return m;
}

BusMessagePtr Client::new_method_call(const char* method) {
  return new_call(dbus::kObjectPath, dbus::kManagerInterface, method);
}

BusMessagePtr Client::call(sd_bus_message* m, uint64_t timeout_usec) {
  BusError error;
  sd_bus_message* reply = nullptr;
  int r = sd_bus_call(bus_.get(), m, timeout_usec, &error, &reply);
  if (r < 0) throw CallError::from_bus_error(&error.e, r);
  return BusMessagePtr(reply);
}

std::string Client::version() {
  BusError error;
  char* raw = nullptr;
  int r = sd_bus_get_property_string(bus_.get(), dbus::kBusName, dbus::kObjectPath,
                                     dbus::kManagerInterface, "Version", &error, &raw);
  if (r < 0) throw CallError::from_bus_error(&error.e, r);
  std::string v = raw;
  free(raw);
  return v;
}

UnitStatus Client::unit_status(const std::string& unit) {
  auto m = new_method_call("GetUnitStatus");
  check_message(sd_bus_message_append(m.get(), "s", unit.c_str()));
  auto reply = call(m.get());
  UnitStatus s;
  check_reply(read_unit_status(reply.get(), s));
  return s;
}

std::vector<UnitStatus> Client::list_units(const std::vector<std::string>& patterns) {
  auto m = new_method_call("ListUnits");
  int r = sd_bus_message_open_container(m.get(), 'a', "s");
  for (size_t i = 0; r >= 0 && i < patterns.size(); i++)
    r = sd_bus_message_append(m.get(), "s", patterns[i].c_str());
  if (r >= 0) r = sd_bus_message_close_container(m.get());
  check_message(r);
  auto reply = call(m.get());

  std::vector<UnitStatus> units;
  check_reply(sd_bus_message_enter_container(reply.get(), 'a', "a{sv}"));
  for (;;) {
    UnitStatus s;
    r = read_unit_status(reply.get(), s);
    check_reply(r);
    if (r == 0) break;
    units.push_back(std::move(s));
  }
  check_reply(sd_bus_message_exit_container(reply.get()));
  return units;
}

std::string Client::run_unit_job(const char* method, const std::string& unit) {
  auto m = new_method_call(method);
  check_message(sd_bus_message_append(m.get(), "s", unit.c_str()));
  auto reply = call(m.get(), kInfiniteTimeout);
  const char* result = nullptr;
  check_reply(sd_bus_message_read(reply.get(), "s", &result));
  return result;
}

std::vector<LogEntry> Client::get_logs(const std::string& unit, uint32_t lines,
                                       const std::string& after_cursor) {
  auto m = new_method_call("GetLogs");
  check_message(sd_bus_message_append(m.get(), "sus", unit.c_str(), lines, after_cursor.c_str()));
  auto reply = call(m.get());
  return read_log_entries(reply.get());
}

void Client::daemon_reload() {
  auto m = new_method_call("DaemonReload");
  call(m.get(), kInfiniteTimeout);
}

std::vector<LogEntry> read_log_entries(sd_bus_message* reply) {
  std::vector<LogEntry> entries;
  check_reply(sd_bus_message_enter_container(reply, 'a', kLogEntrySignature));
  for (;;) {
    LogEntry e;
    int r = read_log_entry(reply, e);
    check_reply(r);
    if (r == 0) break;
    entries.push_back(std::move(e));
  }
  check_reply(sd_bus_message_exit_container(reply));
  return entries;
}

}  // namespace hoist::ctl
