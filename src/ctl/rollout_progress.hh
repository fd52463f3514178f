// What "hoistctl rollout" shows while a rollout goes on: one row per app
// (state, step, how long it took or has been running), begun from the
// record GetRollout gives at the start and kept up by the RolloutAppChanged
// signals after it, for a terminal, where the rows are redrawn in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "ctl/rollout_info.hh"
#include "ctl/terminal.hh"

namespace hoist::ctl {

class RolloutProgress {
 public:
  RolloutProgress(const RolloutInfo& r, const Style& style);

  // A change of app to state and step, seen at now_usec (µs since the
  // epoch). An app the record did not name gets a row of its own.
  void change(const std::string& app, const std::string& state, const std::string& step,
              uint64_t now_usec);

  // Takes states, steps and times from a newer record of the rollout.
  void update(const RolloutInfo& r);

  // The rows: "● api    running    health   4.1s", a waiting app with the
  // apps it waits for instead of a time; a newline after each.
  std::string rows(uint64_t now_usec) const;

  // For a terminal: the rows, replacing those drawn before (cursor up,
  // erase to the end of the screen); "" if they would look the same.
  std::string redraw(uint64_t now_usec);

  // Erases the rows drawn so far ("" if none were).
  std::string erase();

 private:
  struct Row {
    std::string app;
    std::string state;
    std::string step;
    std::vector<std::string> depends_on;
    uint64_t started_usec = 0;
    uint64_t finished_usec = 0;
    uint64_t duration_usec = 0;
  };

  Row& row(const std::string& app);
  std::string row_line(const Row& row, uint64_t now_usec) const;
  void widen(const Row& row);

  std::vector<Row> rows_;
  Style style_;
  size_t app_width_ = 0;
  size_t step_width_ = 0;
  std::string drawn_;
  size_t lines_drawn_ = 0;
};

}  // namespace hoist::ctl
