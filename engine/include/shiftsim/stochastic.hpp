#pragma once
// The stochastic timing and fault model of `shiftsim montecarlo` (docs/stochastic-model.md).
// Every draw is a pure function of (seed, trial index, stream, operation index): a counter-based
// generator (SplitMix64 finalizer over the key), so a trial's draws never depend on which thread
// runs it or on the order trials run in.
#include "shiftsim/deployment.hpp"
#include "shiftsim/time.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace shiftsim {

/// A duration: fixed, or lognormal given by its median (p50) and 95th percentile (p95).
/// sigma = ln(p95/p50) / z95 with z95 = 1.6448536 (the "1.645" of timing-facts §4).
/// `per_instance`: an operation on k instances takes the maximum of k independent draws
/// (the batch waits for its slowest instance); otherwise one draw per operation.
struct DurationDist {
  enum class Kind { fixed, lognormal };
  Kind kind = Kind::fixed;
  SimTime fixed = 0;        ///< kind fixed
  double p50_s = 0.0;       ///< kind lognormal: median, seconds (> 0)
  double p95_s = 0.0;       ///< kind lognormal: 95th percentile, seconds (>= p50)
  bool per_instance = true; ///< max of k draws for a k-instance operation
  friend bool operator==(const DurationDist&, const DurationDist&) = default;
};

inline constexpr double kZ95 = 1.6448536269514722;

/// The seeded model: distributions for provisioning (optionally per instance type or family
/// prefix: the longest key that prefixes the type wins, e.g. "ml.g5." or "ml.g5.12xlarge"),
/// termination, capacity retries, false alarms and the bad-version mode.
struct StochasticModel {
  DurationDist provision;                                            ///< default for every type
  std::map<std::string, DurationDist, std::less<>> provision_by_type;  ///< overrides by prefix
  DurationDist terminate;
  /// Insufficient capacity: each provisioning operation needs r retries, r geometric with
  /// P(r >= j) = retry_probability^j, capped at max_retries; each retry adds retry_delay.
  double retry_probability = 0.0;
  SimTime retry_delay = 0;
  int max_retries = 5;
  /// A good version's alarm fires falsely with this probability in each bake of positive length,
  /// at a uniform time inside the bake (the first such bake trips the run).
  double false_trip_per_bake = 0.0;
  /// Bad new version: an alarm reaches ALARM a detection delay after new instances first take
  /// traffic. The delay is `detection_delay` when set, otherwise the shortest Period x
  /// EvaluationPeriods of the policy's alarms (AlarmSpec::time_to_alarm), otherwise 300 s.
  /// False alarms are drawn in bad-version mode too: one that fires before the real alarm trips
  /// the run first (rolling back a bad version early, which is what the alarm would do).
  bool bad_version = false;
  std::optional<DurationDist> detection_delay;
  friend bool operator==(const StochasticModel&, const StochasticModel&) = default;
};

/// The model every timing field of `timing` stands for when a scenario gives plain numbers:
/// fixed P and D, no faults. simulate() of the result equals the deterministic run.
[[nodiscard]] StochasticModel deterministic_model(const Timing& timing);

/// True when no draw can vary (every distribution fixed, no retries, no false alarms).
[[nodiscard]] bool is_deterministic(const StochasticModel& model) noexcept;

/// True when operation times cannot vary (provisioning and termination fixed, no capacity
/// retries): every trial's completion time (no trip, no timeout) is then the planned duration.
[[nodiscard]] bool has_fixed_timings(const StochasticModel& model) noexcept;

/// Parses the stochastic members of a scenario document given as JSON text (YAML scenarios are
/// converted to JSON by the caller): `timing.provision_s`, `timing.terminate_s` (a number of
/// seconds or {"distribution": "lognormal"|"fixed", "p50", "p95", "per": "instance"|"batch",
/// "value", "by_instance_type": {"ml.g5.": {...}}}), `alarms.false_trip_per_bake`,
/// `capacity.{retry_probability, retry_delay_s, max_retries}`, `bad_version.{detection_delay_s}`.
/// Members it does not know are left to the scenario parser. `base` supplies fixed defaults.
/// Throws InputError (E_TYPE, E_RANGE, E_ENUM; path relative to the document root).
[[nodiscard]] StochasticModel parse_stochastic_model(std::string_view scenario_json,
                                                     const Timing& base);

/// The median in seconds of a distribution (fixed: its value).
[[nodiscard]] double median_seconds(const DurationDist& d) noexcept;

// ---------------------------------------------------------------------------------------------
// Counter-based random numbers.

/// Streams of draws inside a trial; each draw is identified by (stream, index).
enum class DrawStream : std::uint32_t {
  provision = 1,
  terminate = 2,
  retry = 3,
  false_alarm_bake = 4,
  false_alarm_offset = 5,
  detection_delay = 6,
};

/// Uniform in the open interval (0, 1), a pure function of its four arguments.
[[nodiscard]] double trial_uniform(std::uint64_t seed, std::uint64_t trial, DrawStream stream,
                                   std::uint32_t index) noexcept;

/// Phi^-1(p) for p in (0, 1): Acklam's rational approximation (relative error < 1.2e-9).
[[nodiscard]] double normal_quantile(double p) noexcept;

/// Phi(x), the standard normal CDF.
[[nodiscard]] double normal_cdf(double x) noexcept;

/// Quantile u of the maximum of k draws of `d`, in milliseconds (rounded to the nearest ms,
/// at least 0): exp(mu + sigma * Phi^-1(u^(1/k))) for lognormal (k = 1 when not per instance).
[[nodiscard]] SimTime batch_quantile(const DurationDist& d, int k, double u) noexcept;

/// A precomputed sampler of one (distribution, k): a table of the quantile function on a
/// uniform grid of `kTableSize` cells, linearly interpolated, with the exact formula in the
/// outer 0.5% of u on each side (where the quantile function curves most): relative error
/// below 5e-5 (tested; measured 1.2e-5 for lognormal(300, 600), k = 1, 10, 100). Used by montecarlo's hot loop.
class BatchSampler {
 public:
  static constexpr int kTableSize = 8192;
  BatchSampler() = default;
  BatchSampler(const DurationDist& d, int k);
  /// Shares `table_` with `other` when it samples the same (distribution, k): identical
  /// operations (e.g. every full rolling batch) then read one table, which stays in cache.
  [[nodiscard]] bool same_as(const DurationDist& d, int k) const noexcept;
  [[nodiscard]] SimTime operator()(double u) const noexcept;
  [[nodiscard]] bool fixed() const noexcept { return fixed_; }

 private:
  DurationDist dist_;
  int k_ = 1;
  bool fixed_ = true;
  SimTime value_ = 0;
  std::shared_ptr<const std::vector<float>> table_;  // kTableSize + 1 points, ms (shared; float
                                                     // keeps it at 32 KB, cache-resident)
};

// ---------------------------------------------------------------------------------------------
// Trials.

/// One operation the engine will time. The engine runs variants in lock-step: one operation
/// covers every variant's instances of that phase, so it lasts as long as its slowest part.
struct PlannedOp {
  struct Part {
    std::string instance_type;
    int instances = 0;
  };
  std::vector<Part> parts;  ///< one per variant with instances in this operation
  int phase = 0;            ///< success-path phase (rolling batch; 0 for blue/green)
};

/// Everything needed to draw trials for one input, prepared once (samplers, operation plan,
/// bake windows of the deterministic success path). Read-only while trials run in parallel.
struct TrialPlan {
  SimulationInput base;                 ///< the input every trial starts from (no draws, no trip)
  StochasticModel model;
  std::uint64_t seed = 0;
  std::vector<PlannedOp> provision_ops;  ///< success path, then rollback (bound), engine order
  std::vector<PlannedOp> terminate_ops;
  std::vector<std::vector<BatchSampler>> provision_samplers;  ///< per provision op, per part
  std::vector<std::vector<BatchSampler>> terminate_samplers;  ///< per terminate op, per part
  int success_provision_ops = 0;
  int success_terminate_ops = 0;
  /// Bakes of the deterministic success path: start, length and the phase they belong to.
  struct BakeWindow {
    SimTime start = 0;
    SimTime length = 0;
    int phase = 0;
  };
  std::vector<BakeWindow> bakes;
  bool phases_sequential = false;  ///< rolling: phase p's D precedes phase p+1's P
  std::optional<SimTime> fixed_detection_delay;  ///< bad-version delay when fixed
  double log_retry_probability = 0.0;  ///< ln(model.retry_probability) when > 0
  bool new_traffic = false;  ///< some variant has new instances (a bad version takes traffic)
  /// A false-alarm uniform below this trips no bake: (1 - p)^(bakes of positive length), less
  /// a relative 1e-9 so that values near the boundary take the exact test.
  double no_false_alarm_below = 0.0;
};

/// Prepares the trial plan. `bakes` are the planned bakes of the deterministic success path
/// (planned_bakes(): start and end in ms). The operation plan follows the engine (simulate.hpp):
/// one operation per phase for all variants; blue/green provisions once, terminates the old
/// fleets once (success) or the new fleets once (rollback); rolling provisions and terminates
/// one batch per step, then up to max(ceil(N / R), ceil(N_old / R)) rollback steps.
[[nodiscard]] TrialPlan make_trial_plan(const SimulationInput& base, const StochasticModel& model,
                                        std::uint64_t seed,
                                        const std::vector<std::pair<SimTime, SimTime>>& bakes);

/// Remembers median_draws() values across calls (one per thread): keyed by the address of a
/// distribution inside the model given, so use it with one model only.
struct MedianMemo {
  std::vector<std::tuple<const DurationDist*, int, SimTime>> entries;
};

/// The median trial: the draws of the trial in which every random draw sits at its median
/// (U = 0.5). An operation on k instances takes the median of its slowest instance
/// (exp(mu + sigma * Phi^-1(0.5^(1/k))) for lognormal per instance), the slowest part's when it
/// covers several variants; capacity retries take their median count (0 when p < 0.5). Drawn
/// (non-fixed) medians are rounded to the nearest second, for a readable timeline. This is
/// the single timeline simulate, sweep and plan report under a stochastic model: a batch of 40
/// instances with p50 240 s / p95 480 s each is ready after ~585 s, not 240 s. With a
/// deterministic model the draws equal the fixed times (same run as no draws).
[[nodiscard]] TimingDraws median_draws(const SimulationInput& input, const StochasticModel& model,
                                       MedianMemo* memo = nullptr);

/// Fills `input.draws` and `input.trip` for trial `trial` (input must start as a copy of
/// plan.base; its vectors are reused, so after the first call no allocation happens).
void draw_trial(const TrialPlan& plan, std::uint64_t trial, SimulationInput& input);

/// draw_trial() in two halves, for callers that often need only the first: the success path's
/// operations and the trip (input.draws then holds plan.success_*_ops entries), then the
/// rollback operations. The two together fill exactly what draw_trial() fills.
void draw_trial_success_path(const TrialPlan& plan, std::uint64_t trial, SimulationInput& input);
void draw_trial_rollback(const TrialPlan& plan, std::uint64_t trial, SimulationInput& input);

}  // namespace shiftsim
