#include "ctl/table.hh"

#include <algorithm>

#include "ctl/text.hh"

namespace hoist::ctl {
namespace {

constexpr const char* kColumnGap = "  ";

// One line of cells; widths of all columns but the last pad them.
std::string render_line(const std::vector<Cell>& cells, const std::vector<size_t>& widths,
                        const Style& style) {
  std::string line;
  for (size_t i = 0; i < widths.size(); i++) {
    const std::string empty;
    const std::string& text = i < cells.size() ? cells[i].text : empty;
    line += colored(text, i < cells.size() ? cells[i].color : "", style);
    if (i + 1 == widths.size()) break;
    line.append(widths[i] - std::min(widths[i], display_width(text)), ' ');
    line += kColumnGap;
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + '\n';
}

}  // namespace

std::string Table::render(const Style& style) const {
  std::vector<size_t> widths;
  std::vector<Cell> header;
  for (const auto& h : headers_) {
    widths.push_back(display_width(h));
    header.push_back({h, ansi::kBold});
  }
  for (const auto& row : rows_)
    for (size_t i = 0; i < row.size() && i < widths.size(); i++)
      widths[i] = std::max(widths[i], display_width(row[i].text));

  std::string out = render_line(header, widths, style);
  for (const auto& row : rows_) out += render_line(row, widths, style);
  return out;
}

}  // namespace hoist::ctl
