// The simulate table's text timeline chart (text_timeline_chart.hpp).
#include "report/charts/text_timeline_chart.hpp"

#include "report/format.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace shiftsim::cli {

namespace {

char phase_letter(Phase p) {
  switch (p) {
    case Phase::provision: return 'P';
    case Phase::shift: return 'S';
    case Phase::bake: return 'B';
    case Phase::terminate: return 'T';
    case Phase::rollback: return 'R';
    case Phase::done: return ' ';
  }
  return '?';
}

/// Timeline value at time t: the last point with p.t <= t (the first point before that).
const TimelinePoint* point_at(const std::vector<TimelinePoint>& tl, SimTime t) {
  const TimelinePoint* found = tl.empty() ? nullptr : &tl.front();
  for (const auto& p : tl) {
    if (p.t > t) break;
    found = &p;
  }
  return found;
}

constexpr std::array<const char*, 9> kBlocks{" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

/// A level 0..8 for v in [0, max]: 0 only for v <= 0, 8 for v >= max.
std::size_t level(double v, double max) {
  if (v <= 0.0 || max <= 0.0) return 0;
  const double x = std::min(1.0, v / max) * 8.0;
  const auto l = static_cast<std::size_t>(std::ceil(x - 1e-9));
  return std::clamp<std::size_t>(l, 1, 8);
}

/// Per column [t0, t1): the maximum of each series over the column (change points inside it
/// and the value in force at its start), and the phase in force at its middle.
struct Columns {
  std::vector<double> traffic, running, serving;
  std::string phases;
};

Columns sample_columns(const SimulationResult& r, std::size_t cols) {
  const SimTime end = r.summary.duration;
  Columns c{std::vector<double>(cols, 0.0), std::vector<double>(cols, 0.0),
            std::vector<double>(cols, 0.0), std::string(cols, ' ')};
  for (std::size_t i = 0; i < cols; ++i) {
    const SimTime t0 = end * static_cast<SimTime>(i) / static_cast<SimTime>(cols);
    const SimTime t1 = end * static_cast<SimTime>(i + 1) / static_cast<SimTime>(cols);
    auto take = [&](const TimelinePoint& p) {
      c.traffic[i] = std::max(c.traffic[i], p.new_traffic_pct);
      c.running[i] = std::max(c.running[i], static_cast<double>(p.old_running + p.new_running));
      c.serving[i] = std::max(c.serving[i], static_cast<double>(p.old_active + p.new_active));
    };
    if (const auto* p = point_at(r.timeline, t0)) take(*p);
    for (const auto& p : r.timeline)
      if (p.t > t0 && p.t < t1) take(p);
    const SimTime mid = (t0 + t1) / 2;
    for (const auto& s : r.steps)
      if (s.t <= mid && mid < s.end) {
        c.phases[i] = phase_letter(s.phase);
        break;
      }
  }
  return c;
}

/// The time axis: 0 at the left, the duration at the right, the middle in between.
std::string time_axis(SimTime end, std::size_t cols, bool scale_inline) {
  std::string axis(cols, ' ');
  const std::string left = "0";
  const std::string mid = hms_text(end / 2);
  const std::string right = hms_text(end);
  axis.replace(0, left.size(), left);
  const std::size_t mpos = cols / 2 - mid.size() / 2;
  axis.replace(mpos, mid.size(), mid);
  axis.replace(cols - right.size(), right.size(), right);
  const std::string scale =
      fmt::format("(1 column = {} s)", seconds_text(end / static_cast<SimTime>(cols)));
  if (!scale_inline) return fmt::format("  {:<17} {}\n  {}\n", "", axis, scale);
  return fmt::format("  {:<17} {}  {}\n", "", axis, scale);
}

}  // namespace

std::string render_timeline_chart(const SimulationResult& r, int width, std::size_t fit) {
  width = std::max(width, 10);
  const SimTime end = r.summary.duration;
  if (end <= 0 || r.timeline.empty()) return "  (no timeline)\n";
  int peak = 0;
  double max_traffic = 0.0;
  for (const auto& p : r.timeline) {
    peak = std::max(peak, p.old_running + p.new_running);
    max_traffic = std::max(max_traffic, p.new_traffic_pct);
  }
  int min_serving = peak;
  for (const auto& p : r.timeline) min_serving = std::min(min_serving, p.old_active + p.new_active);
  const std::string notes[] = {
      fmt::format("max {}", percent(max_traffic)), fmt::format("peak {}", peak),
      fmt::format("fewest {} (bars scale {}..{})", min_serving, min_serving, peak),
      "P provision  S shift  B bake  T terminate  R rollback"};
  // Fitting: "  " + 17 + "│" + data + "│ " + note. Narrow the data to 20 columns, then move the
  // notes below the chart.
  constexpr std::size_t kFrame = 2 + 17 + 1 + 1;
  std::size_t note_w = 0;
  for (const auto& n : notes) note_w = std::max(note_w, n.size() + 1);
  auto cols = static_cast<std::size_t>(width);
  bool inline_notes = true;
  if (fit > 0 && kFrame + cols + note_w > fit) {
    if (fit > kFrame + note_w + 20) {
      cols = fit - kFrame - note_w;
    } else {
      inline_notes = false;
      cols = std::clamp<std::size_t>(fit > kFrame ? fit - kFrame : 10, 10, cols);
    }
  }
  const Columns c = sample_columns(r, cols);
  // Instance rows share one scale from the fewest serving (lowest bar) to the peak (full bar), so
  // that 100 -> 130 instances is visible; 0 is blank. Traffic is scaled 0..100%.
  const double lo = static_cast<double>(std::max(min_serving, 0));
  const double hi = static_cast<double>(std::max(peak, 1));
  auto inst_level = [&](double v) -> std::size_t {
    if (v <= 0.0) return 0;
    if (hi <= lo) return 8;
    const double x = std::clamp((v - lo) / (hi - lo), 0.0, 1.0);
    return 1 + static_cast<std::size_t>(std::lround(x * 7.0));
  };
  auto row = [&](const char* label, const std::vector<double>& v, bool instances,
                 const std::string& note) {
    std::string out = fmt::format("  {:<17}│", label);
    for (double x : v) out += kBlocks[instances ? inst_level(x) : level(x, 100.0)];
    return out + (inline_notes ? "│ " + note : std::string("│")) + "\n";
  };
  std::string out;
  out += row("traffic on new", c.traffic, false, notes[0]);
  out += row("instances running", c.running, true, notes[1]);
  out += row("instances serving", c.serving, true, notes[2]);
  out += fmt::format("  {:<17}│{}│{}\n", "phase", c.phases, inline_notes ? " " + notes[3] : "");
  out += time_axis(end, cols, inline_notes);
  if (!inline_notes)
    for (const auto& n : notes) out += "  " + n + "\n";
  return out;
}

}  // namespace shiftsim::cli
