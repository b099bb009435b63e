// The simulate report's timeline chart (timeline_chart.hpp).
#include "report/charts/timeline_chart.hpp"

#include "report/charts/endpoint_states.hpp"
#include "report/charts/svg.hpp"
#include "report/format.hpp"
#include "report/html_report.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace shiftsim::cli {

namespace {

using svg::px;
using svg::Scale;
using svg::secs;

std::string esc(std::string_view s) { return html_escape(s); }

/// Where everything goes.
struct Layout {
  static constexpr double W = 1120, L = 64, R = W - 64;
  static constexpr double lane_label = 14, lane_bar = 18, lane_gap = 6;
  static constexpr double plot_h = 290;
  double x_max = 0;
  bool timeout_offscale = false;
  std::vector<std::string> variants;  ///< in order of first appearance, one phase lane each
  double lanes_top = 12, plot_top = 0, plot_bottom = 0;
  std::size_t nb = 0;  ///< rollback paths
  double rb_top = 0, rb_lane = 0, H = 0;
  Scale xs, ys, ps;
  double y_max = 0, ystep = 1;

  [[nodiscard]] double lane_y(std::size_t vi) const {
    return lanes_top + static_cast<double>(vi) * (lane_label + lane_bar + lane_gap);
  }
  /// Vertical lines run from the top of the plot to the end of the rollback lanes.
  [[nodiscard]] double marks_bottom() const {
    return nb ? rb_top + static_cast<double>(nb) * rb_lane : plot_bottom;
  }
};

/// The time axis: the end of everything drawn, widened to a timeout that is not too far.
void time_axis(const SimulationResult& r, Layout& l) {
  const auto& sm = r.summary;
  double t_end = to_seconds(sm.duration);
  for (const auto& p : r.timeline) t_end = std::max(t_end, to_seconds(p.t));
  for (const auto& s : r.steps) t_end = std::max(t_end, to_seconds(s.end));
  for (const auto& rb : r.rollback_if_trip)
    t_end = std::max(t_end, to_seconds(rb.bake_start + rb.rollback_duration));
  if (t_end <= 0) t_end = 1;
  l.x_max = t_end * 1.02;
  if (sm.timeout) {
    const double to = to_seconds(*sm.timeout);
    if (to <= t_end * 2.5) l.x_max = std::max(l.x_max, to * 1.03);
    else l.timeout_offscale = true;
  }
}

Layout layout(const SimulationResult& r, const std::vector<EndpointState>& states) {
  Layout l;
  time_axis(r, l);
  for (const auto& s : r.steps)
    if (std::find(l.variants.begin(), l.variants.end(), s.variant) == l.variants.end())
      l.variants.push_back(s.variant);
  double y = l.lanes_top + static_cast<double>(l.variants.size()) *
                               (Layout::lane_label + Layout::lane_bar + Layout::lane_gap);
  l.plot_top = y + 8;
  l.plot_bottom = l.plot_top + Layout::plot_h;
  y = l.plot_bottom + 26;  // tick labels
  l.nb = r.rollback_if_trip.size();
  l.rb_lane = l.nb <= 12 ? 20 : std::max(9.0, 240.0 / static_cast<double>(l.nb));
  l.rb_top = y + (l.nb ? 26 : 0);
  l.H = l.rb_top + static_cast<double>(l.nb) * l.rb_lane + (l.nb ? 10 : 0) + 4;
  l.xs = Scale{0, l.x_max, Layout::L, Layout::R};
  int ymax_count = 1;
  for (const auto& s : states)
    ymax_count = std::max(ymax_count, s.old_active + s.old_idle + s.new_active + s.new_idle);
  ymax_count = std::max(ymax_count, r.summary.peak_instances);
  l.ystep = std::max(1.0, std::round(svg::nice_step(ymax_count, 6)));
  l.y_max = std::ceil(ymax_count * 1.08 / l.ystep) * l.ystep;
  l.ys = Scale{0, l.y_max, l.plot_bottom, l.plot_top};
  l.ps = Scale{0, 100, l.plot_bottom, l.plot_top};
  return l;
}

/// The chart's description for screen readers.
std::string description(const SimulationResult& r, const std::vector<EndpointState>& states,
                        std::size_t nb) {
  const auto& sm = r.summary;
  double max_traffic = 0;
  for (const auto& s : states) max_traffic = std::max(max_traffic, s.traffic);
  std::string desc = fmt::format(
      "Instances running and serving over time, from 0 to {}. Old fleet in blue, new fleet in "
      "orange; solid areas serve traffic, hatched areas run without traffic. Peak {} instances. "
      "The purple line is the share of traffic on the new fleet (right axis), reaching {}. {} "
      "bake(s) shaded.",
      duration_words(to_seconds(sm.duration)), sm.peak_instances, percent(max_traffic),
      r.bakes.size());
  if (sm.timeout)
    desc += fmt::format(" Timeout at {} marked with a red dashed line.",
                        duration_words(to_seconds(*sm.timeout)));
  if (nb)
    desc += fmt::format(" Below the chart, {} rollback path(s): what a trip at the start of each "
                        "bake would do.",
                        nb);
  return desc;
}

constexpr const char* kHatches =
    "<defs>\n"
    "<pattern id=\"tl-hatch-old\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"l-old-idle\"/>"
    "<rect width=\"1.6\" height=\"6\" class=\"l-old\"/></pattern>\n"
    "<pattern id=\"tl-hatch-new\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
    "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" class=\"l-new-idle\"/>"
    "<rect width=\"1.6\" height=\"6\" class=\"l-new\"/></pattern>\n"
    "</defs>\n";

/// The plot area (the scale's anchor for tests), the grid, tick labels and axis titles.
std::string axes(const Layout& l) {
  const double L = Layout::L, R = Layout::R, W = Layout::W;
  std::string o = fmt::format(
      "<rect data-role=\"plot-area\" class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
      "data-x-max=\"{}\" data-y-max=\"{}\"/>\n",
      px(L), px(l.plot_top), px(R - L), px(Layout::plot_h), secs(l.x_max), secs(l.y_max));
  const double tstep = svg::time_step(l.x_max, 12);
  o += "<g class=\"x-ticks\">\n";
  for (double t = 0; t <= l.x_max + 1e-9; t += tstep)
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>"
                     "<text class=\"muted\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" "
                     "data-t-s=\"{4}\">{5}</text>\n",
                     px(l.xs(t)), px(l.plot_top), px(l.marks_bottom()), px(l.plot_bottom + 17),
                     secs(t), svg::tick_label(t));
  o += "</g>\n<g class=\"y-ticks\">\n";
  for (double v = 0; v <= l.y_max + 1e-9; v += l.ystep)
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>"
                     "<text class=\"muted\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
                     px(L), px(R), px(l.ys(v)), px(L - 8), px(l.ys(v) + 4), svg::num_label(v));
  for (int p = 0; p <= 100; p += 25)
    o += fmt::format("<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"start\" "
                     "style=\"fill:var(--traffic)\">{}%</text>\n",
                     px(R + 8), px(l.ps(p) + 4), p);
  o += fmt::format("<text class=\"muted\" transform=\"translate({} {}) rotate(-90)\" "
                   "text-anchor=\"middle\">instances</text>\n",
                   px(16), px(l.plot_top + Layout::plot_h / 2));
  o += fmt::format("<text class=\"muted\" transform=\"translate({} {}) rotate(90)\" "
                   "text-anchor=\"middle\" style=\"fill:var(--traffic)\">traffic to new "
                   "fleet</text>\n",
                   px(W - 12), px(l.plot_top + Layout::plot_h / 2));
  return o + "</g>\n";
}

/// The bakes of the success path, shaded and labelled where they are wide enough.
std::string bakes(const SimulationResult& r, const Layout& l) {
  std::string o = "<g class=\"bakes\">\n";
  for (const auto& b : r.bakes) {
    const double x0 = l.xs(to_seconds(b.start)), x1 = l.xs(to_seconds(b.end));
    const std::string name = b.final ? "final bake" : fmt::format("bake {}", b.number);
    o += fmt::format("<rect data-role=\"bake\" data-bake=\"{}\" class=\"bake\" x=\"{}\" y=\"{}\" "
                     "width=\"{}\" height=\"{}\"><title>{} ({}): {} to {}, {}</title></rect>\n",
                     b.number, px(x0), px(l.plot_top), px(std::max(0.0, x1 - x0)),
                     px(Layout::plot_h), esc(name), b.number, clock_text(to_seconds(b.start)),
                     clock_text(to_seconds(b.end)), duration_words(to_seconds(b.end - b.start)));
    const double w = x1 - x0;
    if (w >= 34)
      o += fmt::format("<text class=\"bake-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}"
                       "</text>\n",
                       px((x0 + x1) / 2), px(l.plot_top + 13),
                       w >= 70 ? esc(name) : fmt::format("{}", b.number));
  }
  return o + "</g>\n";
}

/// Stacked areas: old serving, new serving, old idle, new idle (hatched).
std::string areas(const std::vector<EndpointState>& states, const Layout& l) {
  struct AreaLayer {
    const char* cls;
    const char* fill;
    const char* name;
    int EndpointState::*field;
  };
  static constexpr AreaLayer kLayers[] = {
      {"l-old", "", "old fleet, serving", &EndpointState::old_active},
      {"l-new", "", "new fleet, serving", &EndpointState::new_active},
      {"", "url(#tl-hatch-old)", "old fleet, running without traffic", &EndpointState::old_idle},
      {"", "url(#tl-hatch-new)", "new fleet, running without traffic", &EndpointState::new_idle},
  };
  std::string o = "<g class=\"areas\">\n";
  std::vector<int> base(states.size(), 0);
  for (const auto& layer : kLayers) {
    std::string d;
    bool any = false;
    for (std::size_t i = 0; i < states.size(); ++i) {
      const int top = base[i] + states[i].*layer.field;
      d += fmt::format("{}{},{}L{},{}", i == 0 ? "M" : "L", px(l.xs(states[i].t)), px(l.ys(top)),
                       px(l.xs(states[i].end)), px(l.ys(top)));
      if (states[i].*layer.field > 0) any = true;
    }
    for (std::size_t i = states.size(); i-- > 0;)
      d += fmt::format("L{},{}L{},{}", px(l.xs(states[i].end)), px(l.ys(base[i])),
                       px(l.xs(states[i].t)), px(l.ys(base[i])));
    for (std::size_t i = 0; i < states.size(); ++i) base[i] += states[i].*layer.field;
    if (!any || d.empty()) continue;
    o += fmt::format("<path data-role=\"area\" d=\"{}Z\"{}{}><title>{}</title></path>\n", d,
                     *layer.cls ? fmt::format(" class=\"{}\"", layer.cls) : "",
                     *layer.fill ? fmt::format(" fill=\"{}\"", layer.fill) : "", layer.name);
  }
  return o + "</g>\n";
}

/// The traffic share to the new fleet, then the x axis line.
std::string traffic(const std::vector<EndpointState>& states, const Layout& l) {
  std::string o;
  if (!states.empty()) {
    std::string d = fmt::format("M{},{}", px(l.xs(states[0].t)), px(l.ps(states[0].traffic)));
    for (std::size_t i = 0; i < states.size(); ++i) {
      if (i > 0) d += fmt::format("V{}", px(l.ps(states[i].traffic)));
      d += fmt::format("H{}", px(l.xs(states[i].end)));
    }
    o += fmt::format("<path data-role=\"traffic\" class=\"traffic\" d=\"{}\"><title>Share of "
                     "traffic on the new fleet</title></path>\n",
                     d);
  }
  return o + fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n",
                         px(Layout::L), px(Layout::R), px(l.plot_bottom));
}

/// One step of the phase lanes: a hover target over the plot and the lane's bar.
std::string step_group(const Step& s, std::size_t i, const Layout& l) {
  const auto vi = static_cast<std::size_t>(
      std::find(l.variants.begin(), l.variants.end(), s.variant) - l.variants.begin());
  const double ly = l.lane_y(vi) + Layout::lane_label;
  const double x0 = l.xs(to_seconds(s.t)), x1 = l.xs(to_seconds(s.end));
  const double w = std::max(1.5, x1 - x0);
  const char* ph = to_string(s.phase);
  std::string o = fmt::format(
      "<g data-step=\"{}\" data-t-s=\"{}\" data-end-s=\"{}\" data-phase=\"{}\" "
      "data-variant=\"{}\" class=\"step ph-{}\">",
      i, secs(to_seconds(s.t)), secs(to_seconds(s.end)), ph, esc(s.variant), ph);
  o += fmt::format("<title>Step {}: {} {}–{} ({}). {}: old {} running / {} serving, new {} "
                   "running / {} serving, {} of traffic on new. {}</title>",
                   i + 1, ph, clock_text(to_seconds(s.t)), clock_text(to_seconds(s.end)),
                   duration_words(to_seconds(s.end - s.t)), esc(s.variant), s.old_running,
                   s.old_active, s.new_running, s.new_active, percent(s.new_traffic_pct),
                   esc(s.message));
  o += fmt::format("<rect class=\"hit\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", px(x0),
                   px(l.plot_top), px(std::max(0.0, x1 - x0)), px(Layout::plot_h));
  o += fmt::format("<rect class=\"step-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                   "rx=\"2\"/>",
                   px(x0), px(ly), px(w), px(Layout::lane_bar));
  const std::string_view word = ph;
  if (w >= static_cast<double>(word.size()) * 7.2 + 8)
    o += fmt::format("<text class=\"step-text\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}"
                     "</text>",
                     px(x0 + w / 2), px(ly + 13), word);
  return o + "</g>\n";
}

/// The phase lanes: a label per variant, one group per step.
std::string lanes(const SimulationResult& r, const Layout& l) {
  std::string o = "<g class=\"steps\">\n";
  for (std::size_t vi = 0; vi < l.variants.size(); ++vi)
    o += fmt::format("<text class=\"muted\" x=\"{}\" y=\"{}\">{} · phases</text>\n",
                     px(Layout::L), px(l.lane_y(vi) + 10), esc(l.variants[vi]));
  for (std::size_t i = 0; i < r.steps.size(); ++i) o += step_group(r.steps[i], i, l);
  return o + "</g>\n";
}

/// The injected trip, when it took effect.
std::string trip_mark(const SimulationResult& r, const Layout& l) {
  if (!r.trip_applied_at) return "";
  const double t = to_seconds(*r.trip_applied_at);
  const double x = l.xs(t);
  return fmt::format("<g data-role=\"trip\" data-t-s=\"{}\"><title>Alarm trip applied at {}"
                     "</title><line class=\"trip\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
                     "<text class=\"trip-label\" x=\"{}\" y=\"{}\">alarm trip</text></g>\n",
                     secs(t), clock_text(t), px(x), px(x), px(l.plot_top), px(l.plot_bottom),
                     px(x + 4), px(l.plot_top + 28));
}

/// The timeout: on the scale, or at the right edge when it lies far beyond the chart.
std::string timeout_mark(const SimulationResult& r, const Layout& l) {
  if (!r.summary.timeout) return "";
  const double to = to_seconds(*r.summary.timeout);
  const bool off = l.timeout_offscale;
  const double x = off ? Layout::R : l.xs(to);
  const std::string label = fmt::format("timeout {}{}", duration_words(to), off ? " →" : "");
  const bool anchor_end = x > Layout::R - 120;
  return fmt::format(
      "<g class=\"timeout-mark\"><title>MaximumExecutionTimeoutInSeconds: {} ({} s){}</title>"
      "<line data-role=\"timeout\" data-t-s=\"{}\"{} class=\"timeout\" x1=\"{}\" x2=\"{}\" "
      "y1=\"{}\" y2=\"{}\"/><text class=\"timeout-label\" x=\"{}\" y=\"{}\" "
      "text-anchor=\"{}\">{}</text></g>\n",
      duration_words(to), secs(to), off ? ", beyond the right edge of the chart" : "", secs(to),
      off ? " data-offscale=\"true\"" : "", px(x), px(x), px(l.lanes_top), px(l.marks_bottom()),
      px(anchor_end ? x - 5 : x + 5), px(l.plot_top + 44), anchor_end ? "end" : "start",
      esc(label));
}

/// What a trip at the start of one bake would do: the bake window, the rollback's path, the
/// tick where all traffic is back on the old fleet, and a short note.
std::string rollback_path(const RollbackIfTrip& rb, std::size_t k, const Layout& l,
                          const UnpricedTypes& unpriced) {
  const double L = Layout::L, R = Layout::R;
  const double cy = l.rb_top + (static_cast<double>(k) + 0.5) * l.rb_lane;
  const double ts = to_seconds(rb.bake_start);
  const double te = to_seconds(rb.bake_start + rb.rollback_duration);
  const double tb = to_seconds(rb.bake_start + rb.back_to_old);
  const double hh = std::min(8.0, l.rb_lane * 0.45);
  std::string o = fmt::format(
      "<g data-role=\"rollback-path\" data-bake=\"{}\" data-trip-s=\"{}\" data-end-s=\"{}\">",
      rb.bake, secs(ts), secs(te));
  o += fmt::format("<title>A trip at the start of bake {} ({}) ends {}: the rollback takes {}, "
                   "all traffic is back on the old fleet after {}, done at {}. Extra {} "
                   "instance-hours ({}); peak {} instances.</title>",
                   rb.bake, clock_text(ts), to_string(rb.outcome),
                   duration_words(to_seconds(rb.rollback_duration)),
                   duration_words(to_seconds(rb.back_to_old)), clock_text(te),
                   hours_text(rb.extra_instance_seconds),
                   esc(cost_grouped(rb.extra_cost_usd, unpriced)), rb.peak_instances);
  o += fmt::format("<rect class=\"hit\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", px(L),
                   px(cy - l.rb_lane / 2), px(R - L), px(l.rb_lane));
  if (l.rb_lane >= 14)
    o += fmt::format("<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"end\">bake {}</text>",
                     px(L - 8), px(cy + 4), rb.bake);
  o += fmt::format("<rect class=\"rb-window\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                   "rx=\"2\"/>",
                   px(l.xs(ts)), px(cy - hh / 2),
                   px(std::max(1.0, l.xs(to_seconds(rb.bake_end)) - l.xs(ts))), px(hh));
  o += fmt::format("<line class=\"rb-path\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>",
                   px(l.xs(ts)), px(l.xs(te)), px(cy));
  o += fmt::format("<line class=\"rb-back\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
                   px(l.xs(tb)), px(cy - hh), px(cy + hh));
  o += fmt::format("<line class=\"rb-end\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>",
                   px(l.xs(te)), px(cy - hh), px(cy + hh));
  o += fmt::format("<circle class=\"rb-trip\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>", px(l.xs(ts)),
                   px(cy), px(std::min(4.0, hh * 0.6)));
  const std::string note = fmt::format(
      "{} · {}{}", duration_words(to_seconds(rb.rollback_duration)),
      rb.extra_cost_usd.known() ? "+" : "", cost_grouped(rb.extra_cost_usd, unpriced));
  // The note goes left of the trip when it fits there (that part of the lane is empty), else
  // right of the path and the bake window.
  const double text_w = static_cast<double>(note.size()) * 6.0;
  const double right_x = std::max(l.xs(te), l.xs(to_seconds(rb.bake_end))) + 8;
  if (l.rb_lane >= 14 && l.xs(ts) - 10 - text_w > L)
    o += fmt::format("<text class=\"rb-text\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                     px(l.xs(ts) - 10), px(cy + 4), esc(note));
  else if (l.rb_lane >= 14 && right_x + text_w < R)
    o += fmt::format("<text class=\"rb-text\" x=\"{}\" y=\"{}\">{}</text>", px(right_x),
                     px(cy + 4), esc(note));
  return o + "</g>\n";
}

std::string rollback_paths(const SimulationResult& r, const Layout& l) {
  if (!l.nb) return "";
  std::string o = fmt::format("<text x=\"{}\" y=\"{}\" style=\"font-weight:600\">If an alarm "
                              "trips at the start of a bake, the rollback:</text>\n",
                              px(Layout::L), px(l.rb_top - 8));
  o += "<g class=\"rollback-paths\">\n";
  for (std::size_t k = 0; k < l.nb; ++k)
    o += rollback_path(r.rollback_if_trip[k], k, l, r.unpriced_types);
  return o + "</g>\n";
}

}  // namespace

std::string timeline_chart(const SimulationResult& r) {
  const auto states = endpoint_states(r, to_seconds(r.summary.duration));
  const Layout l = layout(r, states);
  std::string o = svg::open("tl", "timeline", Layout::W, l.H,
                            "Timeline of the update: instances, traffic, bakes and rollback paths",
                            description(r, states, l.nb));
  o += kHatches;
  o += axes(l);
  o += bakes(r, l);
  o += areas(states, l);
  o += traffic(states, l);
  o += lanes(r, l);
  o += trip_mark(r, l);
  o += timeout_mark(r, l);
  o += rollback_paths(r, l);
  return o + "</svg>\n";
}

}  // namespace shiftsim::cli
