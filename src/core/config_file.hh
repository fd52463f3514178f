// One configuration file being read. GKeyFile checks the syntax and gives the
// value of each key; IniLines (common/ini_lines.hh) adds the line numbers and
// the repeated assignments GKeyFile does not keep. Typed reads check each
// value and report a problem "FILE:LINE: [Group] Key=: ..." for a bad one.
// The file remembers which groups and keys were read so that warn_unknown()
// can report the rest.
//
// Shared rules of every key: values are trimmed; an empty assignment (Key=)
// means the default; when a single-valued key is set twice the last one wins;
// every value must be valid UTF-8 without control characters.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/glib_ptr.hh"
#include "common/ini_lines.hh"
#include "core/app_config.hh"

namespace hoist {

class ConfigFile {
 public:
  struct Value {
    std::string text;  // trimmed
    unsigned line = 0;
  };

  // Reports a syntax error (with the line GKeyFile refused) to errors.
  ConfigFile(std::string path, std::string_view text, std::vector<ConfigProblem>& errors,
             std::vector<ConfigProblem>& warnings);
  ConfigFile(const ConfigFile&) = delete;
  ConfigFile& operator=(const ConfigFile&) = delete;

  // False after a syntax error: there is nothing to read.
  bool parsed() const { return parsed_; }
  const std::string& path() const { return path_; }
  const IniLines& lines() const { return lines_; }

  // The winning value of a key; nullopt if unset, empty, or not valid text
  // (reported).
  std::optional<Value> get(const char* group, const char* key);
  // Every non-empty value of a repeatable key in order; an empty assignment
  // drops those before it.
  std::vector<Value> get_all(const char* group, const char* key);
  // Whether the winning assignment of a key is not empty (whatever its value).
  bool is_set(const char* group, const char* key) const;
  // The line of the winning assignment; 0 if the key is not set at all.
  unsigned line_of(const char* group, const char* key) const;

  // Typed reads: out is changed only by a present, valid value; a bad one is
  // reported as "\"VALUE\" PROBLEM".
  void read_string(const char* group, const char* key, std::string& out);
  void read_time_span(const char* group, const char* key, uint64_t& usec, bool allow_zero);
  void read_unsigned(const char* group, const char* key, unsigned min, unsigned max, unsigned& out);
  void read_boolean(const char* group, const char* key, bool& out);
  void read_absolute_path(const char* group, const char* key, std::string& out);
  void read_command(const char* group, const char* key, std::vector<std::string>& argv);
  // A string checked by problem_of (a function of config_values.hh or git_names.hh).
  void read_checked(const char* group, const char* key, std::string& out,
                    std::string (*problem_of)(std::string_view));

  void error(const char* group, const char* key, unsigned line, std::string message);
  void error(const char* group, const char* key, const Value& v, const std::string& problem) {
    error(group, key, v.line, quote(v) + " " + problem);
  }
  void warning(const char* group, const char* key, unsigned line, std::string message);
  size_t error_count() const { return errors_.size() - errors_before_; }

  // Warns about every group nothing was read from and every unread key of
  // the groups that were read ("did you mean ...?" when one is close).
  void warn_unknown();

 private:
  static std::string quote(const Value& v);
  void remember(const char* group, const char* key);

  std::string path_;
  std::vector<ConfigProblem>& errors_;
  std::vector<ConfigProblem>& warnings_;
  size_t errors_before_;
  GKeyFilePtr keyfile_;
  IniLines lines_{""};
  bool parsed_ = false;
  std::set<std::pair<std::string, std::string>> known_keys_;
};

}  // namespace hoist
