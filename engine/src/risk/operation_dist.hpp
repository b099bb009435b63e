#pragma once
// Private: the duration distribution of one timed operation of a success schedule under the
// stochastic model (docs/stochastic-model.md; contract amendment A1), as the Monte Carlo draws it:
// the slowest of its parts, each part the slowest of its k instances (per-instance model, CDF
// F(x)^k) or one draw (per batch), plus capacity retries for provisioning (r geometric with
// P(r >= j) = p^j, capped at max_retries, each adding retry_delay). An operation with no part
// takes the fixed P or D.
#include "lattice.hpp"

#include "shiftsim/deployment.hpp"
#include "shiftsim/schedule.hpp"
#include "shiftsim/stochastic.hpp"

#include <vector>

namespace shiftsim::detail {

/// Probability left outside [lo, hi] on each side of an operation's support (kept in the end
/// cells of its lattice, so no mass is lost; a probability computed from a sum of n operations
/// can be off by at most 2n times this).
inline constexpr double kTailMass = 1e-7;

struct OperationDist {
  struct Part {
    DurationDist dist;
    int k = 1;  ///< instances (the slowest of k when per instance)
    friend bool operator==(const Part&, const Part&) = default;
  };
  std::vector<Part> parts;
  bool random = false;  ///< false: the operation always takes `fixed_ms`
  SimTime fixed_ms = 0;
  // Random operations only:
  bool retries = false;          ///< capacity retries are drawn (provisioning)
  double retry_probability = 0;  ///< p
  SimTime retry_delay = 0;
  int max_retries = 0;
  double lo_ms = 0, hi_ms = 0;   ///< support without retries, tails of kTailMass cut
  /// Width of the support with retries (hi - lo + max_retries * retry_delay), ms.
  [[nodiscard]] double span_ms() const noexcept;
  /// P(duration <= x) without retries.
  [[nodiscard]] double cdf(double x_ms) const noexcept;
  /// Masses on the lattice lo + m h (retries included), step `h_ms`.
  [[nodiscard]] Lattice lattice(double h_ms) const;
  /// Same distribution (parts and retries): operations that can share one spectrum.
  [[nodiscard]] bool same(const OperationDist& o) const noexcept;
};

/// The distribution of timed operation `op` of `schedule` (built from `input`) under `model`.
[[nodiscard]] OperationDist operation_dist(const SimulationInput& input, const Schedule& schedule,
                                           const Operation& op, const StochasticModel& model);

}  // namespace shiftsim::detail
