// A plan around the planner's pick: its Monte Carlo, timeout, risks and request (plan.hpp).
#include "shiftsim/plan.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/emit.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/validate.hpp"

#include <fmt/core.h>

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

/// The planned request must pass validation before anyone writes it.
void check_planned_request(const aws::UpdateEndpointRequest& request, const FleetContext& fleet) {
  const auto as_json = emit::render(request, emit::Format::cli_input_json);
  const Diagnostics problems = validate_request(as_json.text, aws::Format::json, &fleet, "plan");
  for (const auto& d : problems)
    if (d.severity == Severity::error)
      throw std::logic_error(
          fmt::format("the planned request does not validate: {}: {}", d.code, d.message));
}

/// The timeout of the planned request: the one in force, else the Monte Carlo's recommendation
/// for the pick (P99 completion + 10%; with fixed timings every trial equals the planned
/// duration). Keeps the Monte Carlo's warnings that still apply.
void choose_timeout(const PlanRequest& req, PlanReport& out) {
  const MonteCarloSummary& ms = out.montecarlo;
  if (req.input.policy.timeout) {
    out.timeout_s = static_cast<std::int32_t>(*req.input.policy.timeout / kMsPerSecond);
    out.timeout_source = TimeoutSource::given;
    out.montecarlo_warnings = ms.warnings;
    return;
  }
  out.timeout_s = static_cast<std::int32_t>(ms.recommended_timeout_s);
  out.timeout_source = TimeoutSource::montecarlo;
  for (const auto& w : ms.warnings)
    if (w.code != warning_code::timeout_below_recommended) out.montecarlo_warnings.push_back(w);
}

/// The risks of the pick under the timing model. Sweep and plan rank configs by their median
/// trial (every operation at its median); the median of the whole run can be longer when many
/// skewed operations add up.
void assess_risks(const PlanRequest& req, PlanReport& out) {
  const SweepRow& pick = out.sweep.rows[*out.choice.pick];
  const Quantiles& completion = out.montecarlo.completion_s;
  out.median_timings_optimistic = completion.p50 > 1.1 * to_seconds(pick.duration);
  out.p95_over_limit =
      req.limits.max_duration && completion.p95 > to_seconds(*req.limits.max_duration);
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
  SweepSpec spec = req.spec;
  spec.model = req.model;  // every config at its median trial, as simulate runs it
  PlanReport out;
  out.sweep = run_sweep(req.input, spec, req.limits, req.threads);
  out.choice = choose_plan(out.sweep, req.limits, req.objective);
  if (!out.choice.pick) return out;

  // The pick under the timing model (the timeout in force, if any).
  const SweepRow& pick = out.sweep.rows[*out.choice.pick];
  MonteCarloOptions mo;
  mo.trials = req.trials;
  mo.seed = req.seed;
  mo.threads = req.threads;
  out.montecarlo = run_montecarlo(apply_config(req.input, pick.config), req.model, mo).summary;
  out.fixed_timings = has_fixed_timings(req.model);
  choose_timeout(req, out);
  assess_risks(req, out);
  out.request = build_plan_request(req.request, pick.config, out.timeout_s,
                                   out.retain_deployment_config_dropped);
  check_planned_request(out.request, req.fleet);
  return out;
}

}  // namespace shiftsim
