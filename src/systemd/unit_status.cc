#include "systemd/unit_status.hh"

#include <cerrno>
#include <cstring>

namespace hoist {
namespace {

int append_s(sd_bus_message* m, const char* key, const std::string& v) {
  return sd_bus_message_append(m, "{sv}", key, "s", v.c_str());
}

int append_u(sd_bus_message* m, const char* key, uint32_t v) {
  return sd_bus_message_append(m, "{sv}", key, "u", v);
}

int append_strv(sd_bus_message* m, const char* key, const std::vector<std::string>& v) {
  int r = sd_bus_message_open_container(m, 'e', "sv");
  if (r >= 0) r = sd_bus_message_append(m, "s", key);
  if (r >= 0) r = sd_bus_message_open_container(m, 'v', "as");
  if (r >= 0) r = sd_bus_message_open_container(m, 'a', "s");
  for (size_t i = 0; r >= 0 && i < v.size(); i++) r = sd_bus_message_append(m, "s", v[i].c_str());
  if (r >= 0) r = sd_bus_message_close_container(m);
  if (r >= 0) r = sd_bus_message_close_container(m);
  if (r >= 0) r = sd_bus_message_close_container(m);
  return r;
}

int read_string_variant(sd_bus_message* m, std::string& out) {
  const char* s = nullptr;
  int r = sd_bus_message_read(m, "v", "s", &s);
  if (r > 0) out = s;
  return r;
}

int read_strv_variant(sd_bus_message* m, std::vector<std::string>& out) {
  int r = sd_bus_message_enter_container(m, 'v', "as");
  if (r <= 0) return r;
  r = sd_bus_message_enter_container(m, 'a', "s");
  if (r <= 0) return r;
  out.clear();
  const char* s = nullptr;
  while ((r = sd_bus_message_read(m, "s", &s)) > 0) out.emplace_back(s);
  if (r < 0) return r;
  r = sd_bus_message_exit_container(m);
  if (r < 0) return r;
  return sd_bus_message_exit_container(m);
}

void member_s(JsonBuilder* b, const char* k, const std::string& v) {
  json_builder_set_member_name(b, k);
  json_builder_add_string_value(b, v.c_str());
}

void member_i(JsonBuilder* b, const char* k, gint64 v) {
  json_builder_set_member_name(b, k);
  json_builder_add_int_value(b, v);
}

}  // namespace

int append_unit_status(sd_bus_message* m, const UnitStatus& s) {
  int r = sd_bus_message_open_container(m, 'a', "{sv}");
  if (r < 0) return r;
  if ((r = append_s(m, "Name", s.name)) < 0 || (r = append_s(m, "Description", s.description)) < 0 ||
      (r = append_s(m, "LoadState", s.load_state)) < 0 ||
      (r = append_s(m, "ActiveState", s.active_state)) < 0 ||
      (r = append_s(m, "SubState", s.sub_state)) < 0 || (r = append_s(m, "Result", s.result)) < 0 ||
      (r = append_u(m, "NRestarts", s.n_restarts)) < 0 ||
      (r = append_u(m, "MainPID", s.main_pid)) < 0 ||
      (r = append_s(m, "InvocationID", s.invocation_id)) < 0 ||
      (r = sd_bus_message_append(m, "{sv}", "ActiveEnterTimestamp", "t",
                                 s.active_enter_timestamp)) < 0 ||
      (r = append_s(m, "FragmentPath", s.fragment_path)) < 0 ||
      (r = append_strv(m, "DropInPaths", s.drop_in_paths)) < 0 ||
      (r = sd_bus_message_append(m, "{sv}", "NeedDaemonReload", "b",
                                 static_cast<int>(s.need_daemon_reload))) < 0)
    return r;
  return sd_bus_message_close_container(m);
}

int read_unit_status(sd_bus_message* m, UnitStatus& s) {
  int r = sd_bus_message_enter_container(m, 'a', "{sv}");
  if (r <= 0) return r;
  while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
    const char* key = nullptr;
    if ((r = sd_bus_message_read(m, "s", &key)) < 0) return r;
    std::string k = key;
    if (k == "Name") r = read_string_variant(m, s.name);
    else if (k == "Description") r = read_string_variant(m, s.description);
    else if (k == "LoadState") r = read_string_variant(m, s.load_state);
    else if (k == "ActiveState") r = read_string_variant(m, s.active_state);
    else if (k == "SubState") r = read_string_variant(m, s.sub_state);
    else if (k == "Result") r = read_string_variant(m, s.result);
    else if (k == "NRestarts") r = sd_bus_message_read(m, "v", "u", &s.n_restarts);
    else if (k == "MainPID") r = sd_bus_message_read(m, "v", "u", &s.main_pid);
    else if (k == "InvocationID") r = read_string_variant(m, s.invocation_id);
    else if (k == "ActiveEnterTimestamp")
      r = sd_bus_message_read(m, "v", "t", &s.active_enter_timestamp);
    else if (k == "FragmentPath") r = read_string_variant(m, s.fragment_path);
    else if (k == "DropInPaths") r = read_strv_variant(m, s.drop_in_paths);
    else if (k == "NeedDaemonReload") {
      int b = 0;
      r = sd_bus_message_read(m, "v", "b", &b);
      s.need_daemon_reload = b;
    } else
      r = sd_bus_message_skip(m, "v");
    if (r < 0) return r;
    if ((r = sd_bus_message_exit_container(m)) < 0) return r;
  }
  if (r < 0) return r;
  r = sd_bus_message_exit_container(m);
  return r < 0 ? r : 1;
}

void unit_status_to_json(JsonBuilder* b, const UnitStatus& s) {
  json_builder_begin_object(b);
  member_s(b, "name", s.name);
  member_s(b, "description", s.description);
  member_s(b, "load_state", s.load_state);
  member_s(b, "active_state", s.active_state);
  member_s(b, "sub_state", s.sub_state);
  member_s(b, "result", s.result);
  member_i(b, "n_restarts", s.n_restarts);
  member_i(b, "main_pid", s.main_pid);
  member_s(b, "invocation_id", s.invocation_id);
  member_i(b, "active_enter_timestamp", static_cast<gint64>(s.active_enter_timestamp));
  member_s(b, "fragment_path", s.fragment_path);
  json_builder_set_member_name(b, "drop_in_paths");
  json_builder_begin_array(b);
  for (const auto& p : s.drop_in_paths) json_builder_add_string_value(b, p.c_str());
  json_builder_end_array(b);
  json_builder_set_member_name(b, "need_daemon_reload");
  json_builder_add_boolean_value(b, s.need_daemon_reload);
  json_builder_end_object(b);
}

}  // namespace hoist
