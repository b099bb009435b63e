// The montecarlo report's duration histogram (histogram_chart.hpp).
#include "report/charts/histogram_chart.hpp"

#include "report/charts/svg.hpp"
#include "report/format.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace shiftsim::cli {

namespace {

using svg::px;
using svg::Scale;
using svg::secs;

/// Where everything goes.
struct Layout {
  static constexpr double W = 1120, L = 72, R = W - 40, top = 40, ph = 300, bottom = top + ph,
                          H = bottom + 50;
  double x_lo = 0, x_hi = 1, tstep = 1, y_max = 1, ystep = 1;
  bool timeout_off = false, recommended_off = false;  ///< beyond the axis: at its nearer edge
  std::uint64_t total = 0;                            ///< trials in the bins
  Scale xs, ys;
};

Layout layout(const MonteCarloHtmlInput& in, const std::vector<HistogramBin>& bins) {
  Layout l;
  std::uint64_t cmax = 1;
  for (const auto& b : bins) {
    l.total += b.count;
    cmax = std::max(cmax, b.count);
  }
  double lo = bins.empty() ? 0 : bins.front().lo_s;
  double hi = bins.empty() ? std::max(1.0, in.max_s) : bins.back().hi_s;
  for (const double q : {in.p50_s, in.p95_s, in.p99_s}) {
    lo = std::min(lo, q);
    hi = std::max(hi, q);
  }
  // Lines within 1.5 spans of the data widen the axis; farther ones sit at the nearer edge.
  const double data_span = std::max({hi - lo, 0.1 * hi, 60.0});
  auto include = [&](const std::optional<double>& v, bool& off) {
    if (!v) return;
    if (*v <= hi + 1.5 * data_span && *v >= lo - 1.5 * data_span) {
      lo = std::min(lo, *v);
      hi = std::max(hi, *v);
    } else {
      off = true;
    }
  };
  include(in.timeout_s, l.timeout_off);
  include(in.recommended_timeout_s, l.recommended_off);
  const double span = std::max(1.0, hi - lo);
  l.tstep = svg::time_step(span * 1.1, 10);
  l.x_lo = std::max(0.0, std::floor((lo - span * 0.03) / l.tstep) * l.tstep);
  l.x_hi = hi + span * 0.05;
  l.xs = Scale{l.x_lo, l.x_hi, Layout::L, Layout::R};
  l.ystep = std::max(1.0, svg::nice_step(static_cast<double>(cmax), 5));
  l.y_max = std::ceil(static_cast<double>(cmax) * 1.1 / l.ystep) * l.ystep;
  l.ys = Scale{0, l.y_max, Layout::bottom, Layout::top};
  return l;
}

std::string description(const MonteCarloHtmlInput& in) {
  std::string desc = fmt::format(
      "Histogram of the update's duration over {} trials: P50 {}, P95 {}, P99 {}, max {}.",
      in.trials, duration_words(in.p50_s), duration_words(in.p95_s), duration_words(in.p99_s),
      duration_words(in.max_s));
  if (in.timeout_s)
    desc += fmt::format(" Timeout at {} (red dashed line); P(timeout) {}.",
                        duration_words(*in.timeout_s), percent(100 * in.p_timeout, 2));
  if (in.recommended_timeout_s)
    desc += fmt::format(" Recommended timeout {} (green dashed line).",
                        duration_words(*in.recommended_timeout_s));
  return desc;
}

/// The plot area, the grid, tick labels and axis titles.
std::string axes(const Layout& l) {
  const double L = Layout::L, R = Layout::R, top = Layout::top, bottom = Layout::bottom;
  std::string o = fmt::format(
      "<rect data-role=\"plot-area\" class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
      "data-x-min=\"{}\" data-x-max=\"{}\"/>\n",
      px(L), px(top), px(R - L), px(Layout::ph), secs(l.x_lo), secs(l.x_hi));
  for (double t = l.x_lo; t <= l.x_hi + 1e-9; t += l.tstep)
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/><text "
                     "class=\"muted\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" "
                     "data-t-s=\"{4}\">{5}</text>\n",
                     px(l.xs(t)), px(top), px(bottom), px(bottom + 17), secs(t),
                     svg::tick_label(t));
  for (double v = 0; v <= l.y_max + 1e-9; v += l.ystep)
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/><text "
                     "class=\"muted\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
                     px(L), px(R), px(l.ys(v)), px(L - 8), px(l.ys(v) + 4), svg::num_label(v));
  o += fmt::format("<text class=\"muted\" transform=\"translate({} {}) rotate(-90)\" "
                   "text-anchor=\"middle\">trials</text>\n",
                   px(16), px(top + Layout::ph / 2));
  o += fmt::format("<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">duration of "
                   "the update</text>\n",
                   px((L + R) / 2), px(bottom + 40));
  return o;
}

std::string bars(const std::vector<HistogramBin>& bins, const Layout& l) {
  std::string o = "<g class=\"bins\">\n";
  for (std::size_t i = 0; i < bins.size(); ++i) {
    const auto& b = bins[i];
    double x0 = l.xs(b.lo_s), x1 = l.xs(b.hi_s);
    if (x1 - x0 < 7) {  // a (nearly) zero-width bin, e.g. every trial alike: keep it visible
      const double mid = (x0 + x1) / 2;
      x0 = mid - 3.5;
      x1 = mid + 3.5;
    }
    const double count = static_cast<double>(b.count);
    const double share = l.total ? 100.0 * count / static_cast<double>(l.total) : 0.0;
    o += fmt::format("<rect data-role=\"bin\" data-bin=\"{}\" data-count=\"{}\" class=\"bin\" "
                     "x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{} to {}: {} trials "
                     "({})</title></rect>\n",
                     i, b.count, px(x0 + 0.5), px(l.ys(count)), px(std::max(0.5, x1 - x0 - 1)),
                     px(Layout::bottom - l.ys(count)), duration_words(b.lo_s),
                     duration_words(b.hi_s), b.count, percent(share, 2));
  }
  o += "</g>\n";
  return o + fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n",
                         px(Layout::L), px(Layout::R), px(Layout::bottom));
}

std::string quantile_lines(const MonteCarloHtmlInput& in, const Layout& l) {
  struct Mark {
    const char* role;
    const char* name;
    double v;
  };
  const Mark qs[] = {{"p50", "P50", in.p50_s}, {"p95", "P95", in.p95_s}, {"p99", "P99", in.p99_s}};
  std::string o;
  int row = 0;
  for (const auto& q : qs) {
    const double x = l.xs(q.v);
    o += fmt::format("<g><title>{} duration: {} ({} s)</title><line data-role=\"{}\" "
                     "data-t-s=\"{}\" class=\"q\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
                     "<text class=\"q-label\" x=\"{}\" y=\"{}\">{}</text></g>\n",
                     q.name, duration_words(q.v), secs(q.v), q.role, secs(q.v), px(x), px(x),
                     px(Layout::top - 4), px(Layout::bottom), px(x + 4),
                     px(Layout::top + 12 + 14 * row), q.name);
    ++row;
  }
  return o;
}

/// A timeout line; `off`: beyond the axis, at its nearer edge with an arrow.
std::string timeout_line(const std::optional<double>& v, bool off, const Layout& l,
                         std::string_view role, const char* cls, const char* label_cls,
                         const char* name) {
  if (!v) return "";
  const double L = Layout::L, R = Layout::R;
  const bool left_edge = off && *v < l.x_lo;
  const double x = off ? (left_edge ? L : R) : l.xs(*v);
  const bool end = x > R - 140;
  return fmt::format(
      "<g><title>{}: {} ({} s){}</title><line data-role=\"{}\" data-t-s=\"{}\"{} class=\"{}\" "
      "x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/><text class=\"{}\" x=\"{}\" y=\"{}\" "
      "text-anchor=\"{}\">{}{} {}{}</text></g>\n",
      name, duration_words(*v), secs(*v),
      off ? (left_edge ? ", beyond the left edge" : ", beyond the right edge") : "", role,
      secs(*v), off ? " data-offscale=\"true\"" : "", cls, px(x), px(x), px(Layout::top - 14),
      px(Layout::bottom), label_cls, px(end ? x - 5 : x + 5),
      px(Layout::top + 60 + (role == "timeout" ? 0 : 16)), end ? "end" : "start",
      left_edge ? "← " : "", name, duration_words(*v), off && !left_edge ? " →" : "");
}

}  // namespace

std::vector<HistogramBin> histogram_bins(const MonteCarloHtmlInput& in) {
  std::vector<HistogramBin> bins = in.bins;
  if (!bins.empty() || in.durations_s.empty()) return bins;
  const auto [mn_it, mx_it] = std::minmax_element(in.durations_s.begin(), in.durations_s.end());
  const double mn = *mn_it, mx = *mx_it;
  const auto n = in.durations_s.size();
  // Every trial the same (deterministic timing): one bar, 2% of the value wide, centred on it.
  const bool same = mx - mn < 1e-9;
  const int nbins =
      same ? 1 : std::clamp(static_cast<int>(std::sqrt(static_cast<double>(n))), 1, 60);
  const double width = same ? std::max(1.0, 0.02 * mx) : (mx - mn) / nbins;
  const double start = same ? mn - width / 2 : mn;
  bins.resize(static_cast<std::size_t>(nbins));
  for (int i = 0; i < nbins; ++i) {
    bins[static_cast<std::size_t>(i)].lo_s = start + i * width;
    bins[static_cast<std::size_t>(i)].hi_s = start + (i + 1) * width;
  }
  for (const double d : in.durations_s) {
    const int i = std::clamp(static_cast<int>((d - start) / width), 0, nbins - 1);
    ++bins[static_cast<std::size_t>(i)].count;
  }
  return bins;
}

std::string histogram_chart(const MonteCarloHtmlInput& in, const std::vector<HistogramBin>& bins) {
  const Layout l = layout(in, bins);
  std::string o = svg::open("mc", "histogram", Layout::W, Layout::H,
                            "Distribution of the update's duration", description(in));
  o += axes(l);
  o += bars(bins, l);
  o += quantile_lines(in, l);
  o += timeout_line(in.timeout_s, l.timeout_off, l, "timeout", "timeout", "timeout-label",
                    "timeout");
  o += timeout_line(in.recommended_timeout_s, l.recommended_off, l, "recommended-timeout", "rec",
                    "rec-label", "recommended");
  return o + "</svg>\n";
}

}  // namespace shiftsim::cli
