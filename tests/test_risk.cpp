// Exact risk figures (risk.hpp) against an independent method: seeded Monte Carlo runs of the same
// config (run_montecarlo, 1,000,000 trials in the release build) on 60 sampled configs. Every
// quantile within 1%; P(timeout), P(rollback) and P(escape) within 4 standard errors.
#include "stochastic_fixtures.hpp"

#include "shiftsim/draws.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/risk.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/sweep.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>

using namespace shiftsim;
using shiftsim::test::lognormal;

namespace {

#ifdef SHIFTSIM_SANITIZED
constexpr std::uint64_t kTrials = 40'000;  // the sanitized build is ~20x slower: same checks,
constexpr std::uint64_t kEscapeTrials = 10'000;  // wider (they scale with the trials)
constexpr int kConfigs = 12;
#else
constexpr std::uint64_t kTrials = 1'000'000;
constexpr std::uint64_t kEscapeTrials = 100'000;
constexpr int kConfigs = 60;
#endif

DurationDist fixed_s(double s) {
  DurationDist d;
  d.fixed = static_cast<SimTime>(s * 1000);
  return d;
}

struct Sampled {
  SimulationInput input;
  StochasticModel model;
  std::string what;
};

/// A config drawn from `rng`: strategy, fleet, batch, bakes, timing distributions, retries, false
/// alarms, sometimes a second variant (blue/green) or a different old instance type, and a
/// timeout that is either absent, tight (P(timeout) of a few percent) or generous.
Sampled sample(std::mt19937_64& rng, int i) {
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); };
  Sampled s;
  SimulationInput& in = s.input;
  const Strategy strategies[] = {Strategy::all_at_once, Strategy::canary, Strategy::linear,
                                 Strategy::rolling, Strategy::rolling};
  const Strategy st = strategies[pick(5)];
  const int n = 4 + pick(97);
  VariantFleet v{"AllTraffic", n, n, "ml.m5.xlarge", pick(3) == 0 ? "ml.c5.xlarge" : "ml.m5.xlarge",
                 1.0, 1.0};
  in.variants.push_back(v);
  if (st != Strategy::rolling && pick(4) == 0)
    in.variants.push_back(VariantFleet{"Shadowless", 3, 2 + pick(6), "ml.g5.xlarge", "ml.g5.xlarge",
                                       0.5, 0.5});
  in.policy.strategy = st;
  if (st == Strategy::canary)
    in.policy.step = CapacitySize{CapacityType::capacity_percent, 1 + pick(50)};
  if (st == Strategy::linear)
    in.policy.step = CapacitySize{CapacityType::capacity_percent, 10 + pick(41)};
  if (st == Strategy::rolling)
    in.policy.step = CapacitySize{CapacityType::capacity_percent, 5 + pick(46)};
  in.policy.wait = seconds(60 * pick(11));
  in.policy.termination_wait = st == Strategy::rolling ? 0 : seconds(60 * pick(11));
  in.policy.alarms.push_back(AlarmSpec{"errors", std::nullopt});
  in.timing.activation = seconds(pick(30));
  in.timing.provision = seconds(300);
  in.timing.terminate = seconds(60);
  in.prices["ml.m5.xlarge"] = 0.23;

  StochasticModel& m = s.model;
  m = deterministic_model(in.timing);
  const double p50 = uni(120, 600);
  m.provision = lognormal(p50, p50 * uni(1.2, 3.0), pick(5) != 0);
  if (pick(3) == 0) m.provision_by_type["ml.g5."] = lognormal(p50 * 1.5, p50 * 3.0);
  if (pick(2) == 0) m.terminate = lognormal(60, uni(70, 200));
  else m.terminate = fixed_s(60);
  if (pick(3) == 0) {
    m.retry_probability = uni(0.01, 0.3);
    m.retry_delay = seconds(30 + pick(200));
    m.max_retries = 1 + pick(5);
  }
  if (pick(3) != 0) m.false_trip_per_bake = uni(0.0, 0.08);
  // The timeout: none, near the completion's P90 (a few percent time out) or generous.
  const int t = pick(3);
  if (t > 0) {
    RiskSettings none;
    const RiskFigures free = assess_risk(in, m, none);
    const double x = t == 1 ? free.p50_s + 0.8 * (free.p99_s - free.p50_s) : free.p99_s * 1.2;
    in.policy.timeout = seconds(static_cast<std::int64_t>(x));
  }
  s.what = "config " + std::to_string(i) + ": " + std::string(to_string(st)) + " N=" +
           std::to_string(n) + " variants=" + std::to_string(in.variants.size());
  return s;
}

/// |a - b| within 4 standard errors of a share estimated from n trials (p the exact value),
/// plus two trials' worth for the lattice and the ms rounding of draws.
void check_share(double exact, double measured, std::uint64_t n, const char* what) {
  const double se = std::sqrt(exact * (1.0 - exact) / static_cast<double>(n));
  INFO(what << ": exact " << exact << ", Monte Carlo " << measured << ", 4 SE " << 4 * se);
  CHECK(std::abs(exact - measured) <= 4.0 * se + 2.0 / static_cast<double>(n));
}

}  // namespace

TEST_CASE("exact risk figures agree with 1,000,000-trial Monte Carlo runs on sampled configs",
          "[risk][slow]") {
  std::mt19937_64 rng(20261130);
  int with_timeout_risk = 0;
  int with_rollback = 0;
  int escaping = 0;
  for (int i = 0; i < kConfigs; ++i) {
    const Sampled s = sample(rng, i);
    INFO(s.what);
    RiskSettings settings;
    settings.detection_delay = seconds(120 + static_cast<std::int64_t>(rng() % 600));
    settings.recommend_timeout = true;
    const RiskFigures exact = assess_risk(s.input, s.model, settings);
    SimulationInput at_x = s.input;
    at_x.policy.timeout = exact.timeout;
    MonteCarloOptions o;
    o.trials = kTrials;
    o.seed = 1000 + static_cast<std::uint64_t>(i);
    const MonteCarloSummary mc = run_montecarlo(at_x, s.model, o).summary;
    // Quantiles of the completion time: within 1%.
    CHECK(exact.p50_s == Approx(mc.completion_s.p50).epsilon(0.01));
    CHECK(exact.p95_s == Approx(mc.completion_s.p95).epsilon(0.01));
    CHECK(exact.p99_s == Approx(mc.completion_s.p99).epsilon(0.01));
    check_share(exact.p_timeout, mc.p_timeout, kTrials, "P(timeout)");
    check_share(exact.p_rollback, mc.p_rollback, kTrials, "P(rollback)");
    with_timeout_risk += exact.p_timeout > 0.005 ? 1 : 0;
    with_rollback += exact.p_rollback > 0.005 ? 1 : 0;
    // The bad version, detected `detection_delay` after first traffic.
    StochasticModel bad = s.model;
    bad.bad_version = true;
    bad.detection_delay =
        DurationDist{DurationDist::Kind::fixed, settings.detection_delay, 0, 0, true};
    o.trials = kEscapeTrials;
    const MonteCarloSummary mb = run_montecarlo(at_x, bad, o).summary;
    check_share(exact.p_escape, mb.p_escape, kEscapeTrials, "P(escape)");
    escaping += exact.p_escape > 0.005 ? 1 : 0;
  }
  // The sample exercises each figure.
  CHECK(with_timeout_risk >= kConfigs / 10);
  CHECK(with_rollback >= kConfigs / 10);
  CHECK(escaping >= 2);
}

TEST_CASE("with fixed timings the risk figures are the timeline's, exactly", "[risk]") {
  // ROLLING 50% of 8 (2 batches of 4): 2 x (P + A + W + D) = 2 x (240 + 15 + 300 + 60) = 1230 s.
  SimulationInput in;
  in.variants.push_back(VariantFleet{"AllTraffic", 8, 8, "ml.m5.xlarge", "ml.m5.xlarge", 1.0, 1.0});
  in.policy.strategy = Strategy::rolling;
  in.policy.step = CapacitySize{CapacityType::capacity_percent, 50};
  in.policy.wait = seconds(300);
  in.policy.alarms.push_back(AlarmSpec{"errors", std::nullopt});
  in.timing = Timing{seconds(240), seconds(60), seconds(15)};
  const StochasticModel fixed = deterministic_model(in.timing);
  RiskSettings s;
  s.detection_delay = seconds(300);
  RiskFigures r = assess_risk(in, fixed, s);
  CHECK(r.p50_s == 1230.0);
  CHECK(r.p99_s == 1230.0);
  CHECK_FALSE(r.timeout);
  CHECK(r.p_timeout == 0.0);
  CHECK(r.p_escape == 0.0);  // caught in batch 1's bake or at batch 2's
  // A timeout of 1200 s: every run is cut short.
  in.policy.timeout = seconds(1200);
  r = assess_risk(in, fixed, s);
  CHECK(r.p_timeout == 1.0);
  // Recommended: ceil(1230 x 1.1 / 60) x 60 = 1380 s.
  in.policy.timeout.reset();
  s.recommend_timeout = true;
  r = assess_risk(in, fixed, s);
  CHECK(r.timeout == seconds(1380));
  CHECK(r.timeout_recommended);
  // False alarms, 10% per bake (2 bakes of 300 s, both before X): 1 - 0.9^2 = 0.19.
  StochasticModel alarms = fixed;
  alarms.false_trip_per_bake = 0.1;
  r = assess_risk(in, alarms, s);
  CHECK(r.p_rollback == Approx(0.19).epsilon(1e-12));
  CHECK(r.p_timeout == 0.0);
  // A timeout inside bake 2 ([870, 1170) s): a false alarm there counts only before X = 1020 s,
  // i.e. with probability 0.9 x 0.1 x (1020 - 870) / 300 = 0.045; P(timeout) = 1 - 0.1 - 0.045.
  in.policy.timeout = seconds(1020);
  r = assess_risk(in, alarms, s);
  CHECK(r.p_rollback == Approx(0.1 + 0.045).epsilon(1e-9));
  CHECK(r.p_timeout == Approx(1.0 - 0.145).epsilon(1e-9));
  // Under an exclusion fallback (amendment A4) the alarms roll nothing back: as without alarms.
  in.policy.timeout.reset();
  s.recommend_timeout = false;
  in.policy.fallback = true;
  r = assess_risk(in, alarms, s);
  CHECK(r.p_rollback == 0.0);
  CHECK(r.p_escape == 1.0);
  // ... and with fallback_timeout=ignored a timeout in force is not: nothing times out.
  in.policy.timeout = seconds(1020);
  in.assumptions.fallback_timeout = FallbackTimeout::ignored;
  r = assess_risk(in, alarms, s);
  CHECK_FALSE(r.timeout);
  CHECK(r.p_timeout == 0.0);
  in.policy.fallback = false;
  in.assumptions.fallback_timeout = FallbackTimeout::kept;
  // No alarms: nothing rolls back, a bad version always stays.
  in.policy.alarms.clear();
  in.policy.timeout.reset();
  r = assess_risk(in, alarms, s);
  CHECK(r.p_rollback == 0.0);
  CHECK(r.p_escape == 1.0);
}

TEST_CASE("ALL_AT_ONCE: the exact quantiles are the closed form of the slowest of N", "[risk]") {
  // One random operation: P(completion <= P + A + D) = Phi(z)^100 with P lognormal(240, 480).
  SimulationInput in;
  in.variants.push_back(
      VariantFleet{"AllTraffic", 100, 100, "ml.c5.xlarge", "ml.c5.xlarge", 1.0, 1.0});
  in.timing = Timing{seconds(240), seconds(60), seconds(15)};
  StochasticModel m = deterministic_model(in.timing);
  m.provision = lognormal(240, 480);
  const RiskFigures r = assess_risk(in, m, RiskSettings{});
  const double sigma = std::log(2.0) / kZ95;
  auto closed = [&](double q) {
    const double z = normal_quantile(std::pow(q, 1.0 / 100.0));
    return 240.0 * std::exp(sigma * z) + 75.0;
  };
  // Within a lattice cell (about 0.02% of the spread here), far inside 1%.
  CHECK(r.p50_s == Approx(closed(0.50)).epsilon(1e-4));
  CHECK(r.p95_s == Approx(closed(0.95)).epsilon(1e-4));
  CHECK(r.p99_s == Approx(closed(0.99)).epsilon(1e-4));
  CHECK(r.p50_s == Approx(752.32).margin(0.1));  // the hand figure of tests/cli/plan_basic.sh
}

TEST_CASE("sweep rows carry the same risk figures as assess_risk(), for any thread count",
          "[risk][sweep]") {
  SimulationInput in;
  in.variants.push_back(
      VariantFleet{"AllTraffic", 40, 40, "ml.c5.xlarge", "ml.c5.xlarge", 1.0, 1.0});
  in.policy.alarms.push_back(AlarmSpec{"errors", seconds(180)});
  in.policy.timeout = seconds(9000);
  in.timing = Timing{seconds(240), seconds(60), seconds(15)};
  in.prices["ml.c5.xlarge"] = 0.238;
  SweepSpec spec;
  spec.waits_s = {0, 300};
  spec.termination_waits_s = {0, 600};
  spec.rollback_batches = {std::nullopt};
  spec.detection_delay = seconds(180);
  StochasticModel m = deterministic_model(in.timing);
  m.provision = lognormal(240, 480);
  m.terminate = lognormal(60, 120);
  m.false_trip_per_bake = 0.01;
  spec.model = m;
  const SweepResult one = run_sweep(in, spec, SweepLimits{}, 1);
  const SweepResult two = run_sweep(in, spec, SweepLimits{}, 2);
  REQUIRE(one.rows.size() == two.rows.size());
  RiskSettings s;
  s.detection_delay = spec.detection_delay;
  s.recommend_timeout = true;
  for (std::size_t i = 0; i < one.rows.size(); ++i) {
    const RiskFigures& a = one.rows[i].risk;
    const RiskFigures& b = two.rows[i].risk;
    REQUIRE(one.rows[i].risk_known);
    CHECK(a.p95_s == b.p95_s);
    CHECK(a.p_timeout == b.p_timeout);
    CHECK(a.p_escape == b.p_escape);
    if (i % 17 != 0) continue;
    const RiskFigures c = assess_risk(apply_config(in, one.rows[i].config), m, s);
    CHECK(a.p50_s == c.p50_s);
    CHECK(a.p99_s == c.p99_s);
    CHECK(a.p_rollback == c.p_rollback);
    CHECK(a.p_escape == c.p_escape);
    CHECK(a.timeout == c.timeout);
  }
}
