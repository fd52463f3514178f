// Lines of "label: value" with the labels right-aligned, as "systemctl
// status" shows a unit's properties.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace hoist::ctl {

class LabelBlock {
 public:
  // width: the widest label the block may show (see label_width).
  explicit LabelBlock(size_t width) : width_(width) {}

  // " Label: value\n"; label is already translated.
  void add(const char* label, const std::string& value);
  // A further line of the value above, aligned under it.
  void add_continuation(const std::string& value) { add("", value); }

  std::string& text() { return text_; }

 private:
  size_t width_;
  std::string text_;
};

// The times of a deploy or rollout (µs since the epoch, 0 if not yet):
// "Queued:" while it has not started, "Started:" and "Finished:" (with how
// long it took), each in local time and relative to now_usec.
void add_run_times(LabelBlock& block, uint64_t queued_usec, uint64_t started_usec,
                   uint64_t finished_usec, uint64_t now_usec);

// The width of the widest of labels (N_() strings) once translated, so that
// every block of one kind aligns the same way whatever it shows.
size_t label_width(std::span<const char* const> labels);

}  // namespace hoist::ctl
