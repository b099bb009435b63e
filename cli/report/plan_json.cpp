// The plan as JSON, schema shiftsim.plan/v2 (plan_report.hpp; docs/schema-changelog.md).
#include "report/plan_report.hpp"

#include "report/format.hpp"
#include "report/sweep_report.hpp"
#include "sweep_options.hpp"

#include <nlohmann/json.hpp>

namespace shiftsim::cli {

namespace {

using nlohmann::json;

json pick_json(const SweepRow& pick, std::size_t index) {
  json j = sweep_row_json(pick, index);
  j["config"] = describe_config(pick.config);
  return j;
}

/// Where MaximumExecutionTimeoutInSeconds came from: given, or recommended from the pick's
/// exact P99 completion; and what the Monte Carlo measured with it.
json timeout_json(const PlanReport& plan) {
  const SweepRow& pick = plan.sweep.rows[*plan.choice.pick];
  json j{{"timeout_s", plan.timeout_s},
         {"source", plan.timeout_source == TimeoutSource::given ? "given" : "recommended"},
         {"measured_p_timeout", plan.montecarlo.p_timeout},
         {"trials", plan.montecarlo.trials},
         {"seed", plan.montecarlo.seed}};
  if (plan.timeout_source == TimeoutSource::recommended) {
    j["completion_p99_s"] = pick.risk_known ? pick.risk.p99_s : to_seconds(pick.duration);
    j["margin"] = kTimeoutMargin;
    j["capped"] = j["completion_p99_s"].get<double>() * (1.0 + kTimeoutMargin) >
                  static_cast<double>(kTimeoutMaxS);
  }
  return j;
}

json montecarlo_json(const MonteCarloSummary& ms, std::int32_t timeout_s) {
  return {{"trials", ms.trials},
          {"seed", ms.seed},
          {"timeout_s", timeout_s},
          {"completion_s",
           {{"p50", ms.completion_s.p50},
            {"p95", ms.completion_s.p95},
            {"p99", ms.completion_s.p99},
            {"max", ms.completion_s.max}}},
          {"duration_s",
           {{"p50", ms.duration_s.p50}, {"p95", ms.duration_s.p95}, {"p99", ms.duration_s.p99}}},
          {"p_rollback", ms.p_rollback},
          {"p_timeout", ms.p_timeout},
          {"cost_usd",
           {{"mean", cost_json<json>(ms.cost_usd.mean, 6)},
            {"p95", cost_json<json>(ms.cost_usd.p95, 6)}}},
          {"extra_cost_usd",
           {{"mean", cost_json<json>(ms.extra_cost_usd.mean, 6)},
            {"p95", cost_json<json>(ms.extra_cost_usd.p95, 6)}}},
          {"recommended_timeout_s", ms.recommended_timeout_s}};
}

json rejected_json(const PlanReport& plan) {
  json out = json::array();
  for (const auto& r : plan.rejected)
    out.push_back({{"index", r.row},
                   {"config", describe_config(plan.sweep.rows[r.row].config)},
                   {"measured_p_timeout", r.measured_p_timeout},
                   {"trials", r.trials}});
  return out;
}

}  // namespace

std::string render_plan_json(const PlanReport& plan, Objective objective,
                             const std::vector<std::string>& explanation,
                             const Diagnostics& warnings, emit::Format format,
                             const emit::Rendered& request) {
  const std::size_t index = *plan.choice.pick;
  json j;
  j["schema"] = "shiftsim.plan/v2";
  j["feasible"] = true;
  j["objective"] = to_string(objective);
  j["configs"] = plan.sweep.rows.size();
  j["feasible_configs"] = plan.sweep.feasible;
  j["unpriced_types"] = plan.sweep.unpriced_types;
  j["pick"] = pick_json(plan.sweep.rows[index], index);
  j["timeout"] = timeout_json(plan);
  j["detection_delay_s"] = to_seconds(plan.detection_delay);
  j["montecarlo"] = montecarlo_json(plan.montecarlo, plan.timeout_s);
  j["rejected"] = rejected_json(plan);
  j["explanation"] = explanation;
  // The request as an object (UpdateEndpointInput, as --cli-input-json takes it); the text in
  // the chosen format beside it.
  j["request"] = json::parse(emit::render(plan.request, emit::Format::cli_input_json).text);
  j["format"] = std::string(emit::format_name(format));
  j["request_text"] = request.text;
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
  j["schema"] = "shiftsim.plan/v2";
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
  j["rejected"] = rejected_json(plan);
  return j.dump(2) + "\n";
}

}  // namespace shiftsim::cli
