// Building sd-bus messages in unit tests, without a bus connection.
#pragma once

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <systemd/sd-bus.h>
#include <unistd.h>

#include "common/sd_ptr.hh"

namespace hoist::test {

// A bus on one end of a socketpair (nobody answers): enough to create,
// seal and read messages. The peer end is closed with the bus's.
inline BusPtr offline_bus() {
  int fds[2];
  EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds), 0);
  sd_bus* bus = nullptr;
  EXPECT_GE(sd_bus_new(&bus), 0);
  EXPECT_GE(sd_bus_set_fd(bus, fds[0], fds[0]), 0);
  EXPECT_GE(sd_bus_start(bus), 0);
  close(fds[1]);
  return BusPtr(bus);
}

inline BusMessagePtr new_message(sd_bus* bus) {
  sd_bus_message* m = nullptr;
  EXPECT_GE(sd_bus_message_new_method_call(bus, &m, "org.example", "/org/example", "org.example",
                                           "Test"),
            0);
  return BusMessagePtr(m);
}

// Seals m and rewinds it so that it can be read back.
inline void seal_for_reading(sd_bus_message* m) {
  ASSERT_GE(sd_bus_message_seal(m, 1, 0), 0);
  ASSERT_GE(sd_bus_message_rewind(m, 1), 0);
}

}  // namespace hoist::test
