#include "core/config_file.hh"

#include <glib.h>

#include <algorithm>

#include "common/text.hh"
#include "core/config_paths.hh"
#include "core/config_values.hh"

namespace hoist {
namespace {

// Edit distance of two short key names, ignoring case.
size_t distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); j++) row[j] = j;
  for (size_t i = 1; i <= a.size(); i++) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); j++) {
      const size_t up = row[j];
      const bool same = g_ascii_tolower(a[i - 1]) == g_ascii_tolower(b[j - 1]);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (same ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

ConfigFile::ConfigFile(std::string path, std::string_view text, std::vector<ConfigProblem>& errors,
                       std::vector<ConfigProblem>& warnings)
    : path_(std::move(path)),
      errors_(errors),
      warnings_(warnings),
      errors_before_(errors.size()),
      keyfile_(g_key_file_new()) {
  const std::string normalized = normalize_ini_text(text);
  if (auto nul = normalized.find('\0'); nul != std::string::npos) {
    const auto line = std::count(normalized.begin(), normalized.begin() + nul, '\n') + 1;
    error("", "", static_cast<unsigned>(line), "contains a NUL byte");
    return;
  }
  GError* e = nullptr;
  if (!g_key_file_load_from_data(keyfile_.get(), normalized.data(), normalized.size(),
                                 G_KEY_FILE_NONE, &e)) {
    const GErrorPtr owned(e);
    error("", "", first_bad_ini_line(normalized).value_or(0), e->message);
    return;
  }
  lines_ = IniLines(normalized);
  parsed_ = true;
}

void ConfigFile::remember(const char* group, const char* key) { known_keys_.emplace(group, key); }

std::optional<ConfigFile::Value> ConfigFile::get(const char* group, const char* key) {
  remember(group, key);
  if (!parsed_) return std::nullopt;
  const IniAssignment* last = lines_.last(group, key);
  if (!last) return std::nullopt;
  // The value is GKeyFile's; the index only knows where it was set.
  const GCharPtr raw(g_key_file_get_value(keyfile_.get(), group, key, nullptr));
  Value v{std::string(trim(raw ? raw.get() : last->value)), last->line};
  if (v.text.empty()) return std::nullopt;
  if (auto p = text_problem(v.text); !p.empty()) {
    error(group, key, v, p);
    return std::nullopt;
  }
  return v;
}

std::vector<ConfigFile::Value> ConfigFile::get_all(const char* group, const char* key) {
  remember(group, key);
  std::vector<Value> out;
  for (const IniAssignment* a : lines_.all(group, key)) {
    Value v{std::string(trim(a->value)), a->line};
    if (v.text.empty()) {
      out.clear();
    } else if (auto p = text_problem(v.text); !p.empty()) {
      error(group, key, v, p);
    } else {
      out.push_back(std::move(v));
    }
  }
  return out;
}

bool ConfigFile::is_set(const char* group, const char* key) const {
  const IniAssignment* last = lines_.last(group, key);
  return last && !trim(last->value).empty();
}

unsigned ConfigFile::line_of(const char* group, const char* key) const {
  const IniAssignment* last = lines_.last(group, key);
  return last ? last->line : 0;
}

void ConfigFile::read_string(const char* group, const char* key, std::string& out) {
  if (auto v = get(group, key)) out = std::move(v->text);
}

void ConfigFile::read_time_span(const char* group, const char* key, uint64_t& usec,
                                bool allow_zero) {
  auto v = get(group, key);
  if (!v) return;
  uint64_t parsed = 0;
  if (auto p = parse_time_span(v->text, parsed); !p.empty()) return error(group, key, *v, p);
  if (!parsed && !allow_zero) return error(group, key, *v, "is zero; it must be longer");
  usec = parsed;
}

void ConfigFile::read_unsigned(const char* group, const char* key, unsigned min, unsigned max,
                               unsigned& out) {
  auto v = get(group, key);
  if (!v) return;
  if (auto p = parse_unsigned(v->text, min, max, out); !p.empty()) error(group, key, *v, p);
}

void ConfigFile::read_boolean(const char* group, const char* key, bool& out) {
  auto v = get(group, key);
  if (!v) return;
  if (auto p = parse_boolean(v->text, out); !p.empty()) error(group, key, *v, p);
}

void ConfigFile::read_absolute_path(const char* group, const char* key, std::string& out) {
  auto v = get(group, key);
  if (!v) return;
  if (auto p = normalize_absolute_path(v->text, out); !p.empty()) error(group, key, *v, p);
}

void ConfigFile::read_command(const char* group, const char* key, std::vector<std::string>& argv) {
  auto v = get(group, key);
  if (!v) return;
  if (auto p = parse_command_line(v->text, argv); !p.empty()) error(group, key, *v, p);
}

void ConfigFile::read_checked(const char* group, const char* key, std::string& out,
                              std::string (*problem_of)(std::string_view)) {
  auto v = get(group, key);
  if (!v) return;
  if (auto p = problem_of(v->text); !p.empty()) return error(group, key, *v, p);
  out = std::move(v->text);
}

void ConfigFile::error(const char* group, const char* key, unsigned line, std::string message) {
  errors_.push_back({path_, line, group, key, std::move(message)});
}

void ConfigFile::warning(const char* group, const char* key, unsigned line, std::string message) {
  warnings_.push_back({path_, line, group, key, std::move(message)});
}

std::string ConfigFile::quote(const Value& v) { return quote_value(v.text); }

void ConfigFile::warn_unknown() {
  auto group_known = [&](const std::string& g) {
    return std::any_of(known_keys_.begin(), known_keys_.end(),
                       [&](const auto& k) { return k.first == g; });
  };
  std::set<std::string> warned_groups;
  for (const auto& g : lines_.groups())
    if (!group_known(g.name) && warned_groups.insert(g.name).second)
      warning(g.name.c_str(), "", g.line, "unknown group, ignored");
  for (const auto& a : lines_.assignments()) {
    if (!group_known(a.group) || known_keys_.count({a.group, a.key})) continue;
    std::string message = "unknown key, ignored";
    // Close enough to be a typo: one edit in a short name, two in a long one.
    const size_t close = a.key.size() >= 8 ? 2 : 1;
    for (const auto& [g, k] : known_keys_)
      if (g == a.group && distance(k, a.key) <= close) {
        message += " (did you mean " + k + "=?)";
        break;
      }
    warning(a.group.c_str(), a.key.c_str(), a.line, std::move(message));
  }
}

}  // namespace hoist
