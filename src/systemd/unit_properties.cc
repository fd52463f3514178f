#include "systemd/unit_properties.hh"

#include <cstring>

#include "common/unit_name.hh"

namespace hoist {
namespace {

int read_s(sd_bus_message* m, std::string& out) {
  const char* s = nullptr;
  int r = sd_bus_message_read(m, "v", "s", &s);
  if (r > 0) out = s;
  return r;
}

int read_invocation_id(sd_bus_message* m, std::string& out) {
  int r = sd_bus_message_enter_container(m, 'v', "ay");
  if (r <= 0) return r;
  const void* p = nullptr;
  size_t n = 0;
  if ((r = sd_bus_message_read_array(m, 'y', &p, &n)) < 0) return r;
  out = invocation_id_to_string(static_cast<const uint8_t*>(p), n);
  r = sd_bus_message_exit_container(m);
  return r < 0 ? r : 1;
}

int read_strv(sd_bus_message* m, std::vector<std::string>& out) {
  int r = sd_bus_message_enter_container(m, 'v', "as");
  if (r <= 0) return r;
  char** v = nullptr;
  if ((r = sd_bus_message_read_strv(m, &v)) < 0) return r;
  out.clear();
  for (char** i = v; i && *i; i++) {
    out.emplace_back(*i);
    free(*i);
  }
  free(v);
  r = sd_bus_message_exit_container(m);
  return r < 0 ? r : 1;
}

// Returns 1 when it read the value, 0 for keys it does not know.
int read_property(sd_bus_message* m, std::string_view key, UnitStatus& s) {
  if (key == "Id") return read_s(m, s.name);
  if (key == "Description") return read_s(m, s.description);
  if (key == "LoadState") return read_s(m, s.load_state);
  if (key == "ActiveState") return read_s(m, s.active_state);
  if (key == "SubState") return read_s(m, s.sub_state);
  if (key == "Result") return read_s(m, s.result);
  if (key == "FragmentPath") return read_s(m, s.fragment_path);
  if (key == "InvocationID") return read_invocation_id(m, s.invocation_id);
  if (key == "DropInPaths") return read_strv(m, s.drop_in_paths);
  if (key == "NRestarts") return sd_bus_message_read(m, "v", "u", &s.n_restarts);
  if (key == "MainPID") return sd_bus_message_read(m, "v", "u", &s.main_pid);
  if (key == "ActiveEnterTimestamp") return sd_bus_message_read(m, "v", "t", &s.active_enter_timestamp);
  if (key == "NeedDaemonReload") {
    int b = 0;
    int r = sd_bus_message_read(m, "v", "b", &b);
    s.need_daemon_reload = b;
    return r;
  }
  return 0;
}

}  // namespace

std::string invocation_id_to_string(const uint8_t* bytes, size_t n) {
  static const char hex[] = "0123456789abcdef";
  bool zero = true;
  for (size_t i = 0; i < n; i++) zero = zero && bytes[i] == 0;
  if (n != 16 || zero) return {};
  std::string out;
  out.reserve(32);
  for (size_t i = 0; i < n; i++) {
    out += hex[bytes[i] >> 4];
    out += hex[bytes[i] & 15];
  }
  return out;
}

std::string unit_type_interface(std::string_view unit) {
  auto t = unit_type(unit);
  if (t == "service") return "org.freedesktop.systemd1.Service";
  if (t == "socket") return "org.freedesktop.systemd1.Socket";
  if (t == "mount") return "org.freedesktop.systemd1.Mount";
  if (t == "automount") return "org.freedesktop.systemd1.Automount";
  if (t == "swap") return "org.freedesktop.systemd1.Swap";
  if (t == "timer") return "org.freedesktop.systemd1.Timer";
  if (t == "path") return "org.freedesktop.systemd1.Path";
  if (t == "scope") return "org.freedesktop.systemd1.Scope";
  return {};
}

int read_dict(sd_bus_message* m,
              const std::function<int(std::string_view key, sd_bus_message* m)>& fn) {
  int r = sd_bus_message_enter_container(m, 'a', "{sv}");
  if (r < 0) return r;
  while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
    const char* key = nullptr;
    if ((r = sd_bus_message_read(m, "s", &key)) < 0) return r;
    if ((r = fn(key, m)) < 0) return r;
    if (r == 0 && (r = sd_bus_message_skip(m, "v")) < 0) return r;
    if ((r = sd_bus_message_exit_container(m)) < 0) return r;
  }
  if (r < 0) return r;
  return sd_bus_message_exit_container(m);
}

int read_unit_properties(sd_bus_message* m, UnitStatus& s, UnitDependencies& dependencies) {
  return read_dict(m, [&s, &dependencies](std::string_view key, sd_bus_message* msg) {
    for (const char* name : kDependencyProperties)
      if (key == name) return read_strv(msg, dependencies[name]);
    return read_property(msg, key, s);
  });
}

int read_unit_properties(sd_bus_message* m, UnitStatus& s) {
  return read_dict(m, [&s](std::string_view key, sd_bus_message* msg) {
    return read_property(msg, key, s);
  });
}

}  // namespace hoist
