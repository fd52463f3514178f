#include "ctl/status_format.hh"

#include <utility>

#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "common/unit_name.hh"
#include "ctl/label_block.hh"
#include "ctl/text.hh"
#include "ctl/time_format.hh"

namespace hoist::ctl {
namespace {

// Every label a block may show, so that all blocks align the same way.
/* TRANSLATORS: labels of "hoistctl status", right-aligned as in "systemctl status" */
const char* const kLabels[] = {N_("Loaded:"),     N_("Drop-In:"),  N_("Active:"),
                               N_("Invocation:"), N_("Main PID:"), N_("Restarts:")};

std::string dirname_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string(".") : path.substr(0, slash);
}

std::string basename_of(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// systemctl's Drop-In section: each directory, then its files on one line.
void add_drop_ins(LabelBlock& block, const std::vector<std::string>& paths, const Style& style) {
  std::vector<std::pair<std::string, std::string>> dirs;  // directory, "a.conf, b.conf"
  for (const auto& path : paths) {
    std::string dir = dirname_of(path);
    if (dirs.empty() || dirs.back().first != dir)
      dirs.emplace_back(dir, basename_of(path));
    else
      dirs.back().second += ", " + basename_of(path);
  }
  const char* branch = style.utf8 ? "\u2514\u2500" : "`-";
  for (size_t i = 0; i < dirs.size(); i++) {
    if (i == 0)
      block.add(_("Drop-In:"), dirs[i].first);
    else
      block.add_continuation(dirs[i].first);
    block.add_continuation(branch + dirs[i].second);
  }
}

std::string loaded_text(const UnitStatus& s, const Style& style) {
  std::string text = colored(s.load_state, s.load_state == "loaded" ? "" : ansi::kRed, style);
  if (!s.fragment_path.empty()) text += " (" + s.fragment_path + ")";
  return text;
}

std::string active_text(const UnitStatus& s, const Style& style, uint64_t now_usec) {
  bool failed = s.active_state == "failed";
  std::string detail = failed && !s.result.empty() && s.result != "success"
                           ? strprintf(_("Result: %s"), s.result.c_str())
                           : s.sub_state;
  std::string text = s.active_state;
  if (!detail.empty()) text += " (" + detail + ")";
  text = colored(text, state_look(s.active_state, style).color, style);
  bool up = s.active_state == "active" || s.active_state == "reloading";
  if (up && s.active_enter_timestamp > 0)
    /* TRANSLATORS: follows "active (running)"; a timestamp, then how long ago it was */
    text += strprintf(_(" since %s; %s"), format_timestamp(s.active_enter_timestamp).c_str(),
                      format_relative(s.active_enter_timestamp, now_usec).c_str());
  return text;
}

}  // namespace

StateLook state_look(std::string_view active_state, const Style& style) {
  if (active_state == "failed") return {style.utf8 ? "\u00d7" : "x", ansi::kRed};
  if (active_state == "active" || active_state == "reloading")
    return {style.utf8 ? "\u25cf" : "*", ansi::kGreen};
  if (active_state == "activating" || active_state == "deactivating" ||
      active_state == "maintenance")
    return {style.utf8 ? "\u25cf" : "*", ansi::kYellow};
  return {style.utf8 ? "\u25cb" : "*", ""};  // inactive, or a state newer than hoistctl
}

std::string format_unit_status(const UnitStatus& s, const Style& style, uint64_t now_usec,
                               bool user) {
  StateLook look = state_look(s.active_state, style);
  LabelBlock block(label_width(kLabels));
  std::string& text = block.text();
  text = colored(look.glyph, look.color, style) + " " + s.name;
  if (!s.description.empty() && s.description != s.name) text += " - " + s.description;
  text += '\n';

  block.add(_("Loaded:"), loaded_text(s, style));
  add_drop_ins(block, s.drop_in_paths, style);
  block.add(_("Active:"), active_text(s, style, now_usec));
  if (!s.invocation_id.empty()) block.add(_("Invocation:"), s.invocation_id);
  if (s.main_pid > 0) block.add(_("Main PID:"), std::to_string(s.main_pid));
  if (unit_type(s.name) == "service") block.add(_("Restarts:"), std::to_string(s.n_restarts));

  if (s.need_daemon_reload) {
    const char* command = user ? "hoistctl --user daemon-reload" : "hoistctl daemon-reload";
    text += '\n' + colored(_("Warning:"), ansi::kRed, style) + ' ' +
            strprintf(_("The unit file or drop-ins of %s changed on disk. "
                        "Run '%s' to reload units."),
                      s.name.c_str(), command) +
            '\n';
  }
  return std::move(text);
}

std::string unit_statuses_to_json(const std::vector<UnitStatus>& units) {
  JsonBuilderPtr b(json_builder_new());
  json_builder_begin_array(b.get());
  for (const auto& u : units) unit_status_to_json(b.get(), u);
  json_builder_end_array(b.get());
  return json_builder_to_string(b.get());
}

std::string daemon_status_to_json(const std::string& version) {
  JsonBuilderPtr b(json_builder_new());
  json_builder_begin_object(b.get());
  json_builder_set_member_name(b.get(), "version");
  json_builder_add_string_value(b.get(), version.c_str());
  json_builder_end_object(b.get());
  return json_builder_to_string(b.get());
}

}  // namespace hoist::ctl
