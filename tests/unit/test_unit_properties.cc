#include <gtest/gtest.h>

#include "bus_message.hh"
#include "systemd/unit_properties.hh"

using namespace hoist;

TEST(UnitProperties, ReadsWhatPid1Sends) {
  auto bus = test::offline_bus();
  auto m = test::new_message(bus.get());
  const uint8_t id[16] = {0x13, 0x36, 0xde, 0x2e, 0xf5, 0xa7, 0x4b, 0x86,
                          0x9d, 0x54, 0x69, 0xe8, 0xe7, 0xf6, 0x77, 0x9d};
  auto* msg = m.get();
  ASSERT_GE(sd_bus_message_open_container(msg, 'a', "{sv}"), 0);
  ASSERT_GE(sd_bus_message_append(msg, "{sv}", "Id", "s", "demo.service"), 0);
  ASSERT_GE(sd_bus_message_append(msg, "{sv}", "Names", "as", 1, "demo.service"), 0);
  ASSERT_GE(sd_bus_message_append(msg, "{sv}", "ActiveState", "s", "active"), 0);
  ASSERT_GE(sd_bus_message_append(msg, "{sv}", "ActiveEnterTimestamp", "t", uint64_t{42}), 0);
  ASSERT_GE(sd_bus_message_open_container(msg, 'e', "sv"), 0);
  ASSERT_GE(sd_bus_message_append(msg, "s", "InvocationID"), 0);
  ASSERT_GE(sd_bus_message_open_container(msg, 'v', "ay"), 0);
  ASSERT_GE(sd_bus_message_append_array(msg, 'y', id, sizeof id), 0);
  ASSERT_GE(sd_bus_message_close_container(msg), 0);
  ASSERT_GE(sd_bus_message_close_container(msg), 0);
  ASSERT_GE(sd_bus_message_append(msg, "{sv}", "DropInPaths", "as", 2, "/a.conf", "/b.conf"), 0);
  ASSERT_GE(sd_bus_message_append(msg, "{sv}", "NeedDaemonReload", "b", 1), 0);
  ASSERT_GE(sd_bus_message_append(msg, "{sv}", "Conditions", "a(sbbsi)", 0), 0);
  ASSERT_GE(sd_bus_message_append(msg, "{sv}", "NRestarts", "u", 5u), 0);
  ASSERT_GE(sd_bus_message_close_container(msg), 0);
  test::seal_for_reading(msg);
  UnitStatus s;
  ASSERT_GE(read_unit_properties(msg, s), 0);
  EXPECT_EQ(s.name, "demo.service");
  EXPECT_EQ(s.active_state, "active");
  EXPECT_EQ(s.active_enter_timestamp, 42u);
  EXPECT_EQ(s.invocation_id, "1336de2ef5a74b869d5469e8e7f6779d");
  EXPECT_EQ(s.drop_in_paths, (std::vector<std::string>{"/a.conf", "/b.conf"}));
  EXPECT_TRUE(s.need_daemon_reload);
  EXPECT_EQ(s.n_restarts, 5u);
}

TEST(UnitProperties, InvocationIdOfANeverStartedUnitIsEmpty) {
  const uint8_t zero[16] = {};
  EXPECT_EQ(invocation_id_to_string(zero, 16), "");
  EXPECT_EQ(invocation_id_to_string(zero, 0), "");
}

TEST(UnitProperties, TypeInterfaces) {
  EXPECT_EQ(unit_type_interface("a.service"), "org.freedesktop.systemd1.Service");
  EXPECT_EQ(unit_type_interface("a.socket"), "org.freedesktop.systemd1.Socket");
  EXPECT_EQ(unit_type_interface("a.timer"), "org.freedesktop.systemd1.Timer");
  EXPECT_EQ(unit_type_interface("multi-user.target"), "");
  EXPECT_EQ(unit_type_interface("-.slice"), "");
}
