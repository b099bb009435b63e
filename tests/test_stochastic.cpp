// The stochastic timing and fault model: generator, quantile formulas, samplers, parsing, trials.
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/draws.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/trial_sampler.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

using namespace shiftsim;

namespace {

DurationDist lognormal(double p50, double p95, bool per_instance = true) {
  DurationDist d;
  d.kind = DurationDist::Kind::lognormal;
  d.p50_s = p50;
  d.p95_s = p95;
  d.per_instance = per_instance;
  return d;
}

/// P(max of k <= x) = Phi((ln x - mu) / sigma)^k, x in seconds.
double max_cdf(double p50, double p95, int k, double x) {
  const double mu = std::log(p50);
  const double sigma = std::log(p95 / p50) / kZ95;
  return std::pow(normal_cdf((std::log(x) - mu) / sigma), k);
}

SimulationInput rolling_input(int n, int batch_pct) {
  SimulationInput in;
  VariantFleet v;
  v.name = "AllTraffic";
  v.n_old = n;
  v.n_new = n;
  v.old_instance_type = "ml.m5.xlarge";
  v.new_instance_type = "ml.m5.xlarge";
  in.variants.push_back(v);
  in.policy.strategy = Strategy::rolling;
  in.policy.step = CapacitySize{CapacityType::capacity_percent, batch_pct};
  in.policy.wait = seconds(300);
  return in;
}

std::shared_ptr<const StochasticModel> shared(const StochasticModel& m) {
  return std::make_shared<const StochasticModel>(m);
}

/// The durations of variant 0's rows of one phase in simulate()'s step table.
std::vector<SimTime> durations(const SimulationResult& r, Phase phase) {
  std::vector<SimTime> out;
  for (const auto& s : r.steps)
    if (s.phase == phase && s.variant == r.steps.front().variant) out.push_back(s.end - s.t);
  return out;
}

/// simulate() of `in` at its median trial under `m`.
SimulationResult median_run(SimulationInput in, const StochasticModel& m) {
  in.draws = TimingDraws{TimingDraws::Mode::median, shared(m), 0, 0, {}};
  return simulate(in);
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

TEST_CASE("scenario syntax: numbers stay fixed, objects give distributions") {
  Timing base;
  const auto m = parse_stochastic_model(
      R"({"timing": {"provision_s": {"distribution": "lognormal", "p50": 300, "p95": 600,
            "per": "instance", "by_instance_type": {"ml.g5.": {"p50": 330, "p95": 570}}},
          "terminate_s": 60, "activation_s": 0},
          "alarms": {"false_trip_per_bake": 0.002},
          "capacity": {"retry_probability": 0.05, "retry_delay_s": 120},
          "bad_version": {"detection_delay_s": 180}})",
      base);
  CHECK(m.provision.kind == DurationDist::Kind::lognormal);
  CHECK(m.provision.p50_s == 300);
  CHECK(m.provision.p95_s == 600);
  CHECK(m.provision.per_instance);
  REQUIRE(m.provision_by_type.count("ml.g5.") == 1);
  CHECK(m.provision_by_type.at("ml.g5.").p50_s == 330);
  CHECK(m.terminate.kind == DurationDist::Kind::fixed);
  CHECK(m.terminate.fixed == seconds(60));
  CHECK(m.false_trip_per_bake == 0.002);
  CHECK(m.retry_probability == 0.05);
  CHECK(m.retry_delay == seconds(120));
  CHECK(m.bad_version);
  REQUIRE(m.detection_delay);
  CHECK(m.detection_delay->fixed == seconds(180));
  CHECK_FALSE(is_deterministic(m));

  const auto plain = parse_stochastic_model(R"({"timing": {"provision_s": 12.5}})", base);
  CHECK(is_deterministic(plain));
  CHECK(plain.provision.fixed == 12500);
  CHECK(plain.terminate.fixed == base.terminate);
}

TEST_CASE("scenario syntax errors carry path, rule and code") {
  Timing base;
  auto code_of = [&](const char* text) {
    try {
      static_cast<void>(parse_stochastic_model(text, base));
    } catch (const InputError& e) {
      return e.diagnostics().at(0).code + " " + e.diagnostics().at(0).path;
    }
    return std::string("none");
  };
  CHECK(code_of(R"({"timing": {"provision_s": {"p50": 300}}})") ==
        "E_REQUIRED timing.provision_s.p95");
  CHECK(code_of(R"({"timing": {"provision_s": {"p50": 600, "p95": 300}}})") ==
        "E_RANGE timing.provision_s.p95");
  CHECK(code_of(R"({"timing": {"provision_s": {"distribution": "weibull", "p50": 1, "p95": 2}}})") ==
        "E_ENUM timing.provision_s.distribution");
  CHECK(code_of(R"({"alarms": {"false_trip_per_bake": 1.5}})") ==
        "E_RANGE alarms.false_trip_per_bake");
  CHECK(code_of(R"({"capacity": {"retry_probability": "x"}})") ==
        "E_TYPE capacity.retry_probability");
  CHECK(code_of(R"({"timing": {"terminate_s": -1}})") == "E_RANGE timing.terminate_s");
}

TEST_CASE("trial plans time each operation of the rolling schedule and draw per (seed, trial)") {
  auto in = rolling_input(100, 10);
  StochasticModel m = deterministic_model(in.timing);
  m.provision = lognormal(300, 600);
  const auto plan = make_trial_plan(in, shared(m), 99);
  // 10 batches: PROVISION, SHIFT, BAKE, TERMINATE each; 20 timed operations.
  REQUIRE(plan.schedule.ops.size() == 40);
  REQUIRE(plan.timed.size() == 20);
  for (std::size_t k = 0; k < 10; ++k) {
    CHECK(plan.timed[2 * k].provision);
    CHECK(plan.timed[2 * k].draw_index == k);
    CHECK_FALSE(plan.timed[2 * k + 1].provision);
  }
  SimulationInput a = plan.base, b = plan.base;
  draw_trial(plan, 5, a);
  draw_trial(plan, 6, b);
  draw_trial(plan, 5, b);
  CHECK(a.draws.success == b.draws.success);
  CHECK(a.draws.trial == 5);
  CHECK(a.draws.success[1] == in.timing.terminate);  // fixed D
  std::set<SimTime> distinct;
  for (std::size_t k = 0; k < 10; ++k) distinct.insert(a.draws.success[2 * k]);
  CHECK(distinct.size() > 5);
  // The success draws are the model's: the k-th provisioning's uniform is keyed (provision,
  // k*64) and the batch of 10 waits for its slowest (exact formula vs the table: < 5e-5).
  for (std::uint32_t k = 0; k < 10; ++k) {
    const double u = trial_uniform(99, 5, DrawStream::provision, k * 64);
    const auto exact = static_cast<double>(batch_quantile(m.provision, 10, u));
    CHECK(std::abs(static_cast<double>(a.draws.success[2 * k]) - exact) <= 5e-5 * exact + 1);
  }
}

TEST_CASE("false alarms: the tripped share matches 1-(1-p)^bakes and falls inside the bake") {
  auto in = rolling_input(100, 10);  // P 300 s, A 0, W 300 s, D 60 s: batch k bakes [660k+300, 660k+600)
  StochasticModel m = deterministic_model(in.timing);
  m.false_trip_per_bake = 0.01;
  const auto plan = make_trial_plan(in, shared(m), 4);
  REQUIRE(plan.eligible_bakes.size() == 10);
  SimulationInput x = plan.base;
  const int n = 200000;
  int tripped = 0;
  for (int t = 0; t < n; ++t) {
    draw_trial(plan, static_cast<std::uint64_t>(t), x);
    if (x.trip.kind == Trip::Kind::none) continue;
    ++tripped;
    REQUIRE(x.trip.kind == Trip::Kind::at_time);
    const SimTime rel = x.trip.at % seconds(660);
    REQUIRE(x.trip.at < seconds(6600));
    REQUIRE(rel >= seconds(300));
    REQUIRE(rel < seconds(600));
  }
  const double p = 1 - std::pow(0.99, 10);
  const double sd = std::sqrt(p * (1 - p) / n);
  CHECK(std::abs(static_cast<double>(tripped) / n - p) < 4 * sd);
}

TEST_CASE("a false alarm falls inside its bake as this trial's drawn durations place it") {
  // Random provisioning moves every bake: the trip must land inside the bake of this trial.
  auto in = rolling_input(20, 25);  // 4 batches of 5
  StochasticModel m = deterministic_model(in.timing);
  m.provision = lognormal(300, 900);
  m.false_trip_per_bake = 0.2;
  const auto plan = make_trial_plan(in, shared(m), 8);
  SimulationInput x = plan.base;
  int checked = 0;
  for (std::uint64_t t = 0; t < 2000; ++t) {
    draw_trial(plan, t, x);
    if (x.trip.kind != Trip::Kind::at_time) continue;
    // Place the bakes by hand: batch k = P_k + A (0) + W (300) + D (60), in order.
    SimTime start = 0;
    bool inside = false;
    for (std::size_t k = 0; k < 4; ++k) {
      const SimTime bake_start = start + x.draws.success[2 * k];
      inside = inside || (x.trip.at >= bake_start && x.trip.at < bake_start + seconds(300));
      start = bake_start + seconds(300) + x.draws.success[2 * k + 1];
    }
    REQUIRE(inside);
    ++checked;
  }
  CHECK(checked > 500);
}

TEST_CASE("capacity retries add a geometric number of delays") {
  auto in = rolling_input(10, 50);
  StochasticModel m = deterministic_model(in.timing);
  m.retry_probability = 0.2;
  m.retry_delay = seconds(120);
  m.max_retries = 50;
  const auto plan = make_trial_plan(in, shared(m), 1);
  SimulationInput x = plan.base;
  const int n = 100000;
  double retries = 0;
  for (int t = 0; t < n; ++t) {
    draw_trial(plan, static_cast<std::uint64_t>(t), x);
    const SimTime extra = x.draws.success[0] - in.timing.provision;
    REQUIRE(extra % seconds(120) == 0);
    retries += static_cast<double>(extra / seconds(120));
  }
  // E[r] = p / (1 - p) = 0.25; var = p/(1-p)^2 = 0.3125.
  CHECK(std::abs(retries / n - 0.25) < 4 * std::sqrt(0.3125 / n));
}

TEST_CASE("bad-version mode trips a detection delay after first traffic") {
  auto in = rolling_input(10, 50);
  in.policy.alarms.push_back(AlarmSpec{"p99", seconds(180)});
  in.policy.alarms.push_back(AlarmSpec{"err", seconds(120)});
  StochasticModel m = deterministic_model(in.timing);
  m.bad_version = true;
  auto plan = make_trial_plan(in, shared(m), 1);
  SimulationInput x = plan.base;
  draw_trial(plan, 0, x);
  CHECK(x.trip.kind == Trip::Kind::after_new_traffic);
  CHECK(x.trip.at == seconds(120));  // the shortest Period x EvaluationPeriods
  m.detection_delay = DurationDist{DurationDist::Kind::fixed, seconds(45), 0, 0, true};
  plan = make_trial_plan(in, shared(m), 1);
  draw_trial(plan, 0, x);
  CHECK(x.trip.at == seconds(45));
}

TEST_CASE("the median trial: each operation at the median of its slowest instance") {
  // Hand-computed: per-instance lognormal p50 240 s / p95 480 s, sigma = ln 2 / 1.6449 = 0.42138.
  // The median of the slowest of k is 240 * exp(sigma * Phi^-1(0.5^(1/k))): k = 10 -> 451.34 s,
  // k = 100 -> 677.32 s, k = 1 -> 240 s; rounded to the second.
  auto in = rolling_input(100, 10);
  StochasticModel m = deterministic_model(in.timing);
  m.provision = lognormal(240, 480);
  SECTION("rolling: every batch of 10 at 451 s; termination stays at the fixed D") {
    const auto r = median_run(in, m);
    const auto p = durations(r, Phase::provision);
    REQUIRE(p.size() == 10);
    for (const SimTime t : p) CHECK(t == 451000);
    for (const SimTime t : durations(r, Phase::terminate)) CHECK(t == in.timing.terminate);
  }
  SECTION("a rollback relaunching 100 old instances takes the median of the slowest of 100") {
    auto tripped = in;
    tripped.policy.alarms.push_back(AlarmSpec{"err", std::nullopt});
    tripped.trip = Trip{Trip::Kind::at_bake, 10, 0};  // bake of batch 10: 90 old are gone
    tripped.policy.rollback_batch = CapacitySize{CapacityType::capacity_percent, 100};
    const auto r = median_run(tripped, m);
    // Rollback rows: relaunch 90 old (k = 90: 240 * exp(0.42138 * Phi^-1(0.5^(1/90))) = 666.6 s).
    const auto rb = durations(r, Phase::rollback);
    REQUIRE(rb.size() == 3);
    CHECK(rb[0] == 667000);
    CHECK(rb[2] == in.timing.terminate);
  }
  SECTION("one draw per batch: the p50 itself") {
    m.provision = lognormal(240, 480, false);
    for (const SimTime t : durations(median_run(in, m), Phase::provision)) CHECK(t == 240000);
  }
  SECTION("a deterministic model gives the fixed timeline") {
    const auto r = median_run(in, deterministic_model(in.timing));
    CHECK(r.summary.duration == simulate(in).summary.duration);
  }
  SECTION("capacity retries at their median count: floor(ln 0.5 / ln p)") {
    m.retry_probability = 0.6;  // ln 0.5 / ln 0.6 = 1.36 -> 1 retry
    m.retry_delay = seconds(120);
    CHECK(durations(median_run(in, m), Phase::provision)[0] == 451000 + 120000);
    m.retry_probability = 0.4;  // below one half: no retry at the median
    CHECK(durations(median_run(in, m), Phase::provision)[0] == 451000);
  }
  SECTION("several variants: the slowest part's median, each type with its own distribution") {
    in.policy.strategy = Strategy::linear;  // ROLLING allows one variant only
    in.policy.step = CapacitySize{CapacityType::capacity_percent, 10};
    VariantFleet g = in.variants.front();
    g.name = "Gpu";
    g.n_old = g.n_new = 10;
    g.old_instance_type = g.new_instance_type = "ml.g5.xlarge";
    in.variants.push_back(g);
    m.provision_by_type["ml.g5."] = lognormal(330, 570, false);  // one draw per batch: 330 s
    // Provisioning 100 m5 (677 s) and 10 g5 (330 s): the slower.
    CHECK(durations(median_run(in, m), Phase::provision)[0] == 677000);
    m.provision_by_type["ml.g5."] = lognormal(900, 1200, false);
    CHECK(durations(median_run(in, m), Phase::provision)[0] == 900000);
  }
  SECTION("termination per instance type") {
    m.terminate_by_type["ml.m5."] = lognormal(60, 120);
    const auto t = durations(median_run(in, m), Phase::terminate);
    REQUIRE(t.size() == 10);
    CHECK(t[0] == 113000);  // 60 * exp(0.42138 * Phi^-1(0.5^(1/10)) = 1.4988) = 112.8 s -> 113 s
  }
}
