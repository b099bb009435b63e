// The montecarlo report as CSV: one row per trial, or the summary (montecarlo_report.hpp).
#include "report/montecarlo_report.hpp"

#include "report/format.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

namespace {

std::string summary_csv(const MonteCarloSummary& s) {
  std::string t = "metric,p50,p90,p95,p99,max,mean\n";
  auto row = [&](const char* n, const Quantiles& q) {
    t += fmt::format("{},{},{},{},{},{},{}\n", n, q.p50, q.p90, q.p95, q.p99, q.max, q.mean);
  };
  row("duration_s", s.duration_s);
  row("completion_s", s.completion_s);
  row("instance_hours", s.instance_hours);
  row("billed_instance_hours", s.billed_instance_hours);
  auto cost_row = [&](const char* n, const CostQuantiles& c) {  // null when unknown (A12)
    t += fmt::format("{},{},{},{},{},{},{}\n", n, cost_csv(c.p50), cost_csv(c.p90),
                     cost_csv(c.p95), cost_csv(c.p99), cost_csv(c.max), cost_csv(c.mean));
  };
  cost_row("cost_usd", s.cost_usd);
  cost_row("extra_cost_usd", s.extra_cost_usd);
  row("exposure_traffic_s", s.exposure_traffic_s);
  t += fmt::format("p_rollback,{},,,,,\np_timeout,{},,,,,\np_escape,{},,,,,\n"
                   "recommended_timeout_s,{},,,,,\n",
                   s.p_rollback, s.p_timeout, s.p_escape, s.recommended_timeout_s);
  return t;
}

}  // namespace

std::string render_montecarlo_csv(const MonteCarloResult& r, const std::string& mode) {
  if (mode == "summary") return summary_csv(r.summary);
  const auto& f = r.figures;
  std::string t;
  t.reserve(f.size() * 64);
  t += "trial,outcome,duration_s,completion_s,peak_instances,instance_hours,"
       "billed_instance_hours,cost_usd,exposure_traffic_s,escaped\n";
  for (std::size_t i = 0; i < f.size(); ++i)
    t += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", i,
                     to_string(static_cast<Outcome>(f.outcome[i])), f.duration_ms[i] / 1000.0,
                     f.completion_ms[i] / 1000.0, f.peak[i],
                     fixed(static_cast<double>(f.instance_seconds[i]) / 3600.0, 4),
                     fixed(static_cast<double>(f.billed_instance_seconds[i]) / 3600.0, 4),
                     cost_csv(Cost(f.cost_usd[i]), 4),
                     fixed(static_cast<double>(f.exposure_traffic_s[i]), 1),
                     static_cast<int>(f.escaped[i]));
  return t;
}

}  // namespace shiftsim::cli
