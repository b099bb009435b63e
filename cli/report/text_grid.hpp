#pragma once
// Text tables that fit the terminal (terminal.hpp): aligned columns, right-aligned numbers, and
// at most one free-text column that wraps (at spaces; a longer word is cut across lines) when the
// table is wider than the width allowed. When that column would be narrower than
// kMinWrapWidth, it leaves the grid: its text goes under each row, indented, wrapped to the
// width. Numbers are never cut: when the other columns alone do not fit, the table is as wide
// as they need.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::cli {

/// How a text report is laid out: the width to fit (0: no limit) and whether to colour.
struct TextStyle {
  std::size_t width = 0;
  bool color = false;
};

struct GridColumn {
  std::string header;
  bool right = false;  ///< right-aligned (numbers)
  bool wraps = false;  ///< the free-text column that wraps to fit (at most one, usually last)
};

/// Columns of a UTF-8 string as printed: code points, ANSI colour sequences not counted.
[[nodiscard]] std::size_t display_width(std::string_view s);

/// `text` broken at spaces into lines of at most `width` columns (words longer than that are
/// cut); `width` 0: one line.
[[nodiscard]] std::vector<std::string> wrap_words(std::string_view text, std::size_t width);

/// `text` after `first` on the first line and after `rest` (usually spaces as wide as `first`)
/// on the next ones, wrapped to `width` (0: no wrapping); ends with a newline.
[[nodiscard]] std::string hanging(std::string_view first, std::string_view text,
                                  std::string_view rest, std::size_t width);

/// Text of reports that are not grids, fitted to `width` (0: unchanged): a line longer than the
/// width whose words are separated by single spaces (prose: notes, warnings, explanations) is
/// wrapped under its own indentation plus two; aligned lines (a run of two spaces or more inside:
/// tables of numbers) are left whole.
[[nodiscard]] std::string fit_prose(std::string_view text, std::size_t width);

/// The table: a header, a rule of ─ under each header (the free-text column's at most 40
/// wide), one line per row, each line starting with `indent`, trailing spaces removed.
[[nodiscard]] std::string render_grid(const std::vector<GridColumn>& columns,
                                      const std::vector<std::vector<std::string>>& rows,
                                      std::size_t width, std::string_view indent = "  ");

}  // namespace shiftsim::cli
