#include <gtest/gtest.h>

#include "bus_message.hh"
#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "systemd/log_entry.hh"
#include "systemd/unit_status.hh"

using namespace hoist;

namespace {

UnitStatus sample() {
  UnitStatus s;
  s.name = "api.service";
  s.description = "API \"server\"";
  s.load_state = "loaded";
  s.active_state = "active";
  s.sub_state = "running";
  s.result = "success";
  s.n_restarts = 3;
  s.main_pid = 4242;
  s.invocation_id = "0123456789abcdef0123456789abcdef";
  s.active_enter_timestamp = 1795299450715258;
  s.fragment_path = "/etc/systemd/system/api.service";
  s.drop_in_paths = {"/etc/systemd/system/api.service.d/a.conf", "/run/x.conf"};
  s.need_daemon_reload = true;
  return s;
}

}  // namespace

TEST(UnitStatus, RoundTripsThroughDBus) {
  auto bus = test::offline_bus();
  auto m = test::new_message(bus.get());
  ASSERT_GE(append_unit_status(m.get(), sample()), 0);
  test::seal_for_reading(m.get());
  UnitStatus got;
  ASSERT_EQ(read_unit_status(m.get(), got), 1);
  UnitStatus want = sample();
  EXPECT_EQ(got.name, want.name);
  EXPECT_EQ(got.description, want.description);
  EXPECT_EQ(got.active_state, want.active_state);
  EXPECT_EQ(got.sub_state, want.sub_state);
  EXPECT_EQ(got.result, want.result);
  EXPECT_EQ(got.n_restarts, want.n_restarts);
  EXPECT_EQ(got.main_pid, want.main_pid);
  EXPECT_EQ(got.invocation_id, want.invocation_id);
  EXPECT_EQ(got.active_enter_timestamp, want.active_enter_timestamp);
  EXPECT_EQ(got.fragment_path, want.fragment_path);
  EXPECT_EQ(got.drop_in_paths, want.drop_in_paths);
  EXPECT_TRUE(got.need_daemon_reload);
}

TEST(UnitStatus, SkipsKeysItDoesNotKnow) {
  auto bus = test::offline_bus();
  auto m = test::new_message(bus.get());
  ASSERT_GE(sd_bus_message_append(m.get(), "a{sv}", 3, "Name", "s", "x.socket", "FutureKey", "(ii)",
                                  1, 2, "MainPID", "u", 7u),
            0);
  test::seal_for_reading(m.get());
  UnitStatus got;
  ASSERT_EQ(read_unit_status(m.get(), got), 1);
  EXPECT_EQ(got.name, "x.socket");
  EXPECT_EQ(got.main_pid, 7u);
}

TEST(UnitStatus, Json) {
  GObj<JsonBuilder> b(json_builder_new());
  unit_status_to_json(b.get(), sample());
  EXPECT_EQ(json_builder_to_string(b.get()),
            "{\"name\":\"api.service\",\"description\":\"API \\\"server\\\"\","
            "\"load_state\":\"loaded\",\"active_state\":\"active\",\"sub_state\":\"running\","
            "\"result\":\"success\",\"n_restarts\":3,\"main_pid\":4242,"
            "\"invocation_id\":\"0123456789abcdef0123456789abcdef\","
            "\"active_enter_timestamp\":1795299450715258,"
            "\"fragment_path\":\"/etc/systemd/system/api.service\","
            "\"drop_in_paths\":[\"/etc/systemd/system/api.service.d/a.conf\",\"/run/x.conf\"],"
            "\"need_daemon_reload\":true}");
}

TEST(LogEntry, RoundTripsThroughDBusAndJson) {
  auto bus = test::offline_bus();
  auto m = test::new_message(bus.get());
  LogEntry e{1795299450715702, 3, 89, "sh", "line \xc3\xa9 5", "s=abc;i=4b"};
  ASSERT_GE(sd_bus_message_open_container(m.get(), 'a', kLogEntrySignature), 0);
  ASSERT_GE(append_log_entry(m.get(), e), 0);
  ASSERT_GE(sd_bus_message_close_container(m.get()), 0);
  test::seal_for_reading(m.get());
  ASSERT_GE(sd_bus_message_enter_container(m.get(), 'a', kLogEntrySignature), 0);
  LogEntry got;
  ASSERT_EQ(read_log_entry(m.get(), got), 1);
  EXPECT_EQ(read_log_entry(m.get(), got), 0);
  EXPECT_EQ(got.message, e.message);
  EXPECT_EQ(got.cursor, e.cursor);
  EXPECT_EQ(got.priority, 3u);
  GObj<JsonBuilder> b(json_builder_new());
  log_entry_to_json(b.get(), e);
  EXPECT_EQ(json_builder_to_string(b.get()),
            "{\"realtime_usec\":1795299450715702,\"priority\":3,\"pid\":89,\"identifier\":\"sh\","
            "\"message\":\"line \xc3\xa9 5\",\"cursor\":\"s=abc;i=4b\"}");
}
