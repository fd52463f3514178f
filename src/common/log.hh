// Structured logging to the journal (SYSLOG_IDENTIFIER=hoistd plus HOIST_*
// fields), mirrored to stderr when that is a terminal.
#pragma once

#include <syslog.h>

#include <initializer_list>
#include <string>
#include <string_view>

namespace hoist::log {

struct Field {
  const char* name;  // journal field name, e.g. "HOIST_UNIT"
  std::string value;
};

void write(int priority, std::string_view message, std::initializer_list<Field> fields = {});

inline void debug(std::string_view m, std::initializer_list<Field> f = {}) { write(LOG_DEBUG, m, f); }
inline void info(std::string_view m, std::initializer_list<Field> f = {}) { write(LOG_INFO, m, f); }
inline void notice(std::string_view m, std::initializer_list<Field> f = {}) { write(LOG_NOTICE, m, f); }
inline void warning(std::string_view m, std::initializer_list<Field> f = {}) { write(LOG_WARNING, m, f); }
inline void error(std::string_view m, std::initializer_list<Field> f = {}) { write(LOG_ERR, m, f); }

// Messages above this priority are dropped (default LOG_INFO; HOIST_LOG_LEVEL=debug raises it).
void set_max_priority(int priority);

}  // namespace hoist::log
