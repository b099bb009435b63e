// Counter-based uniforms, quantiles of batch maxima and their table samplers (draws.hpp).
#include "shiftsim/draws.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace shiftsim {

double trial_uniform(std::uint64_t seed, std::uint64_t trial, DrawStream stream,
                     std::uint32_t index) noexcept {
  return key_uniform(trial_key(seed, trial), stream, index);
}

double normal_quantile(double p) noexcept {
  // Acklam's algorithm.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double plow = 0.02425;
  if (p <= 0.0) return -std::numeric_limits<double>::infinity();
  if (p >= 1.0) return std::numeric_limits<double>::infinity();
  if (p < plow) {
    const double q = std::sqrt(-2.0 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  if (p > 1.0 - plow) {
    const double q = std::sqrt(-2.0 * std::log1p(-p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

double normal_cdf(double x) noexcept { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

namespace {

/// exp(mu + sigma * Phi^-1(u^(1/k))) in ms, computed through the upper tail q = 1 - u^(1/k)
/// so that large k keeps its precision.
double lognormal_max_quantile_ms(double p50_s, double p95_s, int k, double u) noexcept {
  const double mu = std::log(p50_s);
  const double sigma = std::log(p95_s / p50_s) / kZ95;
  double z = 0.0;
  if (k <= 1) {
    z = normal_quantile(u);
  } else {
    const double q = -std::expm1(std::log(u) / static_cast<double>(k));  // 1 - u^(1/k)
    z = -normal_quantile(q);
  }
  return std::exp(mu + sigma * z) * 1000.0;
}

SimTime clamp_ms(double ms) noexcept { return BatchSampler::clamp_ms(ms); }

}  // namespace

SimTime batch_quantile(const DurationDist& d, int k, double u) noexcept {
  if (d.kind == DurationDist::Kind::fixed) return d.fixed;
  const int kk = d.per_instance ? std::max(k, 1) : 1;
  return clamp_ms(lognormal_max_quantile_ms(d.p50_s, d.p95_s, kk, u));
}

BatchSampler::BatchSampler(const DurationDist& d, int k)
    : dist_(d), k_(d.per_instance ? std::max(k, 1) : 1) {
  if (d.kind == DurationDist::Kind::fixed || d.p95_s == d.p50_s) {
    fixed_ = true;
    value_ = d.kind == DurationDist::Kind::fixed ? d.fixed : clamp_ms(d.p50_s * 1000.0);
    return;
  }
  fixed_ = false;
  auto table = std::make_shared<std::vector<float>>(static_cast<std::size_t>(kTableSize) + 1);
  for (int i = 1; i < kTableSize; ++i) {
    const double u = static_cast<double>(i) / kTableSize;
    (*table)[static_cast<std::size_t>(i)] =
        static_cast<float>(lognormal_max_quantile_ms(d.p50_s, d.p95_s, k_, u));
  }
  table_ = std::move(table);
  cells_ = table_->data();
}

bool BatchSampler::same_as(const DurationDist& d, int k) const noexcept {
  return dist_ == d && k_ == (d.per_instance ? std::max(k, 1) : 1);
}

SimTime BatchSampler::exact(double u) const noexcept {
  return clamp_ms(lognormal_max_quantile_ms(dist_.p50_s, dist_.p95_s, k_, u));
}

SimTime median_duration(const DurationDist& d, int k) noexcept {
  if (d.kind == DurationDist::Kind::fixed) return d.fixed;
  return (batch_quantile(d, k, 0.5) + 500) / 1000 * 1000;
}

SimTime retry_time(const StochasticModel& m, double u) noexcept {
  if (m.retry_probability <= 0.0 || m.max_retries <= 0) return 0;
  const double r = std::floor(std::log(u) / std::log(m.retry_probability));
  const int n = r >= static_cast<double>(m.max_retries) ? m.max_retries : static_cast<int>(r);
  return static_cast<SimTime>(n) * m.retry_delay;
}

}  // namespace shiftsim
