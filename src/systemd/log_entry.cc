#include "systemd/log_entry.hh"

namespace hoist {

int append_log_entry(sd_bus_message* m, const LogEntry& e) {
  return sd_bus_message_append(m, kLogEntrySignature, e.realtime_usec, e.priority, e.pid,
                               e.identifier.c_str(), e.message.c_str(), e.cursor.c_str());
}

int read_log_entry(sd_bus_message* m, LogEntry& e) {
  const char *ident = nullptr, *msg = nullptr, *cursor = nullptr;
  int r = sd_bus_message_read(m, kLogEntrySignature, &e.realtime_usec, &e.priority, &e.pid,
                              &ident, &msg, &cursor);
  if (r <= 0) return r;
  e.identifier = ident;
  e.message = msg;
  e.cursor = cursor;
  return 1;
}

void log_entry_to_json(JsonBuilder* b, const LogEntry& e) {
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "realtime_usec");
  json_builder_add_int_value(b, static_cast<gint64>(e.realtime_usec));
  json_builder_set_member_name(b, "priority");
  json_builder_add_int_value(b, e.priority);
  json_builder_set_member_name(b, "pid");
  json_builder_add_int_value(b, e.pid);
  json_builder_set_member_name(b, "identifier");
  json_builder_add_string_value(b, e.identifier.c_str());
  json_builder_set_member_name(b, "message");
  json_builder_add_string_value(b, e.message.c_str());
  json_builder_set_member_name(b, "cursor");
  json_builder_add_string_value(b, e.cursor.c_str());
  json_builder_end_object(b);
}

}  // namespace hoist
