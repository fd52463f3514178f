// The value syntaxes of configuration files (core/config_values.hh,
// core/config_paths.hh).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/config_paths.hh"
#include "core/config_values.hh"

using namespace hoist;

namespace {

constexpr uint64_t kS = 1000000;

uint64_t span(const std::string& text) {
  uint64_t usec = 12345;
  const auto problem = parse_time_span(text, usec);
  EXPECT_EQ(problem, "") << text;
  return usec;
}

std::string span_problem(const std::string& text) {
  uint64_t usec = 12345;
  auto problem = parse_time_span(text, usec);
  EXPECT_EQ(usec, 12345u) << "changed on error: " << text;
  return problem;
}

std::vector<std::string> argv_of(const std::string& text) {
  std::vector<std::string> argv;
  EXPECT_EQ(parse_command_line(text, argv), "") << text;
  return argv;
}

std::string command_problem(const std::string& text) {
  std::vector<std::string> argv;
  return parse_command_line(text, argv);
}

}  // namespace

TEST(TimeSpan, PlainNumbersAreSeconds) {
  EXPECT_EQ(span("30"), 30 * kS);
  EXPECT_EQ(span("0"), 0u);
  EXPECT_EQ(span("  45  "), 45 * kS);
}

TEST(TimeSpan, Units) {
  EXPECT_EQ(span("30s"), 30 * kS);
  EXPECT_EQ(span("30sec"), 30 * kS);
  EXPECT_EQ(span("1second"), kS);
  EXPECT_EQ(span("2seconds"), 2 * kS);
  EXPECT_EQ(span("500ms"), 500000u);
  EXPECT_EQ(span("500msec"), 500000u);
  EXPECT_EQ(span("7us"), 7u);
  EXPECT_EQ(span("7usec"), 7u);
  EXPECT_EQ(span("7\xc2\xb5s"), 7u);
  EXPECT_EQ(span("5min"), 300 * kS);
  EXPECT_EQ(span("5m"), 300 * kS);
  EXPECT_EQ(span("1minute"), 60 * kS);
  EXPECT_EQ(span("2minutes"), 120 * kS);
  EXPECT_EQ(span("1h"), 3600 * kS);
  EXPECT_EQ(span("1hr"), 3600 * kS);
  EXPECT_EQ(span("2hours"), 7200 * kS);
  EXPECT_EQ(span("1d"), 86400 * kS);
  EXPECT_EQ(span("2days"), 2 * 86400 * kS);
  EXPECT_EQ(span("1w"), 7 * 86400 * kS);
  EXPECT_EQ(span("1M"), 2629800 * kS);
  EXPECT_EQ(span("1y"), 31557600 * kS);
}

TEST(TimeSpan, CombinationsAndFractions) {
  EXPECT_EQ(span("1h 30min"), 5400 * kS);
  EXPECT_EQ(span("1h30min"), 5400 * kS);
  EXPECT_EQ(span("1min 30"), 90 * kS);
  EXPECT_EQ(span("5 min"), 300 * kS);
  EXPECT_EQ(span("2d 3h 4min 5s 6ms"), (2 * 86400 + 3 * 3600 + 4 * 60 + 5) * kS + 6000);
  EXPECT_EQ(span("1.5h"), 5400 * kS);
  EXPECT_EQ(span("0.5s"), 500000u);
  EXPECT_EQ(span(".25s"), 250000u);
  EXPECT_EQ(span("5."), 5 * kS);
}

TEST(TimeSpan, Refusals) {
  EXPECT_EQ(span_problem(""), "is empty");
  EXPECT_EQ(span_problem("   "), "is empty");
  EXPECT_EQ(span_problem("infinity"), "is not allowed here");
  EXPECT_EQ(span_problem("-5s"), "is negative");
  EXPECT_EQ(span_problem("5x"), "has an unknown time unit \"x\"");
  EXPECT_EQ(span_problem("5mins"), "has an unknown time unit \"mins\"");
  EXPECT_EQ(span_problem("s"), "is not a time span (e.g. 30s, 5min, 1h 30min)");
  EXPECT_EQ(span_problem("1h x"), "is not a time span (e.g. 30s, 5min, 1h 30min)");
  EXPECT_EQ(span_problem("."), "is not a time span (e.g. 30s, 5min, 1h 30min)");
  EXPECT_EQ(span_problem("99999999999999999999"), "is too large");
  EXPECT_EQ(span_problem("999999999y"), "is too large");
  EXPECT_EQ(span_problem("18446744073709551615us 1us"), "is too large");
}

TEST(Boolean, SystemdSpellings) {
  for (const char* yes : {"yes", "YES", "y", "true", "True", "t", "on", "1", " on "}) {
    bool v = false;
    EXPECT_EQ(parse_boolean(yes, v), "") << yes;
    EXPECT_TRUE(v) << yes;
  }
  for (const char* no : {"no", "n", "false", "f", "off", "OFF", "0"}) {
    bool v = true;
    EXPECT_EQ(parse_boolean(no, v), "") << no;
    EXPECT_FALSE(v) << no;
  }
  bool v = true;
  EXPECT_EQ(parse_boolean("maybe", v), "is not a boolean (yes/no, true/false, on/off, 1/0)");
  EXPECT_EQ(parse_boolean("2", v), "is not a boolean (yes/no, true/false, on/off, 1/0)");
  EXPECT_TRUE(v);
}

TEST(Unsigned, RangeAndSyntax) {
  unsigned v = 7;
  EXPECT_EQ(parse_unsigned("42", 1, 100, v), "");
  EXPECT_EQ(v, 42u);
  EXPECT_EQ(parse_unsigned("1", 1, 100, v), "");
  EXPECT_EQ(parse_unsigned("100", 1, 100, v), "");
  EXPECT_EQ(v, 100u);
  EXPECT_EQ(parse_unsigned("0", 1, 100, v), "is out of range (1 to 100)");
  EXPECT_EQ(parse_unsigned("101", 1, 100, v), "is out of range (1 to 100)");
  EXPECT_EQ(parse_unsigned("99999999999999999999999", 1, 100, v), "is out of range (1 to 100)");
  EXPECT_EQ(parse_unsigned("-1", 1, 100, v), "is not a number");
  EXPECT_EQ(parse_unsigned("+1", 1, 100, v), "is not a number");
  EXPECT_EQ(parse_unsigned("5x", 1, 100, v), "is not a number");
  EXPECT_EQ(parse_unsigned("", 1, 100, v), "is empty");
  EXPECT_EQ(v, 100u);
}

TEST(Words, SplitOnAnyWhitespace) {
  EXPECT_EQ(split_words("api.service  api.socket\tx.timer "),
            (std::vector<std::string>{"api.service", "api.socket", "x.timer"}));
  EXPECT_TRUE(split_words("   ").empty());
}

TEST(CommandLine, SplitLikeAShellWithoutExpansion) {
  EXPECT_EQ(argv_of("make -j4 all"), (std::vector<std::string>{"make", "-j4", "all"}));
  EXPECT_EQ(argv_of("/bin/sh -c 'echo $HOME; rm -rf /'"),
            (std::vector<std::string>{"/bin/sh", "-c", "echo $HOME; rm -rf /"}));
  EXPECT_EQ(argv_of("echo \"two words\" a\\ b"),
            (std::vector<std::string>{"echo", "two words", "a b"}));
  EXPECT_EQ(argv_of("npm run build > out.log"),
            (std::vector<std::string>{"npm", "run", "build", ">", "out.log"}));
  EXPECT_EQ(argv_of("./build.sh $HOME *"), (std::vector<std::string>{"./build.sh", "$HOME", "*"}));
  EXPECT_EQ(argv_of("make # a comment"), (std::vector<std::string>{"make"}));
}

TEST(CommandLine, Refusals) {
  EXPECT_EQ(command_problem(""), "is an empty command");
  EXPECT_EQ(command_problem("# only a comment"), "is an empty command");
  EXPECT_EQ(command_problem("''"), "has an empty command name");
  EXPECT_EQ(command_problem("-/bin/false"),
            "starts with \"-\": systemd's command prefixes are not supported");
  EXPECT_EQ(command_problem("+/bin/true"),
            "starts with \"+\": systemd's command prefixes are not supported");
  EXPECT_EQ(command_problem("@/bin/true x"),
            "starts with \"@\": systemd's command prefixes are not supported");
  EXPECT_NE(command_problem("echo 'unterminated").find("cannot be split into words: "),
            std::string::npos);
}

TEST(Environment, Assignments) {
  std::vector<std::string> env;
  EXPECT_EQ(parse_environment("A=1 \"B=two words\" C= D=x=y 'E=$HOME'", env), "");
  EXPECT_EQ(env, (std::vector<std::string>{"A=1", "B=two words", "C=", "D=x=y", "E=$HOME"}));
  env.clear();
  EXPECT_EQ(parse_environment("A=1 NOPE", env), "has \"NOPE\", which is not KEY=VALUE");
  EXPECT_EQ(parse_environment("1X=y", env),
            "has \"1X=y\", whose variable name starts with a digit");
  EXPECT_EQ(parse_environment("=y", env), "has \"=y\", whose variable name is empty");
  EXPECT_EQ(parse_environment("A-B=y", env),
            "has \"A-B=y\", whose variable name contains characters other than A-Z, a-z, 0-9 "
            "and '_'");
  EXPECT_NE(parse_environment("A=\"x", env).find("cannot be split into words"), std::string::npos);
}

TEST(Names, Apps) {
  EXPECT_EQ(app_name_problem("api"), "");
  EXPECT_EQ(app_name_problem("0day.v2_x-y"), "");
  EXPECT_EQ(app_name_problem(std::string(64, 'a')), "");
  EXPECT_EQ(app_name_problem(std::string(65, 'a')), "is longer than 64 characters");
  EXPECT_EQ(app_name_problem(""), "is empty");
  EXPECT_EQ(app_name_problem("-api"), "does not start with a-z or 0-9");
  EXPECT_EQ(app_name_problem(".api"), "does not start with a-z or 0-9");
  EXPECT_EQ(app_name_problem("Api"), "does not start with a-z or 0-9");
  EXPECT_EQ(app_name_problem("aPi"), "contains characters other than a-z, 0-9, '.', '_' and '-'");
  EXPECT_EQ(app_name_problem("a/b"), "contains characters other than a-z, 0-9, '.', '_' and '-'");
  EXPECT_EQ(app_name_problem("a b"), "contains characters other than a-z, 0-9, '.', '_' and '-'");
}

TEST(Names, UsersAndGroups) {
  for (const char* ok : {"root", "www-data", "_apt", "User1", "a", "0", "1000", "4294967294"})
    EXPECT_EQ(account_name_problem(ok), "") << ok;
  EXPECT_EQ(account_name_problem(std::string(32, 'a')), "");
  EXPECT_EQ(account_name_problem(std::string(33, 'a')), "is longer than 32 characters");
  EXPECT_EQ(account_name_problem("-root"),
            "is not a valid user/group name (it must start with a letter or '_')");
  EXPECT_EQ(account_name_problem("ro.ot"),
            "is not a valid user/group name (letters, digits, '_' and '-' only)");
  EXPECT_EQ(account_name_problem("1000x"), "is neither a user/group name nor a number");
  EXPECT_EQ(account_name_problem("65535"), "is a reserved id (65535, 4294967295)");
  EXPECT_EQ(account_name_problem("4294967295"), "is a reserved id (65535, 4294967295)");
  EXPECT_EQ(account_name_problem("99999999999"), "is neither a user/group name nor a number");
}

TEST(Names, EnvironmentVariables) {
  EXPECT_EQ(env_name_problem("PATH"), "");
  EXPECT_EQ(env_name_problem("_x1"), "");
  EXPECT_EQ(env_name_problem("9x"), "starts with a digit");
}

TEST(Names, CredentialsAndForgeRepositories) {
  EXPECT_EQ(credential_name_problem("webhook-secret"), "");
  EXPECT_EQ(credential_name_problem("a.b_c"), "");
  EXPECT_EQ(credential_name_problem(".."), "is not a credential name");
  EXPECT_EQ(credential_name_problem("a/b"),
            "is not a credential name (A-Z, a-z, 0-9, '_', '.', '-')");
  EXPECT_EQ(forge_repository_name_problem("acme/api"), "");
  EXPECT_EQ(forge_repository_name_problem("group/sub/api.js"), "");
  const std::string shape = "is not a repository name OWNER/NAME (GitLab: GROUP/SUBGROUP/NAME)";
  EXPECT_EQ(forge_repository_name_problem("api"), shape);
  EXPECT_EQ(forge_repository_name_problem("acme/"), shape);
  EXPECT_EQ(forge_repository_name_problem("/api"), shape);
  EXPECT_EQ(forge_repository_name_problem("acme//api"), shape);
  EXPECT_EQ(forge_repository_name_problem("acme/../api"), shape);
  EXPECT_EQ(forge_repository_name_problem("ac me/api"), shape);
}

TEST(Paths, Absolute) {
  std::string out = "unchanged";
  EXPECT_EQ(normalize_absolute_path("/srv//api/", out), "");
  EXPECT_EQ(out, "/srv/api");
  EXPECT_EQ(normalize_absolute_path("/", out), "");
  EXPECT_EQ(out, "/");
  out = "unchanged";
  EXPECT_EQ(normalize_absolute_path("srv/api", out), "is not an absolute path");
  EXPECT_EQ(normalize_absolute_path("/srv/../etc", out), "contains a \".\" or \"..\" component");
  EXPECT_EQ(normalize_absolute_path("/srv/./api", out), "contains a \".\" or \"..\" component");
  EXPECT_EQ(normalize_absolute_path("/srv/api/..", out), "contains a \".\" or \"..\" component");
  EXPECT_EQ(normalize_absolute_path("", out), "is empty");
  EXPECT_EQ(normalize_absolute_path("/srv/..api/x..", out), "");
  EXPECT_EQ(out, "/srv/..api/x..");
}

TEST(Paths, Relative) {
  std::string out;
  EXPECT_EQ(normalize_relative_path("deploy/systemd/", out), "");
  EXPECT_EQ(out, "deploy/systemd");
  EXPECT_EQ(normalize_relative_path("./deploy//units/.", out), "");
  EXPECT_EQ(out, "deploy/units");
  EXPECT_EQ(normalize_relative_path(".", out), "");
  EXPECT_EQ(out, ".");
  EXPECT_EQ(normalize_relative_path("/deploy", out), "is not a relative path");
  EXPECT_EQ(normalize_relative_path("deploy/../../etc", out), "contains a \"..\" component");
  EXPECT_EQ(normalize_relative_path("..", out), "contains a \"..\" component");
}

TEST(Paths, AppDirectories) {
  for (const char* ok : {"/srv/api", "/var/lib/hoist/apps/api", "/opt/api", "/home/deploy/api",
                         "/srv/etc", "/usrdata", "/li"})
    EXPECT_EQ(app_directory_problem(ok), "") << ok;
  EXPECT_EQ(app_directory_problem("/"), "is the root directory");
  const std::string rest =
      "; app directories may not be in /proc, /sys, /dev, /run, /boot, /etc, /usr, /bin, /sbin "
      "or /lib*";
  EXPECT_EQ(app_directory_problem("/etc"), "is inside /etc" + rest);
  EXPECT_EQ(app_directory_problem("/etc/api"), "is inside /etc" + rest);
  EXPECT_EQ(app_directory_problem("/usr/local/api"), "is inside /usr" + rest);
  for (const char* bad : {"/proc/1", "/sys/x", "/dev/shm/api", "/run/api", "/boot/x", "/bin/x",
                          "/sbin/x", "/lib/x", "/lib64/x", "/lib32", "/libx32/y", "/libexec"})
    EXPECT_NE(app_directory_problem(bad), "") << bad;
}

TEST(Paths, Inside) {
  EXPECT_TRUE(path_is_inside("/srv/api", "/srv/api"));
  EXPECT_TRUE(path_is_inside("/srv/api/releases", "/srv/api"));
  EXPECT_FALSE(path_is_inside("/srv/api2", "/srv/api"));
  EXPECT_FALSE(path_is_inside("/srv", "/srv/api"));
  EXPECT_TRUE(path_is_inside("/srv", "/"));
}

TEST(Health, HttpUrls) {
  EXPECT_EQ(http_url_problem("http://127.0.0.1:8080/healthz"), "");
  EXPECT_EQ(http_url_problem("https://example.com/"), "");
  EXPECT_EQ(http_url_problem("http://[::1]:80/x?y=1"), "");
  EXPECT_EQ(http_url_problem("ftp://example.com/"), "is not an http:// or https:// URL");
  EXPECT_EQ(http_url_problem("http:///x"), "has no host");
  EXPECT_NE(http_url_problem("localhost:8080").find("is not"), std::string::npos);
  EXPECT_EQ(http_url_problem("http://exa mple.com/"), "contains whitespace or a control character");
  EXPECT_NE(http_url_problem("http://[::1/").find("is not a URL: "), std::string::npos);
}

TEST(Health, TcpAddresses) {
  std::string host;
  uint16_t port = 0;
  EXPECT_EQ(parse_tcp_address("127.0.0.1:5432", host, port), "");
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 5432);
  EXPECT_EQ(parse_tcp_address("db.internal:6379", host, port), "");
  EXPECT_EQ(host, "db.internal");
  EXPECT_EQ(parse_tcp_address("[::1]:8080", host, port), "");
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 8080);
  EXPECT_EQ(parse_tcp_address("localhost", host, port), "is not HOST:PORT or [IPV6-ADDRESS]:PORT");
  EXPECT_EQ(parse_tcp_address("[::1]8080", host, port), "is not HOST:PORT or [IPV6-ADDRESS]:PORT");
  EXPECT_EQ(parse_tcp_address("::1:8080", host, port),
            "has an IPv6 address without brackets: write [ADDRESS]:PORT");
  EXPECT_EQ(parse_tcp_address("[db]:80", host, port),
            "has \"db\" in brackets, which is not an IPv6 address");
  EXPECT_EQ(parse_tcp_address(":80", host, port), "has no host");
  EXPECT_EQ(parse_tcp_address("a_b:80", host, port),
            "has \"a_b\", which is not a host name or IPv4 address");
  EXPECT_EQ(parse_tcp_address("db:0", host, port),
            "has port \"0\", which is out of range (1 to 65535)");
  EXPECT_EQ(parse_tcp_address("db:65536", host, port),
            "has port \"65536\", which is out of range (1 to 65535)");
  EXPECT_EQ(parse_tcp_address("db:http", host, port), "has port \"http\", which is not a number");
}

TEST(Text, QuotingAndChecks) {
  EXPECT_EQ(quote_value("a\"b\\c\x01"), "\"a\\\"b\\\\c\\x01\"");
  EXPECT_EQ(quote_value(std::string(100, 'x')), "\"" + std::string(80, 'x') + "...\"");
  EXPECT_EQ(quote_value("caf\xc3\xa9 caf\xc3 \xff"), "\"caf\xc3\xa9 caf\\xc3 \\xff\"");
  EXPECT_EQ(quote_value(std::string(79, 'x') + "\xc3\xa9\xc3\xa9"),
            "\"" + std::string(79, 'x') + "\xc3\xa9...\"");
  EXPECT_EQ(text_problem("caf\xc3\xa9\ttab"), "");
  EXPECT_EQ(text_problem("caf\xc3"), "is not valid UTF-8");
  EXPECT_EQ(text_problem("a\rb"), "contains control character 0x0d");
  EXPECT_EQ(text_problem("a\x7f"), "contains control character 0x7f");
}
