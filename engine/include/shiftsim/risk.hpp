#pragma once
// Risk figures of one UpdateEndpoint under the stochastic model (stochastic.hpp), computed
// exactly rather than sampled: completion quantiles, P(timeout), P(rollback) and P(escape), as
// a Monte Carlo of the same config (montecarlo.hpp) would estimate them with infinitely many
// trials. Sweeps and plans give every row these figures (sweep.hpp); any caller that needs one
// config's figures (`check`'s P95, say) calls assess_risk().
//
// Method (docs/stochastic-model.md, "Exact risk figures"): the success path's completion time is
// a fixed part (shifts, bakes, operations whose time cannot vary) plus a sum of independent
// random operations (each the slowest of its parts, each part the slowest of k instances, plus
// capacity retries). Each operation's distribution is put on a lattice from its exact CDF
// (F(x)^k per part) and the sums are FFT convolutions. Then, with X the timeout, p the false-alarm
// probability per bake of positive length, S_j the start and L_j the length of the j-th such bake:
//   P(rollback) = sum_j p (1-p)^(j-1) P(S_j + U L_j < X)              (U uniform: the alarm time)
//   P(timeout)  = 1 - P(C <= X) (1-p)^bakes - P(rollback)             (C: completion)
//   P(escape)   = (1-p)^bakes P(F + d >= E, C <= X)                   (bad version, delay d)
// where F is the first traffic on new instances and E the end of the last bake: a bad version
// detected at or after E is past the last bake, so it stays (Precise reading 4). Without alarms
// nothing rolls back: P(rollback) = 0 and P(escape) = P(C <= X).
// Accuracy: quantiles within about 0.01% of the spread (tested against 1,000,000-trial Monte
// Carlo runs within 1%), probabilities within 1e-5.
#include "shiftsim/deployment.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/time.hpp"

#include <optional>

namespace shiftsim {

struct RiskFigures {
  /// Completion time (the success path: no trip, no timeout), seconds.
  double p50_s = 0, p95_s = 0, p99_s = 0;
  /// The timeout X the probabilities are computed at (absent: no timeout).
  std::optional<SimTime> timeout;
  /// X was not in force: it is recommended_timeout_s(p99_s), the one a plan would set.
  bool timeout_recommended = false;
  double p_timeout = 0;   ///< outcome TIMED_OUT (no false alarm before X, completion > X)
  double p_rollback = 0;  ///< outcome ROLLED_BACK by a false alarm of a good version
  double p_escape = 0;    ///< a bad version detected `detection_delay` after first traffic stays
};

struct RiskSettings {
  /// Bad version: an alarm reaches ALARM this long after new instances first take traffic.
  SimTime detection_delay = seconds(300);
  /// With no timeout in force: false, no timeout (P(timeout) = 0); true, the timeout a plan
  /// would set, recommended_timeout_s(P99 completion) (montecarlo.hpp).
  bool recommend_timeout = false;
};

/// The risk figures of `input` (its policy, timeout and alarms; input.trip and input.draws are
/// ignored) under `model`. Throws InputError as simulate() does.
[[nodiscard]] RiskFigures assess_risk(const SimulationInput& input, const StochasticModel& model,
                                      const RiskSettings& settings);

/// The bad-version detection delay when none is given: the shortest Period x EvaluationPeriods of
/// the policy's alarms, else 300 s.
[[nodiscard]] SimTime default_detection_delay(const DeploymentPolicy& policy) noexcept;

}  // namespace shiftsim
