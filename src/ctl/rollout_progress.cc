#include "ctl/rollout_progress.hh"

#include <algorithm>

#include "common/str_cat.hh"
#include "ctl/deploy_format.hh"
#include "ctl/text.hh"
#include "ctl/time_format.hh"

namespace hoist::ctl {
namespace {

// The widest state an app has ("succeeded"), so that steps line up, and the
// widest of the usual steps ("precheck", "rollback"), so that the times do
// not move when the first of them shows.
constexpr size_t kStateWidth = 9;
constexpr size_t kMinStepWidth = 8;

bool is_over(const std::string& state) {
  return state == "succeeded" || state == "failed" || state == "skipped";
}

void pad(std::string& line, const std::string& text, size_t width) {
  line.append(width - std::min(width, display_width(text)) + 2, ' ');
}

}  // namespace

RolloutProgress::RolloutProgress(const RolloutInfo& r, const Style& style)
    : style_(style), step_width_(kMinStepWidth) {
  update(r);
}

RolloutProgress::Row& RolloutProgress::row(const std::string& app) {
  for (auto& r : rows_)
    if (r.app == app) return r;
  rows_.push_back({app, "", "", {}, 0, 0, 0});
  return rows_.back();
}

void RolloutProgress::widen(const Row& r) {
  app_width_ = std::max(app_width_, display_width(r.app));
  step_width_ = std::max(step_width_, display_width(r.step));
}

void RolloutProgress::change(const std::string& app, const std::string& state,
                             const std::string& step, uint64_t now_usec) {
  Row& r = row(app);
  if (state == "running" && r.started_usec == 0) r.started_usec = now_usec;
  if (is_over(state) && !is_over(r.state) && r.started_usec > 0) r.finished_usec = now_usec;
  r.state = state;
  r.step = step;
  widen(r);
}

void RolloutProgress::update(const RolloutInfo& info) {
  for (const auto& a : info.apps) {
    Row& r = row(a.app);
    r.state = a.state;
    r.step = a.step;
    r.depends_on = a.depends_on;
    if (a.started_usec) r.started_usec = a.started_usec;
    if (a.finished_usec) r.finished_usec = a.finished_usec;
    if (a.duration_usec) r.duration_usec = a.duration_usec;
    widen(r);
  }
}

std::string RolloutProgress::row_line(const Row& r, uint64_t now_usec) const {
  std::string line = str_cat({state_glyph(r.state, style_), " ", r.app});
  pad(line, r.app, app_width_);
  line += colored(r.state, deploy_state_color(r.state), style_);
  pad(line, r.state, kStateWidth);
  // The step matters while the app runs and where it failed.
  std::string step = r.state == "running" || r.state == "failed" ? r.step : std::string();
  line += step;
  pad(line, step, step_width_);
  if (r.duration_usec > 0)
    line += format_elapsed(r.duration_usec);
  else if (r.started_usec > 0 && r.finished_usec >= r.started_usec)
    line += format_elapsed(r.finished_usec - r.started_usec);
  else if (r.state == "running" && r.started_usec > 0 && now_usec >= r.started_usec)
    line += format_elapsed(now_usec - r.started_usec);
  else if ((r.state == "waiting" || r.state.empty()) && !r.depends_on.empty())
    line += strprintf(_("waits for %s"), join(r.depends_on, ", ").c_str());
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + '\n';
}

std::string RolloutProgress::rows(uint64_t now_usec) const {
  std::string text;
  for (const auto& r : rows_) text += row_line(r, now_usec);
  return text;
}

std::string RolloutProgress::redraw(uint64_t now_usec) {
  std::string text = rows(now_usec);
  if (text == drawn_ && lines_drawn_ > 0) return {};
  std::string out = erase();
  out += text;
  drawn_ = std::move(text);
  lines_drawn_ = rows_.size();
  return out;
}

std::string RolloutProgress::erase() {
  if (lines_drawn_ == 0) return {};
  std::string out = strprintf("\033[%zuA\033[J", lines_drawn_);
  lines_drawn_ = 0;
  drawn_.clear();
  return out;
}

}  // namespace hoist::ctl
