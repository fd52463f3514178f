// Client's calls of the unit file methods of org.hoist.Hoist1.Manager
// (ApplyUnits, DiffUnits, GetDrift) and of the App objects' Drifted.
#include "common/errors.hh"
#include "ctl/bus_client.hh"

namespace hoist::ctl {

ApplyResult Client::apply_units(const std::string& app, bool dry_run) {
  auto m = new_method_call("ApplyUnits");
  int r = sd_bus_message_append(m.get(), "s", app.c_str());
  if (r >= 0) r = sd_bus_message_open_container(m.get(), 'a', "{sv}");
  if (r >= 0 && dry_run) r = sd_bus_message_append(m.get(), "{sv}", "dry-run", "b", 1);
  if (r >= 0) r = sd_bus_message_close_container(m.get());
  check_message(r);
  // Restarts and the health gate take as long as they take.
  auto reply = call(m.get(), kInfiniteTimeout);
  std::string error;
  return parsed_or_throw(parse_apply_result(read_string(reply.get()), error), error);
}

std::vector<UnitFileDiff> Client::diff_units(const std::string& app) {
  auto m = new_method_call("DiffUnits");
  check_message(sd_bus_message_append(m.get(), "s", app.c_str()));
  auto reply = call(m.get());
  std::vector<UnitFileDiff> files;
  check_reply(sd_bus_message_enter_container(reply.get(), 'a', "(sssss)"));
  const char *name, *path, *change, *installed, *rendered;
  int r;
  while ((r = sd_bus_message_read(reply.get(), "(sssss)", &name, &path, &change, &installed,
                                  &rendered)) > 0)
    files.push_back({name, path, change, installed, rendered});
  check_reply(r);
  check_reply(sd_bus_message_exit_container(reply.get()));
  return files;
}

std::vector<DriftInfo> Client::get_drift(const std::string& app) {
  auto m = new_method_call("GetDrift");
  check_message(sd_bus_message_append(m.get(), "s", app.c_str()));
  auto reply = call(m.get());
  std::vector<DriftInfo> drift;
  check_reply(sd_bus_message_enter_container(reply.get(), 'a', "(ssss)"));
  const char *kind, *unit, *path, *detail;
  int r;
  while ((r = sd_bus_message_read(reply.get(), "(ssss)", &kind, &unit, &path, &detail)) > 0)
    drift.push_back({kind, unit, path, detail});
  check_reply(r);
  check_reply(sd_bus_message_exit_container(reply.get()));
  return drift;
}

bool Client::app_drifted(const std::string& object_path) {
  BusError error;
  int drifted = 0;
  int r = sd_bus_get_property_trivial(bus_.get(), dbus::kBusName, object_path.c_str(),
                                      dbus::kAppInterface, "Drifted", &error, 'b', &drifted);
  if (r >= 0) return drifted != 0;
  CallError e = CallError::from_bus_error(&error.e, r);
  if (e.name() == "org.freedesktop.DBus.Error.UnknownObject" ||
      e.name() == "org.freedesktop.DBus.Error.UnknownInterface" ||
      e.name() == "org.freedesktop.DBus.Error.UnknownProperty")
    return false;
  throw e;
}

}  // namespace hoist::ctl
