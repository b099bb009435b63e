// The sweep and plan reports' duration-against-cost scatter (pareto_chart.hpp).
#include "report/charts/pareto_chart.hpp"

#include "report/charts/svg.hpp"
#include "report/format.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace shiftsim::cli {

namespace {

using svg::px;
using svg::Scale;
using svg::secs;

std::string esc(std::string_view s) { return html_escape(s); }

/// A point's cost as its y coordinate (the chart is drawn only when every cost is known).
double usd_of(const SweepPoint& p) noexcept { return p.cost_usd.value_or(0.0); }

struct Layout {
  static constexpr double W = 1120, L = 92, R = W - 40, top = 30, ph = 380, bottom = top + ph,
                          H = bottom + 52;
  double x_lo = 0, x_hi = 1, tstep = 1, y_lo = 0, y_hi = 1, cstep = 1;
  Scale xs, ys;
};

/// Axes over the drawn points, widened to a limit within 1.5x the data.
Layout layout(const SweepHtmlInput& in, const std::vector<const SweepPoint*>& drawn) {
  double dmin = 0, dmax = 1, cmin = 0, cmax = 1;
  if (!drawn.empty()) {
    dmin = dmax = drawn[0]->duration_s;
    cmin = cmax = usd_of(*drawn[0]);
    for (const auto* p : drawn) {
      dmin = std::min(dmin, p->duration_s);
      dmax = std::max(dmax, p->duration_s);
      cmin = std::min(cmin, usd_of(*p));
      cmax = std::max(cmax, usd_of(*p));
    }
  }
  if (in.max_duration_s && *in.max_duration_s <= dmax * 1.5)
    dmax = std::max(dmax, *in.max_duration_s);
  if (in.max_cost_usd && *in.max_cost_usd <= cmax * 1.5) cmax = std::max(cmax, *in.max_cost_usd);
  const double dspan = std::max(1.0, dmax - dmin), cspan = std::max(0.01, cmax - cmin);
  Layout l;
  l.tstep = svg::time_step(dspan * 1.1, 10);
  l.x_lo = std::max(0.0, std::floor((dmin - dspan * 0.04) / l.tstep) * l.tstep);
  l.x_hi = dmax + dspan * 0.05;
  l.cstep = svg::nice_step(cspan * 1.1, 6);
  l.y_lo = std::max(0.0, std::floor((cmin - cspan * 0.05) / l.cstep) * l.cstep);
  l.y_hi = std::ceil((cmax + cspan * 0.05) / l.cstep) * l.cstep;
  l.xs = Scale{l.x_lo, l.x_hi, Layout::L, Layout::R};
  l.ys = Scale{l.y_lo, l.y_hi, Layout::bottom, Layout::top};
  return l;
}

const SweepPoint* pick_of(const SweepHtmlInput& in) {
  for (const auto& p : in.points)
    if (p.picked) return &p;
  return nullptr;
}

std::string description(const SweepHtmlInput& in, std::size_t drawn) {
  std::size_t n_front = 0;
  for (const auto& p : in.points) n_front += p.on_front ? 1 : 0;
  std::string desc = fmt::format(
      "Scatter of {} configs ({} drawn): {} on the horizontal axis, extra cost of the update "
      "(over the old fleet alone) on the vertical axis. {} configs on the Pareto front ({}, "
      "extra cost, exposure) are highlighted.",
      in.points.size(), drawn, in.duration_label, n_front, in.duration_label);
  if (const SweepPoint* pick = pick_of(in))
    desc += fmt::format(" The pick, {}, has a {} of {} and an extra cost of {}.", pick->label,
                        in.duration_label, duration_words(pick->duration_s),
                        usd_grouped(usd_of(*pick)));
  return desc;
}

std::string axes(const SweepHtmlInput& in, const Layout& l) {
  const double L = Layout::L, R = Layout::R, top = Layout::top, bottom = Layout::bottom;
  std::string o = fmt::format(
      "<rect data-role=\"plot-area\" class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
      "data-x-min=\"{}\" data-x-max=\"{}\" data-y-min=\"{}\" data-y-max=\"{}\"/>\n",
      px(L), px(top), px(R - L), px(Layout::ph), secs(l.x_lo), secs(l.x_hi), secs(l.y_lo),
      secs(l.y_hi));
  for (double t = l.x_lo; t <= l.x_hi + 1e-9; t += l.tstep)
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/><text "
                     "class=\"muted\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                     px(l.xs(t)), px(top), px(bottom), px(bottom + 17), svg::tick_label(t));
  for (double v = l.y_lo; v <= l.y_hi + 1e-9; v += l.cstep) {
    const std::string money = usd_grouped(v);  // whole dollars when the step is
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/><text "
                     "class=\"muted\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
                     px(L), px(R), px(l.ys(v)), px(L - 8), px(l.ys(v) + 4),
                     esc(l.cstep >= 1 ? money.substr(0, money.size() - 3) : money));
  }
  o += fmt::format("<text class=\"muted\" transform=\"translate({} {}) rotate(-90)\" "
                   "text-anchor=\"middle\">extra cost of the update (USD)</text>\n",
                   px(16), px(top + Layout::ph / 2));
  o += fmt::format("<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{} of "
                   "the update</text>\n",
                   px((L + R) / 2), px(bottom + 40), esc(in.duration_label));
  return o;
}

std::string limit_lines(const SweepHtmlInput& in, const Layout& l) {
  std::string o;
  if (in.max_duration_s && *in.max_duration_s <= l.x_hi) {
    const double x = l.xs(*in.max_duration_s);
    o += fmt::format("<g><title>Limit: {6} at most {5}</title><line "
                     "data-role=\"limit-duration\" class=\"limit\" x1=\"{0}\" x2=\"{0}\" "
                     "y1=\"{1}\" y2=\"{2}\"/><text class=\"limit-label\" x=\"{3}\" y=\"{4}\" "
                     "text-anchor=\"end\">max duration</text></g>\n",
                     px(x), px(Layout::top), px(Layout::bottom), px(x - 4), px(Layout::top + 12),
                     duration_words(*in.max_duration_s), esc(in.duration_label));
  }
  if (in.max_cost_usd && *in.max_cost_usd <= l.y_hi) {
    const double yy = l.ys(*in.max_cost_usd);
    o += fmt::format(
        "<g><title>Limit: extra cost at most {0}</title><line data-role=\"limit-cost\" "
        "class=\"limit\" x1=\"{1}\" x2=\"{2}\" y1=\"{3}\" y2=\"{3}\"/><text "
        "class=\"limit-label\" x=\"{4}\" y=\"{5}\" text-anchor=\"end\">max "
        "cost</text></g>\n",
        esc(usd_grouped(*in.max_cost_usd)), px(Layout::L), px(Layout::R), px(yy), px(Layout::R - 4),
        px(yy - 4));
  }
  return o;
}

/// The 2-D front line (duration, cost) through the front points.
std::string front_line(const std::vector<const SweepPoint*>& drawn, const Layout& l) {
  std::vector<const SweepPoint*> f;
  for (const auto* p : drawn)
    if (p->on_front) f.push_back(p);
  std::sort(f.begin(), f.end(), [](auto* a, auto* b) {
    return a->duration_s != b->duration_s ? a->duration_s < b->duration_s
                                          : usd_of(*a) < usd_of(*b);
  });
  std::string d;
  double best = 0;
  for (const auto* p : f) {
    if (!d.empty() && usd_of(*p) >= best) continue;  // dominated in (duration, cost)
    d += d.empty() ? fmt::format("M{},{}", px(l.xs(p->duration_s)), px(l.ys(usd_of(*p))))
                   : fmt::format("H{}V{}", px(l.xs(p->duration_s)), px(l.ys(usd_of(*p))));
    best = usd_of(*p);
  }
  return d.size() > 1 ? fmt::format("<path class=\"front-line\" d=\"{}\"/>\n", d) : "";
}

std::string points(const SweepHtmlInput& in, const std::vector<const SweepPoint*>& drawn,
                   const Layout& l) {
  std::string o = "<g class=\"points\">\n";
  for (const auto* p : drawn) {
    const char* cls = p->picked     ? "pt-pick"
                      : p->on_front ? "pt-front"
                      : p->feasible ? "pt"
                                    : "pt-infeasible";
    const double rr = p->picked ? 8 : (p->on_front ? 4.5 : 3);
    o += fmt::format("<circle data-role=\"point\" data-front=\"{}\" data-picked=\"{}\" "
                     "class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\"><title>{}: {} {}, extra cost {}, "
                     "exposure {} min{}{}</title></circle>\n",
                     p->on_front ? 1 : 0, p->picked ? 1 : 0, cls, px(l.xs(p->duration_s)),
                     px(l.ys(usd_of(*p))), px(rr), esc(p->label), esc(in.duration_label),
                     duration_words(p->duration_s), usd_grouped(usd_of(*p)),
                     fixed(p->exposure / 60, 1),
                     p->feasible ? "" : " (outside the limits)", p->picked ? " (the pick)" : "");
  }
  if (const SweepPoint* pick = pick_of(in)) {
    const double x = l.xs(pick->duration_s), yy = l.ys(usd_of(*pick));
    const bool left = x > Layout::R - 260;
    o += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" class=\"pick-label\" "
                     "style=\"font-weight:700\">pick: {}</text>\n",
                     px(left ? x - 12 : x + 12), px(yy - 10), left ? "end" : "start",
                     esc(pick->label));
  }
  return o + "</g>\n";
}

}  // namespace

std::vector<const SweepPoint*> pareto_points(const SweepHtmlInput& in) {
  std::vector<const SweepPoint*> drawn;
  std::vector<const SweepPoint*> rest;
  for (const auto& p : in.points) (p.on_front || p.picked ? drawn : rest).push_back(&p);
  const std::size_t budget = in.max_points > drawn.size() ? in.max_points - drawn.size() : 0;
  if (rest.size() <= budget) {
    drawn.insert(drawn.begin(), rest.begin(), rest.end());
  } else if (budget > 0) {
    std::vector<const SweepPoint*> sample;
    for (std::size_t i = 0; i < budget; ++i) sample.push_back(rest[i * rest.size() / budget]);
    drawn.insert(drawn.begin(), sample.begin(), sample.end());
  }
  // Draw order: others, then the front, then the pick on top.
  std::stable_sort(drawn.begin(), drawn.end(), [](const SweepPoint* a, const SweepPoint* b) {
    auto rank = [](const SweepPoint* p) { return p->picked ? 2 : (p->on_front ? 1 : 0); };
    return rank(a) < rank(b);
  });
  return drawn;
}

std::string pareto_chart(const SweepHtmlInput& in, const std::vector<const SweepPoint*>& drawn) {
  const Layout l = layout(in, drawn);
  std::string o = svg::open("pf", "pareto", Layout::W, Layout::H,
                            "Pareto front of the evaluated configs: " + in.duration_label +
                                " against extra cost",
                            description(in, drawn.size()));
  o += axes(in, l);
  o += limit_lines(in, l);
  o += front_line(drawn, l);
  o += points(in, drawn, l);
  return o + "</svg>\n";
}

}  // namespace shiftsim::cli
