#include "common/ini_lines.hh"

#include <glib.h>

#include "common/glib_ptr.hh"
#include "common/text.hh"

namespace hoist {

IniLines::IniLines(std::string_view text) {
  std::string group;
  unsigned number = 0;
  for_each_line(text, [&](std::string_view line) {
    number++;
    line = trim_left(line);
    if (line.empty() || line.front() == '#') return;
    if (line.front() == '[') {
      auto body = trim_right(line);
      if (body.size() >= 2 && body.back() == ']') {
        group = std::string(body.substr(1, body.size() - 2));
        groups_.push_back({group, number});
      }
      return;
    }
    auto eq = line.find('=');
    if (eq == std::string_view::npos) return;
    assignments_.push_back({group, std::string(trim_right(line.substr(0, eq))),
                            std::string(trim_left(line.substr(eq + 1))), number});
  });
}

std::vector<const IniAssignment*> IniLines::all(std::string_view group,
                                                std::string_view key) const {
  std::vector<const IniAssignment*> out;
  for (const auto& a : assignments_)
    if (a.group == group && a.key == key) out.push_back(&a);
  return out;
}

const IniAssignment* IniLines::last(std::string_view group, std::string_view key) const {
  for (auto it = assignments_.rbegin(); it != assignments_.rend(); ++it)
    if (it->group == group && it->key == key) return &*it;
  return nullptr;
}

std::string normalize_ini_text(std::string_view text) {
  constexpr std::string_view kBom = "\xef\xbb\xbf";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  std::string out(text);
  bool line_start = true;
  for (char& c : out) {
    if (line_start && c == ';') c = '#';
    if (c == '\n')
      line_start = true;
    else if (!is_ascii_space(c))
      line_start = false;
  }
  return out;
}

std::optional<unsigned> first_bad_ini_line(std::string_view text) {
  std::vector<size_t> ends;  // offset just past each line
  for (size_t i = 0; i < text.size(); i++)
    if (text[i] == '\n') ends.push_back(i + 1);
  if (ends.empty() || ends.back() != text.size()) ends.push_back(text.size());
  auto loads = [&](size_t lines) {
    GKeyFilePtr kf(g_key_file_new());
    auto prefix = text.substr(0, lines ? ends[lines - 1] : 0);
    return g_key_file_load_from_data(kf.get(), prefix.data(), prefix.size(), G_KEY_FILE_NONE,
                                     nullptr) != FALSE;
  };
  if (loads(ends.size())) return std::nullopt;
  // The smallest prefix that fails: a line GKeyFile refuses stays refused
  // whatever follows it.
  size_t good = 0, bad = ends.size();
  while (bad - good > 1) {
    size_t mid = good + (bad - good) / 2;
    (loads(mid) ? good : bad) = mid;
  }
  return static_cast<unsigned>(bad);
}

}  // namespace hoist
