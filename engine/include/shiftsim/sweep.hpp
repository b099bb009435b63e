#pragma once
// Sweeps and plans: a grid of DeploymentConfigs for one endpoint (strategies x sizes x
// WaitInterval x TerminationWait x rollback batch), each evaluated with simulate_figures() on its
// median trial's success path and on a bad-version run (exposure), and under the timing model
// (risk.hpp: completion P50/P95/P99, P(timeout), P(rollback), P(escape) at the timeout its
// request will carry), filtered by limits, with the Pareto front on (duration at the limits'
// quantile, extra cost, exposure). The planner's pick among the rows: plan_choice.hpp.
#include "shiftsim/cost.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/int_range.hpp"  // the ranges of the sweep flags
#include "shiftsim/result.hpp"
#include "shiftsim/risk.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim {

/// The largest grid sweep/plan evaluate (E_GRID_TOO_LARGE above it).
inline constexpr std::uint64_t kMaxSweepConfigs = 2'000'000;

/// What the grid spans. Empty size lists mean "every valid value".
struct SweepSpec {
  std::vector<Strategy> strategies{Strategy::all_at_once, Strategy::canary, Strategy::linear,
                                   Strategy::rolling};
  bool sizes_count = true;                 ///< INSTANCE_COUNT sizes
  bool sizes_percent = true;               ///< CAPACITY_PERCENT sizes
  std::vector<std::int64_t> size_counts;   ///< candidates (empty: 1..N); invalid ones skipped
  std::vector<std::int64_t> size_percents; ///< candidates (empty: 1..100); invalid ones skipped
  std::vector<std::int64_t> waits_s{0, 300, 600};
  std::vector<std::int64_t> termination_waits_s{0, 300, 600};
  /// Rollback batch candidates for rolling (nullopt: absent, i.e. 100%).
  std::vector<std::optional<CapacitySize>> rollback_batches{std::nullopt};
  /// Bad-version detection delay for the exposure figure: after first traffic on new instances.
  SimTime detection_delay = seconds(300);
  /// The timing model. When set, every config runs its median trial (median_draws(): each
  /// batch at the median of its slowest instance), as `simulate` does; else the fixed timing.
  std::optional<StochasticModel> model;
  /// Every row also gets its risk figures under the model (the fixed timing without one). Off
  /// only to measure the median trials alone.
  bool risk = true;
};

/// One DeploymentConfig of the grid.
struct SweepConfig {
  Strategy strategy = Strategy::all_at_once;
  std::optional<CapacitySize> step;  ///< CanarySize / LinearStepSize / MaximumBatchSize
  std::int32_t wait_s = 0;
  std::int32_t termination_wait_s = 0;  ///< blue/green only (0 for rolling)
  std::optional<CapacitySize> rollback_batch;  ///< rolling only
};

/// The completion-time quantile a duration limit and the duration objective use.
enum class DurationQuantile : std::uint8_t { p50, p95, p99 };
[[nodiscard]] const char* to_string(DurationQuantile q) noexcept;  ///< "p50", "p95", "p99"

/// A config whose bad version escapes with more than this probability is unsafe (with alarms,
/// unless escapes are allowed).
inline constexpr double kMaxPEscape = 0.01;

/// Limits (absent: no limit).
struct SweepLimits {
  std::optional<SimTime> max_duration;   ///< on the completion quantile `duration_quantile`
  DurationQuantile duration_quantile = DurationQuantile::p95;
  std::optional<int> max_peak;           ///< --max-peak or the instance quota
  std::optional<double> max_cost_usd;    ///< extra cost of the update (A3)
  std::optional<SimTime> min_bake;       ///< every bake of the config at least this long
  std::optional<double> max_exposure;    ///< traffic-seconds
  /// P(timeout) at the timeout the config's request will carry: always a limit.
  double max_p_timeout = 0.01;
  /// With alarms, a config whose bad version escapes (in its median trial, or with probability
  /// above kMaxPEscape) is infeasible unless this is set.
  bool allow_escape = false;
  [[nodiscard]] bool any() const noexcept {
    return max_duration || max_peak || max_cost_usd || min_bake || max_exposure;
  }
};

/// Bits of SweepRow::violations.
enum LimitBit : std::uint8_t {
  /// The timeout in force (else the API's 28800 s maximum) does not cover the P99 completion
  /// (fixed timings: the duration)
  kViolTimeout = 1,
  kViolDuration = 2,
  kViolPeak = 4,
  kViolCost = 8,
  kViolBake = 16,
  kViolExposure = 32,
  kViolPTimeout = 64,   ///< P(timeout) above SweepLimits::max_p_timeout
  kViolEscape = 128,    ///< a bad version escapes (with alarms; see SweepLimits::allow_escape)
};

/// One evaluated config.
struct SweepRow {
  SweepConfig config;
  // --- The median trial (every operation at the median of its slowest instance).
  Outcome outcome = Outcome::succeeded;  ///< success path (TIMED_OUT when X is too short)
  SimTime duration = 0;                  ///< success-path duration
  int peak = 0;
  double instance_seconds = 0.0;
  double billed_instance_seconds = 0.0;  ///< what cost_usd prices (amendment A2)
  Cost cost_usd;        ///< billed cost of every instance over the update (A3; unknown: A12)
  Cost extra_cost_usd;  ///< cost_usd minus the old fleet alone: the update's cost
  double exposure_traffic_s = 0.0;       ///< bad version detected `detection_delay` after traffic
  bool escaped = false;                  ///< detected only after the last bake: no rollback, the
                                         ///< bad version stays (ranked as infinite exposure)
  SimTime min_bake = 0;                  ///< shortest bake of the config
  // --- Under the timing model (risk.hpp), when SweepSpec::risk.
  bool risk_known = false;
  RiskFigures risk;  ///< at the timeout in force, else the recommended one (risk.timeout)
  // --- Limits.
  /// The duration the limit, the objective and the front use: the completion quantile of
  /// SweepLimits::duration_quantile (the median trial's duration without risk figures), s.
  double ranked_duration_s = 0.0;
  std::uint8_t violations = 0;           ///< LimitBit set
  bool pareto = false;                   ///< on the Pareto front of the rows meeting the limits
  [[nodiscard]] bool feasible() const noexcept { return violations == 0; }
};

struct SweepResult {
  std::vector<SweepRow> rows;          ///< every config, in enumeration order
  std::uint64_t feasible = 0;
  std::vector<std::size_t> pareto;     ///< indices of Pareto rows, by duration then cost
  UnpricedTypes unpriced_types;        ///< what makes the rows' costs unknown (pricing.hpp)
};

/// Is `size` a valid CapacitySize for `strategy` against a fleet of n (documented ratio rules:
/// canary <= 50%, linear 10..50%, rolling batch 5..50%; exact integer arithmetic)? The rollback
/// batch has no ratio rule (Value >= 1; percent <= 100).
[[nodiscard]] bool size_valid(Strategy strategy, const CapacitySize& size, int n) noexcept;

/// Number of configs the spec yields for `base` (its variants' N), without enumerating.
[[nodiscard]] std::uint64_t count_configs(const SimulationInput& base, const SweepSpec& spec);

/// The configs, in a fixed order (strategy, size type, size, wait, termination wait, rollback
/// batch). Throws InputError E_GRID_TOO_LARGE (with the count) above kMaxSweepConfigs.
[[nodiscard]] std::vector<SweepConfig> enumerate_configs(const SimulationInput& base,
                                                         const SweepSpec& spec);

/// `base` with the config's policy applied (alarms, timeout and everything else kept).
[[nodiscard]] SimulationInput apply_config(const SimulationInput& base, const SweepConfig& c);

/// The config's DeploymentConfig fields set on `in` in place (no trip; draws kept).
void set_config(SimulationInput& in, const SweepConfig& c) noexcept;

/// Evaluates every config (OpenMP, `threads` 0 = all cores; results identical for any count):
/// its median trial, a bad-version run and (spec.risk) its risk figures; applies the limits and
/// marks the Pareto front. Throws InputError as simulate() does, and E_COST_UNKNOWN for a cost
/// limit when an instance type of `base` has no price.
[[nodiscard]] SweepResult run_sweep(const SimulationInput& base, const SweepSpec& spec,
                                    const SweepLimits& limits, int threads = 0);

/// The exposure used for limits, the Pareto front and the objective: exposure_traffic_s, or
/// +infinity when the bad version escapes (is detected only after the last bake, so it stays).
[[nodiscard]] double ranked_exposure(const SweepRow& r) noexcept;

/// The cost a row is ranked and limited by: extra_cost_usd (A3), or +infinity when unknown (an
/// unknown cost ranks after every known one; when every cost is unknown, cost no longer separates
/// rows). A cost limit with unknown costs is refused before any row is run (E_COST_UNKNOWN).
[[nodiscard]] double ranked_cost(const SweepRow& r) noexcept;

/// The LimitBit set of a row under `limits`; `base` gives the timeout in force and the alarms.
/// Also sets row.ranked_duration_s.
[[nodiscard]] std::uint8_t row_violations(SweepRow& row, const SweepLimits& limits,
                                          const SimulationInput& base) noexcept;

/// Marks `rows[i].pareto` for the non-dominated feasible rows on (ranked_duration_s,
/// ranked_cost, ranked_exposure), all minimised, and returns their indices (sorted by those,
/// then index).
std::vector<std::size_t> mark_pareto(std::vector<SweepRow>& rows);

/// "CANARY 10% wait 300 s, final bake 600 s" etc.
[[nodiscard]] std::string describe_config(const SweepConfig& c);

}  // namespace shiftsim
