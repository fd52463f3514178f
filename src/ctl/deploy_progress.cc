#include "ctl/deploy_progress.hh"

#include "ctl/deploy_format.hh"

namespace hoist::ctl {

std::string DeployProgress::update(const DeployInfo& d) {
  std::string text;
  if (over_) return text;
  if (first_ && !d.finished()) text += format_deploy_summary(d, style_);
  first_ = false;
  for (; steps_shown_ < d.steps.size(); steps_shown_++)
    text += format_step_line(d.steps[steps_shown_], style_);
  if (d.finished()) {
    text += format_deploy_summary(d, style_);
    over_ = true;
  }
  return text;
}

}  // namespace hoist::ctl
