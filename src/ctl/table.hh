// Columns of text as "systemctl list-units" shows them: a header line, then
// a line per row; cells padded to the widest of their column, two spaces
// between columns, the last column not padded.
#pragma once

#include <string>
#include <vector>

#include "ctl/terminal.hh"

namespace hoist::ctl {

struct Cell {
  std::string text;
  const char* color = "";  // ANSI sequence, "" for none
};

class Table {
 public:
  // headers: translated column titles.
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

  // A row with one cell per column (missing cells are empty).
  void add_row(std::vector<Cell> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }

  // Every line ends in a newline; colours (and a bold header) only when
  // style.color.
  std::string render(const Style& style) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<Cell>> rows_;
};

}  // namespace hoist::ctl
