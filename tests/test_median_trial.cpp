// The median trial (TimingDraws::Mode::median) that simulate, sweep and plan report under a
// stochastic model: each operation at the median of its slowest instance.
#include "shiftsim/draws.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/stochastic.hpp"
#include "stochastic_fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace shiftsim;
using shiftsim::test::lognormal;
using shiftsim::test::rolling_input;
using shiftsim::test::shared;

namespace {

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

