#pragma once
// Sweeps and plans: a grid of DeploymentConfigs for one endpoint (strategies x sizes x
// WaitInterval x TerminationWait x rollback batch), each evaluated with simulate_figures() on its
// success path and on a bad-version run (exposure), filtered by limits, with the Pareto front on
// (duration, cost, exposure). The planner's pick among the rows: plan_choice.hpp.
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/int_range.hpp"  // the ranges of the sweep flags
#include "shiftsim/result.hpp"
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
};

/// One DeploymentConfig of the grid.
struct SweepConfig {
  Strategy strategy = Strategy::all_at_once;
  std::optional<CapacitySize> step;  ///< CanarySize / LinearStepSize / MaximumBatchSize
  std::int32_t wait_s = 0;
  std::int32_t termination_wait_s = 0;  ///< blue/green only (0 for rolling)
  std::optional<CapacitySize> rollback_batch;  ///< rolling only
};

/// Limits (absent: no limit).
struct SweepLimits {
  std::optional<SimTime> max_duration;
  std::optional<int> max_peak;           ///< --max-peak or the instance quota
  std::optional<double> max_cost_usd;
  std::optional<SimTime> min_bake;       ///< every bake of the config at least this long
  std::optional<double> max_exposure;    ///< traffic-seconds
  [[nodiscard]] bool any() const noexcept {
    return max_duration || max_peak || max_cost_usd || min_bake || max_exposure;
  }
};

/// Bits of SweepRow::violations.
enum LimitBit : std::uint8_t {
  kViolTimeout = 1,   ///< the success path does not finish within the timeout in force
  kViolDuration = 2,
  kViolPeak = 4,
  kViolCost = 8,
  kViolBake = 16,
  kViolExposure = 32,
};

/// One evaluated config.
struct SweepRow {
  SweepConfig config;
  Outcome outcome = Outcome::succeeded;  ///< success path (TIMED_OUT when X is too short)
  SimTime duration = 0;                  ///< success-path duration
  int peak = 0;
  double instance_seconds = 0.0;
  double billed_instance_seconds = 0.0;  ///< what cost_usd prices (amendment A2)
  double cost_usd = 0.0;
  double exposure_traffic_s = 0.0;       ///< bad version detected `detection_delay` after traffic
  bool escaped = false;                  ///< detected only after the last bake: no rollback, the
                                         ///< bad version stays (ranked as infinite exposure)
  SimTime min_bake = 0;                  ///< shortest bake of the config
  std::uint8_t violations = 0;           ///< LimitBit set
  bool pareto = false;                   ///< on the Pareto front of the rows meeting the limits
  [[nodiscard]] bool feasible() const noexcept { return violations == 0; }
};

struct SweepResult {
  std::vector<SweepRow> rows;          ///< every config, in enumeration order
  std::uint64_t feasible = 0;
  std::vector<std::size_t> pareto;     ///< indices of Pareto rows, by duration then cost
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

/// Evaluates every config (OpenMP, `threads` 0 = all cores; results identical for any count),
/// applies the limits and marks the Pareto front. Throws InputError as simulate() does.
[[nodiscard]] SweepResult run_sweep(const SimulationInput& base, const SweepSpec& spec,
                                    const SweepLimits& limits, int threads = 0);

/// The exposure used for limits, the Pareto front and the objective: exposure_traffic_s, or
/// +infinity when the bad version escapes (is detected only after the last bake, so it stays).
[[nodiscard]] double ranked_exposure(const SweepRow& r) noexcept;

/// Marks `rows[i].pareto` for the non-dominated feasible rows on (duration, cost,
/// ranked_exposure), all minimised, and returns their indices (sorted by those, then index).
std::vector<std::size_t> mark_pareto(std::vector<SweepRow>& rows);

/// "CANARY 10% wait 300 s, final bake 600 s" etc.
[[nodiscard]] std::string describe_config(const SweepConfig& c);

}  // namespace shiftsim
