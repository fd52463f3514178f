// What "hoistctl deploy --wait" prints while a deploy goes on, worked out
// from the successive records of the deploy (so a signal missed or seen
// twice changes nothing).
#pragma once

#include <cstddef>
#include <string>

#include "ctl/deploy_info.hh"
#include "ctl/terminal.hh"

namespace hoist::ctl {

class DeployProgress {
 public:
  explicit DeployProgress(const Style& style) : style_(style) {}

  // The lines to print for this, newer, record of the deploy: the first
  // time a line saying it is queued or running (unless it is already
  // over), then every step that finished since the last call, and once it
  // is over the summary (format_deploy_summary).
  std::string update(const DeployInfo& d);

 private:
  Style style_;
  bool first_ = true;
  size_t steps_shown_ = 0;
  bool over_ = false;
};

}  // namespace hoist::ctl
