#pragma once
// The stochastic timing and fault model (docs/stochastic-model.md): duration distributions per
// operation kind and instance type, capacity retries, false alarms and the bad-version mode.
// Draws from it: draws.hpp; trials: trial_sampler.hpp.
#include "shiftsim/deployment.hpp"
#include "shiftsim/time.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

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

/// The seeded model: distributions for provisioning and termination (each optionally per
/// instance type or family prefix: the longest key that prefixes the type wins, e.g. "ml.g5." or
/// "ml.g5.12xlarge"), capacity retries, false alarms and the bad-version mode.
struct StochasticModel {
  DurationDist provision;                                            ///< default for every type
  std::map<std::string, DurationDist, std::less<>> provision_by_type;  ///< overrides by prefix
  DurationDist terminate;                                            ///< default for every type
  std::map<std::string, DurationDist, std::less<>> terminate_by_type;  ///< overrides by prefix
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
/// converted to JSON by the caller): `timing.provision_s`, `timing.terminate_s` (each a number of
/// seconds or {"distribution": "lognormal"|"fixed", "p50", "p95", "per": "instance"|"batch",
/// "value", "by_instance_type": {"ml.g5.": {...}}}), `alarms.false_trip_per_bake`,
/// `capacity.{retry_probability, retry_delay_s, max_retries}`, `bad_version.{detection_delay_s}`.
/// Members it does not know are left to the scenario parser. `base` supplies fixed defaults.
/// Throws InputError (E_TYPE, E_RANGE, E_ENUM; path relative to the document root).
[[nodiscard]] StochasticModel parse_stochastic_model(std::string_view scenario_json,
                                                     const Timing& base);

/// The median in seconds of a distribution (fixed: its value).
[[nodiscard]] double median_seconds(const DurationDist& d) noexcept;

/// The provisioning / termination distribution of an instance type: the by_type entry whose key
/// is the longest prefix of `type`, else the default.
[[nodiscard]] const DurationDist& provision_dist_for(const StochasticModel& m,
                                                    std::string_view type) noexcept;
[[nodiscard]] const DurationDist& terminate_dist_for(const StochasticModel& m,
                                                    std::string_view type) noexcept;

}  // namespace shiftsim
