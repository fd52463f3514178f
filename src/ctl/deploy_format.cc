#include "ctl/deploy_format.hh"

#include <algorithm>

#include "common/glib_ptr.hh"
#include "common/json.hh"
#include "ctl/json_output.hh"
#include "ctl/label_block.hh"
#include "ctl/table.hh"
#include "ctl/text.hh"
#include "ctl/time_format.hh"

namespace hoist::ctl {
namespace {

// Step names are padded to this in progress lines, whose steps are not all
// known when the first is printed.
constexpr size_t kStepNameWidth = 10;
constexpr size_t kShortCommit = 7;

/* TRANSLATORS: labels of "hoistctl deploy-status", right-aligned */
const char* const kLabels[] = {N_("State:"),    N_("Revision:"), N_("Commit:"), N_("Release:"),
                               N_("Previous:"), N_("Options:"),  N_("Queued:"), N_("Started:"),
                               N_("Finished:"), N_("Error:")};

bool is_failure(std::string_view state) {
  return state == "failed" || state == "rolled-back" || state == "rollback-failed" ||
         state == "interrupted";
}

// "deploy" or "rollback" as a noun in sentences.
std::string kind_noun(const std::string& kind) {
  /* TRANSLATORS: nouns, as in "hello: deploy ID succeeded" */
  return kind == "rollback" ? _("rollback") : _("deploy");
}

// What became of the deploy, after "hello: deploy ID".
std::string state_phrase(const DeployInfo& d) {
  if (d.state == "queued") return _("queued");
  if (d.state == "running") return _("running");
  if (d.state == "succeeded")
    return d.release.empty() ? _("succeeded")
                             : strprintf(_("succeeded, release %s"), d.release.c_str());
  if (d.state == "failed") return _("failed");
  if (d.state == "rolled-back") return _("failed and was rolled back");
  if (d.state == "rollback-failed") return _("failed, and rolling back failed too");
  if (d.state == "interrupted") return _("was interrupted by hoistd stopping");
  if (d.state == "canceled") return _("was canceled");
  return d.state;
}

std::string or_dash(const std::string& s) { return s.empty() ? std::string("-") : s; }

std::string revision_cell(const DeployInfo& d) {
  if (!d.commit.empty()) return d.commit.substr(0, kShortCommit);
  return or_dash(d.revision);
}

bool is_full_commit(const std::string& revision) {
  return revision.size() == 40 &&
         revision.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

std::string pending_revision_cell(const std::string& revision) {
  return is_full_commit(revision) ? revision.substr(0, kShortCommit) : or_dash(revision);
}

std::string expires_cell(uint64_t expires_usec, uint64_t now_usec) {
  std::string when = format_table_time(expires_usec);
  if (expires_usec <= now_usec)
    /* TRANSLATORS: a pending deploy's expiry time, then that it is past */
    return strprintf(_("%s (expired)"), when.c_str());
  return when + " (" + format_relative(expires_usec, now_usec) + ")";
}

std::string duration_cell(const DeployInfo& d) {
  if (d.started_usec == 0 || d.finished_usec < d.started_usec) return "-";
  return format_timespan_coarse(d.finished_usec - d.started_usec);
}

std::string options_text(const DeployInfo& d) {
  std::string text;
  if (d.force) text = "force";
  if (d.skip_migrations) text += text.empty() ? "skip-migrations" : ", skip-migrations";
  return text;
}

std::string record_block(const DeployInfo& d, const Style& style, uint64_t now_usec) {
  LabelBlock block(label_width(kLabels));
  std::string& text = block.text();
  text = state_glyph(d.state, style) + ' ' + d.app + ": " + kind_noun(d.kind) + ' ' + d.id + '\n';
  std::string state = colored(d.state, deploy_state_color(d.state), style);
  if (!d.step.empty() && !d.succeeded())
    /* TRANSLATORS: a deploy's state, then the step it is at or failed at */
    state = strprintf(_("%s (step %s)"), state.c_str(), d.step.c_str());
  block.add(_("State:"), state);
  if (d.kind != "rollback")
    block.add(_("Revision:"), d.revision.empty() ? _("the head of the branch") : d.revision);
  if (!d.commit.empty()) block.add(_("Commit:"), d.commit);
  if (!d.release.empty()) block.add(_("Release:"), d.release);
  if (!d.previous_release.empty()) block.add(_("Previous:"), d.previous_release);
  if (!options_text(d).empty()) block.add(_("Options:"), options_text(d));
  add_run_times(block, d.queued_usec, d.started_usec, d.finished_usec, now_usec);
  if (!d.error.empty()) block.add(_("Error:"), d.error);
  return std::move(text);
}

}  // namespace

const char* deploy_state_color(std::string_view state) {
  if (state == "succeeded") return ansi::kGreen;
  if (is_failure(state)) return ansi::kRed;
  if (state == "queued" || state == "running") return ansi::kYellow;
  return "";
}

std::string state_glyph(const std::string& state, const Style& style) {
  const char* glyph = style.utf8 ? "\u25cf" : "*";
  if (is_failure(state))
    glyph = style.utf8 ? "\u00d7" : "x";
  else if (state == "canceled" || state == "waiting" || state == "skipped")
    glyph = style.utf8 ? "\u25cb" : "*";
  return colored(glyph, deploy_state_color(state), style);
}

std::string format_deploy_history(const std::vector<DeployInfo>& deploys, const Style& style) {
  /* TRANSLATORS: column headings of "hoistctl history" */
  Table table(
      {_("ID"), _("KIND"), _("STATE"), _("REVISION"), _("STARTED"), _("DURATION"), _("STEP")});
  for (const auto& d : deploys)
    table.add_row({{d.id},
                   {or_dash(d.kind)},
                   {or_dash(d.state), deploy_state_color(d.state)},
                   {revision_cell(d)},
                   {d.started_usec ? format_table_time(d.started_usec) : "-"},
                   {duration_cell(d)},
                   {d.succeeded() ? "-" : or_dash(d.step)}});
  return table.render(style);
}

std::string format_pending_table(const std::vector<PendingInfo>& pending, const Style& style,
                                 uint64_t now_usec) {
  /* TRANSLATORS: column headings of "hoistctl pending" */
  Table table({_("APP"), _("DEPLOY"), _("REVISION"), _("EXPIRES")});
  for (const auto& p : pending)
    table.add_row({{p.app},
                   {p.deploy_id},
                   {pending_revision_cell(p.revision)},
                   {expires_cell(p.expires_usec, now_usec)}});
  return table.render(style);
}

std::string pending_to_json(const std::vector<PendingInfo>& pending) {
  return json_array_of_objects(pending, [](JsonBuilder* b, const PendingInfo& p) {
    add_string_member(b, "app", p.app);
    add_string_member(b, "deploy_id", p.deploy_id);
    add_string_member(b, "revision", p.revision);
    add_uint_member(b, "expires_usec", p.expires_usec);
  });
}

std::string format_deploy_record(const DeployInfo& d, const Style& style, uint64_t now_usec) {
  std::string text = record_block(d, style, now_usec);
  if (d.steps.empty()) return text;
  text += '\n';
  text += _("Steps:");
  text += '\n';
  for (const auto& s : d.steps) {
    text += "  " + format_step_line(s, style);
    if (!s.succeeded()) text += indent_lines(s.output_tail, "      ");
  }
  return text;
}

std::string format_step_line(const StepInfo& s, const Style& style) {
  bool ok = s.succeeded();
  const char* glyph = ok ? (style.utf8 ? "\u2713" : "+") : (style.utf8 ? "\u2717" : "-");
  std::string line = colored(glyph, ok ? ansi::kGreen : ansi::kRed, style) + ' ' + s.name;
  line.append(kStepNameWidth - std::min(kStepNameWidth, display_width(s.name)) + 1, ' ');
  line += format_step_duration(s.duration_usec);
  if (!ok) {
    std::string result = or_dash(s.result);
    if (s.exit_status != 0)
      /* TRANSLATORS: systemd's result of a step ("exit-code"), then its exit status */
      result = strprintf(_("%s, exit status %lld"), result.c_str(),
                         static_cast<long long>(s.exit_status));
    line += "  " + colored(result, ansi::kRed, style);
  }
  return line + '\n';
}

std::string format_deploy_summary(const DeployInfo& d, const Style& style) {
  std::string line = d.app + ": " + kind_noun(d.kind) + ' ' + d.id + ' ' +
                     colored(state_phrase(d), deploy_state_color(d.state), style);
  if (!d.error.empty() && d.finished() && !d.succeeded()) line += ": " + d.error;
  return line + '\n';
}

std::string format_failure_output(const DeployInfo& d) {
  const StepInfo* s = d.failed_step();
  if (!s || s->output_tail.empty()) return {};
  return strprintf(_("Last output of step %s:"), s->name.c_str()) + '\n' +
         indent_lines(s->output_tail, "  ");
}

std::string format_plan(const std::vector<PlanStep>& plan) {
  size_t name_width = 0;
  for (const auto& p : plan) name_width = std::max(name_width, display_width(p.step));
  int number_width = static_cast<int>(std::to_string(plan.size()).size());
  std::string text;
  for (size_t i = 0; i < plan.size(); i++) {
    std::string line = strprintf("%*zu. ", number_width, i + 1) + plan[i].step;
    line.append(name_width - display_width(plan[i].step) + 2, ' ');
    line += plan[i].description;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    text += line + '\n';
  }
  return text;
}

std::string plan_to_json(const std::vector<PlanStep>& plan) {
  return json_array_of_objects(plan, [](JsonBuilder* b, const PlanStep& p) {
    add_string_member(b, "step", p.step);
    add_string_member(b, "description", p.description);
  });
}

std::string deploy_id_to_json(const std::string& id) {
  JsonBuilderPtr b(json_builder_new());
  json_builder_begin_object(b.get());
  add_string_member(b.get(), "id", id);
  json_builder_end_object(b.get());
  return json_builder_to_string(b.get());
}

std::string deploy_to_json(const DeployInfo& d) { return node_to_json(d.json); }

void add_deploys(JsonBuilder* b, const std::vector<DeployInfo>& deploys) {
  json_builder_begin_array(b);
  for (const auto& d : deploys) add_node_value(b, d.json.get());
  json_builder_end_array(b);
}

std::string deploys_to_json(const std::vector<DeployInfo>& deploys) {
  JsonBuilderPtr b(json_builder_new());
  add_deploys(b.get(), deploys);
  return json_builder_to_string(b.get());
}

}  // namespace hoist::ctl
