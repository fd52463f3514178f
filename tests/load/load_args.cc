#include "load_args.hh"

#include <glib.h>

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

}  // namespace

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
    if (name != "--url" && name != "--concurrency" && name != "--duration" && name != "--until-file" &&
        name != "--timeout-ms") {
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
