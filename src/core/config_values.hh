// The value syntaxes of hoist's configuration files, one parser or check per
// kind of value. Each returns a problem in words (empty when the value is
// good), phrased to follow the quoted value: "\"5x\" has an unknown time unit
// \"x\"".
// Pure functions, no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hoist {

// "\"value\"" for messages: control characters escaped, long values cut.
std::string quote_value(std::string_view value);

// Valid UTF-8 without control characters (a tab is allowed).
std::string text_problem(std::string_view value);

// A time span in systemd's syntax: "30" (seconds), "30s", "500ms", "5min",
// "1h 30min", "1.5h", "2 weeks" (units us, ms, s, min, h, d, w, M, y and
// their long forms). "infinity" is refused.
std::string parse_time_span(std::string_view text, uint64_t& usec);

// systemd's booleans: yes/no, true/false, on/off, y/n, t/f, 1/0, any case.
std::string parse_boolean(std::string_view text, bool& value);

// A decimal integer in [min, max].
std::string parse_unsigned(std::string_view text, unsigned min, unsigned max, unsigned& value);

// Whitespace-separated words (Units=, After=, Requires=).
std::vector<std::string> split_words(std::string_view text);

// A command line split into argv like a shell would split it (quotes and
// backslashes, g_shell_parse_argv), without any expansion; never run through
// a shell. systemd's ExecStart= prefixes (-, @, +, !, :) are refused.
std::string parse_command_line(std::string_view text, std::vector<std::string>& argv);

// One Environment= value: one or more KEY=VALUE words, quoted like a shell
// ("A=1 \"B=two words\""), appended to assignments.
std::string parse_environment(std::string_view text, std::vector<std::string>& assignments);

// [A-Za-z_][A-Za-z0-9_]*
std::string env_name_problem(std::string_view name);

// An app name: [a-z0-9][a-z0-9._-]{0,63}.
std::string app_name_problem(std::string_view name);

// A user or group name as systemd accepts it ([a-zA-Z_][a-zA-Z0-9_-]{0,31})
// or a numeric id.
std::string account_name_problem(std::string_view name);

// A credential name ([A-Za-z0-9_.-]+, not "." or "..").
std::string credential_name_problem(std::string_view name);

// A forge repository's full name: "owner/name", GitLab's "group/sub/name".
std::string forge_repository_name_problem(std::string_view name);

// An http:// or https:// URL with a host (parsed with GUri).
std::string http_url_problem(std::string_view url);

// "HOST:PORT" or "[IPV6]:PORT" with HOST a host name or IPv4 address.
std::string parse_tcp_address(std::string_view text, std::string& host, uint16_t& port);

}  // namespace hoist
