#pragma once
// Random draws of the stochastic model (stochastic.hpp). Every draw is a pure function of
// (seed, trial index, stream, index): a counter-based generator (SplitMix64 finalizer over the
// key), so a trial's draws never depend on which thread runs it or on the order trials run in.
//
// Keys (contract amendment A1: each draw belongs to the operation it times):
//   the i-th provisioning operation of the success schedule, part j: (provision, i*64 + j);
//   its capacity retries: (retry, i); the i-th termination operation: (terminate, i*64 + j);
//   rollback operations: (rollback_provision | rollback_terminate, i*64 + j) with i their index
//   among the rollback schedule's operations of that kind, retries (rollback_retry, i);
//   false alarms and the bad-version delay: their own streams, index 0.
// (An operation has at most one part per variant; SageMaker allows 10 variants, so j < 64.)
#include "shiftsim/stochastic.hpp"
#include "shiftsim/time.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace shiftsim {

/// Streams of draws inside a trial; each draw is identified by (stream, index).
enum class DrawStream : std::uint32_t {
  provision = 1,
  terminate = 2,
  retry = 3,
  false_alarm_bake = 4,
  false_alarm_offset = 5,
  detection_delay = 6,
  rollback_provision = 7,
  rollback_terminate = 8,
  rollback_retry = 9,
};

/// Uniform in the open interval (0, 1), a pure function of its four arguments.
[[nodiscard]] double trial_uniform(std::uint64_t seed, std::uint64_t trial, DrawStream stream,
                                   std::uint32_t index) noexcept;

namespace detail {
/// The SplitMix64 finalizer every draw hashes with.
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}
}  // namespace detail

/// The per-trial key trial_uniform() hashes (seed, trial) into, and the uniform of a key:
/// trial_uniform(s, t, stream, i) == key_uniform(trial_key(s, t), stream, i).
[[nodiscard]] constexpr std::uint64_t trial_key(std::uint64_t seed, std::uint64_t trial) noexcept {
  return detail::splitmix64(seed ^ detail::splitmix64(trial ^ 0xD1B54A32D192ED03ULL));
}

/// A draw's (stream, index) hashed on its own: the half of key_uniform() that does not depend on
/// the trial, so a hot loop computes it once per draw of a plan rather than once per trial.
/// key_uniform(key, stream, i) == counter_uniform(key, draw_counter(stream, i)), bit for bit.
[[nodiscard]] constexpr std::uint64_t draw_counter(DrawStream stream,
                                                   std::uint32_t index) noexcept {
  const std::uint64_t ctr =
      (static_cast<std::uint64_t>(stream) << 32U) | static_cast<std::uint64_t>(index);
  return detail::splitmix64(ctr + 0x632BE59BD9B4E019ULL);
}

/// The uniform of a trial's key and a hashed counter (draw_counter()): 53 random bits, centred in
/// their cell, so never exactly 0 or 1.
[[nodiscard]] inline double counter_uniform(std::uint64_t key, std::uint64_t counter) noexcept {
  const std::uint64_t bits = detail::splitmix64(key ^ counter);
  return (static_cast<double>(bits >> 11U) + 0.5) * 0x1.0p-53;
}

[[nodiscard]] inline double key_uniform(std::uint64_t key, DrawStream stream,
                                        std::uint32_t index) noexcept {
  return counter_uniform(key, draw_counter(stream, index));
}

/// Phi^-1(p) for p in (0, 1): Acklam's rational approximation (relative error < 1.2e-9).
[[nodiscard]] double normal_quantile(double p) noexcept;

/// Phi(x), the standard normal CDF.
[[nodiscard]] double normal_cdf(double x) noexcept;

/// Quantile u of the maximum of k draws of `d`, in milliseconds (rounded to the nearest ms,
/// at least 0): exp(mu + sigma * Phi^-1(u^(1/k))) for lognormal (k = 1 when not per instance).
[[nodiscard]] SimTime batch_quantile(const DurationDist& d, int k, double u) noexcept;

/// The median trial's duration of an operation on k instances: batch_quantile(d, k, 0.5)
/// rounded to the nearest second for a drawn distribution (a readable timeline, within 0.5 s of
/// the U = 0.5 value); a fixed distribution's value as it is.
[[nodiscard]] SimTime median_duration(const DurationDist& d, int k) noexcept;

/// Capacity retries of one provisioning operation at uniform u: r = floor(ln u / ln p) retries
/// (P(r >= j) = p^j), capped at max_retries, each adding retry_delay. 0 when p = 0. The median
/// trial uses u = 0.5.
[[nodiscard]] SimTime retry_time(const StochasticModel& m, double u) noexcept;

/// A precomputed sampler of one (distribution, k): a table of the quantile function on a
/// uniform grid of `kTableSize` cells, linearly interpolated, with the exact formula in the
/// outer 0.5% of u on each side (where the quantile function curves most): relative error
/// below 5e-5 (tested; measured 1.2e-5 for lognormal(300, 600), k = 1, 10, 100). Used by the
/// Monte Carlo's hot loop.
class BatchSampler {
 public:
  static constexpr int kTableSize = 8192;
  BatchSampler() = default;
  BatchSampler(const DurationDist& d, int k);
  /// Shares `table_` with `other` when it samples the same (distribution, k): identical
  /// operations (e.g. every full rolling batch) then read one table, which stays in cache.
  [[nodiscard]] bool same_as(const DurationDist& d, int k) const noexcept;
  /// Inline: the Monte Carlo calls it once per drawn part of every trial.
  [[nodiscard]] SimTime operator()(double u) const noexcept {
    if (fixed_) return value_;
    const double x = u * kTableSize;
    const int i = static_cast<int>(x);
    if (i < kExactCells || i >= kTableSize - kExactCells) return exact(u);  // outer cells
    const double f = x - static_cast<double>(i);
    const auto idx = static_cast<std::size_t>(i);
    const double a = static_cast<double>(cells_[idx]);
    return clamp_ms(a + f * (static_cast<double>(cells_[idx + 1]) - a));
  }
  [[nodiscard]] bool fixed() const noexcept { return fixed_; }

  /// Milliseconds rounded half up to a SimTime, 0 for anything not positive, capped at 9e15.
  [[nodiscard]] static SimTime clamp_ms(double ms) noexcept {
    if (!(ms > 0.0)) return 0;
    if (ms > 9.0e15) return static_cast<SimTime>(9.0e15);
    return static_cast<SimTime>(ms + 0.5);  // round half up (ms > 0)
  }

 private:
  static constexpr int kExactCells = kTableSize / 200;  // outer 0.5% on each side: exact
  [[nodiscard]] SimTime exact(double u) const noexcept;  ///< the formula, rounded as above

  DurationDist dist_;
  int k_ = 1;
  bool fixed_ = true;
  SimTime value_ = 0;
  std::shared_ptr<const std::vector<float>> table_;  // kTableSize + 1 points, ms (shared; float
                                                     // keeps it at 32 KB, cache-resident)
  const float* cells_ = nullptr;                     // table_->data(): shared, so copies keep it
};

}  // namespace shiftsim
