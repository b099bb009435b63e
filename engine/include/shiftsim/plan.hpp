#pragma once
// A plan: the sweep of a grid (sweep.hpp), the pick under an objective and limits
// (plan_choice.hpp), the pick's spread under the timing model (a Monte Carlo of it,
// montecarlo.hpp), the timeout to send (the one in force, else the Monte Carlo's recommendation:
// P99 completion + 10%), the risks worth a warning, and the UpdateEndpoint request that carries
// the pick, validated. Everything as values; callers word and render it.
#include "shiftsim/aws.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/plan_choice.hpp"
#include "shiftsim/resolve.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/sweep.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace shiftsim {

struct PlanRequest {
  /// The update to plan, resolved (assemble_run_inputs()), with the caller's overrides applied
  /// (its timeout in force, if any, is kept in the planned request).
  SimulationInput input;
  StochasticModel model;  ///< the timing model: every config runs its median trial
  aws::UpdateEndpointRequest request;  ///< as given: names, alarms, retention flags are kept
  FleetContext fleet;                  ///< the planned request is validated against it
  SweepSpec spec;                      ///< the grid (spec.model is set to `model`)
  SweepLimits limits;
  Objective objective = Objective::cost;
  int threads = 0;                     ///< 0: all cores; results do not depend on it
  std::uint64_t trials = 100'000;      ///< Monte Carlo trials of the pick
  std::uint64_t seed = 1;
};

/// Where MaximumExecutionTimeoutInSeconds of the planned request comes from.
enum class TimeoutSource {
  given,       ///< the one in force (the request's, or the caller's override)
  montecarlo,  ///< P99 completion of the pick's Monte Carlo + 10% (kTimeoutMargin)
};

struct PlanReport {
  SweepResult sweep;
  PlanChoice choice;
  // --- The rest is set only when there is a pick.
  MonteCarloSummary montecarlo;  ///< the pick under the timing model (the timeout in force)
  /// has_fixed_timings(model): every trial (no trip) takes the pick's planned duration.
  bool fixed_timings = false;
  std::int32_t timeout_s = 0;  ///< MaximumExecutionTimeoutInSeconds of the planned request
  TimeoutSource timeout_source = TimeoutSource::given;
  /// The Monte Carlo's warnings the plan keeps (W_TIMEOUT_BELOW_RECOMMENDED is dropped when the
  /// plan sets the recommended timeout itself).
  Diagnostics montecarlo_warnings;
  /// W_PLAN_MEDIAN_TIMINGS_OPTIMISTIC: configs are ranked by their median trial, but the pick's
  /// Monte Carlo median completion is more than 10% longer than its median trial.
  bool median_timings_optimistic = false;
  /// W_PLAN_P95_OVER_LIMIT: the pick's median trial meets limits.max_duration, its P95
  /// completion does not.
  bool p95_over_limit = false;
  /// The input request with the pick as its DeploymentConfig and timeout_s; validated.
  aws::UpdateEndpointRequest request;
  /// The input request had RetainDeploymentConfig=true: the planned request drops it, or
  /// SageMaker would reuse the old DeploymentConfig.
  bool retain_deployment_config_dropped = false;
};

/// Runs the plan: checks the input (InputError, as simulate() throws), sweeps, chooses, and with a
/// pick runs its Monte Carlo and builds the request. Throws std::logic_error when the planned
/// request fails validation (a bug: the grid holds only valid configs).
[[nodiscard]] PlanReport plan_deployment(const PlanRequest& request);

/// The input request with `config` as its DeploymentConfig (the input's alarms kept) and
/// `timeout_s` as MaximumExecutionTimeoutInSeconds; RetainDeploymentConfig=true is dropped
/// (`retain_dropped` says so).
[[nodiscard]] aws::UpdateEndpointRequest build_plan_request(const aws::UpdateEndpointRequest& base,
                                                            const SweepConfig& config,
                                                            std::int32_t timeout_s,
                                                            bool& retain_dropped);

}  // namespace shiftsim
