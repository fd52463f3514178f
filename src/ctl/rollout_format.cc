#include "ctl/rollout_format.hh"

#include "common/str_cat.hh"
#include "ctl/deploy_format.hh"
#include "ctl/label_block.hh"
#include "ctl/table.hh"
#include "ctl/text.hh"
#include "ctl/time_format.hh"

namespace hoist::ctl {
namespace {

/* TRANSLATORS: labels of "hoistctl rollout-status", right-aligned */
const char* const kLabels[] = {N_("State:"), N_("Started:"), N_("Finished:"), N_("Options:"),
                               N_("Error:")};

std::string or_dash(const std::string& s) { return s.empty() ? std::string("-") : s; }

// "db: restart db.service (waits for api)"
std::string plan_app_line(const RolloutPlanApp& a) {
  std::string line = str_cat({a.app, ": ", a.action});
  if (!a.units.empty()) line += str_cat({" ", join(a.units, ", ")});
  if (!a.depends_on.empty()) /* TRANSLATORS: in a rollout plan, the apps an app waits for */
    line += str_cat({" (", strprintf(_("waits for %s"), join(a.depends_on, ", ").c_str()), ")"});
  return line + '\n';
}

// What the rollout was asked to do besides restarting: "deploy, force".
std::string options_text(const RolloutInfo& r) {
  std::vector<std::string> options;
  if (r.deploy) options.emplace_back("deploy");
  if (r.force) options.emplace_back("force");
  if (r.skip_migrations) options.emplace_back("skip-migrations");
  if (r.max_parallel > 0) options.push_back(strprintf("max-parallel %u", r.max_parallel));
  return join(options, ", ");
}

std::string state_text(const RolloutInfo& r, const Style& style) {
  std::string state = colored(r.state, deploy_state_color(r.state), style);
  if (!r.failed_app.empty() && !r.failed_step.empty())
    /* TRANSLATORS: a rollout's state, then the app and the step that failed */
    return strprintf(_("%s (app %s, step %s)"), state.c_str(), r.failed_app.c_str(),
                     r.failed_step.c_str());
  if (!r.failed_app.empty()) /* TRANSLATORS: a rollout's state, then the app that failed */
    return strprintf(_("%s (app %s)"), state.c_str(), r.failed_app.c_str());
  if (!r.failed_step.empty()) /* TRANSLATORS: a rollout's state, then the step that failed */
    return strprintf(_("%s (step %s)"), state.c_str(), r.failed_step.c_str());
  return state;
}

std::string record_block(const RolloutInfo& r, const Style& style, uint64_t now_usec) {
  LabelBlock block(label_width(kLabels));
  std::string& text = block.text();
  /* TRANSLATORS: the heading of "hoistctl rollout-status", %s is the id */
  text =
      str_cat({state_glyph(r.state, style), " ", strprintf(_("rollout %s"), r.id.c_str()), "\n"});
  block.add(_("State:"), state_text(r, style));
  add_run_times(block, 0, r.started_usec, r.finished_usec, now_usec);
  if (!options_text(r).empty()) block.add(_("Options:"), options_text(r));
  if (!r.error.empty()) block.add(_("Error:"), r.error);
  return std::move(text);
}

std::string duration_cell(const RolloutAppInfo& a, uint64_t now_usec) {
  if (a.duration_usec > 0) return format_step_duration(a.duration_usec);
  if (a.state == "running" && a.started_usec > 0 && now_usec >= a.started_usec)
    return format_step_duration(now_usec - a.started_usec);
  return "-";
}

std::string note_cell(const RolloutAppInfo& a, const RolloutInfo& r) {
  std::vector<std::string> notes;
  if (!a.error.empty() && a.error != r.error) notes.push_back(a.error);
  if (a.rolled_back) notes.emplace_back(_("rolled back"));
  /* TRANSLATORS: %s is the id of an app's deploy in a rollout */
  if (!a.deploy_id.empty()) notes.push_back(strprintf(_("deploy %s"), a.deploy_id.c_str()));
  if (!a.restarted_by_systemd.empty())
    /* TRANSLATORS: units PID 1 restarted itself during a rollout */
    notes.push_back(
        strprintf(_("restarted by systemd: %s"), join(a.restarted_by_systemd, ", ").c_str()));
  return join(notes, "; ");
}

std::string apps_table(const RolloutInfo& r, const Style& style, uint64_t now_usec) {
  /* TRANSLATORS: column headings of "hoistctl rollout-status" */
  Table table({_("APP"), _("WAVE"), _("STATE"), _("STEP"), _("DURATION"), _("NOTE")});
  for (const auto& a : r.apps)
    table.add_row({{a.app},
                   {std::to_string(a.wave + 1)},
                   {or_dash(a.state), deploy_state_color(a.state)},
                   {a.succeeded() ? "-" : or_dash(a.step)},
                   {duration_cell(a, now_usec)},
                   {note_cell(a, r)}});
  return table.render(style);
}

}  // namespace

std::string format_rollout_plan(const RolloutPlan& plan) {
  std::string text;
  if (plan.max_parallel > 0)
    text += strprintf(ngettext("At most %u app at a time.", "At most %u apps at a time.",
                               plan.max_parallel),
                      plan.max_parallel) +
            "\n\n";
  for (size_t w = 0; w < plan.waves.size(); w++) {
    if (w > 0) text += '\n';
    /* TRANSLATORS: heading of a rollout plan's wave, numbered from 1 */
    text += strprintf(_("Wave %zu"), w + 1) + '\n';
    for (const auto& a : plan.waves[w])
      text += str_cat({"  ", plan_app_line(a), indent_lines(format_plan(a.steps), "    ")});
  }
  if (plan.waves.empty()) text += std::string(_("No app to roll out.")) + '\n';
  return text;
}

std::string format_rollout_record(const RolloutInfo& r, const Style& style, uint64_t now_usec) {
  std::string text = record_block(r, style, now_usec);
  if (r.apps.empty()) return text;
  return str_cat({text, "\n", apps_table(r, style, now_usec)});
}

std::string format_app_change(const std::string& app, const std::string& state,
                              const std::string& step) {
  if (step.empty()) return str_cat({app, ": ", state});
  return str_cat({app, ": ", state, " (", step, ")"});
}

}  // namespace hoist::ctl
