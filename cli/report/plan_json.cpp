// The plan as JSON, schema shiftsim.plan/v1 (plan_report.hpp).
#include "report/plan_report.hpp"

#include "sweep_options.hpp"

#include <nlohmann/json.hpp>

namespace shiftsim::cli {

namespace {

using nlohmann::json;

json pick_json(const SweepRow& pick, std::size_t index) {
  return {{"index", index},
          {"config", describe_config(pick.config)},
          {"strategy", to_string(pick.config.strategy)},
          {"duration_s", to_seconds(pick.duration)},
          {"peak_instances", pick.peak},
          {"cost_usd", pick.cost_usd},
          {"exposure_traffic_s", pick.exposure_traffic_s},
          {"escaped", pick.escaped}};
}

/// Where MaximumExecutionTimeoutInSeconds came from: given, or the Monte Carlo and its figures.
json timeout_json(const PlanReport& plan) {
  if (plan.timeout_source == TimeoutSource::given)
    return {{"timeout_s", plan.timeout_s}, {"source", "given"}};
  const MonteCarloSummary& ms = plan.montecarlo;
  return {{"timeout_s", plan.timeout_s},
          {"source", "montecarlo"},
          {"trials", ms.trials},
          {"seed", ms.seed},
          {"completion_p50_s", ms.completion_s.p50},
          {"completion_p99_s", ms.completion_s.p99},
          {"margin", kTimeoutMargin}};
}

json montecarlo_json(const MonteCarloSummary& ms) {
  return {{"trials", ms.trials},
          {"seed", ms.seed},
          {"completion_s",
           {{"p50", ms.completion_s.p50},
            {"p95", ms.completion_s.p95},
            {"p99", ms.completion_s.p99},
            {"max", ms.completion_s.max}}},
          {"duration_s",
           {{"p50", ms.duration_s.p50}, {"p95", ms.duration_s.p95}, {"p99", ms.duration_s.p99}}},
          {"p_rollback", ms.p_rollback},
          {"p_timeout", ms.p_timeout},
          {"cost_usd", {{"mean", ms.cost_usd.mean}, {"p95", ms.cost_usd.p95}}},
          {"recommended_timeout_s", ms.recommended_timeout_s}};
}

}  // namespace

std::string render_plan_json(const PlanReport& plan, Objective objective,
                             const std::vector<std::string>& explanation,
                             const Diagnostics& warnings, emit::Format format,
                             const emit::Rendered& request) {
  const std::size_t index = *plan.choice.pick;
  json j;
  j["schema"] = "shiftsim.plan/v1";
  j["feasible"] = true;
  j["objective"] = to_string(objective);
  j["configs"] = plan.sweep.rows.size();
  j["feasible_configs"] = plan.sweep.feasible;
  j["pick"] = pick_json(plan.sweep.rows[index], index);
  j["timeout"] = timeout_json(plan);
  j["montecarlo"] = montecarlo_json(plan.montecarlo);
  j["explanation"] = explanation;
  j["format"] = std::string(emit::format_name(format));
  j["request"] = request.text;
  json ws = json::array();
  for (const auto& w : warnings)
    ws.push_back({{"code", w.code}, {"path", w.path}, {"message", w.message}});
  for (const auto& w : request.warnings) ws.push_back({{"code", w.code}, {"message", w.message}});
  j["warnings"] = ws;
  return j.dump(2) + "\n";
}

std::string render_infeasible_plan_json(const PlanReport& plan,
                                        const std::vector<std::string>& explanation) {
  json j;
  j["schema"] = "shiftsim.plan/v1";
  j["feasible"] = false;
  j["configs"] = plan.sweep.rows.size();
  j["explanation"] = explanation;
  json limits = json::array();
  for (const auto& l : plan.choice.limits) {
    json x{{"flag", limit_flag(l.limit)},
           {"limit", l.limit_value},
           {"best_alone", l.best_alone},
           {"impossible", l.impossible}};
    x["best_with_others"] = l.best_with_others ? json(*l.best_with_others) : json();
    limits.push_back(x);
  }
  j["limits"] = limits;
  return j.dump(2) + "\n";
}

}  // namespace shiftsim::cli
