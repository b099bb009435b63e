#pragma once
// The discrete-event simulation of one UpdateEndpoint (engine contract, default model).
//
//   SimulationResult simulate(const SimulationInput&);        // everything, for reports
//   RunFigures simulate_figures(const SimulationInput&, SimulationWorkspace&);  // planning runs
//
// Both run the SAME event machinery (one code path; simulate() merely turns recording on), so
// their figures always agree. simulate_figures() builds no strings and, once its workspace has
// been used on a plan of the same shape, performs no heap allocation.
//
// Readings this implementation fixes where the contract leaves room (see also the report):
// - Variants share every phase boundary; one provisioning / termination / shift operation covers
//   all variants at once (schedule.hpp); a timed operation lasts as long as its slowest part,
//   each part timed by its own draw (amendment A1).
// - Traffic across variants: the old fleet of variant v carries (1 - f_v) * w_old_v / sum(w_old)
//   of the endpoint's traffic and its new fleet f_v * w_new_v / sum(w_new), where f_v is the
//   strategy's split inside the variant (f_v = new_active / N_v; canary_traffic=blue_stays_active:
//   C / (C + N_old)). Sums run over variants with a fleet on that side. new_traffic_pct is
//   100 * sum_v f_v * w_new_v / sum(w_new): the percentage of whole-endpoint traffic on new
//   instances (a Step row shows its own variant's term of that sum).
// - old_active follows the new fleet: N_old - floor(new_active * N_old / N) (capped at the old
//   instances running), i.e. "the same size portion of the blue fleet" scaled when N_old != N.
// - A trip (any kind) takes effect at the start of the first bake that starts at or after it, or
//   at once inside a bake [start, end). alarms_outside_bake=true: at once, if before the end of
//   the last bake. A trip after the last bake ended does nothing (the update is past the point
//   where SageMaker rolls back) under both settings.
// - Trip::after_new_traffic: detection delay counted from the start of the first SHIFT that puts
//   traffic on new instances.
// - billing=aws_note (the default, amendment A2) changes billed_instance_seconds and cost_usd only
//   (instance_seconds stay physical): for ALL_AT_ONCE whose bakes all have zero length (T = 0;
//   with all_at_once_uses_wait=true also W = 0), each variant bills only the fleet that carries
//   its traffic: old until the flip, new from it, old again from a rollback's flip back.
// - Rolling traffic inside a variant (amendment A11): f_v = new_active / (new_active +
//   old_active), 100% once no old instance is active (a_k / N when N_old = N). Blue/green keeps
//   f_v = new_active / N.
// - An exclusion fallback (DeploymentPolicy::fallback, A4): alarms never roll back (a trip does
//   nothing, W_TRIP_IGNORED); the timeout is timeout_in_force().
// - Serverless sides (A5) have no instances: 0 in running, serving and peak, no instance cost;
//   a serverless new side carries its variant's traffic from the full shift.
// - Rolling rollback: m = max(ceil(new running / R), ceil(missing old / R)) steps (the second
//   term only matters when N_old > N; it guarantees the old fleet is whole again).
// - UPDATE_ROLLBACK_FAILED (rolling only): SimulationInput::rollback_fault stops a rolling
//   rollback that is not done `rollback_fault` after it started; operations in flight are
//   abandoned (one ending exactly then completes), duration ends there, status UpdateRollbackFailed.
#include "shiftsim/codes.hpp"  // warning_code::, the codes simulate() raises
#include "shiftsim/cost.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/result.hpp"

#include <memory>
#include <optional>

namespace shiftsim {

/// The figures of one run, for planning (montecarlo, sweep, plan). Same meaning as Summary.
struct RunFigures {
  Outcome outcome = Outcome::succeeded;
  SimTime duration = 0;                ///< request to the end of the update or of the rollback
  int peak_instances = 0;
  int min_serving_instances = 0;
  double instance_seconds = 0.0;
  double extra_instance_seconds = 0.0; ///< instance_seconds - N_old_total * duration
  double billed_instance_seconds = 0.0;  ///< the instance-seconds cost_usd prices (A2)
  Cost cost_usd;                       ///< billed instance-seconds priced per instance type
  Cost extra_cost_usd;                 ///< cost_usd - cost of N_old running for `duration`
  double exposure_traffic_s = 0.0;     ///< see Summary::exposure_traffic_s
  bool escaped = false;                ///< see Summary::escaped
  std::optional<SimTime> trip_applied_at;  ///< when the injected trip took effect
  std::optional<SimTime> rollback_start;   ///< trip or timeout instant that began the rollback
  std::optional<SimTime> back_to_old;      ///< end of the rollback shift restoring 100% old
  int rollback_peak_instances = 0;         ///< peak running from rollback_start on (0: none)
  SimTime min_bake = 0;                    ///< shortest bake of the success schedule
};

/// Reusable scratch storage for simulate_figures(): one per thread. Cheap to keep; not shareable
/// between threads at the same time. Movable, not copyable.
class SimulationWorkspace {
 public:
  SimulationWorkspace();
  ~SimulationWorkspace();
  SimulationWorkspace(SimulationWorkspace&&) noexcept;
  SimulationWorkspace& operator=(SimulationWorkspace&&) noexcept;
  SimulationWorkspace(const SimulationWorkspace&) = delete;
  SimulationWorkspace& operator=(const SimulationWorkspace&) = delete;

  struct Impl;
  [[nodiscard]] Impl& impl() noexcept { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// Simulates the update end to end: the run with input.trip and the timeout in force (steps,
/// timeline, summary, outcome), the planned success path's bakes (no trip, no timeout), one
/// rollback_if_trip entry per planned bake (Precise reading 13), every engine warning and the
/// assumptions in force. Throws InputError for input the engine cannot run (E_REQUIRED: CANARY
/// without CanarySize, LINEAR without LinearStepSize, ROLLING without MaximumBatchSize;
/// E_RANGE: negative counts or times, trip.bake < 1; E_INPUT: no variant, ROLLING on a
/// serverless variant (SageMaker runs its fallback: resolve_deployment() applies it)).
[[nodiscard]] SimulationResult simulate(const SimulationInput& input);

/// The check simulate() and simulate_figures() make before running: throws InputError (the codes
/// above) for input the engine cannot run; runs nothing. For callers that validate an input once
/// before many runs (sweep, plan).
void check_simulation_input(const SimulationInput& input);

/// The figures of the run simulate() would report for `input` (input.trip and input.draws
/// honoured), without steps, timeline, warnings or strings. No heap allocation once `ws` is warm.
/// Throws InputError as simulate() does.
[[nodiscard]] RunFigures simulate_figures(const SimulationInput& input, SimulationWorkspace& ws);

/// Bakes of the planned success path (no trip, no timeout), numbered from 1 (Precise reading 4):
/// the success schedule's bakes, placed by its operations' durations (input.draws).
[[nodiscard]] std::vector<Bake> planned_bakes(const SimulationInput& input);

}  // namespace shiftsim
