#pragma once
// A plan: the sweep of a grid (sweep.hpp, every row with its risk figures), the pick under an
// objective and limits (plan_choice.hpp), the timeout to send (the one in force, else the
// recommended one: the pick's exact P99 completion + 10%, the same the sweep row was judged at),
// a Monte Carlo of the pick run with that timeout (montecarlo.hpp) whose measured P(timeout) must
// meet the limit too, the pick's own warnings, and the UpdateEndpoint request that carries the
// pick, validated. Everything as values; callers word and render it.
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
  given,        ///< the one in force (the request's, or the caller's override)
  recommended,  ///< recommended_timeout_s() of the pick's exact P99 completion (risk.hpp)
};

/// How many picks the plan tries when a pick's Monte Carlo measures a P(timeout) above the limit
/// (the exact figure met it; sampling or a capped timeout can still disagree).
inline constexpr int kMaxPlanConfirmations = 5;

/// A pick whose Monte Carlo measured a P(timeout) above the limit: marked infeasible
/// (kViolPTimeout) and the next best tried.
struct RejectedPick {
  std::size_t row = 0;
  double measured_p_timeout = 0;
  std::uint64_t trials = 0;
};

struct PlanReport {
  SweepResult sweep;
  PlanChoice choice;
  std::vector<RejectedPick> rejected;  ///< in the order they were tried
  SimTime detection_delay = 0;         ///< the bad version's, for the rows' P(escape)
  // --- The rest is set only when there is a pick.
  /// The pick under the timing model, every trial with timeout_s in force.
  MonteCarloSummary montecarlo;
  /// has_fixed_timings(model): every trial (no trip) takes the pick's planned duration.
  bool fixed_timings = false;
  std::int32_t timeout_s = 0;  ///< MaximumExecutionTimeoutInSeconds of the planned request
  TimeoutSource timeout_source = TimeoutSource::given;
  /// The Monte Carlo's warnings the plan keeps (W_TIMEOUT_BELOW_RECOMMENDED is dropped when the
  /// plan sets the recommended timeout itself).
  Diagnostics montecarlo_warnings;
  /// The pick's own warnings: simulate() of the planned config (e.g. W_BAKE_SHORTER_THAN_ALARM,
  /// W_ZERO_BAKE_WITH_ALARMS) and the validation of the planned request, once per code and path.
  Diagnostics pick_warnings;
  /// W_PLAN_MEDIAN_TIMINGS_OPTIMISTIC: costs are at the median trial, but the pick's Monte Carlo
  /// median completion is more than 10% longer than its median trial.
  bool median_timings_optimistic = false;
  /// The pick's measured P(timeout) meets limits.max_p_timeout (false only when
  /// kMaxPlanConfirmations picks in a row did not: the last one is kept, with a warning).
  bool p_timeout_confirmed = true;
  /// W_PLAN_P95_OVER_LIMIT: the pick's P95 completion measured by its Monte Carlo runs past
  /// limits.max_duration (the pick met the limit at the limits' quantile).
  bool p95_over_limit = false;
  /// The input request with the pick as its DeploymentConfig and timeout_s; validated.
  aws::UpdateEndpointRequest request;
  /// The input request had RetainDeploymentConfig=true: the planned request drops it, or
  /// SageMaker would reuse the old DeploymentConfig.
  bool retain_deployment_config_dropped = false;
};

/// Runs the plan: checks the input (InputError, as simulate() throws; E_COST_UNKNOWN for the cost
/// objective or a cost limit when an instance type has no price), sweeps, chooses, and with a
/// pick runs its Monte Carlo at the planned timeout (a measured P(timeout) above the limit
/// rejects the pick: at most kMaxPlanConfirmations picks are tried), collects the pick's
/// warnings and builds the request. Throws std::logic_error when the planned request fails
/// validation (a bug: the grid holds only valid configs).
[[nodiscard]] PlanReport plan_deployment(const PlanRequest& request);

/// The input request with `config` as its DeploymentConfig (the input's alarms kept) and
/// `timeout_s` as MaximumExecutionTimeoutInSeconds; every other member of the input request is
/// kept as it was, but RetainDeploymentConfig=true, which is dropped (`retain_dropped` says so).
/// The config's rollback batch is the sweep's (the input request's when it was not swept).
[[nodiscard]] aws::UpdateEndpointRequest build_plan_request(const aws::UpdateEndpointRequest& base,
                                                            const SweepConfig& config,
                                                            std::int32_t timeout_s,
                                                            bool& retain_dropped);

}  // namespace shiftsim
