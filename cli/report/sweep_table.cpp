// The sweep as a table: counts, limits, the Pareto front (sweep_report.hpp).
#include "report/sweep_report.hpp"

#include "report/format.hpp"
#include "report/text_grid.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

namespace {

std::string limits_text(const SweepLimits& l) {
  std::string lim;
  if (l.max_duration) lim += fmt::format(" max-duration {} s", seconds_text(*l.max_duration));
  if (l.max_peak) lim += fmt::format(" max-peak {}", *l.max_peak);
  if (l.max_cost_usd) lim += fmt::format(" max-cost {}", usd(*l.max_cost_usd));
  if (l.min_bake) lim += fmt::format(" min-bake {} s", seconds_text(*l.min_bake));
  if (l.max_exposure) lim += fmt::format(" max-exposure {}", fixed(*l.max_exposure, 0));
  return lim;
}

std::vector<std::string> front_row(const SweepRow& x) {
  const bool rolling = x.config.strategy == Strategy::rolling;
  const std::string twait = rolling ? "-" : fmt::format("{}", x.config.termination_wait_s);
  const std::string rollback =
      !rolling ? "-" : (x.config.rollback_batch ? size_text(x.config.rollback_batch) : "100%");
  return {to_string(x.config.strategy), size_text(x.config.step),
          fmt::format("{}", x.config.wait_s), twait, rollback,
          fixed(to_seconds(x.duration), 0), fmt::format("{}", x.peak), fixed(x.cost_usd, 2),
          fixed(x.exposure_traffic_s, 0)};
}

}  // namespace

std::string sweep_table(const SweepResult& r, const SweepLimits& l, int front_rows,
                        std::size_t width) {
  std::string t = hanging("", fmt::format("Evaluated {} configs; {} meet every limit; {} on the "
                                          "Pareto front (duration, cost, exposure).",
                                          r.rows.size(), r.feasible, r.pareto.size()),
                          "  ", width);
  const std::string lim = limits_text(l);
  t += hanging("limits:", lim.empty() ? " none" : lim, "  ", width) + "\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto i : r.pareto) {
    if (rows.size() >= static_cast<std::size_t>(front_rows)) break;
    rows.push_back(front_row(r.rows[i]));
  }
  t += render_grid({{"strategy"}, {"size", true}, {"wait", true}, {"T-wait", true},
                    {"rollback", true}, {"dur (s)", true}, {"peak", true}, {"cost ($)", true},
                    {"exposure", true}},
                   rows, width, "");
  if (r.pareto.size() > rows.size())
    t += fmt::format("... {} more on the front (see --rows or --output csv)\n",
                     r.pareto.size() - rows.size());
  return t;
}

}  // namespace shiftsim::cli
