#include "ctl/unit_files_format.hh"

#include <algorithm>
#include <span>

#include "common/glib_ptr.hh"
#include "common/str_cat.hh"
#include "ctl/deploy_format.hh"
#include "ctl/json_output.hh"
#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

/* TRANSLATORS: labels of "hoistctl apply" after the unit files were
   applied, right-aligned; file names follow */
const char* const kAppliedLabels[] = {N_("Added:"), N_("Changed:"), N_("Removed:"),
                                      N_("Unchanged:"), N_("Restarted:")};
/* TRANSLATORS: labels of "hoistctl apply --dry-run", right-aligned */
const char* const kDryRunLabels[] = {N_("Would add:"), N_("Would change:"), N_("Would remove:"),
                                     N_("Unchanged:")};
/* TRANSLATORS: labels of "hoistctl apply" when applying failed,
   right-aligned: the error, then what the apply set out to do */
const char* const kFailedLabels[] = {N_("Error:"), N_("To add:"), N_("To change:"),
                                     N_("To remove:"), N_("Restarted:")};

// Diff colours, as git's defaults.
constexpr const char* kDiffMeta = ansi::kBold;
constexpr const char* kDiffHunk = "\033[36m";
constexpr const char* kDiffOld = "\033[31m";
constexpr const char* kDiffNew = "\033[32m";

// label and the first line, the others aligned under the first; nothing
// if there are none.
void add_lines(LabelBlock& block, const char* label, const std::vector<std::string>& lines) {
  for (size_t i = 0; i < lines.size(); i++) {
    if (i == 0)
      block.add(label, lines[i]);
    else
      block.add_continuation(lines[i]);
  }
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string::npos ? text.size() : nl;
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string heading(const std::string& app, const ApplyResult& r) {
  if (!r.ok && r.rolled_back)
    /* TRANSLATORS: %s are the app and the step ("verify", "health", ...) */
    return strprintf(_("Applying the unit files of %s failed at %s and was rolled back."),
                     app.c_str(), r.step.c_str());
  if (!r.ok)
    /* TRANSLATORS: %s are the app and the step ("render", "verify", ...) */
    return strprintf(_("Applying the unit files of %s failed at %s."), app.c_str(),
                     r.step.c_str());
  if (r.dry_run && r.nothing_to_do())
    return strprintf(_("The unit files of %s are up to date; applying them would change nothing."),
                     app.c_str());
  if (r.dry_run)
    return strprintf(_("Dry run of applying the unit files of %s; nothing was changed."),
                     app.c_str());
  if (r.nothing_to_do())
    return strprintf(_("The unit files of %s are up to date; nothing was changed."), app.c_str());
  return strprintf(_("Applied the unit files of %s."), app.c_str());
}

// The glyph heading the result: as a deploy that succeeded, failed or
// (dry run) was only planned.
std::string glyph(const ApplyResult& r, const Style& style) {
  if (!r.ok) return state_glyph(r.rolled_back ? "rolled-back" : "failed", style);
  return state_glyph(r.dry_run ? "waiting" : "succeeded", style);
}

void add_error(LabelBlock& block, const std::string& error) {
  std::vector<std::string> lines = split_lines(error);
  if (lines.empty()) lines.emplace_back("-");
  add_lines(block, _("Error:"), lines);
}

}  // namespace

std::string format_apply_result(const std::string& app, const ApplyResult& r, const Style& style) {
  std::span<const char* const> labels = !r.ok     ? std::span<const char* const>(kFailedLabels)
                                        : r.dry_run ? std::span<const char* const>(kDryRunLabels)
                                                    : std::span<const char* const>(kAppliedLabels);
  LabelBlock block(label_width(labels));
  std::string& text = block.text();
  text = str_cat({glyph(r, style), " ", heading(app, r), "\n"});
  if (!r.ok) {
    add_error(block, r.error);
    add_lines(block, _("To add:"), r.added);
    add_lines(block, _("To change:"), r.changed);
    add_lines(block, _("To remove:"), r.removed);
    add_lines(block, _("Restarted:"), r.restarted);
  } else if (r.dry_run) {
    add_lines(block, _("Would add:"), r.added);
    add_lines(block, _("Would change:"), r.changed);
    add_lines(block, _("Would remove:"), r.removed);
    add_lines(block, _("Unchanged:"), r.unchanged);
  } else {
    add_lines(block, _("Added:"), r.added);
    add_lines(block, _("Changed:"), r.changed);
    add_lines(block, _("Removed:"), r.removed);
    add_lines(block, _("Unchanged:"), r.unchanged);
    add_lines(block, _("Restarted:"), r.restarted);
  }
  return std::move(text);
}

DiffSide installed_side(const UnitFileDiff& d) {
  if (d.added()) return {"/dev/null", ""};
  /* TRANSLATORS: the label of a unit file's installed side in "hoistctl diff" */
  return {strprintf(_("%s (installed)"), d.path.c_str()), d.installed};
}

DiffSide rendered_side(const UnitFileDiff& d) {
  if (d.removed()) return {"/dev/null", ""};
  /* TRANSLATORS: the label of a unit file's side rendered from the app's
     templates in "hoistctl diff" */
  return {strprintf(_("%s (rendered from the template)"), d.name.c_str()), d.rendered};
}

std::string color_diff(const std::string& diff, const Style& style) {
  if (!style.color) return diff;
  std::string out;
  out.reserve(diff.size() + diff.size() / 4);
  for (const auto& line : split_lines(diff)) {
    const char* color = "";
    if (line.starts_with("--- ") || line.starts_with("+++ "))
      color = kDiffMeta;
    else if (line.starts_with("@@"))
      color = kDiffHunk;
    else if (line.starts_with("-"))
      color = kDiffOld;
    else if (line.starts_with("+"))
      color = kDiffNew;
    out += colored(line, color, style);
    out += '\n';
  }
  return out;
}

std::string unit_diffs_to_json(const std::vector<UnitFileDiff>& files) {
  return json_array_of_objects(files, [](JsonBuilder* b, const UnitFileDiff& d) {
    add_string_member(b, "name", d.name);
    add_string_member(b, "path", d.path);
    add_string_member(b, "change", d.change);
    json_builder_set_member_name(b, "installed");
    if (d.added())
      json_builder_add_null_value(b);
    else
      json_builder_add_string_value(b, d.installed.c_str());
    json_builder_set_member_name(b, "rendered");
    if (d.removed())
      json_builder_add_null_value(b);
    else
      json_builder_add_string_value(b, d.rendered.c_str());
  });
}

void add_drift(LabelBlock& block, const char* label, const std::vector<DriftInfo>& drift,
               const std::string& app, const std::string& command, const Style& style) {
  if (drift.empty()) {
    /* TRANSLATORS: "hoistctl show": the unit files match the templates */
    block.add(label, _("none"));
    return;
  }
  std::vector<std::string> lines;
  for (const auto& d : drift)
    lines.push_back(colored(str_cat({d.unit, ": ", d.detail}), ansi::kYellow, style));
  bool files_differ = std::any_of(drift.begin(), drift.end(),
                                  [](const DriftInfo& d) { return d.kind != "needs-reload"; });
  if (files_differ)
    /* TRANSLATORS: the commands that show and undo an app's drift */
    lines.push_back(strprintf(_("(see it with '%s diff %s', undo it with '%s apply %s')"),
                              command.c_str(), app.c_str(), command.c_str(), app.c_str()));
  else
    /* TRANSLATORS: the command that makes PID 1 load changed unit files */
    lines.push_back(strprintf(_("(make PID 1 load the files with '%s daemon-reload')"),
                              command.c_str()));
  add_lines(block, label, lines);
}

void add_drift_items(JsonBuilder* b, const std::vector<DriftInfo>& drift) {
  json_builder_begin_array(b);
  for (const auto& d : drift) {
    json_builder_begin_object(b);
    add_string_member(b, "kind", d.kind);
    add_string_member(b, "unit", d.unit);
    add_string_member(b, "path", d.path);
    add_string_member(b, "detail", d.detail);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

}  // namespace hoist::ctl
