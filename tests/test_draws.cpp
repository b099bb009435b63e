// Draws of the stochastic model (draws.hpp): keyed uniforms, the normal quantile, the slowest of
// k lognormal instances from one uniform, and the table sampler.
#include "shiftsim/draws.hpp"
#include "shiftsim/stochastic.hpp"
#include "stochastic_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

using namespace shiftsim;
using shiftsim::test::lognormal;

namespace {

/// P(max of k <= x) = Phi((ln x - mu) / sigma)^k, x in seconds.
double max_cdf(double p50, double p95, int k, double x) {
  const double mu = std::log(p50);
  const double sigma = std::log(p95 / p50) / kZ95;
  return std::pow(normal_cdf((std::log(x) - mu) / sigma), k);
}

}  // namespace

TEST_CASE("uniforms are a pure function of (seed, trial, stream, index) and lie in (0,1)") {
  const double a = trial_uniform(7, 123, DrawStream::provision, 4);
  CHECK(a == trial_uniform(7, 123, DrawStream::provision, 4));
  CHECK(a != trial_uniform(8, 123, DrawStream::provision, 4));
  CHECK(a != trial_uniform(7, 124, DrawStream::provision, 4));
  CHECK(a != trial_uniform(7, 123, DrawStream::terminate, 4));
  CHECK(a != trial_uniform(7, 123, DrawStream::provision, 5));
  double sum = 0;
  double mn = 1, mx = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double u = trial_uniform(1, static_cast<std::uint64_t>(i), DrawStream::provision, 0);
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    mn = std::min(mn, u);
    mx = std::max(mx, u);
  }
  // mean of n uniforms: sd = sqrt(1/12/n) ~ 6.5e-4; 5 sd.
  CHECK(std::abs(sum / n - 0.5) < 5 * std::sqrt(1.0 / 12.0 / n));
  CHECK(mn < 1e-4);
  CHECK(mx > 1 - 1e-4);
}

TEST_CASE("normal quantile inverts the normal CDF") {
  for (double p : {1e-10, 1e-6, 0.001, 0.02, 0.02425, 0.1, 0.5, 0.8, 0.975, 0.999, 1 - 1e-9}) {
    const double z = normal_quantile(p);
    CHECK(normal_cdf(z) == Approx(p).epsilon(1e-6));
  }
  CHECK(normal_quantile(0.95) == Approx(1.6448536269514722).epsilon(1e-8));
  CHECK(normal_quantile(0.5) == Approx(0.0).margin(1e-12));
}

TEST_CASE("lognormal from p50/p95 has that median and 95th percentile (k = 1)") {
  const auto d = lognormal(300, 600);
  CHECK(batch_quantile(d, 1, 0.5) == 300000);
  CHECK(std::abs(batch_quantile(d, 1, 0.95) - 600000) <= 1);
}

TEST_CASE("the max of k lognormals sampled with one uniform matches brute force") {
  const auto d = lognormal(240, 480);
  const int k = 10;
  const int trials = 40000;
  std::vector<double> direct, brute;
  direct.reserve(trials);
  brute.reserve(trials);
  for (int t = 0; t < trials; ++t) {
    const auto tt = static_cast<std::uint64_t>(t);
    direct.push_back(static_cast<double>(
        batch_quantile(d, k, trial_uniform(11, tt, DrawStream::provision, 0))));
    SimTime mx = 0;
    for (int j = 0; j < k; ++j)
      mx = std::max(mx, batch_quantile(d, 1,
                                       trial_uniform(12, tt, DrawStream::provision,
                                                     static_cast<std::uint32_t>(j))));
    brute.push_back(static_cast<double>(mx));
  }
  std::sort(direct.begin(), direct.end());
  std::sort(brute.begin(), brute.end());
  for (double q : {0.1, 0.5, 0.9, 0.99}) {
    const auto i = static_cast<std::size_t>(q * trials);
    // Both converge to the closed form; compare each with it and with each other.
    const double x_direct = direct[i] / 1000.0;
    const double x_brute = brute[i] / 1000.0;
    // CDF at the empirical quantile: within 4 sd of q (sd = sqrt(q(1-q)/n)).
    const double tol = 4 * std::sqrt(q * (1 - q) / trials);
    CHECK(std::abs(max_cdf(240, 480, k, x_direct) - q) < tol);
    CHECK(std::abs(max_cdf(240, 480, k, x_brute) - q) < tol);
  }
}

TEST_CASE("empirical quantiles of the max of k converge to the closed form") {
  const auto d = lognormal(330, 570);
  for (int k : {1, 5, 100}) {
    const int n = 100000;
    std::vector<double> xs;
    xs.reserve(n);
    for (int t = 0; t < n; ++t)
      xs.push_back(static_cast<double>(batch_quantile(
                       d, k, trial_uniform(3, static_cast<std::uint64_t>(t), DrawStream::provision,
                                           0))) /
                   1000.0);
    std::sort(xs.begin(), xs.end());
    for (double q : {0.5, 0.95, 0.99}) {
      const double x = xs[static_cast<std::size_t>(q * n)];
      CHECK(std::abs(max_cdf(330, 570, k, x) - q) < 4 * std::sqrt(q * (1 - q) / n));
    }
  }
}

TEST_CASE("the table sampler stays within a millisecond-scale error of the exact formula") {
  const auto d = lognormal(300, 600);
  for (int k : {1, 10, 100}) {
    const BatchSampler s(d, k);
    double worst = 0;
    for (int i = 1; i < 200000; ++i) {
      const double u = static_cast<double>(i) / 200000.0;
      const auto exact = static_cast<double>(batch_quantile(d, k, u));
      worst = std::max(worst, std::abs(static_cast<double>(s(u)) - exact) / exact);
    }
    CHECK(worst < 5e-5);  // relative: < 0.03 s on a 600 s batch
  }
  const BatchSampler fixed(DurationDist{DurationDist::Kind::fixed, seconds(42), 0, 0, true}, 10);
  CHECK(fixed.fixed());
  CHECK(fixed(0.99) == seconds(42));
}

TEST_CASE("a keyed uniform is docs/stochastic-model.md's formula, however its halves are hashed") {
  // The formula of section 3, written out with its own SplitMix64 finalizer.
  const auto mix = [](std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31U);
  };
  const auto documented = [&](std::uint64_t seed, std::uint64_t trial, std::uint64_t stream,
                              std::uint64_t index) {
    const std::uint64_t key = mix(seed ^ mix(trial ^ 0xD1B54A32D192ED03ULL));
    const std::uint64_t bits = mix(key ^ mix(((stream << 32U) | index) + 0x632BE59BD9B4E019ULL));
    return (static_cast<double>(bits >> 11U) + 0.5) * 0x1.0p-53;
  };
  for (std::uint64_t seed : {0ULL, 1ULL, 42ULL, ~0ULL})
    for (std::uint64_t trial : {0ULL, 7ULL, 999999ULL, 1ULL << 40U})
      for (const DrawStream s : {DrawStream::provision, DrawStream::terminate, DrawStream::retry,
                                 DrawStream::false_alarm_bake, DrawStream::rollback_terminate})
        for (std::uint32_t index : {0U, 1U, 63U, 64U * 9U + 2U}) {
          const double u = documented(seed, trial, static_cast<std::uint64_t>(s), index);
          CHECK(trial_uniform(seed, trial, s, index) == u);
          const std::uint64_t key = trial_key(seed, trial);
          CHECK(key_uniform(key, s, index) == u);
          // The Monte Carlo's hot loop hashes (stream, index) once per plan: the same bits.
          CHECK(counter_uniform(key, draw_counter(s, index)) == u);
        }
}
