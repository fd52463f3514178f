// Trimming and line splitting (common/text.hh): the white space GLib's
// parsers (GKeyFile, g_ascii_strtoull) agree on, and lines as std::getline
// read them.
#include <glib.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/text.hh"

using namespace hoist;

namespace {

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> lines;
  for_each_line(text, [&](std::string_view line) { lines.emplace_back(line); });
  return lines;
}

}  // namespace

TEST(Text, SpaceIsGAsciiIsspace) {
  for (int c = -128; c < 128; c++)
    EXPECT_EQ(is_ascii_space(static_cast<char>(c)), g_ascii_isspace(static_cast<char>(c)) != FALSE)
        << "character " << c;
}

TEST(Text, Trim) {
  EXPECT_EQ(trim(" \t a b \r\n"), "a b");
  EXPECT_EQ(trim_left("  a "), "a ");
  EXPECT_EQ(trim_right("  a \f"), "  a");
  EXPECT_EQ(trim(" \t\r\n"), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("\va\v"), "\va\v") << "vertical tab is not white space to GLib";
}

TEST(Text, Lines) {
  EXPECT_EQ(lines_of("a\nb\n"), (std::vector<std::string>{"a", "b"})) << "no empty last line";
  EXPECT_EQ(lines_of("a\r\n\r\nb"), (std::vector<std::string>{"a", "", "b"})) << "CRLF and an empty line";
  EXPECT_EQ(lines_of("a\rb\n"), (std::vector<std::string>{"a\rb"})) << "a lone CR stays";
  EXPECT_TRUE(lines_of("").empty());
  EXPECT_EQ(lines_of("\n"), (std::vector<std::string>{""}));
}
