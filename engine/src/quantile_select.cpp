// Nearest-rank quantiles by bucket counting (quantile_select.hpp).
#include "quantile_select.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace shiftsim::detail {

std::size_t rank_index(double q, std::size_t n) noexcept {
  const double r = std::ceil(q * static_cast<double>(n));
  std::size_t idx = r < 1.0 ? 0 : static_cast<std::size_t>(r) - 1;
  return std::min(idx, n - 1);
}

namespace {

constexpr std::size_t kBuckets = 4096;
constexpr double kQs[] = {0.50, 0.90, 0.95, 0.99};
constexpr int kRanks = 4;

/// The old way: a copy, successive selections on shrinking ranges.
template <class T>
void select_by_copy(std::span<const T> values, const std::array<std::size_t, kRanks>& ranks,
                    std::array<T, kRanks>& out) {
  std::vector<T> v(values.begin(), values.end());
  auto first = v.begin();
  for (int i = 0; i < kRanks; ++i) {
    auto nth = v.begin() + static_cast<std::ptrdiff_t>(ranks[static_cast<std::size_t>(i)]);
    if (nth >= first) std::nth_element(first, nth, v.end());
    out[static_cast<std::size_t>(i)] = *nth;
    first = nth;
  }
}

/// Bucket of a value: floor((v - lo) * per_unit), monotone in v, clamped into [0, kBuckets).
inline std::size_t bucket_of(double v, double lo, double per_unit) noexcept {
  const double x = (v - lo) * per_unit;
  if (!(x < static_cast<double>(kBuckets))) return kBuckets - 1;  // max (and NaN) at the top
  return x >= 1.0 ? static_cast<std::size_t>(x) : 0;
}

/// The values at `ranks` (ascending) of `values`, whose min and max are `lo` < `hi`, both finite.
template <class T>
void select_by_buckets(std::span<const T> values, double lo, double hi,
                       const std::array<std::size_t, kRanks>& ranks, std::array<T, kRanks>& out) {
  const double per_unit = static_cast<double>(kBuckets) / (hi - lo);
  if (!std::isfinite(per_unit) || !(per_unit > 0.0)) {
    select_by_copy(values, ranks, out);
    return;
  }
  std::vector<std::uint32_t> count(kBuckets, 0);
  for (const T v : values) ++count[bucket_of(static_cast<double>(v), lo, per_unit)];
  // The bucket of each rank and the rank's position inside it.
  std::array<std::size_t, kRanks> bucket{};
  std::array<std::size_t, kRanks> within{};
  std::size_t below = 0;  // values in buckets before b
  std::size_t b = 0;
  for (int i = 0; i < kRanks; ++i) {
    const std::size_t r = ranks[static_cast<std::size_t>(i)];
    while (below + count[b] <= r) below += count[b++];
    bucket[static_cast<std::size_t>(i)] = b;
    within[static_cast<std::size_t>(i)] = r - below;
  }
  // Gather the wanted buckets (at most kRanks distinct, ascending) in one pass.
  std::vector<std::int8_t> slot(kBuckets, -1);
  std::array<std::vector<T>, kRanks> gathered;
  int slots = 0;
  for (int i = 0; i < kRanks; ++i) {
    const std::size_t bi = bucket[static_cast<std::size_t>(i)];
    if (slot[bi] >= 0) continue;
    slot[bi] = static_cast<std::int8_t>(slots);
    gathered[static_cast<std::size_t>(slots)].reserve(count[bi]);
    ++slots;
  }
  for (const T v : values) {
    const int s = slot[bucket_of(static_cast<double>(v), lo, per_unit)];
    if (s >= 0) gathered[static_cast<std::size_t>(s)].push_back(v);
  }
  for (int i = 0; i < kRanks; ++i) {
    auto& g = gathered[static_cast<std::size_t>(slot[bucket[static_cast<std::size_t>(i)]])];
    const auto nth = g.begin() + static_cast<std::ptrdiff_t>(within[static_cast<std::size_t>(i)]);
    std::nth_element(g.begin(), nth, g.end());
    out[static_cast<std::size_t>(i)] = *nth;
  }
}

template <class T>
Quantiles select_impl(std::span<const T> values, double scale) {
  Quantiles q;
  const std::size_t n = values.size();
  if (n == 0) return q;
  // Mean in trial order (double accumulation): deterministic.
  Eigen::Map<const Eigen::Array<T, Eigen::Dynamic, 1>> a(values.data(),
                                                         static_cast<Eigen::Index>(n));
  q.mean = a.template cast<double>().sum() / static_cast<double>(n) * scale;
  const T mn = a.minCoeff();
  const T mx = a.maxCoeff();
  q.min = static_cast<double>(mn) * scale;
  q.max = static_cast<double>(mx) * scale;
  std::array<std::size_t, kRanks> ranks{};
  for (int i = 0; i < kRanks; ++i)
    ranks[static_cast<std::size_t>(i)] = rank_index(kQs[i], n);
  std::array<T, kRanks> at{};
  const auto lo = static_cast<double>(mn);
  const auto hi = static_cast<double>(mx);
  if (!(mn < mx)) {
    at.fill(mn);  // every value equal (or NaNs): nothing to select
    if (mn != mx) select_by_copy(values, ranks, at);
  } else if (std::isfinite(lo) && std::isfinite(hi)) {
    select_by_buckets(values, lo, hi, ranks, at);
  } else {
    select_by_copy(values, ranks, at);
  }
  double* out[] = {&q.p50, &q.p90, &q.p95, &q.p99};
  for (int i = 0; i < kRanks; ++i) *out[i] = static_cast<double>(at[static_cast<std::size_t>(i)]) * scale;
  return q;
}

}  // namespace

Quantiles select_quantiles(std::span<const std::int32_t> values, double scale) {
  return select_impl(values, scale);
}
Quantiles select_quantiles(std::span<const float> values, double scale) {
  return select_impl(values, scale);
}
Quantiles select_quantiles(std::span<const double> values, double scale) {
  return select_impl(values, scale);
}

}  // namespace shiftsim::detail
