// The sweep as a table: counts, limits, why configs were set aside, the Pareto front
// (sweep_report.hpp).
#include "report/sweep_report.hpp"

#include "report/format.hpp"
#include "report/text_grid.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

namespace {

std::string quantile_label(DurationQuantile q) {
  std::string s = to_string(q);
  s[0] = 'P';
  return s;
}

std::string limits_text(const SweepLimits& l) {
  std::string lim;
  if (l.max_duration)
    lim += fmt::format(" max-duration {} s ({} completion)", seconds_text(*l.max_duration),
                       quantile_label(l.duration_quantile));
  if (l.max_peak) lim += fmt::format(" max-peak {}", *l.max_peak);
  if (l.max_cost_usd) lim += fmt::format(" max-cost {} extra", usd(*l.max_cost_usd));
  if (l.min_bake) lim += fmt::format(" min-bake {} s", seconds_text(*l.min_bake));
  if (l.max_exposure) lim += fmt::format(" max-exposure {}", fixed(*l.max_exposure, 0));
  lim += fmt::format(" max-p-timeout {}%", trim_number(100.0 * l.max_p_timeout, 4));
  lim += l.allow_escape ? " escapes allowed" : " no escape (with alarms)";
  return lim;
}

/// How many configs each limit sets aside (a config can miss several).
std::string set_aside_text(const SweepResult& r, std::size_t width) {
  std::uint64_t counts[8] = {};
  for (const auto& x : r.rows)
    for (int b = 0; b < 8; ++b) counts[b] += (x.violations >> b) & 1U;
  static constexpr const char* kWhy[8] = {
      "need a timeout above the one in force (or 28800 s) to cover their P99",
      "miss --max-duration", "miss --max-peak", "miss --max-cost", "miss --min-bake",
      "miss --max-exposure", "miss --max-p-timeout",
      "let a bad version escape (--allow-escape admits them)"};
  std::string s;
  for (int b = 0; b < 8; ++b)
    if (counts[b] > 0) s += hanging("  ", fmt::format("{} {}", counts[b], kWhy[b]), "    ", width);
  return s.empty() ? s : "set aside:\n" + s;
}

std::string chance(const SweepRow& x, double p) {
  return x.risk_known ? fixed(100.0 * p, 2) : std::string("-");
}

std::vector<std::string> front_row(const SweepRow& x) {
  const bool rolling = x.config.strategy == Strategy::rolling;
  const std::string twait = rolling ? "-" : fmt::format("{}", x.config.termination_wait_s);
  const std::string rollback =
      !rolling ? "-" : (x.config.rollback_batch ? size_text(x.config.rollback_batch) : "100%");
  return {to_string(x.config.strategy),     size_text(x.config.step),
          fmt::format("{}", x.config.wait_s), twait,
          rollback,                           fixed(x.ranked_duration_s, 0),
          fmt::format("{}", x.peak),          cost_cell(x.extra_cost_usd, 2),
          chance(x, x.risk.p_timeout),        chance(x, x.risk.p_escape),
          fixed(x.exposure_traffic_s, 0)};
}

}  // namespace

std::string sweep_table(const SweepResult& r, const SweepLimits& l, int front_rows,
                        std::size_t width) {
  const std::string q = quantile_label(l.duration_quantile);
  std::string t = hanging("", fmt::format("Evaluated {} configs; {} meet every limit; {} on the "
                                          "Pareto front ({} completion, extra cost, exposure).",
                                          r.rows.size(), r.feasible, r.pareto.size(), q),
                          "  ", width);
  t += hanging("limits:", limits_text(l), "  ", width);
  if (!r.unpriced_types.empty())
    t += hanging("cost: ",
                 unknown_cost_text(r.unpriced_types) +
                     "; the front ranks unknown costs after known ones",
                 "  ", width);
  t += set_aside_text(r, width) + "\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto i : r.pareto) {
    if (rows.size() >= static_cast<std::size_t>(front_rows)) break;
    rows.push_back(front_row(r.rows[i]));
  }
  t += render_grid({{"strategy"}, {"size", true}, {"wait", true}, {"T-wait", true},
                    {"rollback", true}, {q + " (s)", true}, {"peak", true}, {"extra ($)", true},
                    {"tmo %", true}, {"esc %", true}, {"exposure", true}},
                   rows, width, "");
  if (r.pareto.size() > rows.size())
    t += fmt::format("... {} more on the front (see --rows or --output csv)\n",
                     r.pareto.size() - rows.size());
  t += hanging("", "tmo %: P(timeout) at the timeout the config's request carries; esc %: "
                   "P(escape), a bad version caught --detection-delay-s after first traffic "
                   "staying; extra: the billed cost over the old fleet alone.",
               "  ", width);
  return t;
}

}  // namespace shiftsim::cli
