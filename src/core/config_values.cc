#include "core/config_values.hh"

#include <glib.h>

#include <array>
#include <cstdio>
#include <limits>

#include "common/glib_ptr.hh"
#include "common/text.hh"

namespace hoist {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || is_digit(c); }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Splits like a shell (g_shell_parse_argv); an empty or blank text gives no words.
std::string shell_split(std::string_view text, std::vector<std::string>& words) {
  words.clear();
  if (trim(text).empty()) return {};
  int argc = 0;
  char** argv = nullptr;
  GError* e = nullptr;
  const std::string copy(text);
  if (!g_shell_parse_argv(copy.c_str(), &argc, &argv, &e)) {
    const GErrorPtr error(e);
    // A text that is only a comment ("# x") has no words either.
    if (g_error_matches(e, G_SHELL_ERROR, G_SHELL_ERROR_EMPTY_STRING)) return {};
    return std::string("cannot be split into words: ") + e->message;
  }
  GStrvPtr owned(argv);
  words.assign(argv, argv + argc);
  return {};
}

struct TimeUnit {
  uint64_t usec;
  std::array<std::string_view, 4> names;  // unused ones empty
};

constexpr uint64_t kSec = 1000000;
// systemd's table (time-util.c): months are 30.44 days, years 365.25 days.
constexpr std::array<TimeUnit, 9> kTimeUnits = {{
    {1, {"us", "usec", "\xc2\xb5s", "\xce\xbcs"}},  // micro sign and Greek mu
    {1000, {"ms", "msec"}},
    {kSec, {"s", "sec", "second", "seconds"}},
    {60 * kSec, {"m", "min", "minute", "minutes"}},
    {3600 * kSec, {"h", "hr", "hour", "hours"}},
    {86400 * kSec, {"d", "day", "days"}},
    {604800 * kSec, {"w", "week", "weeks"}},
    {2629800 * kSec, {"M", "month", "months"}},
    {31557600 * kSec, {"y", "year", "years"}},
}};

std::string escaped_byte(unsigned char u) {
  char buf[8];
  snprintf(buf, sizeof buf, "\\x%02x", u);
  return buf;
}

bool add_checked(uint64_t& total, uint64_t v) {
  if (total > std::numeric_limits<uint64_t>::max() - v) return false;
  total += v;
  return true;
}

}  // namespace

std::string quote_value(std::string_view value) {
  constexpr size_t kMax = 80;  // characters shown
  std::string out = "\"";
  size_t shown = 0;
  for (size_t i = 0; i < value.size(); shown++) {
    if (shown == kMax) {
      out += "...";
      break;
    }
    const char c = value[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      (out += '\\') += c;
      i++;
    } else if (u < 0x20 || u == 0x7f) {
      out += escaped_byte(u);
      i++;
    } else if (u < 0x80) {
      out += c;
      i++;
    } else {
      // A whole UTF-8 character, or one byte of a broken one, escaped.
      const char* p = value.data() + i;
      const auto max_len = static_cast<gssize>(value.size() - i);
      if (static_cast<gint32>(g_utf8_get_char_validated(p, max_len)) < 0) {
        out += escaped_byte(u);
        i++;
      } else {
        const auto len = static_cast<size_t>(g_utf8_next_char(p) - p);
        out.append(p, len);
        i += len;
      }
    }
  }
  return out + "\"";
}

std::string text_problem(std::string_view value) {
  if (!g_utf8_validate(value.data(), static_cast<gssize>(value.size()), nullptr))
    return "is not valid UTF-8";
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7f) {
      char buf[48];
      snprintf(buf, sizeof buf, "contains control character 0x%02x", u);
      return buf;
    }
  }
  return {};
}

std::string parse_time_span(std::string_view text, uint64_t& usec) {
  constexpr const char* kNotTimeSpan = "is not a time span (e.g. 30s, 5min, 1h 30min)";
  auto s = trim(text);
  if (s.empty()) return "is empty";
  if (s == "infinity") return "is not allowed here";
  uint64_t total = 0;
  while (!s.empty()) {
    if (s.front() == '-') return "is negative";
    if (!is_digit(s.front()) && s.front() != '.') return kNotTimeSpan;
    uint64_t whole = 0;
    size_t i = 0;
    for (; i < s.size() && is_digit(s[i]); i++) {
      if (whole > (std::numeric_limits<uint64_t>::max() - 9) / 10) return "is too large";
      whole = whole * 10 + static_cast<uint64_t>(s[i] - '0');
    }
    const size_t whole_digits = i;
    std::string_view fraction;
    if (i < s.size() && s[i] == '.') {
      const size_t start = ++i;
      while (i < s.size() && is_digit(s[i])) i++;
      fraction = s.substr(start, i - start);
    }
    if (!whole_digits && fraction.empty()) return kNotTimeSpan;
    s.remove_prefix(i);
    s = trim_left(s);
    size_t unit_len = 0;
    while (unit_len < s.size() && !is_digit(s[unit_len]) && !is_ascii_space(s[unit_len]) &&
           s[unit_len] != '.' && s[unit_len] != '-')
      unit_len++;
    auto unit_name = s.substr(0, unit_len);
    uint64_t unit = kSec;  // a number without a unit is seconds
    if (!unit_name.empty()) {
      unit = 0;
      for (const auto& u : kTimeUnits)
        for (auto name : u.names)
          if (name == unit_name) unit = u.usec;
      if (!unit) return "has an unknown time unit " + quote_value(unit_name);
    }
    s.remove_prefix(unit_len);
    s = trim_left(s);
    if (whole && whole > std::numeric_limits<uint64_t>::max() / unit) return "is too large";
    if (!add_checked(total, whole * unit)) return "is too large";
    uint64_t scale = unit;
    for (char d : fraction) {
      scale /= 10;
      if (!add_checked(total, static_cast<uint64_t>(d - '0') * scale)) return "is too large";
    }
  }
  usec = total;
  return {};
}

std::string parse_boolean(std::string_view text, bool& value) {
  auto s = std::string(trim(text));
  for (char& c : s) c = g_ascii_tolower(c);
  for (auto yes : {"1", "yes", "y", "true", "t", "on"})
    if (s == yes) return value = true, std::string();
  for (auto no : {"0", "no", "n", "false", "f", "off"})
    if (s == no) return value = false, std::string();
  return "is not a boolean (yes/no, true/false, on/off, 1/0)";
}

std::string parse_unsigned(std::string_view text, unsigned min, unsigned max, unsigned& value) {
  auto s = trim(text);
  if (s.empty()) return "is empty";
  uint64_t v = 0;
  for (char c : s) {
    if (!is_digit(c)) return "is not a number";
    v = v * 10 + static_cast<uint64_t>(c - '0');
    if (v > max) break;
  }
  if (v < min || v > max)
    return "is out of range (" + std::to_string(min) + " to " + std::to_string(max) + ")";
  value = static_cast<unsigned>(v);
  return {};
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_ascii_space(text[i])) i++;
    size_t start = i;
    while (i < text.size() && !is_ascii_space(text[i])) i++;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

std::string parse_command_line(std::string_view text, std::vector<std::string>& argv) {
  if (auto p = shell_split(text, argv); !p.empty()) return p;
  if (argv.empty()) return "is an empty command";
  if (argv[0].empty()) return "has an empty command name";
  if (std::string_view("-@+!:").find(argv[0][0]) != std::string_view::npos)
    return "starts with " + quote_value(argv[0].substr(0, 1)) +
           ": systemd's command prefixes are not supported";
  return {};
}

std::string parse_environment(std::string_view text, std::vector<std::string>& assignments) {
  std::vector<std::string> words;
  if (auto p = shell_split(text, words); !p.empty()) return p;
  for (const auto& w : words) {
    auto eq = w.find('=');
    if (eq == std::string::npos) return "has " + quote_value(w) + ", which is not KEY=VALUE";
    if (auto p = env_name_problem(std::string_view(w).substr(0, eq)); !p.empty())
      return "has " + quote_value(w) + ", whose variable name " + p;
    assignments.push_back(w);
  }
  return {};
}

std::string env_name_problem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (is_digit(name[0])) return "starts with a digit";
  for (char c : name)
    if (!is_alpha(c) && !is_digit(c) && c != '_')
      return "contains characters other than A-Z, a-z, 0-9 and '_'";
  return {};
}

std::string app_name_problem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name.size() > 64) return "is longer than 64 characters";
  if (!is_lower_alnum(name[0])) return "does not start with a-z or 0-9";
  for (char c : name)
    if (!is_lower_alnum(c) && c != '.' && c != '_' && c != '-')
      return "contains characters other than a-z, 0-9, '.', '_' and '-'";
  return {};
}

std::string account_name_problem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (is_digit(name[0])) {
    uint64_t id = 0;
    for (char c : name) {
      if (!is_digit(c) || name.size() > 10) return "is neither a user/group name nor a number";
      id = id * 10 + static_cast<uint64_t>(c - '0');
    }
    if (id == 65535 || id >= 4294967295u) return "is a reserved id (65535, 4294967295)";
    return {};
  }
  if (name.size() > 32) return "is longer than 32 characters";
  if (!is_alpha(name[0]) && name[0] != '_')
    return "is not a valid user/group name (it must start with a letter or '_')";
  for (char c : name)
    if (!is_alpha(c) && !is_digit(c) && c != '_' && c != '-')
      return "is not a valid user/group name (letters, digits, '_' and '-' only)";
  return {};
}

std::string credential_name_problem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name == "." || name == "..") return "is not a credential name";
  if (name.size() > 255) return "is longer than 255 characters";
  for (char c : name)
    if (!is_alpha(c) && !is_digit(c) && c != '_' && c != '.' && c != '-')
      return "is not a credential name (A-Z, a-z, 0-9, '_', '.', '-')";
  return {};
}

std::string forge_repository_name_problem(std::string_view name) {
  constexpr const char* kShape =
      "is not a repository name OWNER/NAME (GitLab: GROUP/SUBGROUP/NAME)";
  size_t parts = 0;
  while (true) {
    auto slash = name.find('/');
    auto part = name.substr(0, slash);
    if (part.empty() || part == "." || part == "..") return kShape;
    for (char c : part)
      if (!is_alpha(c) && !is_digit(c) && c != '_' && c != '.' && c != '-') return kShape;
    parts++;
    if (slash == std::string_view::npos) break;
    name.remove_prefix(slash + 1);
  }
  return parts >= 2 ? std::string() : kShape;
}

std::string http_url_problem(std::string_view url) {
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20) return "contains whitespace or a control character";
  GError* e = nullptr;
  const std::string copy(url);
  const Ptr<GUri, g_uri_unref> uri(g_uri_parse(copy.c_str(), G_URI_FLAGS_NONE, &e));
  if (!uri) {
    const GErrorPtr error(e);
    return std::string("is not a URL: ") + e->message;
  }
  std::string_view scheme = g_uri_get_scheme(uri.get());
  if (scheme != "http" && scheme != "https") return "is not an http:// or https:// URL";
  const char* host = g_uri_get_host(uri.get());
  if (!host || !*host) return "has no host";
  return {};
}

std::string parse_tcp_address(std::string_view text, std::string& host, uint16_t& port) {
  constexpr const char* kShape = "is not HOST:PORT or [IPV6-ADDRESS]:PORT";
  std::string_view h, p;
  if (!text.empty() && text[0] == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':')
      return kShape;
    h = text.substr(1, close - 1);
    p = text.substr(close + 2);
    std::string v6(h);
    if (h.find(':') == std::string_view::npos || !g_hostname_is_ip_address(v6.c_str()))
      return "has " + quote_value(h) + " in brackets, which is not an IPv6 address";
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return kShape;
    h = text.substr(0, colon);
    p = text.substr(colon + 1);
    if (h.find(':') != std::string_view::npos)
      return "has an IPv6 address without brackets: write [ADDRESS]:PORT";
    if (h.empty()) return "has no host";
    for (char c : h)
      if (!is_alpha(c) && !is_digit(c) && c != '.' && c != '-')
        return "has " + quote_value(h) + ", which is not a host name or IPv4 address";
  }
  unsigned number = 0;
  if (auto problem = parse_unsigned(p, 1, 65535, number); !problem.empty())
    return "has port " + quote_value(p) + ", which " + problem;
  host = std::string(h);
  port = static_cast<uint16_t>(number);
  return {};
}

}  // namespace hoist
