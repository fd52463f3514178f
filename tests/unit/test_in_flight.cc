#include <gtest/gtest.h>

#include "core/in_flight.hh"

using hoist::InFlight;

TEST(InFlight, CountsTokensAndReportsIdleOnce) {
  InFlight f;
  int idle = 0;
  f.on_idle([&] { idle++; });
  {
    auto a = f.acquire();
    auto b = f.acquire();
    auto copy = a;
    EXPECT_EQ(f.count(), 2u);
    a.reset();
    EXPECT_EQ(f.count(), 2u);  // the copy still holds it
    copy.reset();
    EXPECT_EQ(f.count(), 1u);
    EXPECT_EQ(idle, 0);
  }
  EXPECT_EQ(f.count(), 0u);
  EXPECT_EQ(idle, 1);
}
