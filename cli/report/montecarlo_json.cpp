// The montecarlo report as JSON, schema shiftsim.montecarlo/v1 (montecarlo_report.hpp).
#include "report/montecarlo_report.hpp"

#include "report/format.hpp"

#include "shiftsim/assumptions.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace shiftsim::cli {

namespace {

using nlohmann::json;

json quantiles_json(const Quantiles& q) {
  return {{"p50", q.p50}, {"p90", q.p90}, {"p95", q.p95}, {"p99", q.p99},
          {"max", q.max}, {"mean", q.mean}, {"min", q.min}};
}

/// Cost quantiles: USD rounded to 6 decimals, or null each when unknown (A12).
json cost_quantiles_json(const CostQuantiles& q) {
  return {{"p50", cost_json<json>(q.p50, 6)}, {"p90", cost_json<json>(q.p90, 6)},
          {"p95", cost_json<json>(q.p95, 6)}, {"p99", cost_json<json>(q.p99, 6)},
          {"max", cost_json<json>(q.max, 6)}, {"mean", cost_json<json>(q.mean, 6)},
          {"min", cost_json<json>(q.min, 6)}};
}

json peaks_json(const MonteCarloSummary& s) {
  json peaks = json::array();
  for (const auto& [peak, count] : s.peak_distribution)
    peaks.push_back({{"peak_instances", peak},
                     {"trials", count},
                     {"share", static_cast<double>(count) / static_cast<double>(s.trials)}});
  return peaks;
}

json model_json(const StochasticModel& m, const SimulationInput& in) {
  json model;
  model["timing"] = describe_model(m, in);
  model["false_trip_per_bake"] = m.false_trip_per_bake;
  model["retry_probability"] = m.retry_probability;
  model["retry_delay_s"] = to_seconds(m.retry_delay);
  model["bad_version"] = m.bad_version;
  return model;
}

/// The recommended timeout and how it was computed.
void add_recommendation(const MonteCarloSummary& s, json& j) {
  j["recommended_timeout_s"] = s.recommended_timeout_s;
  j["recommendation"] = fmt::format(
      "P99 completion {} s + {}%, rounded up to {} s, clamped into [{}, {}]",
      fixed(s.completion_s.p99, 0), fixed(kTimeoutMargin * 100, 0), kTimeoutRoundS, kTimeoutMinS,
      kTimeoutMaxS);
  j["timeout_s"] = s.user_timeout ? json(to_seconds(*s.user_timeout)) : json();
}

}  // namespace

std::string render_montecarlo_json(const MonteCarloSummary& s, const StochasticModel& m,
                                   const SimulationInput& in, const Diagnostics& warnings,
                                   const std::string& endpoint) {
  json j;
  j["schema"] = "shiftsim.montecarlo/v1";
  j["trials"] = s.trials;
  j["seed"] = s.seed;
  j["strategy"] = to_string(in.policy.strategy);
  j["duration_s"] = quantiles_json(s.duration_s);
  j["completion_s"] = quantiles_json(s.completion_s);
  j["p_succeeded"] = s.p_succeeded;
  j["p_rollback"] = s.p_rollback;
  j["p_timeout"] = s.p_timeout;
  j["p_rollback_failed"] = s.p_rollback_failed;
  j["instance_hours"] = quantiles_json(s.instance_hours);
  j["billed_instance_hours"] = quantiles_json(s.billed_instance_hours);
  j["cost_usd"] = cost_quantiles_json(s.cost_usd);
  j["extra_cost_usd"] = cost_quantiles_json(s.extra_cost_usd);
  j["unpriced_types"] = s.unpriced_types;
  j["exposure_traffic_s"] = quantiles_json(s.exposure_traffic_s);
  j["p_escape"] = s.p_escape;
  j["peak_instances"] = peaks_json(s);
  add_recommendation(s, j);
  json ws = json::array();
  for (const auto& w : warnings)
    ws.push_back({{"code", w.code}, {"path", w.path}, {"message", w.message}});
  j["warnings"] = ws;
  j["model"] = model_json(m, in);
  json as = json::object();
  for (const auto& a : assumption_values(in, m, false)) as[a.name] = a.value;
  j["assumptions"] = as;
  j["endpoint_name"] = endpoint;
  return j.dump(2) + "\n";
}

}  // namespace shiftsim::cli
