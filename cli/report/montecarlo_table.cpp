// The montecarlo report as a table with a text histogram (montecarlo_report.hpp).
#include "diagnostics_output.hpp"
#include "report/montecarlo_report.hpp"

#include "report/format.hpp"
#include "report/text_grid.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace shiftsim::cli {

namespace {

std::string model_lines(const StochasticModel& m, const SimulationInput& in) {
  std::string t = fmt::format("model: {}\n", describe_model(m, in));
  if (m.false_trip_per_bake > 0)
    t += fmt::format("false alarms: {} per bake\n", m.false_trip_per_bake);
  if (m.retry_probability > 0)
    t += fmt::format("capacity retries: p={} delay {} s\n", m.retry_probability,
                     seconds_text(m.retry_delay));
  if (m.bad_version) t += "bad version: an alarm fires a detection delay after first traffic\n";
  return t;
}

/// The cost row: the quantiles in dollars, or one "unknown (no price for TYPE)" (A12).
/// A cost row in `lw` + 6 x `cw` columns: the amounts, or once "unknown (no price for TYPE)"
/// (A12: the quantiles of a cost are all unknown when one trial's is).
void cost_row(std::string& t, const char* name, const CostQuantiles& q,
              const UnpricedTypes& unpriced, int lw, int cw) {
  t += fmt::format("{:<{}}", name, lw);
  if (!q.p50.known()) {
    t += fmt::format("{:>{}}{}\n", "", cw, unknown_cost_text(unpriced));
    return;
  }
  for (Cost v : {q.p50, q.p90, q.p95, q.p99, q.max, q.mean})
    t += fmt::format("{:>{}}", cost_csv(v, 2), cw);
  t += "\n";
}

/// Quantiles per figure, then the probabilities and the recommended timeout.
/// `narrow`: 21 + 6 x 9 = 75 columns instead of 22 + 6 x 10 = 82.
std::string quantile_lines(const MonteCarloSummary& s, bool bad_version, bool narrow) {
  const int lw = narrow ? 21 : 22, cw = narrow ? 9 : 10;
  std::string t = fmt::format("{:<{}}", "", lw);
  for (const char* h : {"P50", "P90", "P95", "P99", "max", "mean"})
    t += fmt::format("{:>{}}", h, cw);
  t += "\n";
  auto row = [&](const char* name, const Quantiles& q, int decimals) {
    t += fmt::format("{:<{}}", name, lw);
    for (double v : {q.p50, q.p90, q.p95, q.p99, q.max, q.mean})
      t += fmt::format("{:>{}}", fixed(v, decimals), cw);
    t += "\n";
  };
  row("duration (s)", s.duration_s, 0);
  row("completion (s)", s.completion_s, 0);
  row("instance-hours", s.instance_hours, 1);
  row("billed inst-hours", s.billed_instance_hours, 1);
  cost_row(t, "cost (USD)", s.cost_usd, s.unpriced_types, lw, cw);
  cost_row(t, "extra cost (USD)", s.extra_cost_usd, s.unpriced_types, lw, cw);
  if (bad_version) row("exposure (traffic-s)", s.exposure_traffic_s, 0);
  t += fmt::format("\nP(succeeded) {}   P(rollback) {}   P(timeout) {}\n", fixed(s.p_succeeded, 4),
                   fixed(s.p_rollback, 4), fixed(s.p_timeout, 4));
  if (bad_version)
    t += fmt::format("P(escape: detected only after the last bake) {}\n", fixed(s.p_escape, 4));
  t += fmt::format("recommended MaximumExecutionTimeoutInSeconds: {} (P99 completion {} s + 10%, "
                   "rounded up to a minute, inside 600..28800){}\n",
                   s.recommended_timeout_s, fixed(s.completion_s.p99, 0),
                   s.user_timeout ? fmt::format("; yours: {}", seconds_text(*s.user_timeout))
                                  : std::string("; the request sets none"));
  return t;
}

std::string histogram_lines(const MonteCarloResult& r, int bins) {
  std::string t = "\nduration histogram (s):\n";
  const auto h = histogram_ms(r.figures.duration_ms, bins);
  std::uint64_t most = 1;
  for (const auto& b : h) most = std::max(most, b.count);
  for (const auto& b : h) {
    const auto len = static_cast<std::size_t>(
        std::llround(40.0 * static_cast<double>(b.count) / static_cast<double>(most)));
    t += fmt::format("  {:>8} - {:<8} {:<40} {}\n", fixed(b.lo, 0), fixed(b.hi, 0),
                     std::string(len, '#'), b.count);
  }
  return t;
}

std::string peak_lines(const MonteCarloSummary& s) {
  std::string t = "\npeak instances:\n";
  for (const auto& [peak, count] : s.peak_distribution)
    t += fmt::format("  {:>6}  {:>7}%  ({} trials)\n", peak,
                     fixed(100.0 * static_cast<double>(count) / static_cast<double>(s.trials), 3),
                     count);
  return t;
}

}  // namespace

std::string describe_model(const StochasticModel& m, const SimulationInput& in) {
  auto dist = [](const DurationDist& d) {
    if (d.kind == DurationDist::Kind::fixed)
      return fmt::format("fixed {} s", seconds_text(d.fixed));
    return fmt::format("lognormal p50 {} s p95 {} s per {}", trim_number(d.p50_s, 3),
                       trim_number(d.p95_s, 3),
                       d.per_instance ? "instance (batch = slowest)" : "batch");
  };
  std::string s = "provision: " + dist(m.provision);
  for (const auto& [k, d] : m.provision_by_type) s += fmt::format("; {}: {}", k, dist(d));
  s += "; terminate: " + dist(m.terminate);
  s += fmt::format("; activation: fixed {} s", seconds_text(in.timing.activation));
  return s;
}

std::string render_montecarlo_table(const MonteCarloResult& r, const StochasticModel& m,
                                    const SimulationInput& in, const Diagnostics& warnings,
                                    int bins, const std::string& endpoint, std::size_t width) {
  const auto& s = r.summary;
  std::string t = fmt::format("Monte Carlo: {} trials, seed {}, {}{}\n", s.trials, s.seed,
                              to_string(in.policy.strategy),
                              endpoint.empty() ? "" : fmt::format(", endpoint {}", endpoint));
  t += model_lines(m, in) + "\n";
  t += quantile_lines(s, m.bad_version, width > 0 && width < 82);
  t += histogram_lines(r, bins);
  t += peak_lines(s);
  if (!warnings.empty()) {
    t += "\nwarnings:\n";
    for (const auto& w : warnings) t += "  " + diagnostic_text(w) + "\n";
  }
  return fit_prose(t, width);
}

}  // namespace shiftsim::cli
