// The sweep as JSON, schema shiftsim.sweep/v2 (sweep_report.hpp; docs/schema-changelog.md).
#include "report/sweep_report.hpp"

#include "report/format.hpp"

#include <nlohmann/json.hpp>

namespace shiftsim::cli {

namespace {

using nlohmann::json;

json risk_json(const SweepRow& r) {
  if (!r.risk_known) return json();
  const RiskFigures& k = r.risk;
  return {{"completion_s", {{"p50", k.p50_s}, {"p95", k.p95_s}, {"p99", k.p99_s}}},
          {"timeout_s", k.timeout ? json(to_seconds(*k.timeout)) : json()},
          {"timeout_recommended", k.timeout_recommended},
          {"p_timeout", k.p_timeout},
          {"p_rollback", k.p_rollback},
          {"p_escape", k.p_escape}};
}

json limits_json(const SweepLimits& l) {
  json lim = json::object();
  if (l.max_duration) lim["max_duration_s"] = to_seconds(*l.max_duration);
  lim["duration_quantile"] = to_string(l.duration_quantile);
  if (l.max_peak) lim["max_peak"] = *l.max_peak;
  if (l.max_cost_usd) lim["max_extra_cost_usd"] = *l.max_cost_usd;
  if (l.min_bake) lim["min_bake_s"] = to_seconds(*l.min_bake);
  if (l.max_exposure) lim["max_exposure"] = *l.max_exposure;
  lim["max_p_timeout"] = l.max_p_timeout;
  lim["allow_escape"] = l.allow_escape;
  return lim;
}

}  // namespace

json sweep_row_json(const SweepRow& r, std::size_t i) {
  json j;
  j["index"] = i;
  j["strategy"] = to_string(r.config.strategy);
  j["size"] = r.config.step ? json(size_text(r.config.step)) : json();
  j["wait_s"] = r.config.wait_s;
  j["termination_wait_s"] = r.config.termination_wait_s;
  j["rollback_batch"] = r.config.rollback_batch ? json(size_text(r.config.rollback_batch)) : json();
  j["outcome"] = to_string(r.outcome);
  j["duration_s"] = to_seconds(r.duration);
  j["peak_instances"] = r.peak;
  j["instance_hours"] = r.instance_seconds / 3600.0;
  j["billed_instance_hours"] = r.billed_instance_seconds / 3600.0;
  j["cost_usd"] = cost_json<json>(r.cost_usd);  // null when unknown (A12)
  j["extra_cost_usd"] = cost_json<json>(r.extra_cost_usd);
  j["exposure_traffic_s"] = r.exposure_traffic_s;
  j["escaped"] = r.escaped;
  j["min_bake_s"] = to_seconds(r.min_bake);
  j["risk"] = risk_json(r);
  j["ranked_duration_s"] = r.ranked_duration_s;
  j["feasible"] = r.feasible();
  j["violations"] = violations_text(r.violations);
  j["pareto"] = r.pareto;
  return j;
}

std::string sweep_json(const SweepResult& r, const SweepLimits& l, bool all_rows) {
  json j;
  j["schema"] = "shiftsim.sweep/v2";
  j["configs"] = r.rows.size();
  j["feasible"] = r.feasible;
  j["limits"] = limits_json(l);
  j["unpriced_types"] = r.unpriced_types;
  json front = json::array();
  for (const auto i : r.pareto) front.push_back(sweep_row_json(r.rows[i], i));
  j["pareto"] = front;
  if (all_rows) {
    json rows = json::array();
    for (std::size_t i = 0; i < r.rows.size(); ++i) rows.push_back(sweep_row_json(r.rows[i], i));
    j["rows"] = rows;
  }
  return j.dump(1) + "\n";
}

}  // namespace shiftsim::cli
