// The sweep's rows as CSV, and the fields CSV, JSON and the table share (sweep_report.hpp).
#include "report/sweep_report.hpp"

#include "report/format.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

std::string size_text(const std::optional<CapacitySize>& s) {
  if (!s) return "";
  return s->type == CapacityType::capacity_percent ? fmt::format("{}%", s->value)
                                                   : fmt::format("{}", s->value);
}

std::string violations_text(std::uint8_t v) {
  std::string s;
  auto add = [&](std::uint8_t bit, const char* name) {
    if ((v & bit) == 0) return;
    if (!s.empty()) s += '|';
    s += name;
  };
  add(kViolTimeout, "timeout");
  add(kViolDuration, "max-duration");
  add(kViolPeak, "max-peak");
  add(kViolCost, "max-cost");
  add(kViolBake, "min-bake");
  add(kViolExposure, "max-exposure");
  add(kViolPTimeout, "max-p-timeout");
  add(kViolEscape, "escape");
  return s;
}

std::string sweep_rows_csv(const SweepResult& r) {
  std::string t;
  t.reserve(r.rows.size() * 220 + 300);
  t += "index,strategy,size,wait_s,termination_wait_s,rollback_batch,outcome,duration_s,"
       "peak_instances,instance_hours,billed_instance_hours,cost_usd,extra_cost_usd,"
       "exposure_traffic_s,escaped,min_bake_s,p50_s,p95_s,p99_s,timeout_s,p_timeout,p_rollback,"
       "p_escape,ranked_duration_s,feasible,violations,pareto\n";
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& x = r.rows[i];
    const auto& k = x.risk;
    // Full precision (shortest round-trip): the Pareto marks must be checkable from the file.
    // Risk figures are empty when they were not computed.
    const std::string risk =
        x.risk_known
            ? fmt::format("{},{},{},{},{},{},{}", k.p50_s, k.p95_s, k.p99_s,
                          k.timeout ? fmt::format("{}", to_seconds(*k.timeout)) : std::string(),
                          k.p_timeout, k.p_rollback, k.p_escape)
            : std::string(",,,,,,");
    t += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", i,
                     to_string(x.config.strategy), size_text(x.config.step), x.config.wait_s,
                     x.config.termination_wait_s, size_text(x.config.rollback_batch),
                     to_string(x.outcome), to_seconds(x.duration), x.peak,
                     x.instance_seconds / 3600.0, x.billed_instance_seconds / 3600.0,
                     cost_csv(x.cost_usd), cost_csv(x.extra_cost_usd), x.exposure_traffic_s,
                     x.escaped ? 1 : 0, to_seconds(x.min_bake), risk, x.ranked_duration_s,
                     x.feasible() ? 1 : 0,
                     violations_text(x.violations), x.pareto ? 1 : 0);
  }
  return t;
}

}  // namespace shiftsim::cli
