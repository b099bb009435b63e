#pragma once
// Monte Carlo over the stochastic model (stochastic.hpp): many seeded trials of one update, run in
// parallel (OpenMP, static chunks of trial indices, one workspace per thread) and reduced
// deterministically: every trial's figures land in arrays indexed by trial, and statistics are
// computed from those arrays in trial order, so results are identical for any thread count.
// Memory: about 34 bytes per trial (1,000,000 trials: ~34 MB; cost_usd is a double so that costs
// are exact), plus one 8-byte array of extra costs while quantiles are selected, which copy no
// array (measured: 49.7 MB max RSS for 1,000,000 trials on 2 threads; docs/performance.md).
#include "shiftsim/cost.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/result.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/time.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>
#include <vector>

namespace shiftsim {

struct MonteCarloOptions {
  std::uint64_t trials = 10000;
  std::uint64_t seed = 1;
  int threads = 0;  ///< 0: OpenMP's default (all cores)
  /// Called now and then from one thread with the number of trials finished so far (and once
  /// at the end with `trials`). Must not throw. May be empty.
  std::function<void(std::uint64_t done)> progress;
};

/// An allocator whose resize() leaves elements of trivial types uninitialised (value-initialising
/// ones, e.g. push_back(x), behave as usual). Trial arrays are written exactly once by the trial
/// loop; zero-filling 34 MB first would cost time, and leaving the pages untouched lets each
/// thread fault in the part it fills, in parallel.
template <class T>
struct UninitializedAllocator : std::allocator<T> {
  using value_type = T;
  template <class U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  UninitializedAllocator() = default;
  template <class U>
  UninitializedAllocator(const UninitializedAllocator<U>&) noexcept {}  // NOLINT: rebinding
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;  // default-initialisation: no zero fill
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    std::construct_at(p, std::forward<Args>(args)...);
  }
};

/// One figure per trial, indexed by trial.
template <class T>
using TrialArray = std::vector<T, UninitializedAllocator<T>>;

/// The figures of every trial, as compact arrays indexed by trial.
struct TrialFigures {
  TrialArray<std::int32_t> duration_ms;    ///< request to the end (rollback included), ms
  TrialArray<std::int32_t> completion_ms;  ///< the same trial's success path with no trip and
                                           ///< no timeout (what the timeout must cover), ms
  TrialArray<std::int32_t> peak;           ///< peak running instances
  TrialArray<float> instance_seconds;
  TrialArray<float> billed_instance_seconds;  ///< what cost_usd prices (amendment A2)
  /// The trial's cost as Cost stores it (cost.hpp): NaN when unknown (A12). Read it as
  /// Cost(cost_usd[i]). A double, so that costs are the engine's exact figures.
  TrialArray<double> cost_usd;
  TrialArray<float> exposure_traffic_s;    ///< bad-version traffic-seconds before rollback done
  TrialArray<std::uint8_t> outcome;        ///< Outcome as its integer value
  TrialArray<std::uint8_t> escaped;        ///< 1: detection only after the last bake
  [[nodiscard]] std::size_t size() const noexcept { return duration_ms.size(); }
};

/// P50/P90/P95/P99 (nearest rank: the ceil(q*n)-th smallest), max and mean.
struct Quantiles {
  double p50 = 0, p90 = 0, p95 = 0, p99 = 0, max = 0, mean = 0, min = 0;
};

/// Quantiles of a cost over the trials: all unknown when any trial's cost is unknown (A12).
struct CostQuantiles {
  Cost p50, p90, p95, p99, max, mean, min;
};

struct HistogramBin {
  double lo = 0, hi = 0;  ///< [lo, hi) (the last bin includes hi)
  std::uint64_t count = 0;
};

/// The margin over P99 of the completion time in the recommended timeout.
inline constexpr double kTimeoutMargin = 0.10;
inline constexpr std::int64_t kTimeoutRoundS = 60;
inline constexpr std::int64_t kTimeoutMinS = 600;     ///< MaximumExecutionTimeoutInSeconds min
inline constexpr std::int64_t kTimeoutMaxS = 28800;   ///< and max

struct MonteCarloSummary {
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  Quantiles duration_s;          ///< every trial's duration (rollbacks included)
  Quantiles completion_s;        ///< success-path completion (see TrialFigures::completion_ms)
  double p_succeeded = 0, p_rollback = 0, p_timeout = 0, p_rollback_failed = 0;
  Quantiles instance_hours;
  Quantiles billed_instance_hours;  ///< the instance-hours cost_usd prices (amendment A2)
  CostQuantiles cost_usd;        ///< billed cost of every instance over the trial (A3)
  CostQuantiles extra_cost_usd;  ///< cost_usd minus the old fleet alone over the trial's duration
  UnpricedTypes unpriced_types;  ///< what makes the costs unknown (pricing.hpp)
  Quantiles exposure_traffic_s;
  double p_escape = 0;
  std::vector<std::pair<int, std::uint64_t>> peak_distribution;  ///< (peak, trials), ascending
  /// ceil(P99(completion) * (1 + margin) / 60) * 60, clamped into [600, 28800] s.
  std::int64_t recommended_timeout_s = kTimeoutMinS;
  bool recommendation_capped = false;  ///< P99 plus margin exceeds 28800 s
  /// When capped: the share of trials whose completion exceeds 28800 s (measured).
  double share_over_timeout_cap = 0.0;
  std::optional<SimTime> user_timeout;
  Diagnostics warnings;  ///< W_TIMEOUT_BELOW_RECOMMENDED, W_TIMEOUT_CAP_TOO_SHORT
};

struct MonteCarloResult {
  MonteCarloSummary summary;
  TrialFigures figures;  ///< per trial
};

/// Runs `options.trials` trials of `base` under `model`: trial i draws its operation durations and
/// faults from (options.seed, i) (draw_trial(), trial_sampler.hpp); a trial that trips or reaches
/// the timeout runs simulate_figures(), which draws each rollback operation from the same trial
/// key (amendment A1); the others take the compiled success path's exact figures. Throws InputError
/// as simulate() does for input the engine cannot run.
[[nodiscard]] MonteCarloResult run_montecarlo(const SimulationInput& base,
                                              const StochasticModel& model,
                                              const MonteCarloOptions& options);

/// Summary statistics of trial figures (pure; used by run_montecarlo). The five quantile
/// selections run on up to `threads` threads (0: OpenMP's default); the result does not depend
/// on it.
/// `old_fleet_usd_per_ms`: what the old fleets alone cost per millisecond (every variant's N_old
/// at its old type's price), for the extra cost of each trial (amendment A3); NaN: unknown (A12).
[[nodiscard]] MonteCarloSummary summarize(const TrialFigures& figures, std::uint64_t seed,
                                          std::optional<SimTime> user_timeout, int threads = 1,
                                          double old_fleet_usd_per_ms = 0.0);

/// USD per millisecond of `input`'s old fleets alone (N_old per variant, its old type's price);
/// NaN when an old fleet with instances has no price (its extra costs are unknown: A12).
[[nodiscard]] double old_fleet_usd_per_ms(const SimulationInput& input) noexcept;

/// Nearest-rank quantiles, min, max and mean of `values` (not modified). Empty: all zero.
[[nodiscard]] Quantiles quantiles_of(std::span<const float> values);
[[nodiscard]] Quantiles quantiles_of(std::span<const double> values);
[[nodiscard]] Quantiles quantiles_of_ms(std::span<const std::int32_t> values_ms);  ///< in s
/// The same of costs stored as Cost stores them (NaN: unknown): all unknown when any is.
[[nodiscard]] CostQuantiles cost_quantiles_of(std::span<const double> costs);

/// `bins` equal-width bins over [min, max] of `values_ms`, in seconds.
[[nodiscard]] std::vector<HistogramBin> histogram_ms(std::span<const std::int32_t> values_ms,
                                                     int bins);

/// The recommended MaximumExecutionTimeoutInSeconds for a P99 completion time (seconds).
[[nodiscard]] std::int64_t recommended_timeout_s(double p99_s) noexcept;

}  // namespace shiftsim
