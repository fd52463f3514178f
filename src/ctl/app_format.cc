#include "ctl/app_format.hh"

#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "ctl/deploy_format.hh"
#include "ctl/json_output.hh"
#include "ctl/label_block.hh"
#include "ctl/table.hh"
#include "ctl/text.hh"
#include "ctl/unit_files_format.hh"

namespace hoist::ctl {
namespace {

/* TRANSLATORS: labels of "hoistctl show APP", right-aligned */
const char* const kLabels[] = {N_("State:"),       N_("Current:"), N_("Commit:"),
                               N_("Last deploy:"), N_("Failed step:"), N_("Queued:"),
                               N_("Pending:"),     N_("Drift:")};

std::string or_dash(const std::string& s) { return s.empty() ? std::string("-") : s; }

// An app busy with a deploy is shown in yellow, as a unit that is activating.
const char* app_state_color(const std::string& state) {
  return state == "idle" || state.empty() ? "" : ansi::kYellow;
}

void add_release(JsonBuilder* b, const ReleaseInfo& r) {
  json_builder_begin_object(b);
  add_string_member(b, "name", r.name);
  add_bool_member(b, "current", r.current);
  json_builder_end_object(b);
}

void add_releases(JsonBuilder* b, const std::vector<ReleaseInfo>& releases) {
  json_builder_begin_array(b);
  for (const auto& r : releases) add_release(b, r);
  json_builder_end_array(b);
}

// The members "apps --json" and "show --json" share.
void add_app_members(JsonBuilder* b, const AppInfo& a) {
  add_string_member(b, "name", a.name);
  add_string_member(b, "description", a.description);
  add_string_member(b, "state", a.state);
  add_string_member(b, "current_release", a.current_release);
  add_string_member(b, "last_result", a.last_result);
}

std::string properties_block(const AppDetails& d, const Style& style) {
  const AppInfo& a = d.app;
  const std::string& command = d.command;
  LabelBlock block(label_width(kLabels));
  std::string& text = block.text();
  const char* glyph = style.utf8 ? (a.last_deploy.empty() ? "\u25cb" : "\u25cf") : "*";
  text = colored(glyph, deploy_state_color(a.last_result), style) + ' ' + a.name;
  if (!a.description.empty()) text += " - " + a.description;
  text += '\n';
  block.add(_("State:"), colored(or_dash(a.state), app_state_color(a.state), style));
  block.add(_("Current:"), a.current_release.empty() ? _("none yet") : a.current_release);
  if (!a.current_commit.empty()) block.add(_("Commit:"), a.current_commit);
  if (!a.last_deploy.empty()) {
    std::string last = a.last_deploy;
    if (!a.last_result.empty())
      last += " (" + colored(a.last_result, deploy_state_color(a.last_result), style) + ")";
    block.add(_("Last deploy:"), last);
  }
  if (!a.failed_step.empty()) block.add(_("Failed step:"), a.failed_step);
  if (!a.queued_deploy.empty()) block.add(_("Queued:"), a.queued_deploy);
  if (!a.pending_deploy.empty())
    block.add(_("Pending:"),
              /* TRANSLATORS: the id of a deploy waiting for confirmation, then the command */
              strprintf(_("%s (confirm with: %s confirm %s)"), a.pending_deploy.c_str(),
                        command.c_str(), a.name.c_str()));
  if (d.drift) add_drift(block, _("Drift:"), *d.drift, a.name, command, style);
  return std::move(text);
}

}  // namespace

std::string format_apps_table(const std::vector<AppInfo>& apps, const Style& style) {
  /* TRANSLATORS: column headings of "hoistctl apps" */
  Table table(
      {_("NAME"), _("STATE"), _("CURRENT"), _("LAST-RESULT"), _("DRIFT"), _("DESCRIPTION")});
  for (const auto& a : apps)
    table.add_row({{a.name},
                   {or_dash(a.state), app_state_color(a.state)},
                   {or_dash(a.current_release)},
                   {or_dash(a.last_result), deploy_state_color(a.last_result)},
                   /* TRANSLATORS: "hoistctl apps": the app's unit files drifted */
                   a.drifted ? Cell{_("yes"), ansi::kYellow} : Cell{"-"},
                   {a.description}});
  return table.render(style);
}

std::string apps_to_json(const std::vector<AppInfo>& apps) {
  return json_array_of_objects(apps, [](JsonBuilder* b, const AppInfo& a) {
    add_app_members(b, a);
    add_bool_member(b, "drifted", a.drifted);
    add_string_member(b, "object_path", a.object_path);
  });
}

std::string format_releases(const std::vector<ReleaseInfo>& releases) {
  std::string text;
  for (const auto& r : releases) text += (r.current ? "* " : "  ") + r.name + '\n';
  return text;
}

std::string releases_to_json(const std::vector<ReleaseInfo>& releases) {
  JsonBuilderPtr b(json_builder_new());
  add_releases(b.get(), releases);
  return json_builder_to_string(b.get());
}

std::string format_app_details(const AppDetails& d, const Style& style) {
  std::string none = std::string("  ") + _("none yet") + '\n';
  std::string text = properties_block(d, style);
  text += std::string("\n") + _("Releases:") + '\n';
  text += d.releases.empty() ? none : format_releases(d.releases);
  text += std::string("\n") + _("Deploys:") + '\n';
  text += d.history.empty() ? none : format_deploy_history(d.history, style);
  return text;
}

std::string app_details_to_json(const AppDetails& d) {
  JsonBuilderPtr b(json_builder_new());
  json_builder_begin_object(b.get());
  add_app_members(b.get(), d.app);
  add_string_member(b.get(), "current_commit", d.app.current_commit);
  add_string_member(b.get(), "last_deploy", d.app.last_deploy);
  add_string_member(b.get(), "failed_step", d.app.failed_step);
  add_string_member(b.get(), "queued_deploy", d.app.queued_deploy);
  add_string_member(b.get(), "pending_deploy", d.app.pending_deploy);
  json_builder_set_member_name(b.get(), "releases");
  add_releases(b.get(), d.releases);
  json_builder_set_member_name(b.get(), "history");
  add_deploys(b.get(), d.history);
  json_builder_set_member_name(b.get(), "drift");
  if (d.drift)
    add_drift_items(b.get(), *d.drift);
  else
    json_builder_add_null_value(b.get());
  json_builder_end_object(b.get());
  return json_builder_to_string(b.get());
}

std::string config_problems_to_json(const std::vector<std::string>& problems) {
  JsonBuilderPtr b(json_builder_new());
  json_builder_begin_object(b.get());
  json_builder_set_member_name(b.get(), "problems");
  json_builder_begin_array(b.get());
  for (const auto& p : problems) json_builder_add_string_value(b.get(), p.c_str());
  json_builder_end_array(b.get());
  json_builder_end_object(b.get());
  return json_builder_to_string(b.get());
}

}  // namespace hoist::ctl
