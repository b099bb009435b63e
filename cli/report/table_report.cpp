#include "report/table_report.hpp"

#include "report/format.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace shiftsim::cli {

namespace {

/// Display width of UTF-8 text (code points; every character we print is one column wide).
std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  return n;
}

std::string pad_right(std::string s, std::size_t w) {
  const std::size_t d = display_width(s);
  if (d < w) s.append(w - d, ' ');
  return s;
}

std::string pad_left(const std::string& s, std::size_t w) {
  const std::size_t d = display_width(s);
  return d < w ? std::string(w - d, ' ') + s : s;
}

/// A simple aligned table: right-aligned columns flagged in `right`.
std::string render_grid(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows,
                        const std::vector<bool>& right, const std::string& indent = "  ") {
  std::vector<std::size_t> w(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) w[c] = display_width(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size() && c < w.size(); ++c)
      w[c] = std::max(w[c], display_width(r[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out = indent;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const bool last = c + 1 == cells.size();
      if (right[c]) out += pad_left(cells[c], w[c]);
      else out += last ? cells[c] : pad_right(cells[c], w[c]);
      if (!last) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header);
  std::vector<std::string> rule;
  for (std::size_t c = 0; c < w.size(); ++c) {
    // The last column is free text: its rule stops at 40 columns.
    const std::size_t rw = c + 1 == w.size() ? std::min<std::size_t>(w[c], 40) : w[c];
    std::string r;
    for (std::size_t k = 0; k < rw; ++k) r += "─";
    rule.push_back(r);
  }
  out += line(rule);
  for (const auto& r : rows) out += line(r);
  return out;
}

std::string pct(double v) { return percent(v, 1); }

std::string duration_text(SimTime t) { return fmt::format("{} s ({})", seconds_text(t), hms_text(t)); }

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

}  // namespace

std::string render_timeline_chart(const SimulationResult& r, int width) {
  width = std::max(width, 10);
  const SimTime end = r.summary.duration;
  if (end <= 0 || r.timeline.empty()) return "  (no timeline)\n";
  const auto cols = static_cast<std::size_t>(width);
  // Per column [t0, t1): the maximum of each series over the column (change points inside it and
  // the value in force at its start), and the phase in force at its middle.
  std::vector<double> traffic(cols, 0.0), running(cols, 0.0), serving(cols, 0.0);
  std::string phases(cols, ' ');
  int peak = 0;
  for (std::size_t c = 0; c < cols; ++c) {
    const SimTime t0 = end * static_cast<SimTime>(c) / static_cast<SimTime>(cols);
    const SimTime t1 = end * static_cast<SimTime>(c + 1) / static_cast<SimTime>(cols);
    auto take = [&](const TimelinePoint& p) {
      traffic[c] = std::max(traffic[c], p.new_traffic_pct);
      running[c] = std::max(running[c], static_cast<double>(p.old_running + p.new_running));
      serving[c] = std::max(serving[c], static_cast<double>(p.old_active + p.new_active));
    };
    if (const auto* p = point_at(r.timeline, t0)) take(*p);
    for (const auto& p : r.timeline)
      if (p.t > t0 && p.t < t1) take(p);
    const SimTime mid = (t0 + t1) / 2;
    for (const auto& s : r.steps)
      if (s.t <= mid && mid < s.end) {
        phases[c] = phase_letter(s.phase);
        break;
      }
  }
  for (const auto& p : r.timeline) peak = std::max(peak, p.old_running + p.new_running);
  double max_traffic = 0.0;
  for (const auto& p : r.timeline) max_traffic = std::max(max_traffic, p.new_traffic_pct);
  int min_serving = peak;
  for (const auto& p : r.timeline) min_serving = std::min(min_serving, p.old_active + p.new_active);
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
    return out + "│ " + note + "\n";
  };
  std::string out;
  out += row("traffic on new", traffic, false, fmt::format("max {}", pct(max_traffic)));
  out += row("instances running", running, true, fmt::format("peak {}", peak));
  out += row("instances serving", serving, true,
             fmt::format("fewest {} (bars scale {}..{})", min_serving, min_serving, peak));
  out += fmt::format("  {:<17}│{}│ P provision  S shift  B bake  T terminate  R rollback\n",
                     "phase", phases);
  // Time axis: 0 at the left, the duration at the right, the middle in between.
  std::string axis(cols, ' ');
  std::string left = "0";
  std::string mid = hms_text(end / 2);
  std::string right = hms_text(end);
  axis.replace(0, left.size(), left);
  const std::size_t mpos = cols / 2 - mid.size() / 2;
  axis.replace(mpos, mid.size(), mid);
  axis.replace(cols - right.size(), right.size(), right);
  out += fmt::format("  {:<17} {}  (1 column = {} s)\n", "", axis,
                     seconds_text(end / static_cast<SimTime>(cols)));
  return out;
}

std::string render_simulation_table(const SimulationResult& r, const SimulationReportContext& ctx) {
  std::string out;
  out += fmt::format("shiftsim simulate: {} update", to_string(r.strategy));
  if (!ctx.endpoint_name.empty()) out += fmt::format(" of endpoint {}", ctx.endpoint_name);
  out += fmt::format(" -> {}\n", to_string(r.outcome));
  if (!ctx.question.empty()) out += fmt::format("Q: {}\n", ctx.question);
  if (!ctx.source.empty()) out += fmt::format("   ({})\n", ctx.source);

  // Steps.
  out += "\nSteps (times in seconds from the request)\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : r.steps) {
    rows.push_back({seconds_text(s.t), seconds_text(s.end), to_string(s.phase), s.variant,
                    fmt::format("{}/{}", s.old_running, s.old_active),
                    fmt::format("{}/{}", s.new_running, s.new_active), pct(s.new_traffic_pct),
                    s.endpoint_status, s.message});
  }
  out += render_grid({"t", "end", "phase", "variant", "old run/act", "new run/act", "traffic",
                      "status", "message"},
                     rows, {true, true, false, false, true, true, true, false, false});

  // Summary.
  const Summary& s = r.summary;
  out += "\nSummary\n";
  std::vector<std::pair<std::string, std::string>> kv;
  kv.emplace_back("outcome", to_string(r.outcome));
  kv.emplace_back("duration", duration_text(s.duration));
  kv.emplace_back("peak instances", std::to_string(s.peak_instances));
  kv.emplace_back("fewest serving", std::to_string(s.min_serving_instances));
  kv.emplace_back("instance-hours", fmt::format("{} ({} instance-s)", hours_text(s.instance_seconds),
                                                trim_number(s.instance_seconds, 3)));
  kv.emplace_back("extra instance-hours",
                  fmt::format("{} ({} instance-s over the old fleet alone)",
                              hours_text(s.extra_instance_seconds),
                              trim_number(s.extra_instance_seconds, 3)));
  kv.emplace_back("cost", usd(s.cost_usd));
  if (ctx.extra_cost_usd) kv.emplace_back("extra cost", usd(*ctx.extra_cost_usd));
  if (s.timeout) {
    std::string t = duration_text(*s.timeout);
    if (s.timeout_margin)
      t += fmt::format(", margin {} s{}", seconds_text(*s.timeout_margin),
                       *s.timeout_margin < 0 ? " (exceeded)" : "");
    kv.emplace_back("timeout", t);
  } else {
    kv.emplace_back("timeout", "none (MaximumExecutionTimeoutInSeconds not set)");
  }
  if (r.trip_applied_at)
    kv.emplace_back("trip applied at", duration_text(*r.trip_applied_at));
  if (ctx.trip.kind == Trip::Kind::after_new_traffic)
    kv.emplace_back("bad version", fmt::format("its alarm fires {} s after it first takes traffic",
                                               seconds_text(ctx.trip.at)));
  if (s.escaped) kv.emplace_back("injected fault", "escaped: no bake caught it");
  if (ctx.trip.kind != Trip::Kind::none)
    kv.emplace_back("exposure",
                    fmt::format("{} traffic-s on the new version ({:.1f} min of full traffic) "
                                "{}",
                                trim_number(s.exposure_traffic_s, 1), s.exposure_traffic_s / 60.0,
                                s.escaped                            ? "and counting: it stays in service"
                                : r.outcome == Outcome::succeeded ? "before the update ended"
                                                                  : "before the rollback completed"));
  for (const auto& [k, v] : kv) out += fmt::format("  {:<21} {}\n", k, v);

  // What a trip at each bake would cost.
  out += "\nWhat a trip at each bake would cost\n";
  if (r.rollback_if_trip.empty()) {
    out += "  (no bakes: nothing watches the alarms)\n";
  } else {
    std::vector<std::vector<std::string>> trows;
    for (const auto& e : r.rollback_if_trip) {
      trows.push_back({std::to_string(e.bake),
                       fmt::format("{}-{}", seconds_text(e.bake_start), seconds_text(e.bake_end)),
                       to_string(e.outcome), seconds_text(e.rollback_duration),
                       seconds_text(e.back_to_old), hours_text(e.extra_instance_seconds),
                       usd(e.cost_usd), std::to_string(e.peak_instances)});
    }
    out += render_grid({"bake", "window (s)", "outcome", "rollback s", "to 100% old s",
                        "extra inst-h", "extra cost", "peak"},
                       trows, {true, true, false, true, true, true, true, true});
  }

  out += "\nTimeline\n";
  out += render_timeline_chart(r, 60);

  out += "\nWarnings\n";
  if (r.warnings.empty()) out += "  (none)\n";
  std::size_t cw = 0;
  for (const auto& w : r.warnings) cw = std::max(cw, w.code.size());
  for (const auto& w : r.warnings) out += fmt::format("  {:<{}}  {}\n", w.code, cw, w.message);

  out += "\nAssumptions (override with --assume NAME=VALUE)\n";
  std::size_t aw = 0;
  for (const auto& a : r.assumptions) aw = std::max(aw, a.name.size());
  for (const auto& a : r.assumptions) out += fmt::format("  {:<{}} = {}\n", a.name, aw, a.value);
  return out;
}

}  // namespace shiftsim::cli
