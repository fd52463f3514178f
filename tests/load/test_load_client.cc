// hoist-load's pure parts: its command line, the latency histogram, the
// counts of errors and bodies, and the summary it prints.
#include <gtest/gtest.h>
#include <json-glib/json-glib.h>

#include <string>
#include <vector>

#include "load_args.hh"
#include "load_stats.hh"

using namespace hoist::load;

namespace {

const std::string kUrl = "http://127.0.0.1:8080/";

LoadArgs parse(std::vector<std::string> args) { return parse_load_args(args); }

// The error of a command line that must fail; it must name `option`.
void expect_error(std::vector<std::string> args, const std::string& option) {
  auto r = parse(args);
  ASSERT_FALSE(r.ok()) << "accepted: " << testing::PrintToString(args);
  EXPECT_NE(r.error.find(option), std::string::npos) << r.error;
}

}  // namespace

TEST(LoadArgs, Defaults) {
  auto r = parse({"--url", kUrl});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.url, kUrl);
  EXPECT_EQ(r.options.concurrency, 4u);
  EXPECT_DOUBLE_EQ(r.options.duration_sec, 10);
  EXPECT_EQ(r.options.timeout_ms, 5000u);
  EXPECT_TRUE(r.options.until_file.empty());
  EXPECT_EQ(r.options.method, "GET");
  EXPECT_TRUE(r.options.headers.empty());
  EXPECT_TRUE(r.options.body_file.empty());
  EXPECT_TRUE(r.options.expect_body.empty());
  EXPECT_FALSE(r.options.json);
  EXPECT_FALSE(r.options.help);
}

TEST(LoadArgs, EveryOptionBothSpellings) {
  auto r = parse({"--url=" + kUrl, "--concurrency", "64", "--duration=2.5", "--until-file", "/run/stop",
                  "--timeout-ms=250", "--json", "--method", "POST", "--body-file=/srv/push.json",
                  "--header", "Content-Type: application/json", "--header=X-GitHub-Delivery: bench-{n}",
                  "--expect-body", "\"status\":\"accepted\""});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.options.concurrency, 64u);
  EXPECT_DOUBLE_EQ(r.options.duration_sec, 2.5);
  EXPECT_EQ(r.options.until_file, "/run/stop");
  EXPECT_EQ(r.options.timeout_ms, 250u);
  EXPECT_TRUE(r.options.json);
  EXPECT_EQ(r.options.method, "POST");
  EXPECT_EQ(r.options.body_file, "/srv/push.json");
  EXPECT_EQ(r.options.expect_body, "\"status\":\"accepted\"");
  ASSERT_EQ(r.options.headers.size(), 2u);
  EXPECT_EQ(r.options.headers[0].name, "Content-Type");
  EXPECT_EQ(r.options.headers[0].value, "application/json");
  EXPECT_EQ(r.options.headers[1].name, "X-GitHub-Delivery");
  EXPECT_EQ(r.options.headers[1].value, "bench-{n}");
}

TEST(LoadArgs, HeadersKeepTheirOrderAndLoseOuterBlanks) {
  auto r = parse({"--url", kUrl, "--header", "X-A:\t one two  ", "--header", "X-Empty:", "--header", "X-A: 2"});
  ASSERT_TRUE(r.ok()) << r.error;
  ASSERT_EQ(r.options.headers.size(), 3u);
  EXPECT_EQ(r.options.headers[0].value, "one two");
  EXPECT_EQ(r.options.headers[1].name, "X-Empty");
  EXPECT_EQ(r.options.headers[1].value, "");
  EXPECT_EQ(r.options.headers[2].value, "2");
  EXPECT_EQ(r.options.headers[2].name, "X-A");
}

TEST(LoadArgs, RequestNumberInHeaderValues) {
  EXPECT_EQ(with_request_number("bench-{n}", 7), "bench-7");
  EXPECT_EQ(with_request_number("{n}/{n}", 12345678901), "12345678901/12345678901");
  EXPECT_EQ(with_request_number("{n}", 1), "1");
  EXPECT_EQ(with_request_number("no number", 3), "no number");
  EXPECT_EQ(with_request_number("{n {N} n}", 3), "{n {N} n}");
  EXPECT_EQ(with_request_number("", 3), "");
}

TEST(LoadArgs, UntilFileRunsAtMostTenMinutesUnlessTold) {
  auto r = parse({"--url", kUrl, "--until-file", "/run/stop"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_DOUBLE_EQ(r.options.duration_sec, 600);
  r = parse({"--until-file", "/run/stop", "--duration", "30", "--url", kUrl});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_DOUBLE_EQ(r.options.duration_sec, 30);
}

TEST(LoadArgs, HelpSkipsTheChecks) {
  auto r = parse({"--help"});
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_TRUE(r.options.help);
  EXPECT_TRUE(parse({"-h"}).options.help);
}

TEST(LoadArgs, ErrorsNameTheOption) {
  expect_error({}, "--url");
  expect_error({"--url"}, "--url");
  expect_error({"--url", kUrl, "--expect-body", ""}, "--expect-body");
  expect_error({"--url", "ftp://127.0.0.1/"}, "--url");
  expect_error({"--url", "127.0.0.1:8080"}, "--url");
  expect_error({"--url", "http:///path"}, "--url");
  for (const char* bad : {"0", "65", "-1", "4x", "", "99999999999"})
    expect_error({"--url", kUrl, "--concurrency", bad}, "--concurrency");
  for (const char* bad : {"0", "0.0", "601", "600.5", "1e3", "-5", "nan", "inf", "abc", "1.2.3", "."})
    expect_error({"--url", kUrl, "--duration", bad}, "--duration");
  for (const char* bad : {"0", "60001", "1.5", "soon"})
    expect_error({"--url", kUrl, "--timeout-ms", bad}, "--timeout-ms");
  expect_error({"--url", kUrl, "--until-file", ""}, "--until-file");
  expect_error({"--url", kUrl, "--timeout-ms"}, "--timeout-ms");
  expect_error({"--url", kUrl, "--json=yes"}, "--json");
  for (const char* bad : {"", "PO ST", "GET\r\n", "G(ET)", "VERYLONGMETHODNAMEVERYLONGMETHODNAME"})
    expect_error({"--url", kUrl, "--method", bad}, "--method");
  for (const char* bad : {"", "no colon", ": value", "Bad Name: x", "X-\xc3\xa4: x", "Connection: keep-alive",
                          "content-length: 5", "HOST: example.org", "Transfer-Encoding: chunked", "X-A: a\r\nX-B: b"})
    expect_error({"--url", kUrl, "--header", bad}, "--header");
  expect_error({"--url", kUrl, "--header"}, "--header");
  expect_error({"--url", kUrl, "--body-file", ""}, "--body-file");
  expect_error({"--url", kUrl, "--rate", "5"}, "--rate");
  expect_error({"--url", kUrl, "-c", "5"}, "-c");
  expect_error({"--url", kUrl, "extra"}, "extra");
}

TEST(LoadArgs, BoundsAreAccepted) {
  auto r = parse({"--url", kUrl, "--concurrency", "1", "--duration", "600", "--timeout-ms", "60000"});
  ASSERT_TRUE(r.ok()) << r.error;
  r = parse({"--url", "https://[::1]:8443/health", "--duration", "0.05", "--timeout-ms", "1"});
  ASSERT_TRUE(r.ok()) << r.error;
}

TEST(LatencyHistogram, EmptyIsZero) {
  LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.max_usec(), 0u);
  EXPECT_EQ(h.percentile_usec(50), 0u);
  EXPECT_EQ(h.percentile_usec(99), 0u);
}

TEST(LatencyHistogram, SmallValuesAreExactNearestRank) {
  LatencyHistogram h;
  for (uint64_t v = 100; v >= 1; v--) h.record(v);
  EXPECT_EQ(h.count(), 100u);
  EXPECT_EQ(h.max_usec(), 100u);
  EXPECT_EQ(h.percentile_usec(50), 50u);
  EXPECT_EQ(h.percentile_usec(99), 99u);
  EXPECT_EQ(h.percentile_usec(100), 100u);
  EXPECT_EQ(h.percentile_usec(0.001), 1u);
}

TEST(LatencyHistogram, BucketsAreOrderedAndNarrow) {
  size_t last = 0;
  for (uint64_t v = 0; v < (uint64_t{1} << 40); v = v < 1000 ? v + 1 : v + v / 97) {
    size_t b = LatencyHistogram::bucket_of(v);
    EXPECT_GE(b, last) << v;
    last = b;
    uint64_t upper = LatencyHistogram::bucket_upper(b);
    ASSERT_GE(upper, v);
    EXPECT_LE(static_cast<double>(upper - v), static_cast<double>(v) / 100.0 + 0.5) << v;
    if (b > 0) {
      EXPECT_LT(LatencyHistogram::bucket_upper(b - 1), v) << v;
    }
  }
}

TEST(LatencyHistogram, LargeValuesWithinOnePercentMaxExact) {
  LatencyHistogram h;
  for (int i = 0; i < 1000; i++) h.record(10000 + static_cast<uint64_t>(i % 3));  // ~10 ms
  h.record(5123457);                                                               // one 5.1 s outlier
  EXPECT_EQ(h.max_usec(), 5123457u);
  EXPECT_NEAR(static_cast<double>(h.percentile_usec(50)), 10000.0, 100.0);
  EXPECT_NEAR(static_cast<double>(h.percentile_usec(99)), 10000.0, 100.0);
  EXPECT_EQ(h.percentile_usec(100), 5123457u);
  LatencyHistogram one;
  one.record(777777);
  EXPECT_EQ(one.percentile_usec(50), 777777u);  // never above the maximum
}

TEST(TopCounts, KeepsTheFirstDistinctKeysAndCountsTheRest) {
  TopCounts c(2);
  for (const char* k : {"a", "b", "a", "c", "d", "b", "c"}) c.add(k);
  ASSERT_EQ(c.counts().size(), 2u);
  EXPECT_EQ(c.counts().at("a"), 2u);
  EXPECT_EQ(c.counts().at("b"), 2u);
  EXPECT_EQ(c.other(), 3u);
  EXPECT_EQ(TopCounts().other(), 0u);
}

TEST(BodyKey, TrimsCutsAndRepairs) {
  EXPECT_EQ(body_key("  hello from 1.0.0\n", 19), "hello from 1.0.0");
  EXPECT_EQ(body_key("", 0), "");
  EXPECT_EQ(body_key("a\0b", 3), "a b");
  std::string invalid = "ok \xff\xfe";
  EXPECT_EQ(body_key(invalid.data(), invalid.size()), "ok \xef\xbf\xbd\xef\xbf\xbd");
  std::string long_body(150, 'x');
  EXPECT_EQ(body_key(long_body.data(), long_body.size()), std::string(97, 'x') + "...");
  // Cut at a character boundary: "ä" is two bytes, byte 97 is inside one.
  std::string umlauts;
  for (int i = 0; i < 60; i++) umlauts += "\xc3\xa4";
  std::string key = body_key(umlauts.data(), umlauts.size());
  EXPECT_EQ(key, umlauts.substr(0, 96) + "...");
  EXPECT_TRUE(g_utf8_validate(key.c_str(), -1, nullptr));
}

TEST(JsonString, Escapes) {
  EXPECT_EQ(json_string("plain"), "\"plain\"");
  EXPECT_EQ(json_string("a\"b\\c\nd\te\x01"), "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  EXPECT_EQ(json_string("ä"), "\"ä\"");
}

TEST(Summary, JsonHasEveryFieldAndParses) {
  LoadSummary s;
  s.url = kUrl;
  s.method = "POST";
  s.concurrency = 4;
  s.duration_sec = 2.5;
  s.requests = 5;
  s.ok = 3;
  s.failed = 2;
  for (uint64_t v : {800, 1200, 150000}) s.latency.record(v);
  s.errors.add("Could not connect to 127.0.0.1: Connection refused");
  s.errors.add("HTTP 503 Service \"Unavailable\"");
  s.bodies.add("hello from 1.0.0");
  s.bodies.add("hello from 1.0.0");
  s.bodies.add("hello from 2.0.0");
  std::string text = summary_json(s);
  EXPECT_EQ(text.find('\n'), std::string::npos);

  GError* error = nullptr;
  JsonParser* parser = json_parser_new();
  ASSERT_TRUE(json_parser_load_from_data(parser, text.c_str(), -1, &error)) << text;
  JsonObject* o = json_node_get_object(json_parser_get_root(parser));
  EXPECT_EQ(json_object_get_int_member(o, "requests"), 5);
  EXPECT_EQ(json_object_get_int_member(o, "ok"), 3);
  EXPECT_EQ(json_object_get_int_member(o, "failed"), 2);
  EXPECT_DOUBLE_EQ(json_object_get_double_member(o, "max_latency_ms"), 150.0);
  EXPECT_NEAR(json_object_get_double_member(o, "p50_latency_ms"), 1.2, 0.012);
  EXPECT_DOUBLE_EQ(json_object_get_double_member(o, "p99_latency_ms"), 150.0);
  JsonObject* errors = json_object_get_object_member(o, "errors");
  EXPECT_EQ(json_object_get_size(errors), 2u);
  EXPECT_EQ(json_object_get_int_member(errors, "HTTP 503 Service \"Unavailable\""), 1);
  JsonObject* bodies = json_object_get_object_member(o, "bodies");
  EXPECT_EQ(json_object_get_int_member(bodies, "hello from 1.0.0"), 2);
  EXPECT_EQ(json_object_get_int_member(bodies, "hello from 2.0.0"), 1);
  EXPECT_EQ(json_object_get_int_member(o, "errors_other"), 0);
  EXPECT_EQ(json_object_get_int_member(o, "bodies_other"), 0);
  EXPECT_STREQ(json_object_get_string_member(o, "url"), kUrl.c_str());
  EXPECT_STREQ(json_object_get_string_member(o, "method"), "POST");
  EXPECT_EQ(json_object_get_int_member(o, "concurrency"), 4);
  EXPECT_DOUBLE_EQ(json_object_get_double_member(o, "duration_s"), 2.5);
  EXPECT_DOUBLE_EQ(json_object_get_double_member(o, "ok_per_s"), 1.2);
  g_object_unref(parser);

  std::string human = summary_text(s);
  EXPECT_NE(human.find("5 requests"), std::string::npos) << human;
  EXPECT_NE(human.find("Connection refused"), std::string::npos) << human;
  EXPECT_NE(human.find("hello from 2.0.0"), std::string::npos) << human;
  EXPECT_NE(human.find("(POST)"), std::string::npos) << human;
  EXPECT_NE(human.find("1.2/s"), std::string::npos) << human;
}

TEST(Summary, NothingSentIsAllZero) {
  LoadSummary s;
  s.url = kUrl;
  std::string text = summary_json(s);
  EXPECT_NE(text.find("\"requests\":0,\"ok\":0,\"failed\":0,\"max_latency_ms\":0.000"), std::string::npos) << text;
  EXPECT_NE(text.find("\"errors\":{},\"bodies\":{}"), std::string::npos) << text;
  EXPECT_NE(text.find("\"ok_per_s\":0.0}"), std::string::npos) << text;
}
