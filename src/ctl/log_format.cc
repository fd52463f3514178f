#include "ctl/log_format.hh"

#include <glib.h>
#include <syslog.h>

#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "ctl/text.hh"
#include "ctl/time_format.hh"

namespace hoist::ctl {
namespace {

// Valid UTF-8 without control characters other than newline and tab, as
// journalctl requires before printing a message as text.
bool is_printable(const std::string& s) {
  if (!g_utf8_validate(s.data(), static_cast<gssize>(s.size()), nullptr)) return false;
  for (const char* p = s.c_str(); p < s.c_str() + s.size(); p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if ((c < ' ' && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f)) return false;
  }
  return true;
}

std::string short_prefix(const LogEntry& e) {
  std::string prefix = format_short_time(e.realtime_usec) + ' ' + e.identifier;
  if (e.pid > 0) prefix += '[' + std::to_string(e.pid) + ']';
  return prefix + ": ";
}

// The message with every line after the first indented by indent columns.
std::string indent_continuations(const std::string& message, size_t indent) {
  std::string out;
  size_t start = 0;
  for (;;) {
    size_t nl = message.find('\n', start);
    if (start > 0) out.append(indent, ' ');
    out.append(message, start, nl == std::string::npos ? std::string::npos : nl - start);
    if (nl == std::string::npos) return out;
    out += '\n';
    start = nl + 1;
  }
}

std::string entry_to_json(const LogEntry& e) {
  JsonBuilderPtr b(json_builder_new());
  log_entry_to_json(b.get(), e);
  return json_builder_to_string(b.get());
}

}  // namespace

const char* priority_color(uint32_t priority) {
  if (priority <= LOG_ERR) return ansi::kRed;
  if (priority == LOG_WARNING) return ansi::kYellow;
  if (priority == LOG_NOTICE) return ansi::kBold;
  if (priority >= LOG_DEBUG) return ansi::kGrey;
  return "";
}

std::string format_log_entry(const LogEntry& e, LogFormat format, const Style& style) {
  if (format == LogFormat::Json) return entry_to_json(e) + '\n';

  std::string prefix = format == LogFormat::Short ? short_prefix(e) : std::string();
  std::string message = e.message;
  if (format == LogFormat::Short)
    message = is_printable(e.message)
                  ? indent_continuations(e.message, g_utf8_strlen(prefix.c_str(), -1))
                  : strprintf(_("[%zu bytes blob data]"), e.message.size());
  const char* color = priority_color(e.priority);
  if (style.color && *color) message = color + message + ansi::kReset;
  return prefix + message + '\n';
}

}  // namespace hoist::ctl
