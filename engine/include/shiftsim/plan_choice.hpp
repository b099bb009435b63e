#pragma once
// The planner's choice among the rows of a sweep (sweep.hpp): the feasible row that minimises an
// objective, and why, as values: the runner-up, the limits that bind (the best config with that
// one limit lifted is strictly better), or, when nothing is feasible, how far each limit is from
// achievable. Callers word the explanation (the CLI names each limit by its flag).
#include "shiftsim/sweep.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace shiftsim {

/// cost: the update's extra cost (A3); duration: the completion quantile of the limits
/// (SweepRow::ranked_duration_s); exposure: ranked_exposure(); risk: P(escape), then exposure.
enum class Objective { cost, duration, exposure, risk };

/// The value a row is ranked by: ranked_cost() (the extra cost, +infinity when unknown),
/// ranked_duration_s, ranked_exposure(), or P(escape) (risk; exposure breaks its ties, see
/// objective_tiebreak()).
[[nodiscard]] double objective_value(const SweepRow& row, Objective o) noexcept;
/// The second key of an objective: ranked_exposure() for risk, else 0.
[[nodiscard]] double objective_tiebreak(const SweepRow& row, Objective o) noexcept;
/// "cost", "duration", "exposure", "risk"
[[nodiscard]] const char* to_string(Objective o) noexcept;

/// One limit of SweepLimits, plus the rules every config meets: the timeout in force covers its
/// P99 (timeout), P(timeout) (p_timeout, SweepLimits::max_p_timeout) and, with alarms, a bad
/// version does not escape (escape).
enum class Limit : std::uint8_t {
  duration, peak, cost, bake, exposure, timeout, p_timeout, escape
};

/// Every limit, in the order choices report them.
inline constexpr Limit kAllLimits[] = {Limit::duration, Limit::peak,     Limit::cost,
                                       Limit::bake,     Limit::exposure, Limit::timeout,
                                       Limit::p_timeout, Limit::escape};

/// The LimitBit a row's violations carry for the limit.
[[nodiscard]] std::uint8_t limit_bit(Limit l) noexcept;

/// The limit's value (seconds, instances, USD, traffic-seconds, a probability); absent when not
/// set, and always for Limit::timeout (the timeout is the request's) and Limit::escape (a rule).
[[nodiscard]] std::optional<double> limit_value(const SweepLimits& limits, Limit l);

/// The row's value of the metric the limit bounds: ranked_duration_s for duration, the P99
/// completion (s) for timeout, peak, extra cost (USD), the shortest bake (s) for bake,
/// ranked_exposure() for exposure, P(timeout), P(escape) (1 when the median trial escapes).
[[nodiscard]] double limit_metric(const SweepRow& row, Limit l) noexcept;

/// A limit without which a strictly better config exists.
struct BindingLimit {
  Limit limit = Limit::duration;
  std::size_t relaxed = 0;  ///< that config: the best violating this limit and no other
};

/// When nothing is feasible: how close the configs come to one limit.
struct LimitReport {
  Limit limit = Limit::duration;
  double limit_value = 0;   ///< the limit (0 for the timeout)
  double best_alone = 0;    ///< best value over every config, ignoring all limits
  std::optional<double> best_with_others;  ///< best over configs meeting the other limits
  bool impossible = false;  ///< best_alone misses the limit
};

struct PlanChoice {
  std::optional<std::size_t> pick;       ///< index into the rows; absent when nothing is feasible
  std::optional<std::size_t> runner_up;  ///< the second best feasible row
  std::vector<BindingLimit> binding;     ///< in kAllLimits order; empty: no limit binds
  /// When nothing is feasible, in kAllLimits order: every limit set by the caller, P(timeout)
  /// when some config exceeds it, and the timeout and escape rules when no config meets them
  /// (then `impossible`).
  std::vector<LimitReport> limits;
};

/// Picks the feasible row with the best objective (and its tiebreak); ties by duration, extra
/// cost, exposure, then the enumeration index (so the pick is deterministic).
[[nodiscard]] PlanChoice choose_plan(const SweepResult& result, const SweepLimits& limits,
                                     Objective objective);

}  // namespace shiftsim
