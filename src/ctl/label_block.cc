#include "ctl/label_block.hh"

#include <algorithm>

#include "ctl/text.hh"
#include "ctl/time_format.hh"

namespace hoist::ctl {

void LabelBlock::add(const char* label, const std::string& value) {
  size_t len = display_width(label);
  text_.append(width_ + 1 - std::min(len, width_), ' ');
  text_ += label;
  text_ += ' ';
  text_ += value;
  text_ += '\n';
}

void add_run_times(LabelBlock& block, uint64_t queued_usec, uint64_t started_usec,
                   uint64_t finished_usec, uint64_t now_usec) {
  if (started_usec == 0 && queued_usec > 0)
    block.add(_("Queued:"),
              format_timestamp(queued_usec) + "; " + format_relative(queued_usec, now_usec));
  if (started_usec > 0)
    block.add(_("Started:"),
              format_timestamp(started_usec) + "; " + format_relative(started_usec, now_usec));
  if (finished_usec > 0 && finished_usec >= started_usec)
    block.add(_("Finished:"),
              /* TRANSLATORS: a timestamp, then how long the deploy or rollout took */
              strprintf(_("%s; took %s"), format_timestamp(finished_usec).c_str(),
                        format_timespan_coarse(finished_usec - started_usec).c_str()));
}

size_t label_width(std::span<const char* const> labels) {
  size_t width = 0;
  for (const char* label : labels) width = std::max(width, display_width(_(label)));
  return width;
}

}  // namespace hoist::ctl
