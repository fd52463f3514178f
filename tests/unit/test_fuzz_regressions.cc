// What the fuzz targets (tests/fuzz, tools/fuzz) found, each kept as a test.
// The inputs are also under tests/fuzz/regressions/TARGET/, where tools/fuzz
// starts from them.
#include <gtest/gtest.h>

#include <string>

#include "common/json.hh"
#include "selfupdate/release.hh"
#include "webhook/webhook.hh"

using namespace hoist;

namespace {

std::string parse_error(const std::string& body, const std::string& content_type = "application/json") {
  WebhookRequest r;
  r.forge = Forge::GitHub;
  r.headers = {{"content-type", content_type}, {"x-github-event", "push"}};
  r.body = body;
  std::string error;
  EXPECT_FALSE(parse_webhook(r, error)) << body.substr(0, 80);
  return error;
}

std::string nested(std::string_view prefix, size_t depth) {
  return std::string(prefix) + std::string(depth, '[') + std::string(depth, ']');
}

}  // namespace

// fuzz-webhook: json-glib also reads C comments and single-quoted strings. A
// '"' in one of them made the nesting check think a string had begun, so it
// counted none of the brackets after it and json-glib recursed into all of
// them: a 200 kB body overflowed hoistd's stack before any signature was
// checked (the payload is parsed first). Such text is refused now.
TEST(FuzzRegressions, CommentsAndSingleQuotesCannotHideNesting) {
  EXPECT_EQ(parse_error(nested("/*\"*/", 200000)),
            "the payload is not JSON: byte 1 is '/' outside a string (hoist reads strict JSON: no "
            "comments, single quotes or bare words)");
  EXPECT_EQ(parse_error(nested("['\"', ", 200000)).rfind("the payload is not JSON: byte 2 is '''", 0), 0u);
  EXPECT_EQ(parse_error("payload=" + std::string("%2F*%22*%2F") + std::string(300, '['),
                        "application/x-www-form-urlencoded")
                .rfind("the payload is not JSON: byte 1 is '/'", 0),
            0u);
  // Quotes and comment markers inside strings are text.
  WebhookRequest r;
  r.forge = Forge::GitHub;
  r.headers = {{"x-github-event", "push"}};
  r.body = R"({"ref": "refs/heads/it's/*a*/\"branch\"[[", "after": "a", "x": [1.5e3, -2E-1, true, false, null]})";
  std::string error;
  const auto push = parse_webhook(r, error);
  ASSERT_TRUE(push) << error;
  EXPECT_EQ(push->branch, "it's/*a*/\"branch\"[[");
}

TEST(FuzzRegressions, JsonTextProblem) {
  EXPECT_EQ(json_text_problem(""), "");
  EXPECT_EQ(json_text_problem(" {\"a\": [1, 2.5e-3, true, false, null]}\r\n"), "");
  EXPECT_EQ(json_text_problem(nested("", kJsonMaxDepth)), "");
  EXPECT_EQ(json_text_problem(nested("", kJsonMaxDepth + 1)), "nests deeper than 64 levels");
  EXPECT_EQ(json_text_problem("[[1]]", 1), "nests deeper than 1 levels");
  EXPECT_EQ(json_text_problem(R"(["[[[\"[[[", "\\", {"}}}": []}])", 3), "") << "brackets in strings";
  EXPECT_EQ(json_text_problem("]]]]][[["), "") << "closing brackets never count below zero";
  EXPECT_EQ(json_text_problem("// x\n[]"),
            "is not JSON: byte 1 is '/' outside a string (hoist reads strict JSON: no comments, "
            "single quotes or bare words)");
  EXPECT_EQ(json_text_problem("[0x1f]").rfind("is not JSON: byte 3 is 'x'", 0), 0u);
  EXPECT_EQ(json_text_problem("\xef\xbb\xbf{}").rfind("is not JSON: byte 1 is 0xef", 0), 0u);
  EXPECT_EQ(json_text_problem(std::string("[\0]", 3)).rfind("is not JSON: byte 2 is 0x00", 0), 0u);
}

// fuzz-release: an empty answer parsed to no release and no error.
TEST(FuzzRegressions, EmptyReleaseSaysWhy) {
  std::string error;
  EXPECT_FALSE(parse_release_json("", error));
  EXPECT_EQ(error, "the release is empty");
  error.clear();
  EXPECT_FALSE(newest_release("  ", true, error));
  EXPECT_EQ(error, "the release is empty");
}
