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

/// The per-trial key trial_uniform() hashes (seed, trial) into, and the uniform of a key:
/// trial_uniform(s, t, stream, i) == key_uniform(trial_key(s, t), stream, i).
[[nodiscard]] std::uint64_t trial_key(std::uint64_t seed, std::uint64_t trial) noexcept;
[[nodiscard]] double key_uniform(std::uint64_t key, DrawStream stream,
                                 std::uint32_t index) noexcept;

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

}  // namespace shiftsim
