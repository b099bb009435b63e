// The compare page's chart (compare_chart.hpp).
#include "report/charts/compare_chart.hpp"

#include "report/charts/svg.hpp"
#include "report/format.hpp"
#include "report/html/page.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace shiftsim::cli {

namespace {

using svg::px;
using svg::secs;

constexpr double kW = 1120, kL = 300, kR = kW - 40, kTop = 30, kRow = 40;

std::string short_label(const std::string& label) {
  if (label.size() <= 34) return label;
  std::size_t cut = 33;
  while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0U) == 0x80U) --cut;
  return label.substr(0, cut) + "…";
}

}  // namespace

std::string compare_chart(const CompareReport& r) {
  const double bottom = kTop + kRow * static_cast<double>(r.columns.size());
  const double h = bottom + 50;
  double hi = 60;
  for (const auto& c : r.columns)
    hi = std::max({hi, to_seconds(c.result.summary.duration), c.risk.completion_s.p99});
  const double step = svg::time_step(hi * 1.05, 10);
  const double x_max = std::ceil(hi * 1.05 / step) * step;
  const svg::Scale xs{0, x_max, kL, kR};
  std::string desc = "Each config's median-trial duration (bar) and its P95 and P99 completion "
                     "over the seeded trials (marks):";
  for (const auto& c : r.columns)
    desc += fmt::format(" {}: {}, P95 {}, P99 {};", c.label,
                        duration_words(to_seconds(c.result.summary.duration)),
                        duration_words(c.risk.completion_s.p95),
                        duration_words(c.risk.completion_s.p99));
  std::string o = svg::open("compare-chart", "compare", kW, h, "Duration of each config", desc);
  o += fmt::format("<rect data-role=\"plot-area\" class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" "
                   "height=\"{}\" data-x-min=\"0\" data-x-max=\"{}\"/>\n",
                   px(kL), px(kTop), px(kR - kL), px(bottom - kTop), secs(x_max));
  for (double t = 0; t <= x_max + 1e-9; t += step)
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/><text "
                     "class=\"muted\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\">{4}</text>\n",
                     px(xs(t)), px(kTop), px(bottom), px(bottom + 17), svg::tick_label(t));
  for (std::size_t i = 0; i < r.columns.size(); ++i) {
    const auto& c = r.columns[i];
    const double y = kTop + kRow * static_cast<double>(i);
    const double d = to_seconds(c.result.summary.duration);
    o += fmt::format("<g data-config=\"{}\"><title>{}</title>\n", i, html::esc(c.label));
    o += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", px(kL - 10),
                     px(y + kRow / 2 + 4), html::esc(short_label(c.label)));
    o += fmt::format("<rect data-role=\"duration\" data-s=\"{}\" class=\"bin\" x=\"{}\" y=\"{}\" "
                     "width=\"{}\" height=\"{}\"/>\n",
                     secs(d), px(kL), px(y + 10), px(std::max(1.0, xs(d) - kL)), px(kRow - 20));
    for (const auto& [role, v] : {std::pair{"p95", c.risk.completion_s.p95},
                                  std::pair{"p99", c.risk.completion_s.p99}})
      o += fmt::format("<line data-role=\"{0}\" data-s=\"{1}\" class=\"q\" x1=\"{2}\" x2=\"{2}\" "
                       "y1=\"{3}\" y2=\"{4}\"/>\n",
                       role, secs(v), px(xs(v)), px(y + 4), px(y + kRow - 4));
    o += "</g>\n";
  }
  o += fmt::format("<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">time from "
                   "the request (bar: median trial; dashed: P95, P99)</text>\n",
                   px((kL + kR) / 2), px(bottom + 40));
  return o + "</svg>\n";
}

}  // namespace shiftsim::cli
