// Contract amendment A2: billing=aws_note (the default) bills one fleet for ALL_AT_ONCE with
// T = 0, the one carrying each variant's traffic (old until the flip, new from it, old again from
// a rollback's flip back); billed_instance_seconds is what cost_usd prices. Every figure below is
// computed by hand from the rows of the run (P = 300, A = 15, T = 0, D = 60, $0.23/h).
#include "simulate_fixtures.hpp"
#include "step_rows.hpp"

#include "shiftsim/montecarlo.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/success_path.hpp"
#include "shiftsim/sweep.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace shiftsim;
using namespace shiftsim::test;

namespace {

constexpr double kUsdPerHour = 0.23;

/// ALL_AT_ONCE, T = 0, A = 15 s: provision 0-300, flip 300-315, bake 315-315, terminate 315-375.
SimulationInput all_at_once_no_bake() {
  SimulationInput in = example(Strategy::all_at_once);
  in.policy.termination_wait = 0;
  in.timing.activation = seconds(15);
  return in;
}

}  // namespace

TEST_CASE("ALL_AT_ONCE with T = 0 bills the old fleet until the flip and the new one after it",
          "[billing][A2]") {
  const auto r = simulate(all_at_once_no_bake());
  check_rows(r, {
                    {0, 300, Phase::provision, 10, 10, 10, 0, 0},
                    {300, 315, Phase::shift, 10, 0, 10, 10, 100},
                    {315, 315, Phase::bake, 10, 0, 10, 10, 100},
                    {315, 375, Phase::terminate, 10, 0, 10, 10, 100},
                    {375, 375, Phase::done, 0, 0, 10, 10, 100},
                });
  // Running: 20 instances for 375 s. Billed: 10 old x 300 s + 10 new x (375 - 300) s.
  CHECK(r.summary.instance_seconds == 7500);
  CHECK(r.summary.billed_instance_seconds == 3750);
  CHECK(r.summary.cost_usd.usd().value() == Approx(3750 * kUsdPerHour / 3600));  // $0.239583
  CHECK(r.summary.extra_instance_seconds == 7500 - 10 * 375);
}

TEST_CASE("billing=running bills both fleets as before", "[billing][A2]") {
  auto in = all_at_once_no_bake();
  in.assumptions.billing = Billing::running;
  const auto r = simulate(in);
  CHECK(r.summary.billed_instance_seconds == 7500);
  CHECK(r.summary.cost_usd.usd().value() == Approx(7500 * kUsdPerHour / 3600));  // $0.479167
}

TEST_CASE("a rollback's flip back bills the old fleet again", "[billing][A2][rollback]") {
  auto in = all_at_once_no_bake();
  in.trip = Trip{Trip::Kind::at_bake, 1, 0};  // the 0 s bake at 315
  const auto r = simulate(in);
  check_rows(r, {
                    {0, 300, Phase::provision, 10, 10, 10, 0, 0},
                    {300, 315, Phase::shift, 10, 0, 10, 10, 100},
                    {315, 330, Phase::rollback, 10, 10, 10, 0, 0},
                    {330, 390, Phase::rollback, 10, 10, 10, 0, 0},
                    {390, 390, Phase::done, 10, 10, 0, 0, 0},
                });
  CHECK(r.outcome == Outcome::rolled_back);
  // Running: old 10 x 390 + new 10 x 390. Billed: old 0-300, new 300-315, old 315-390.
  CHECK(r.summary.instance_seconds == 7800);
  CHECK(r.summary.billed_instance_seconds == 10 * 300 + 10 * 15 + 10 * 75);
  CHECK(r.summary.cost_usd.usd().value() == Approx(3900 * kUsdPerHour / 3600));
  // The same trip in rollback_if_trip (amendment A3): its total is the 3900 billed
  // instance-seconds; its extra cost is that of 10 x 390 billed against the old fleet alone for
  // 390 s: zero.
  REQUIRE(r.rollback_if_trip.size() == 1);
  CHECK(r.rollback_if_trip[0].total_cost_usd.usd().value() == Approx(3900 * kUsdPerHour / 3600));
  CHECK(r.rollback_if_trip[0].extra_cost_usd.usd().value() == Approx(0.0).margin(1e-12));
}

TEST_CASE("a bake, or any other strategy, bills every running instance", "[billing][A2]") {
  SECTION("ALL_AT_ONCE with T = 600") {
    auto in = all_at_once_no_bake();
    in.policy.termination_wait = seconds(600);  // 0-300-315-915-975
    const auto r = simulate(in);
    CHECK(r.summary.instance_seconds == 20 * 975);
    CHECK(r.summary.billed_instance_seconds == 20 * 975);
  }
  SECTION("CANARY with T = 0 (W = 600 bakes the canary)") {
    auto in = example(Strategy::canary, percent(20));
    in.policy.termination_wait = 0;  // 0-300 P, 300-900 W, 900 shift, 900-960 D
    const auto r = simulate(in);
    CHECK(r.summary.duration == seconds(960));
    CHECK(r.summary.billed_instance_seconds == 20 * 960);
  }
  SECTION("ROLLING") {
    const auto r = simulate(example(Strategy::rolling, percent(25)));
    CHECK(r.summary.billed_instance_seconds == r.summary.instance_seconds);
  }
}

TEST_CASE("one fleet per variant: a renamed variant's old fleet stops being billed at the flip",
          "[billing][A2][multivariant]") {
  // No update policy (reading 2): Blue 4 -> gone, Green new with 4. P 300, A 15, D 60: 375 s.
  SimulationInput in = all_at_once_no_bake();
  in.variants = {fleet("Blue", 4, 0), fleet("Green", 0, 4)};
  const auto r = simulate(in);
  CHECK(r.summary.duration == seconds(375));
  CHECK(r.summary.instance_seconds == 4 * 375 + 4 * 375);
  // Blue: 4 old billed until the flip at 300; Green: 4 new billed from 300 to 375.
  CHECK(r.summary.billed_instance_seconds == 4 * 300 + 4 * 75);
  double max_pct = 0;
  for (const auto& p : r.timeline) max_pct = std::max(max_pct, p.new_traffic_pct);
  CHECK(max_pct == Approx(100.0));
}

TEST_CASE("planning figures carry billed instance-seconds: the compiled success path, sweep rows",
          "[billing][A2][planning]") {
  const auto in = all_at_once_no_bake();
  const RunFigures f = success_path_figures(compile_success_path(in), in.draws);
  CHECK(f.billed_instance_seconds == 3750);
  CHECK(f.cost_usd.usd().value() == Approx(3750 * kUsdPerHour / 3600));
  SweepSpec spec;
  spec.strategies = {Strategy::all_at_once};
  spec.termination_waits_s = {0, 300};
  const auto sweep = run_sweep(in, spec, SweepLimits{}, 1);
  REQUIRE(sweep.rows.size() == 2);
  CHECK(sweep.rows[0].billed_instance_seconds == 3750);           // T = 0: one fleet
  CHECK(sweep.rows[1].billed_instance_seconds == 20 * (375 + 300));  // T = 300: both
}

TEST_CASE("Monte Carlo keeps each trial's cost exactly and its billed instance-seconds",
          "[billing][A2][montecarlo]") {
  // scenarios/gpu-llm-canary.yaml by hand: CANARY 10% of 10 x ml.g5.2xlarge at $1.515/h,
  // P 525, A 15, W 900, T 600, D 60: 2115 s, 20 instances, 42300 instance-s, $17.80125.
  SimulationInput in = example(Strategy::canary, percent(10));
  in.variants = {fleet("AllTraffic", 10, 10, 1.0, "ml.g5.2xlarge", "ml.g5.2xlarge")};
  in.policy.wait = seconds(900);
  in.timing = Timing{seconds(525), seconds(60), seconds(15)};
  in.prices = {{"ml.g5.2xlarge", 1.515}};
  MonteCarloOptions o;
  o.trials = 20;
  o.threads = 1;
  const auto mc = run_montecarlo(in, deterministic_model(in.timing), o);
  for (std::size_t i = 0; i < mc.figures.size(); ++i) {
    CHECK(std::abs(mc.figures.cost_usd[i] - 17.80125) < 1e-9);  // a float is 4.6e-7 off
    CHECK(mc.figures.billed_instance_seconds[i] == 42300.0F);
  }
  CHECK(std::abs(mc.summary.cost_usd.p50.usd().value() - 17.80125) < 1e-9);
  CHECK(mc.summary.billed_instance_hours.p50 == Approx(42300.0 / 3600));
}
