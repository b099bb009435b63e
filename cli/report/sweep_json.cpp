// The sweep as JSON, schema shiftsim.sweep/v1 (sweep_report.hpp).
#include "report/sweep_report.hpp"

#include <nlohmann/json.hpp>

namespace shiftsim::cli {

namespace {

nlohmann::json row_json(const SweepRow& r, std::size_t i) {
  nlohmann::json j;
  j["index"] = i;
  j["strategy"] = to_string(r.config.strategy);
  j["size"] = r.config.step ? nlohmann::json(size_text(r.config.step)) : nlohmann::json();
  j["wait_s"] = r.config.wait_s;
  j["termination_wait_s"] = r.config.termination_wait_s;
  j["rollback_batch"] = r.config.rollback_batch
                           ? nlohmann::json(size_text(r.config.rollback_batch))
                           : nlohmann::json();
  j["outcome"] = to_string(r.outcome);
  j["duration_s"] = to_seconds(r.duration);
  j["peak_instances"] = r.peak;
  j["instance_hours"] = r.instance_seconds / 3600.0;
  j["billed_instance_hours"] = r.billed_instance_seconds / 3600.0;
  j["cost_usd"] = r.cost_usd;
  j["exposure_traffic_s"] = r.exposure_traffic_s;
  j["escaped"] = r.escaped;
  j["min_bake_s"] = to_seconds(r.min_bake);
  j["feasible"] = r.feasible();
  j["violations"] = violations_text(r.violations);
  j["pareto"] = r.pareto;
  return j;
}

nlohmann::json limits_json(const SweepLimits& l) {
  nlohmann::json lim = nlohmann::json::object();
  if (l.max_duration) lim["max_duration_s"] = to_seconds(*l.max_duration);
  if (l.max_peak) lim["max_peak"] = *l.max_peak;
  if (l.max_cost_usd) lim["max_cost_usd"] = *l.max_cost_usd;
  if (l.min_bake) lim["min_bake_s"] = to_seconds(*l.min_bake);
  if (l.max_exposure) lim["max_exposure"] = *l.max_exposure;
  return lim;
}

}  // namespace

std::string sweep_json(const SweepResult& r, const SweepLimits& l, bool all_rows) {
  nlohmann::json j;
  j["schema"] = "shiftsim.sweep/v1";
  j["configs"] = r.rows.size();
  j["feasible"] = r.feasible;
  j["limits"] = limits_json(l);
  nlohmann::json front = nlohmann::json::array();
  for (const auto i : r.pareto) front.push_back(row_json(r.rows[i], i));
  j["pareto"] = front;
  if (all_rows) {
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < r.rows.size(); ++i) rows.push_back(row_json(r.rows[i], i));
    j["rows"] = rows;
  }
  return j.dump(1) + "\n";
}

}  // namespace shiftsim::cli
