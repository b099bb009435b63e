// Text tables fitted to a width (text_grid.hpp).
#include "report/text_grid.hpp"

#include <algorithm>

namespace shiftsim::cli {

namespace {

constexpr std::size_t kMinWrapWidth = 16;
constexpr std::size_t kStackBelow = 24;  ///< a free-text column narrower than this goes under

std::string pad_right(std::string s, std::size_t w) {
  const std::size_t d = display_width(s);
  if (d < w) s.append(w - d, ' ');
  return s;
}

std::string pad_left(const std::string& s, std::size_t w) {
  const std::size_t d = display_width(s);
  return d < w ? std::string(w - d, ' ') + s : s;
}

/// The first `n` columns of `s` (whole code points).
std::string take_columns(std::string_view s, std::size_t n, std::size_t& used_bytes) {
  std::size_t cols = 0, i = 0;
  while (i < s.size()) {
    std::size_t len = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    if (cols + 1 > n) break;
    i += len;
    ++cols;
  }
  used_bytes = std::min(i, s.size());
  return std::string(s.substr(0, used_bytes));
}

void trim_right(std::string& s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
}

}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {  // an ANSI sequence: ESC [ ... letter
      while (i < s.size() && !(s[i] >= '@' && s[i] <= '~' && s[i] != '[')) ++i;
      continue;
    }
    if ((static_cast<unsigned char>(s[i]) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

std::vector<std::string> wrap_words(std::string_view text, std::size_t width) {
  if (width == 0 || display_width(text) <= width) return {std::string(text)};
  std::vector<std::string> lines;
  std::string line;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto sp = text.find(' ', i);
    std::string_view word = text.substr(i, sp == std::string_view::npos ? sp : sp - i);
    i = sp == std::string_view::npos ? text.size() : sp + 1;
    if (word.empty()) continue;
    const std::size_t need = display_width(line) + (line.empty() ? 0 : 1) + display_width(word);
    if (!line.empty() && need > width) {
      lines.push_back(line);
      line.clear();
    }
    while (display_width(word) > width) {  // a word longer than a line: cut it
      std::size_t used = 0;
      lines.push_back(take_columns(word, width, used));
      word.remove_prefix(used);
    }
    if (!word.empty()) line.append(line.empty() ? "" : " ").append(word);
  }
  if (!line.empty()) lines.push_back(line);
  if (lines.empty()) lines.emplace_back();
  return lines;
}

std::string hanging(std::string_view first, std::string_view text, std::string_view rest,
                    std::size_t width) {
  const std::size_t lead = std::max(display_width(first), display_width(rest));
  const std::size_t avail =
      width == 0 ? 0 : std::max(kMinWrapWidth, width > lead ? width - lead : 0);
  const auto lines = wrap_words(text, avail);
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string l = std::string(i == 0 ? first : rest) + lines[i];
    trim_right(l);
    out += l + "\n";
  }
  return out;
}

namespace {

/// The lines of one row whose cells are already cut into lines (`parts[c]`, as many cells as
/// columns laid out): each column padded to its width, two spaces apart, `height` lines.
std::string lay_out_row(const std::vector<std::vector<std::string>>& parts, std::size_t height,
                        const std::vector<GridColumn>& columns,
                        const std::vector<std::size_t>& widths, std::string_view indent) {
  const std::size_t n = parts.size();
  std::string out;
  for (std::size_t k = 0; k < height; ++k) {
    std::string l(indent);
    for (std::size_t c = 0; c < n; ++c) {
      const std::string cell = k < parts[c].size() ? parts[c][k] : std::string();
      l += columns[c].right ? pad_left(cell, widths[c]) : pad_right(cell, widths[c]);
      if (c + 1 < n) l += "  ";
    }
    trim_right(l);
    out += l + "\n";
  }
  return out;
}

/// The last (free-text) column under each row: the other columns as a grid, then the text
/// indented by four more columns, wrapped to the width.
std::string render_stacked(const std::vector<GridColumn>& columns,
                           const std::vector<std::vector<std::string>>& rows,
                           const std::vector<std::size_t>& widths, std::size_t width,
                           std::string_view indent) {
  const std::size_t n = columns.size() - 1;
  auto line = [&](const std::vector<std::string>& cells) {
    std::vector<std::vector<std::string>> parts(n);
    std::size_t height = 1;
    for (std::size_t c = 0; c < n; ++c) {
      parts[c] = wrap_words(c < cells.size() ? cells[c] : std::string(), widths[c]);
      height = std::max(height, parts[c].size());
    }
    return lay_out_row(parts, height, columns, widths, indent);
  };
  std::vector<std::string> header, rule;
  for (std::size_t c = 0; c < n; ++c) {
    header.push_back(columns[c].header);
    std::string r;
    for (std::size_t k = 0; k < widths[c]; ++k) r += "─";
    rule.push_back(r);
  }
  const std::string under = std::string(indent) + "    ";
  std::string out = line(header) + under + columns[n].header + "\n" + line(rule);
  for (const auto& r : rows) {
    out += line(r);
    if (r.size() > n && !r[n].empty()) out += hanging(under, r[n], under, width);
  }
  return out;
}

}  // namespace

std::string fit_prose(std::string_view text, std::size_t width) {
  if (width == 0) return std::string(text);
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto nl = text.find('\n', i);
    const std::string_view line =
        text.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
    i = nl == std::string_view::npos ? text.size() : nl + 1;
    const std::size_t lead = line.find_first_not_of(' ');
    const bool aligned = lead != std::string_view::npos &&
                         line.substr(lead).find("  ") != std::string_view::npos;
    if (display_width(line) <= width || aligned || lead == std::string_view::npos) {
      out += std::string(line) + (nl == std::string_view::npos ? "" : "\n");
      continue;
    }
    const std::string first(lead, ' '), rest(lead + 2, ' ');
    out += hanging(first, line.substr(lead), rest, width);
  }
  return out;
}

std::string render_grid(const std::vector<GridColumn>& columns,
                        const std::vector<std::vector<std::string>>& rows, std::size_t width,
                        std::string_view indent) {
  const std::size_t n = columns.size();
  std::vector<std::size_t> w(n, 0);
  for (std::size_t c = 0; c < n; ++c) w[c] = display_width(columns[c].header);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size() && c < n; ++c) w[c] = std::max(w[c], display_width(r[c]));
  auto total_width = [&] {
    std::size_t t = display_width(indent) + 2 * (n - 1);
    for (const auto x : w) t += x;
    return t;
  };
  std::size_t wrap_col = n;
  for (std::size_t c = 0; c < n; ++c)
    if (columns[c].wraps) wrap_col = c;
  // Fit, first: headers wider than their column's values wrap at their spaces ("to 100% old s"
  // over "to 100%" and "old s"), the widest slack first, only as far as needed.
  if (width > 0 && total_width() > width) {
    std::vector<std::size_t> least(n, 0);
    for (std::size_t c = 0; c < n; ++c) {
      if (c == wrap_col) {
        least[c] = w[c];
        continue;
      }
      std::size_t content = 0, word = 0;
      for (const auto& r : rows)
        if (c < r.size()) content = std::max(content, display_width(r[c]));
      std::string_view h = columns[c].header;
      for (std::size_t i = 0; i <= h.size();) {
        const auto sp = std::min(h.find(' ', i), h.size());
        word = std::max(word, display_width(h.substr(i, sp - i)));
        i = sp + 1;
      }
      least[c] = std::max(content, word);
    }
    std::size_t excess = total_width() - width;
    while (excess > 0) {
      std::size_t best = n;
      for (std::size_t c = 0; c < n; ++c)
        if (w[c] > least[c] && (best == n || w[c] - least[c] > w[best] - least[best])) best = c;
      if (best == n) break;
      --w[best];  // one column at a time: the slack is shared out evenly
      --excess;
    }
  }
  // Then only the wrapping column gives way; below kStackBelow it moves under its row.
  std::size_t total = total_width();
  bool stacked = false;
  if (width > 0 && total > width && wrap_col < n) {
    const std::size_t floor = std::max(kMinWrapWidth, display_width(columns[wrap_col].header));
    const std::size_t excess = total - width;
    const std::size_t fitted = w[wrap_col] > excess ? w[wrap_col] - excess : 0;
    stacked = wrap_col + 1 == n && fitted < kStackBelow;
    w[wrap_col] = std::max(floor, fitted);
  }
  if (stacked) return render_stacked(columns, rows, w, width, indent);
  auto line = [&](const std::vector<std::string>& cells) {
    // Each cell as lines (the wrapping column, and headers narrowed to fit, have several).
    std::vector<std::vector<std::string>> parts(n);
    std::size_t height = 1;
    for (std::size_t c = 0; c < n; ++c) {
      const std::string cell = c < cells.size() ? cells[c] : std::string();
      parts[c] = c == wrap_col || display_width(cell) > w[c] ? wrap_words(cell, w[c])
                                                             : std::vector<std::string>{cell};
      height = std::max(height, parts[c].size());
    }
    return lay_out_row(parts, height, columns, w, indent);
  };
  std::vector<std::string> header, rule;
  for (std::size_t c = 0; c < n; ++c) {
    header.push_back(columns[c].header);
    const std::size_t rw = c == wrap_col || c + 1 == n ? std::min<std::size_t>(w[c], 40) : w[c];
    std::string r;
    for (std::size_t k = 0; k < rw; ++k) r += "─";
    rule.push_back(r);
  }
  std::string out = line(header) + line(rule);
  for (const auto& r : rows) out += line(r);
  return out;
}

}  // namespace shiftsim::cli
