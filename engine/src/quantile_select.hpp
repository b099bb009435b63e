#pragma once
// Nearest-rank quantiles of a Monte Carlo figure array (montecarlo.hpp's Quantiles), without
// copying the array.
//
// Contract: select_quantiles(values, scale) returns, times `scale`,
//   mean  = the Eigen sum of the values cast to double, in trial order, / n;
//   min, max;
//   p50, p90, p95, p99 = the ceil(q n)-th smallest value (1-based; rank_index()),
// exactly the values a full sort would give: the result does not depend on how they are found.
//
// How (O(n), two read passes, no copy of the array): the values are counted into kBuckets
// buckets of equal width between min and max (a monotone map, so every value of a lower bucket
// is <= every value of a higher one); the bucket holding each wanted rank is then gathered and
// the rank selected inside it (std::nth_element). The old way, a copy of the whole array and four
// nth_element passes over it, cost ~4x more CPU and one array of memory per thread. Arrays whose
// min or max is not finite take that old way.
#include "shiftsim/montecarlo.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

namespace shiftsim::detail {

/// Nearest rank: the index of the ceil(q*n)-th smallest (1-based), for q in (0, 1], n > 0.
[[nodiscard]] std::size_t rank_index(double q, std::size_t n) noexcept;

[[nodiscard]] Quantiles select_quantiles(std::span<const std::int32_t> values, double scale);
[[nodiscard]] Quantiles select_quantiles(std::span<const float> values, double scale);
[[nodiscard]] Quantiles select_quantiles(std::span<const double> values, double scale);

}  // namespace shiftsim::detail
