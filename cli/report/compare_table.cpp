// `compare` as a table (compare_report.hpp): figures in rows, configs in columns (cells
// left-aligned: each row is read across). To fit the
// terminal, long cells (the config, the labels, the warnings) wrap inside their column, and
// configs that do not fit beside each other go to a further block with the figure names
// repeated; numbers are never cut.
#include "report/compare_report.hpp"

#include "terminal.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace shiftsim::cli {

namespace {

constexpr std::size_t kMaxColumn = 30;  ///< a config column's widest (long cells wrap)
constexpr std::size_t kGap = 2;

std::string pad(const std::string& s, std::size_t w, bool right) {
  const std::size_t d = display_width(s);
  if (d >= w) return s;
  return right ? std::string(w - d, ' ') + s : s + std::string(w - d, ' ');
}

/// One block of configs [first, last) beside the figure names.
std::string block(const CompareReport& r, const std::vector<FigureRow>& rows,
                  std::size_t title_w, const std::vector<std::size_t>& widths,
                  std::size_t first, std::size_t last, bool color) {
  auto line = [&](const std::string& title, const std::vector<std::vector<std::string>>& cells,
                  const std::vector<bool>& marks) {
    std::size_t height = 1;
    for (std::size_t c = first; c < last; ++c) height = std::max(height, cells[c].size());
    std::string out;
    for (std::size_t k = 0; k < height; ++k) {
      std::string l = "  " + pad(k == 0 ? title : "", title_w, false);
      for (std::size_t c = first; c < last; ++c) {
        const std::string cell = k < cells[c].size() ? cells[c][k] : "";
        std::string text = pad(cell, widths[c], false);
        if (c < marks.size() && marks[c]) text = paint(text, Tone::good, color);
        l.append(kGap, ' ').append(text);
      }
      while (!l.empty() && l.back() == ' ') l.pop_back();
      out += l + "\n";
    }
    return out;
  };
  std::vector<std::vector<std::string>> labels;
  for (const auto& c : r.columns) labels.push_back(wrap_words(c.label, kMaxColumn));
  std::string out = line("", labels, {});
  for (const auto& row : rows) {
    std::vector<std::vector<std::string>> cells;
    for (std::size_t c = 0; c < row.texts.size(); ++c)
      cells.push_back(wrap_words(row.texts[c], widths[c]));
    out += line(row.title, cells, best_of(row));
  }
  return out;
}

}  // namespace

std::string render_compare_table(const CompareReport& r, const TextStyle& style) {
  const auto rows = compare_figures(r);
  std::size_t title_w = 0;
  for (const auto& row : rows) title_w = std::max(title_w, display_width(row.title));
  std::vector<std::size_t> widths(r.columns.size(), 0);
  for (std::size_t c = 0; c < r.columns.size(); ++c) {
    for (const auto& w : wrap_words(r.columns[c].label, kMaxColumn))
      widths[c] = std::max(widths[c], display_width(w));
    for (const auto& row : rows)
      widths[c] = std::max(widths[c], std::min(kMaxColumn, display_width(row.texts[c])));
  }
  std::string out = fmt::format(
      "shiftsim compare: {} configs{}\n", r.columns.size(),
      r.endpoint_name.empty() ? std::string() : " of endpoint " + r.endpoint_name);
  if (!r.question.empty()) out += hanging("Q: ", r.question, "   ", style.width);
  out += hanging("", fmt::format("outcome and duration: each config's median trial, as "
                                 "`simulate`; P50/P95/P99, P(timeout), P(rollback): {} seeded "
                                 "trials (seed {}), as `montecarlo`{}",
                                 r.trials, r.seed,
                                 style.color ? "; the best value of each figure in green" : ""),
                 "", style.width);
  // Blocks of configs that fit the width beside the figure names.
  std::size_t first = 0;
  while (first < r.columns.size()) {
    std::size_t used = 2 + title_w, last = first;
    while (last < r.columns.size() &&
           (last == first || style.width == 0 || used + kGap + widths[last] <= style.width))
      used += kGap + widths[last++];
    out.append("\n").append(block(r, rows, title_w, widths, first, last, style.color));
    first = last;
  }
  return out;
}

}  // namespace shiftsim::cli
