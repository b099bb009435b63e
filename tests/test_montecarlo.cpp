// Monte Carlo: agreement with simulate(), closed forms, rollback rates, thread independence,
// statistics.
#include "stochastic_fixtures.hpp"

#include "shiftsim/montecarlo.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/draws.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/trial_sampler.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace shiftsim;
using shiftsim::test::lognormal;

namespace {

SimulationInput fleet(Strategy s, int n, std::optional<CapacitySize> step) {
  SimulationInput in = test::watched_fleet(n);
  in.policy.strategy = s;
  in.policy.step = step;
  in.policy.wait = seconds(300);
  in.policy.termination_wait = seconds(120);
  return in;
}

double max_cdf(double p50, double p95, int k, double x) {
  const double mu = std::log(p50);
  const double sigma = std::log(p95 / p50) / kZ95;
  return std::pow(normal_cdf((std::log(x) - mu) / sigma), k);
}

}  // namespace

TEST_CASE("with deterministic distributions every trial equals simulate() exactly") {
  for (auto s : {Strategy::all_at_once, Strategy::canary, Strategy::linear, Strategy::rolling}) {
    std::optional<CapacitySize> step;
    if (s == Strategy::canary) step = CapacitySize{CapacityType::capacity_percent, 10};
    if (s == Strategy::linear) step = CapacitySize{CapacityType::capacity_percent, 25};
    if (s == Strategy::rolling) step = CapacitySize{CapacityType::instance_count, 3};
    auto in = fleet(s, 12, step);
    in.policy.timeout = seconds(7200);
    const auto det = simulate(in);
    MonteCarloOptions o;
    o.trials = 50;
    o.seed = 5;
    o.threads = 2;
    const auto mc = run_montecarlo(in, deterministic_model(in.timing), o);
    for (std::size_t i = 0; i < mc.figures.size(); ++i) {
      CHECK(mc.figures.duration_ms[i] == det.summary.duration);
      CHECK(mc.figures.peak[i] == det.summary.peak_instances);
      CHECK(mc.figures.instance_seconds[i] ==
            Approx(static_cast<float>(det.summary.instance_seconds)));
      // Costs are kept exactly (double), not rounded to float.
      CHECK(mc.figures.cost_usd[i] == det.summary.cost_usd.usd().value());
      CHECK(mc.figures.billed_instance_seconds[i] ==
            static_cast<float>(det.summary.billed_instance_seconds));
      CHECK(mc.figures.outcome[i] == static_cast<int>(det.outcome));
    }
    CHECK(mc.summary.duration_s.p50 == to_seconds(det.summary.duration));
    CHECK(mc.summary.duration_s.p99 == to_seconds(det.summary.duration));
    CHECK(mc.summary.p_rollback == 0.0);
    CHECK(mc.summary.p_succeeded == 1.0);
  }
}

TEST_CASE("a deterministic trip gives simulate()'s rollback in every trial") {
  auto in = fleet(Strategy::rolling, 10, CapacitySize{CapacityType::instance_count, 2});
  auto model = deterministic_model(in.timing);
  model.bad_version = true;
  model.detection_delay = DurationDist{DurationDist::Kind::fixed, seconds(100), 0, 0, true};
  auto tripped = in;
  tripped.trip = Trip{Trip::Kind::after_new_traffic, 0, seconds(100)};
  const auto det = simulate(tripped);
  MonteCarloOptions o;
  o.trials = 20;
  const auto mc = run_montecarlo(in, model, o);
  CHECK(mc.summary.p_rollback == 1.0);
  CHECK(mc.summary.duration_s.max == to_seconds(det.summary.duration));
  CHECK(mc.summary.exposure_traffic_s.mean ==
        Approx(det.summary.exposure_traffic_s).epsilon(1e-6));
  // completion: the same draws with no trip = the deterministic success path.
  CHECK(mc.summary.completion_s.p50 == to_seconds(simulate(in).summary.duration));
}

TEST_CASE("ALL_AT_ONCE duration quantiles converge to the max-of-k closed form") {
  const int k = 8;
  auto in = fleet(Strategy::all_at_once, k, std::nullopt);
  auto model = deterministic_model(in.timing);
  model.provision = lognormal(240, 480);
  MonteCarloOptions o;
  o.trials = 100000;
  o.seed = 17;
  o.threads = 2;
  const auto mc = run_montecarlo(in, model, o);
  // Duration = P_batch + A + T + D (contract), so P_batch = duration - 15 - 120 - 60.
  const double fixed_part = 15 + 120 + 60;
  for (auto [q, x] : {std::pair{0.5, mc.summary.duration_s.p50},
                      std::pair{0.9, mc.summary.duration_s.p90},
                      std::pair{0.95, mc.summary.duration_s.p95},
                      std::pair{0.99, mc.summary.duration_s.p99}}) {
    const double cdf = max_cdf(240, 480, k, x - fixed_part);
    CHECK(std::abs(cdf - q) < 4 * std::sqrt(q * (1 - q) / static_cast<double>(o.trials)) + 1e-4);
  }
}

TEST_CASE("rollback probability matches 1-(1-p)^bakes within 4 sigma") {
  auto in = fleet(Strategy::rolling, 100, CapacitySize{CapacityType::capacity_percent, 10});
  auto model = deterministic_model(in.timing);
  model.provision = lognormal(240, 480);
  model.false_trip_per_bake = 0.01;
  MonteCarloOptions o;
  o.trials = 60000;
  o.seed = 3;
  o.threads = 2;
  const auto mc = run_montecarlo(in, model, o);
  const int bakes = 10;  // one W bake per batch
  const double p = 1 - std::pow(1 - 0.01, bakes);
  const double sd = std::sqrt(p * (1 - p) / static_cast<double>(o.trials));
  CHECK(std::abs(mc.summary.p_rollback - p) < 4 * sd);
  CHECK(mc.summary.p_timeout == 0.0);  // no timeout set
}

TEST_CASE("false alarms also trip a bad version: it escapes only when no bake has one") {
  // 5 batches (20% of 20), W = 300 s each; the real alarm needs 100,000 s, i.e. it always fires
  // after the last bake (the bad version escapes), unless a false alarm trips the run first.
  auto in = fleet(Strategy::rolling, 20, CapacitySize{CapacityType::capacity_percent, 20});
  auto model = deterministic_model(in.timing);
  model.provision = lognormal(240, 480);
  model.bad_version = true;
  DurationDist late;
  late.kind = DurationDist::Kind::fixed;
  late.fixed = seconds(100000);
  model.detection_delay = late;
  MonteCarloOptions o;
  o.trials = 40000;
  o.seed = 11;
  o.threads = 2;
  SECTION("without false alarms every trial escapes") {
    const auto mc = run_montecarlo(in, model, o);
    CHECK(mc.summary.p_escape == 1.0);
    CHECK(mc.summary.p_rollback == 0.0);
  }
  SECTION("with p = 0.1 per bake, P(escape) = 0.9^5") {
    model.false_trip_per_bake = 0.1;
    const auto mc = run_montecarlo(in, model, o);
    const double p = std::pow(0.9, 5);
    const double sd = std::sqrt(p * (1 - p) / static_cast<double>(o.trials));
    CHECK(std::abs(mc.summary.p_escape - p) < 4 * sd);
    CHECK(mc.summary.p_rollback == Approx(1.0 - mc.summary.p_escape).margin(1e-12));
  }
  SECTION("a quick real alarm still decides: false alarms after it change nothing") {
    DurationDist quick;
    quick.kind = DurationDist::Kind::fixed;
    quick.fixed = seconds(10);  // inside the first shift's A (15 s): before any bake
    model.detection_delay = quick;
    const auto without = run_montecarlo(in, model, o);
    model.false_trip_per_bake = 0.1;
    const auto with = run_montecarlo(in, model, o);
    CHECK(with.summary.p_rollback == 1.0);
    CHECK(with.figures.duration_ms == without.figures.duration_ms);
    CHECK(with.figures.exposure_traffic_s == without.figures.exposure_traffic_s);
  }
}

TEST_CASE("results are identical for 1, 2 and 3 threads") {
  auto in = fleet(Strategy::rolling, 40, CapacitySize{CapacityType::capacity_percent, 10});
  in.policy.timeout = seconds(4800);
  auto model = deterministic_model(in.timing);
  model.provision = lognormal(240, 480);
  model.terminate = lognormal(60, 120);
  model.false_trip_per_bake = 0.02;
  model.retry_probability = 0.05;
  model.retry_delay = seconds(120);
  std::vector<MonteCarloResult> runs;
  for (int t : {1, 2, 3}) {
    MonteCarloOptions o;
    o.trials = 5001;
    o.seed = 42;
    o.threads = t;
    runs.push_back(run_montecarlo(in, model, o));
  }
  for (std::size_t r = 1; r < runs.size(); ++r) {
    CHECK(runs[r].figures.duration_ms == runs[0].figures.duration_ms);
    CHECK(runs[r].figures.cost_usd == runs[0].figures.cost_usd);
    CHECK(runs[r].figures.outcome == runs[0].figures.outcome);
    CHECK(runs[r].summary.duration_s.p99 == runs[0].summary.duration_s.p99);
    CHECK(same_cost(runs[r].summary.cost_usd.mean, runs[0].summary.cost_usd.mean));
    CHECK(runs[r].summary.p_timeout == runs[0].summary.p_timeout);
  }
  // A different seed gives different draws.
  MonteCarloOptions o;
  o.trials = 5001;
  o.seed = 43;
  CHECK(run_montecarlo(in, model, o).figures.duration_ms != runs[0].figures.duration_ms);
}

TEST_CASE("nearest-rank quantiles, histogram and the recommended timeout") {
  std::vector<std::int32_t> ms;
  for (int i = 1; i <= 100; ++i) ms.push_back(i * 1000);  // 1..100 s
  const auto q = quantiles_of_ms(ms);
  CHECK(q.p50 == 50);
  CHECK(q.p90 == 90);
  CHECK(q.p95 == 95);
  CHECK(q.p99 == 99);
  CHECK(q.max == 100);
  CHECK(q.min == 1);
  CHECK(q.mean == Approx(50.5));
  const auto h = histogram_ms(ms, 10);
  REQUIRE(h.size() == 10);
  std::uint64_t total = 0;
  for (const auto& b : h) total += b.count;
  CHECK(total == 100);
  CHECK(h.front().lo == 1.0);
  CHECK(h.back().hi == 100.0);
  // 1000 s * 1.1 = 1100 -> 1140 (next multiple of 60); small values clamp to 600.
  CHECK(recommended_timeout_s(1000) == 1140);
  CHECK(recommended_timeout_s(100) == 600);
  CHECK(recommended_timeout_s(30000) == 28800);
  CHECK(recommended_timeout_s(600.0 / 1.1) == 600);
}

TEST_CASE("a timeout below the recommendation is warned about") {
  TrialFigures f;
  for (int i = 0; i < 100; ++i) {
    f.duration_ms.push_back(2000000);
    f.completion_ms.push_back(2000000);  // 2000 s -> recommend 2220 s
    f.peak.push_back(10);
    f.instance_seconds.push_back(1);
    f.billed_instance_seconds.push_back(1);
    f.cost_usd.push_back(1);
    f.exposure_traffic_s.push_back(0);
    f.outcome.push_back(0);
    f.escaped.push_back(0);
  }
  auto s = summarize(f, 1, seconds(1800));
  CHECK(s.recommended_timeout_s == 2220);
  REQUIRE(s.warnings.size() == 1);
  CHECK(s.warnings[0].code == "W_TIMEOUT_BELOW_RECOMMENDED");
  s = summarize(f, 1, seconds(2220));
  CHECK(s.warnings.empty());
  REQUIRE(s.peak_distribution.size() == 1);
  CHECK(s.peak_distribution[0] == std::pair<int, std::uint64_t>{10, 100});
}

TEST_CASE("every trial equals the engine run on its draws (the success-path shortcut is exact)") {
  // run_montecarlo answers untouched trials from the compiled success path and runs the engine
  // only for trips and timeouts; here each trial is recomputed the plain way: draw, then
  // simulate_figures() with the trip and timeout in force, and again with neither (completion).
  struct Case {
    Strategy strategy;
    std::optional<CapacitySize> step;
    std::optional<SimTime> timeout;
    bool bad_version;
    bool fallback = false;  ///< an exclusion fallback: trips never take effect (A4)
  };
  const Case cases[] = {
      {Strategy::rolling, CapacitySize{CapacityType::capacity_percent, 10}, seconds(6000), false},
      {Strategy::rolling, CapacitySize{CapacityType::instance_count, 3}, std::nullopt, false},
      {Strategy::linear, CapacitySize{CapacityType::capacity_percent, 25}, seconds(2400), false},
      {Strategy::canary, CapacitySize{CapacityType::capacity_percent, 10}, seconds(1500), false},
      {Strategy::all_at_once, std::nullopt, seconds(900), false},
      {Strategy::rolling, CapacitySize{CapacityType::capacity_percent, 20}, seconds(5000), true},
      {Strategy::all_at_once, std::nullopt, seconds(700), true, true},
  };
  for (const auto& c : cases) {
    INFO("strategy " << to_string(c.strategy) << " bad_version " << c.bad_version);
    auto in = fleet(c.strategy, 20, c.step);
    in.policy.timeout = c.timeout;
    in.policy.fallback = c.fallback;
    if (c.fallback) in.policy.termination_wait = 0;
    StochasticModel m = deterministic_model(in.timing);
    m.provision = lognormal(240, 600);
    m.terminate = lognormal(60, 90);
    m.false_trip_per_bake = 0.05;  // many tripped trials
    m.retry_probability = 0.1;
    m.retry_delay = seconds(120);
    m.bad_version = c.bad_version;
    MonteCarloOptions o;
    o.trials = 3000;
    o.seed = 77;
    o.threads = 2;
    const auto mc = run_montecarlo(in, m, o);

    const TrialPlan plan = make_trial_plan(in, std::make_shared<const StochasticModel>(m), o.seed);
    SimulationInput trial_in = plan.base;
    SimulationWorkspace ws;
    int engine_outcomes = 0;
    const auto& f = mc.figures;
    for (std::uint64_t t = 0; t < o.trials; ++t) {
      draw_trial(plan, t, trial_in);
      const RunFigures r = simulate_figures(trial_in, ws);
      SimulationInput clean = trial_in;
      clean.trip = Trip{};
      clean.policy.timeout.reset();
      const RunFigures done = simulate_figures(clean, ws);
      const auto i = static_cast<std::size_t>(t);
      INFO("trial " << t);
      REQUIRE(f.duration_ms[i] == r.duration);
      REQUIRE(f.completion_ms[i] == done.duration);
      REQUIRE(f.peak[i] == r.peak_instances);
      REQUIRE(f.instance_seconds[i] == static_cast<float>(r.instance_seconds));
      REQUIRE(f.cost_usd[i] == r.cost_usd.usd().value());
      REQUIRE(f.billed_instance_seconds[i] == static_cast<float>(r.billed_instance_seconds));
      REQUIRE(f.exposure_traffic_s[i] == static_cast<float>(r.exposure_traffic_s));
      REQUIRE(f.outcome[i] == static_cast<std::uint8_t>(r.outcome));
      REQUIRE(f.escaped[i] == (r.escaped ? 1 : 0));
      if (r.outcome != Outcome::succeeded) ++engine_outcomes;
    }
    CHECK(engine_outcomes > 0);  // rollbacks / timeouts were among the trials
  }
}

TEST_CASE("with one random operation the median trial is the Monte Carlo median") {
  // ALL_AT_ONCE: duration = P + constants, so its median is the median of P: the median of the
  // slowest of 20 instances, which is what the median trial times P at (to the second).
  auto in = fleet(Strategy::all_at_once, 20, std::nullopt);
  auto model = deterministic_model(in.timing);
  model.provision = lognormal(240, 480);
  SimulationInput median = in;
  median.draws = TimingDraws{TimingDraws::Mode::median,
                             std::make_shared<const StochasticModel>(model), 0, 0, {}};
  const auto sim = simulate(median);
  MonteCarloOptions o;
  o.trials = 200000;
  o.seed = 5;
  o.threads = 2;
  const auto mc = run_montecarlo(in, model, o);
  // 200,000 trials: the empirical median is within ~0.3% of the true one; plus 0.5 s rounding.
  CHECK(std::abs(mc.summary.completion_s.p50 - to_seconds(sim.summary.duration)) <
        0.003 * mc.summary.completion_s.p50 + 0.5);
  // The per-instance p50 (240 s) would be far off: the slowest of 20 has median
  // 240 * exp(0.4214 * Phi^-1(0.5^(1/20))) = 518 s, i.e. 278 s more.
  CHECK(sim.summary.duration - simulate(in).summary.duration == seconds(278));
}

TEST_CASE("the extra cost of each trial is its cost minus the old fleet alone (amendment A3)") {
  auto in = fleet(Strategy::rolling, 20, CapacitySize{CapacityType::capacity_percent, 10});
  StochasticModel model = deterministic_model(in.timing);
  model.provision = lognormal(240, 480);
  model.false_trip_per_bake = 0.05;
  MonteCarloOptions o;
  o.trials = 4000;
  const MonteCarloResult r = run_montecarlo(in, model, o);
  // 20 old ml.m5.xlarge at $0.23/h: the old fleet alone costs 20 x 0.23 / 3600 $ per second.
  const double rate_s = 20 * 0.23 / 3600.0;
  CHECK(old_fleet_usd_per_ms(in) == Approx(rate_s / 1000.0));
  std::vector<float> extra;
  for (std::size_t i = 0; i < r.figures.size(); ++i)
    extra.push_back(static_cast<float>(static_cast<double>(r.figures.cost_usd[i]) -
                                       rate_s * r.figures.duration_ms[i] / 1000.0));
  const Quantiles q = quantiles_of(extra);
  const CostQuantiles& e = r.summary.extra_cost_usd;
  CHECK(e.p50.usd().value() == Approx(q.p50));
  CHECK(e.p95.usd().value() == Approx(q.p95));
  CHECK(e.mean.usd().value() == Approx(q.mean));
  // Rolling 10% keeps one batch of 2 over the old fleet: the extra is far below the total.
  CHECK(e.mean.usd().value() < 0.2 * r.summary.cost_usd.mean.usd().value());
  CHECK(e.min.usd().value() > 0.0);
  // The old fleet's type unpriced (A12): its rate is unknown, and so is every extra cost.
  in.prices.erase("ml.m5.xlarge");
  CHECK(std::isnan(old_fleet_usd_per_ms(in)));
  o.trials = 100;
  const MonteCarloSummary u = run_montecarlo(in, model, o).summary;
  for (Cost c : {u.extra_cost_usd.p50, u.extra_cost_usd.p95, u.extra_cost_usd.mean,
                 u.cost_usd.mean})
    CHECK_FALSE(c.known());
}
