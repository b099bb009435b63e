// Monte Carlo trials (trial_sampler.hpp): each operation of the success schedule timed by its own
// draw, false alarms inside their bakes, capacity retries, the bad version's detection.
#include "shiftsim/draws.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/trial_sampler.hpp"
#include "stochastic_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

using namespace shiftsim;
using shiftsim::test::lognormal;
using shiftsim::test::rolling_input;
using shiftsim::test::shared;

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
