// A plan around the planner's pick: its Monte Carlo, timeout, risks and request (plan.hpp).
#include "shiftsim/plan.hpp"

#include "shiftsim/code_traits.hpp"
#include "shiftsim/emit.hpp"
#include "shiftsim/pricing.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/validate.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <stdexcept>

namespace shiftsim {

namespace {

aws::CapacitySizeShape shape_of(const CapacitySize& c) {
  return aws::CapacitySizeShape{to_string(c.type), static_cast<std::int32_t>(c.value)};
}

aws::RollingUpdatePolicy rolling_policy(const SweepConfig& c, std::int32_t timeout_s) {
  aws::RollingUpdatePolicy p;
  p.maximum_batch_size = shape_of(*c.step);
  p.wait_interval_in_seconds = c.wait_s;
  p.maximum_execution_timeout_in_seconds = timeout_s;
  if (c.rollback_batch) p.rollback_maximum_batch_size = shape_of(*c.rollback_batch);
  return p;
}

aws::BlueGreenUpdatePolicy blue_green_policy(const SweepConfig& c, std::int32_t timeout_s) {
  aws::BlueGreenUpdatePolicy p;
  p.traffic_routing_configuration.type = to_string(c.strategy);
  p.traffic_routing_configuration.wait_interval_in_seconds = c.wait_s;
  if (c.strategy == Strategy::canary) p.traffic_routing_configuration.canary_size = shape_of(*c.step);
  if (c.strategy == Strategy::linear)
    p.traffic_routing_configuration.linear_step_size = shape_of(*c.step);
  p.termination_wait_in_seconds = c.termination_wait_s;
  p.maximum_execution_timeout_in_seconds = timeout_s;
  return p;
}

/// The planned request must pass validation before anyone writes it; its warnings are the pick's.
Diagnostics check_planned_request(const aws::UpdateEndpointRequest& request,
                                  const FleetContext& fleet) {
  const auto as_json = emit::render(request, emit::Format::cli_input_json);
  const Diagnostics problems = validate_request(as_json.text, aws::Format::json, &fleet, "plan");
  Diagnostics warnings;
  for (const auto& d : problems) {
    if (d.severity == Severity::error)
      throw std::logic_error(
          fmt::format("the planned request does not validate: {}: {}", d.code, d.message));
    warnings.push_back(d);
  }
  return warnings;
}

/// The timeout of the planned request: the one in force, else the one the pick's row was judged
/// at (its exact P99 completion + 10%, rounded up to a minute, inside 600..28800).
void choose_timeout(const PlanRequest& req, const SweepRow& pick, PlanReport& out) {
  if (req.input.policy.timeout) {
    out.timeout_s = static_cast<std::int32_t>(*req.input.policy.timeout / kMsPerSecond);
    out.timeout_source = TimeoutSource::given;
    return;
  }
  out.timeout_s = pick.risk_known && pick.risk.timeout
                      ? static_cast<std::int32_t>(*pick.risk.timeout / kMsPerSecond)
                      : static_cast<std::int32_t>(recommended_timeout_s(to_seconds(pick.duration)));
  out.timeout_source = TimeoutSource::recommended;
}

/// The pick under the timing model, with the timeout its request will carry.
void run_pick_montecarlo(const PlanRequest& req, const SweepRow& pick, PlanReport& out) {
  SimulationInput in = apply_config(req.input, pick.config);
  in.policy.timeout = seconds(out.timeout_s);
  MonteCarloOptions mo;
  mo.trials = req.trials;
  mo.seed = req.seed;
  mo.threads = req.threads;
  out.montecarlo = run_montecarlo(in, req.model, mo).summary;
  out.montecarlo_warnings.clear();
  for (const auto& w : out.montecarlo.warnings)
    if (out.timeout_source == TimeoutSource::given ||
        !has_trait(w.code, CodeTrait::judges_given_timeout))
      out.montecarlo_warnings.push_back(w);
}

/// A pick whose measured P(timeout) misses the limit is infeasible: the next best is chosen.
bool reject_pick(const PlanRequest& req, PlanReport& out) {
  const std::size_t i = *out.choice.pick;
  out.rejected.push_back(RejectedPick{i, out.montecarlo.p_timeout, out.montecarlo.trials});
  SweepRow& row = out.sweep.rows[i];
  row.violations |= kViolPTimeout;
  out.sweep.feasible -= 1;
  out.sweep.pareto = mark_pareto(out.sweep.rows);
  out.choice = choose_plan(out.sweep, req.limits, req.objective);
  return out.choice.pick.has_value();
}

/// The risks of the pick under the timing model. Costs are at the median trial (every operation
/// at its median); the median of the whole run can be longer when many skewed operations add up.
void assess_risks(const PlanRequest& req, PlanReport& out) {
  const SweepRow& pick = out.sweep.rows[*out.choice.pick];
  const Quantiles& completion = out.montecarlo.completion_s;
  out.median_timings_optimistic = completion.p50 > 1.1 * to_seconds(pick.duration);
  out.p95_over_limit =
      req.limits.max_duration && completion.p95 > to_seconds(*req.limits.max_duration);
}

/// The pick's own warnings: what simulate() says of the planned config at the planned timeout,
/// then the planned request's validation warnings of codes simulate() did not raise (as
/// `simulate` merges them).
void collect_pick_warnings(const PlanRequest& req, const SweepRow& pick,
                           const Diagnostics& request_warnings, PlanReport& out) {
  SimulationInput in = apply_config(req.input, pick.config);
  in.policy.timeout = seconds(out.timeout_s);
  in.draws = TimingDraws{TimingDraws::Mode::median,
                         std::make_shared<const StochasticModel>(req.model), 0, 0, {}};
  const SimulationResult sim = simulate(in);
  out.pick_warnings = sim.warnings;
  for (const auto& w : request_warnings) {
    const bool raised = std::any_of(sim.warnings.begin(), sim.warnings.end(),
                                    [&w](const Diagnostic& d) { return d.code == w.code; });
    const bool listed = std::any_of(out.pick_warnings.begin(), out.pick_warnings.end(),
                                    [&w](const Diagnostic& d) { return d.message == w.message; });
    if (!raised && !listed) out.pick_warnings.push_back(w);
  }
}

}  // namespace

aws::UpdateEndpointRequest build_plan_request(const aws::UpdateEndpointRequest& base,
                                              const SweepConfig& c, std::int32_t timeout_s,
                                              bool& retain_dropped) {
  aws::UpdateEndpointRequest r = base;
  aws::DeploymentConfig dc;
  if (base.deployment_config)
    dc.auto_rollback_configuration = base.deployment_config->auto_rollback_configuration;
  if (c.strategy == Strategy::rolling) dc.rolling_update_policy = rolling_policy(c, timeout_s);
  else dc.blue_green_update_policy = blue_green_policy(c, timeout_s);
  r.deployment_config = dc;
  retain_dropped = r.retain_deployment_config.value_or(false);
  if (retain_dropped) r.retain_deployment_config.reset();
  return r;
}

PlanReport plan_deployment(const PlanRequest& req) {
  check_simulation_input(req.input);  // input errors surface here, once
  if (req.objective == Objective::cost) {  // unknown costs cannot be ranked (A12)
    const Diagnostics unknown = cost_unknown_errors(req.input, "the cost objective", "objective",
                                                      "plan by duration or exposure");
    if (!unknown.empty()) throw InputError(unknown);
  }
  SweepSpec spec = req.spec;
  spec.model = req.model;  // every config at its median trial, as simulate runs it
  PlanReport out;
  out.sweep = run_sweep(req.input, spec, req.limits, req.threads);
  out.choice = choose_plan(out.sweep, req.limits, req.objective);
  out.fixed_timings = has_fixed_timings(req.model);
  out.detection_delay = spec.detection_delay;
  // The pick, confirmed by its Monte Carlo at the timeout its request will carry.
  for (int tries = 0; out.choice.pick; ++tries) {
    const SweepRow& pick = out.sweep.rows[*out.choice.pick];
    choose_timeout(req, pick, out);
    run_pick_montecarlo(req, pick, out);
    out.p_timeout_confirmed = out.montecarlo.p_timeout <= req.limits.max_p_timeout;
    if (out.p_timeout_confirmed || tries + 1 >= kMaxPlanConfirmations) break;
    if (!reject_pick(req, out)) return out;
  }
  if (!out.choice.pick) return out;
  const SweepRow& pick = out.sweep.rows[*out.choice.pick];
  assess_risks(req, out);
  out.request = build_plan_request(req.request, pick.config, out.timeout_s,
                                   out.retain_deployment_config_dropped);
  collect_pick_warnings(req, pick, check_planned_request(out.request, req.fleet), out);
  return out;
}

}  // namespace shiftsim
