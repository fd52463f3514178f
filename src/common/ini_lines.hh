// A line index over the text of an INI file (systemd unit file style):
// group → key → every assignment with its line number, in file order.
//
// GKeyFile parses and validates the syntax of hoist's configuration files, but
// it keeps no line numbers (error messages must say FILE:LINE) and keeps only
// the last value of a key that is assigned several times (Step=, Environment=,
// Units= accumulate like systemd's ExecStartPre=). This index supplies those
// two things and nothing else; it is built over the same normalized text that
// GKeyFile parses, and only for text GKeyFile accepted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hoist {

struct IniAssignment {
  std::string group;
  std::string key;
  std::string value;  // as GKeyFile's g_key_file_get_value() returns it
  unsigned line = 0;  // 1-based
};

struct IniGroupHeader {
  std::string name;
  unsigned line = 0;
};

class IniLines {
 public:
  // text must be the output of normalize_ini_text().
  explicit IniLines(std::string_view text);

  // Every assignment of group/key in file order (a group may appear twice).
  std::vector<const IniAssignment*> all(std::string_view group, std::string_view key) const;
  // The assignment that wins when a key is set twice (the last one), if any.
  const IniAssignment* last(std::string_view group, std::string_view key) const;

  const std::vector<IniAssignment>& assignments() const { return assignments_; }
  const std::vector<IniGroupHeader>& groups() const { return groups_; }

 private:
  std::vector<IniAssignment> assignments_;
  std::vector<IniGroupHeader> groups_;
};

// The text GKeyFile is given: a UTF-8 byte order mark dropped and ';' comment
// lines turned into '#' comments (GKeyFile knows only '#'). Line numbers are
// unchanged.
std::string normalize_ini_text(std::string_view text);

// The 1-based line of the first line GKeyFile refuses, found by loading ever
// longer prefixes of text (the error is GKeyFile's; it names no line).
// nullopt if GKeyFile accepts all of text.
std::optional<unsigned> first_bad_ini_line(std::string_view text);

}  // namespace hoist
