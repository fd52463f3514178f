#include "ctl/label_block.hh"

#include <algorithm>

#include "ctl/text.hh"

namespace hoist::ctl {

void LabelBlock::add(const char* label, const std::string& value) {
  size_t len = display_width(label);
  text_.append(width_ + 1 - std::min(len, width_), ' ');
  text_ += label;
  text_ += ' ';
  text_ += value;
  text_ += '\n';
}

size_t label_width(std::span<const char* const> labels) {
  size_t width = 0;
  for (const char* label : labels) width = std::max(width, display_width(_(label)));
  return width;
}

}  // namespace hoist::ctl
