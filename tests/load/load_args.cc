#include "load_args.hh"

#include <glib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace hoist::load {
namespace {

// A whole number from lo to hi, digits only.
std::optional<unsigned> whole_number(const std::string& text, unsigned lo, unsigned hi) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  unsigned long v = std::strtoul(text.c_str(), nullptr, 10);
  if (v < lo || v > hi) return std::nullopt;
  return static_cast<unsigned>(v);
}

// Seconds: a decimal number (no exponent, no sign) above 0, at most hi.
std::optional<double> seconds(const std::string& text, double hi) {
  if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos)
    return std::nullopt;
  char* end = nullptr;
  errno = 0;
  double v = g_ascii_strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(v) || v <= 0 || v > hi)
    return std::nullopt;
  return v;
}

// Empty if url is an http:// or https:// URL with a host, else why not.
std::string url_problem(const std::string& url) {
  GError* error = nullptr;
  GUri* uri = g_uri_parse(url.c_str(), G_URI_FLAGS_NONE, &error);
  if (!uri) {
    std::string why = error->message;
    g_error_free(error);
    return why;
  }
  std::string scheme = g_uri_get_scheme(uri);
  const char* host = g_uri_get_host(uri);
  bool has_host = host && *host;
  g_uri_unref(uri);
  if (scheme != "http" && scheme != "https") return "the scheme must be http or https";
  if (!has_host) return "the URL has no host";
  return "";
}

// The options that take a value.
constexpr std::array<std::string_view, 9> kValueOptions = {
    "--url",    "--concurrency", "--duration", "--until-file", "--timeout-ms",
    "--method", "--body-file",   "--header",   "--expect-body"};

// A token of RFC 9110 (a method or a header name).
bool is_token(std::string_view s) {
  constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) {
    return g_ascii_isalnum(c) || kSymbols.find(c) != std::string_view::npos;
  });
}

// Headers hoist-load sets itself.
bool is_own_header(const std::string& name) {
  for (const char* own : {"Connection", "Content-Length", "Host", "Transfer-Encoding"})
    if (g_ascii_strcasecmp(name.c_str(), own) == 0) return true;
  return false;
}

// "Name: value" as a header, or why not.
std::optional<LoadHeader> header(const std::string& text, std::string& why) {
  auto colon = text.find(':');
  if (colon == std::string::npos) {
    why = "expected 'Name: value', got '" + text + "'";
    return std::nullopt;
  }
  LoadHeader h{text.substr(0, colon), text.substr(colon + 1)};
  auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!h.value.empty() && blank(h.value.front())) h.value.erase(0, 1);
  while (!h.value.empty() && blank(h.value.back())) h.value.pop_back();
  if (!is_token(h.name))
    why = "'" + h.name + "' is not a header name (letters, digits and !#$%&'*+-.^_`|~)";
  else if (is_own_header(h.name))
    why = h.name + " is set by hoist-load itself";
  else if (h.value.find_first_of("\r\n") != std::string::npos)
    why = "the value of " + h.name + " has a line break";
  if (!why.empty()) return std::nullopt;
  return h;
}

}  // namespace

std::string with_request_number(std::string_view value, uint64_t n) {
  std::string out;
  const std::string number = std::to_string(n);
  for (size_t at = 0;;) {
    size_t next = value.find(kRequestNumber, at);
    out += value.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at);
    if (next == std::string_view::npos) return out;
    out += number;
    at = next + kRequestNumber.size();
  }
}

LoadArgs parse_load_args(const std::vector<std::string>& args) {
  LoadArgs r;
  LoadOptions& o = r.options;
  bool duration_given = false;
  auto fail = [&r](std::string why) {
    if (r.error.empty()) r.error = std::move(why);
  };
  for (size_t i = 0; i < args.size() && r.ok(); i++) {
    const std::string& arg = args[i];
    if (arg == "-h" || arg == "--help") {
      o.help = true;
      continue;
    }
    if (arg == "--json") {
      o.json = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) {
      fail(arg.rfind('-', 0) == 0 ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'");
      break;
    }
    // --name=value or --name value
    std::string name = arg, value;
    bool has_value = false;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    if (std::find(kValueOptions.begin(), kValueOptions.end(), name) == kValueOptions.end()) {
      fail(name == "--json" || name == "--help" ? name + " takes no value" : "unknown option '" + name + "'");
      break;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        fail(name + " needs a value");
        break;
      }
      value = args[++i];
    }
    if (name == "--url") {
      if (std::string why = url_problem(value); !why.empty())
        fail("--url: '" + value + "' is not an http:// or https:// URL: " + why);
      o.url = value;
    } else if (name == "--concurrency") {
      auto n = whole_number(value, 1, kMaxConcurrency);
      if (!n) fail("--concurrency: expected a whole number from 1 to " + std::to_string(kMaxConcurrency) +
                   ", got '" + value + "'");
      o.concurrency = n.value_or(kDefaultConcurrency);
    } else if (name == "--duration") {
      auto s = seconds(value, kMaxDurationSec);
      if (!s) fail("--duration: expected seconds above 0 and at most 600 (e.g. 10 or 2.5), got '" + value + "'");
      o.duration_sec = s.value_or(kDefaultDurationSec);
      duration_given = true;
    } else if (name == "--until-file") {
      if (value.empty()) fail("--until-file needs a path");
      o.until_file = value;
    } else if (name == "--method") {
      if (!is_token(value) || value.size() > 32)
        fail("--method: expected an HTTP method such as GET or POST, got '" + value + "'");
      o.method = value;
    } else if (name == "--body-file") {
      if (value.empty()) fail("--body-file needs a path");
      o.body_file = value;
    } else if (name == "--expect-body") {
      if (value.empty()) fail("--expect-body needs the text an answer must contain");
      o.expect_body = value;
    } else if (name == "--header") {
      std::string why;
      if (auto h = header(value, why))
        o.headers.push_back(std::move(*h));
      else
        fail("--header: " + why);
    } else {
      auto n = whole_number(value, 1, kMaxTimeoutMs);
      if (!n) fail("--timeout-ms: expected a whole number of milliseconds from 1 to " +
                   std::to_string(kMaxTimeoutMs) + ", got '" + value + "'");
      o.timeout_ms = n.value_or(kDefaultTimeoutMs);
    }
  }
  if (o.help) return LoadArgs{o, ""};
  if (r.ok() && o.url.empty()) fail("--url is required");
  if (r.ok() && !o.until_file.empty() && !duration_given) o.duration_sec = kMaxDurationSec;
  return r;
}

}  // namespace hoist::load
