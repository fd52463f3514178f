#include <gtest/gtest.h>

#include <string>

#include "common/unit_name.hh"

using hoist::unit_name_is_valid;
using hoist::unit_name_problem;
using hoist::unit_pattern_problem;

TEST(UnitName, AcceptsPlainAndInstanceNames) {
  EXPECT_TRUE(unit_name_is_valid("api.service"));
  EXPECT_TRUE(unit_name_is_valid("api.socket"));
  EXPECT_TRUE(unit_name_is_valid("getty@tty1.service"));
  EXPECT_TRUE(unit_name_is_valid("dev-disk-by\\x2duuid-1.device"));
  EXPECT_TRUE(unit_name_is_valid("system-getty.slice"));
  EXPECT_TRUE(unit_name_is_valid(std::string(247, 'a') + ".service"));
}

TEST(UnitName, RefusesBadNamesWithAReason) {
  EXPECT_EQ(unit_name_problem(""), "unit name is empty");
  EXPECT_NE(unit_name_problem("api").find("no valid type suffix"), std::string::npos);
  EXPECT_NE(unit_name_problem("api.exe").find("no valid type suffix"), std::string::npos);
  EXPECT_NE(unit_name_problem(".service").find("nothing before"), std::string::npos);
  EXPECT_EQ(unit_name_problem("a/b.service"), "unit name contains character '/'");
  EXPECT_EQ(unit_name_problem("a\nb.service"), "unit name contains control character 0x0a");
  EXPECT_EQ(unit_name_problem("a b.service"), "unit name contains character ' '");
  EXPECT_EQ(unit_name_problem("caf\xc3\xa9.service"), "unit name contains byte 0xc3");
  EXPECT_NE(unit_name_problem(std::string(248, 'a') + ".service").find("256 bytes long"),
            std::string::npos);
  EXPECT_NE(unit_name_problem("@x.service").find("starts with '@'"), std::string::npos);
  EXPECT_NE(unit_name_problem("a@b@c.service").find("more than one"), std::string::npos);
}

TEST(UnitName, TemplatesOnlyWhenAllowed) {
  EXPECT_FALSE(unit_name_is_valid("getty@.service"));
  EXPECT_TRUE(unit_name_is_valid("getty@.service", true));
}

TEST(UnitName, Patterns) {
  EXPECT_EQ(unit_pattern_problem("api*"), "");
  EXPECT_EQ(unit_pattern_problem("*.service"), "");
  EXPECT_EQ(unit_pattern_problem("a[bc]?.socket"), "");
  EXPECT_EQ(unit_pattern_problem(""), "unit pattern is empty");
  EXPECT_EQ(unit_pattern_problem("a/b*"), "unit pattern contains character '/'");
}

TEST(UnitName, Type) {
  EXPECT_EQ(hoist::unit_type("api.service"), "service");
  EXPECT_EQ(hoist::unit_type("x.timer"), "timer");
  EXPECT_EQ(hoist::unit_type("x"), "");
}
