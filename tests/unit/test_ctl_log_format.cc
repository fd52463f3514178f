#include <gtest/gtest.h>
#include <json-glib/json-glib.h>
#include <syslog.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "common/glib_ptr.hh"
#include "ctl/log_format.hh"

using namespace hoist;
using namespace hoist::ctl;

namespace {

// Thu 2024-11-21 22:08:32 UTC
constexpr uint64_t kWhen = 1732226912ull * 1000000 + 123456;

const Style kPlain{false, true};
const Style kColored{true, true};

class LogFormatTest : public ::testing::Test {
 protected:
  void SetUp() override {
    setenv("TZ", "UTC", 1);
    tzset();
  }
  static LogEntry entry(std::string message, uint32_t pid = 42, uint32_t priority = LOG_INFO) {
    LogEntry e;
    e.realtime_usec = kWhen;
    e.priority = priority;
    e.pid = pid;
    e.identifier = "api";
    e.message = std::move(message);
    e.cursor = "s=abc;i=1";
    return e;
  }
};

}  // namespace

TEST_F(LogFormatTest, ShortLikeJournalctl) {
  EXPECT_EQ(format_log_entry(entry("listening on :8080"), LogFormat::Short, kPlain),
            "Nov 21 22:08:32 api[42]: listening on :8080\n");
  EXPECT_EQ(format_log_entry(entry("no pid", 0), LogFormat::Short, kPlain),
            "Nov 21 22:08:32 api: no pid\n");
}

TEST_F(LogFormatTest, ShortIndentsContinuationLines) {
  EXPECT_EQ(format_log_entry(entry("first\nsecond\n\tthird"), LogFormat::Short, kPlain),
            "Nov 21 22:08:32 api[42]: first\n"
            "                         second\n"
            "                         \tthird\n");
}

TEST_F(LogFormatTest, ShortShowsBinaryMessagesAsBlobs) {
  EXPECT_EQ(format_log_entry(entry(std::string("a\x01z", 3)), LogFormat::Short, kPlain),
            "Nov 21 22:08:32 api[42]: [3 bytes blob data]\n");
  EXPECT_EQ(format_log_entry(entry("caf\xff"), LogFormat::Short, kPlain),
            "Nov 21 22:08:32 api[42]: [4 bytes blob data]\n");
  EXPECT_EQ(format_log_entry(entry("caf\xc3\xa9"), LogFormat::Short, kPlain),
            "Nov 21 22:08:32 api[42]: caf\xc3\xa9\n");
}

TEST_F(LogFormatTest, CatIsTheMessageAsItIs) {
  for (const char* m : {"plain", "  leading and trailing  ", "tab\there", "", "caf\xc3\xa9",
                        "two\nlines"})
    EXPECT_EQ(format_log_entry(entry(m), LogFormat::Cat, kPlain), std::string(m) + "\n");
}

TEST_F(LogFormatTest, JsonOneObjectPerLine) {
  std::string line = format_log_entry(entry("say \"hi\"\nbye"), LogFormat::Json, kPlain);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  JsonParserPtr parser(json_parser_new());
  ASSERT_TRUE(json_parser_load_from_data(parser.get(), line.c_str(), -1, nullptr)) << line;
  JsonObject* o = json_node_get_object(json_parser_get_root(parser.get()));
  EXPECT_EQ(json_object_get_int_member(o, "realtime_usec"), static_cast<gint64>(kWhen));
  EXPECT_EQ(json_object_get_int_member(o, "priority"), LOG_INFO);
  EXPECT_EQ(json_object_get_int_member(o, "pid"), 42);
  EXPECT_STREQ(json_object_get_string_member(o, "identifier"), "api");
  EXPECT_STREQ(json_object_get_string_member(o, "message"), "say \"hi\"\nbye");
  EXPECT_STREQ(json_object_get_string_member(o, "cursor"), "s=abc;i=1");
  // JSON is never coloured.
  EXPECT_EQ(format_log_entry(entry("x", 1, LOG_ERR), LogFormat::Json, kColored).find('\033'),
            std::string::npos);
}

TEST_F(LogFormatTest, PriorityColours) {
  EXPECT_STREQ(priority_color(LOG_EMERG), ansi::kRed);
  EXPECT_STREQ(priority_color(LOG_ERR), ansi::kRed);
  EXPECT_STREQ(priority_color(LOG_WARNING), ansi::kYellow);
  EXPECT_STREQ(priority_color(LOG_NOTICE), ansi::kBold);
  EXPECT_STREQ(priority_color(LOG_INFO), "");
  EXPECT_STREQ(priority_color(LOG_DEBUG), ansi::kGrey);
  EXPECT_EQ(format_log_entry(entry("boom", 42, LOG_ERR), LogFormat::Short, kColored),
            std::string("Nov 21 22:08:32 api[42]: ") + ansi::kRed + "boom" + ansi::kReset + "\n");
  EXPECT_EQ(format_log_entry(entry("boom", 42, LOG_ERR), LogFormat::Cat, kColored),
            std::string(ansi::kRed) + "boom" + ansi::kReset + "\n");
  EXPECT_EQ(format_log_entry(entry("boom", 42, LOG_ERR), LogFormat::Cat, kPlain), "boom\n");
  EXPECT_EQ(format_log_entry(entry("fine", 42, LOG_INFO), LogFormat::Short, kColored),
            "Nov 21 22:08:32 api[42]: fine\n");
}
