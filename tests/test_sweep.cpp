// Sweeps and plans: range syntax, ratio rules, grid counting, Pareto front, the planner's pick.
#include "input_problems.hpp"
#include "stochastic_fixtures.hpp"

#include "shiftsim/diagnostic.hpp"
#include "shiftsim/plan_choice.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/sweep.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <tuple>

using namespace shiftsim;
using shiftsim::test::first_code;

namespace {

/// Is row `a` ranked before the pick `p` (objective and its tiebreak, then duration at the
/// limits' quantile, extra cost, exposure, index)?
bool better_than_pick(const SweepResult& r, std::size_t a, std::size_t p, Objective o) {
  const auto key = [&](std::size_t i) {
    const SweepRow& x = r.rows[i];
    return std::tuple(objective_value(x, o), objective_tiebreak(x, o), x.ranked_duration_s,
                      x.extra_cost_usd.usd().value(), ranked_exposure(x), i);
  };
  return key(a) < key(p);
}

/// A row with its duration (at the limits' quantile) and extra cost.
SweepRow row(SimTime dur, double cost, double exposure, bool feasible = true) {
  SweepRow r;
  r.duration = dur;
  r.ranked_duration_s = to_seconds(dur);
  r.extra_cost_usd = cost;
  r.exposure_traffic_s = exposure;
  r.violations = feasible ? 0 : kViolDuration;
  return r;
}

}  // namespace

TEST_CASE("ranges: start:stop:step inclusive, single values, comma lists") {
  CHECK(parse_int_range("0:3600:300", "--wait") ==
        std::vector<std::int64_t>{0, 300, 600, 900, 1200, 1500, 1800, 2100, 2400, 2700, 3000,
                                  3300, 3600});
  CHECK(parse_int_range("0:10:4", "--wait") == std::vector<std::int64_t>{0, 4, 8});
  CHECK(parse_int_range("600", "--wait") == std::vector<std::int64_t>{600});
  CHECK(parse_int_range("600,0:300:300,600", "--wait") == std::vector<std::int64_t>{0, 300, 600});
  CHECK(count_int_range("0:3600:1", "--wait") == 3601);
  CHECK(first_code([] { static_cast<void>(parse_int_range("10:0:1", "--wait")); }) == "E_RANGE");
  CHECK(first_code([] { static_cast<void>(parse_int_range("0:10:0", "--wait")); }) == "E_RANGE");
  CHECK(first_code([] { static_cast<void>(parse_int_range("0:10:-1", "--wait")); }) == "E_RANGE");
  CHECK(first_code([] { static_cast<void>(parse_int_range("0:10", "--wait")); }) ==
        "E_RANGE_SYNTAX");
  CHECK(first_code([] { static_cast<void>(parse_int_range("x", "--wait")); }) == "E_RANGE_SYNTAX");
  CHECK(first_code([] { static_cast<void>(parse_int_range("", "--wait")); }) == "E_RANGE_SYNTAX");
  CHECK(first_code([] { static_cast<void>(parse_int_range("0:9000000000:1", "--wait")); }) ==
        "E_GRID_TOO_LARGE");
}

TEST_CASE("ratio rules: canary <= 50%, linear 10..50%, rolling 5..50%, exact arithmetic") {
  using CT = CapacityType;
  CHECK(size_valid(Strategy::canary, {CT::capacity_percent, 50}, 7));
  CHECK_FALSE(size_valid(Strategy::canary, {CT::capacity_percent, 51}, 7));
  CHECK(size_valid(Strategy::canary, {CT::instance_count, 3}, 7));       // 3/7 = 42.9%
  CHECK_FALSE(size_valid(Strategy::canary, {CT::instance_count, 4}, 7)); // 57.1%
  CHECK(size_valid(Strategy::canary, {CT::instance_count, 5}, 10));      // exactly 50%
  CHECK_FALSE(size_valid(Strategy::linear, {CT::instance_count, 1}, 11)); // 9.09% < 10%
  CHECK(size_valid(Strategy::linear, {CT::instance_count, 1}, 10));       // 10%
  CHECK_FALSE(size_valid(Strategy::rolling, {CT::instance_count, 4}, 100)); // 4%
  CHECK(size_valid(Strategy::rolling, {CT::instance_count, 5}, 100));
  CHECK_FALSE(size_valid(Strategy::rolling, {CT::capacity_percent, 4}, 100));
  CHECK_FALSE(size_valid(Strategy::rolling, {CT::instance_count, 0}, 100));
}

TEST_CASE("grid counting matches enumeration and the limit refuses huge grids") {
  auto in = test::watched_fleet(100);
  SweepSpec spec;
  spec.waits_s = {0, 300, 600};
  spec.termination_waits_s = {0, 600};
  spec.rollback_batches = {std::nullopt, CapacitySize{CapacityType::capacity_percent, 10}};
  // canary 50+50 sizes x 3 x 2, linear 41+41 x 3 x 2, rolling 46+46 x 3 x 2, all-at-once 2
  const std::uint64_t expected = 100 * 6 + 82 * 6 + 92 * 6 + 2;
  CHECK(count_configs(in, spec) == expected);
  const auto configs = enumerate_configs(in, spec);
  CHECK(configs.size() == expected);
  for (const auto& c : configs) {
    if (c.strategy == Strategy::all_at_once) {
      CHECK_FALSE(c.step);
      CHECK(c.wait_s == 0);
    } else {
      REQUIRE(c.step);
      CHECK(size_valid(c.strategy, *c.step, 100));
    }
    if (c.strategy == Strategy::rolling) CHECK(c.termination_wait_s == 0);
    else CHECK_FALSE(c.rollback_batch);
  }
  spec.waits_s = parse_int_range("0:3600:1", "--wait");
  spec.termination_waits_s = parse_int_range("0:3600:1", "--termination-wait");
  CHECK(count_configs(in, spec) > kMaxSweepConfigs);
  CHECK(first_code([&] { static_cast<void>(enumerate_configs(in, spec)); }) == "E_GRID_TOO_LARGE");
}

TEST_CASE("rolling is not offered for several variants") {
  auto in = test::watched_fleet(10);
  in.variants.push_back(VariantFleet{std::string("B"), 10, 10, std::string("ml.m5.xlarge"),
                                     std::string("ml.m5.xlarge"), 1.0, 1.0});
  SweepSpec spec;
  spec.strategies = {Strategy::rolling};
  CHECK(count_configs(in, spec) == 0);
}

TEST_CASE("Pareto front: non-dominated feasible rows only, ties kept") {
  std::vector<SweepRow> rows{
      row(seconds(100), 10, 50),   // 0 front
      row(seconds(200), 5, 50),    // 1 front
      row(seconds(200), 6, 50),    // 2 dominated by 1
      row(seconds(300), 5, 10),    // 3 front (least exposure)
      row(seconds(50), 1, 1, false),  // 4 infeasible: ignored
      row(seconds(100), 10, 50),   // 5 tie with 0: kept
      row(seconds(400), 20, 60),   // 6 dominated
  };
  const auto front = mark_pareto(rows);
  CHECK(front == std::vector<std::size_t>{0, 5, 1, 3});
  CHECK_FALSE(rows[2].pareto);
  CHECK_FALSE(rows[4].pareto);
  CHECK_FALSE(rows[6].pareto);
  // An escaped row ranks as infinite exposure: it cannot beat a detected one on exposure.
  std::vector<SweepRow> esc{row(seconds(100), 5, 1), row(seconds(100), 5, 50)};
  esc[0].escaped = true;
  const auto f2 = mark_pareto(esc);
  CHECK(f2 == std::vector<std::size_t>{1});
}

TEST_CASE("the planner's pick is never beaten under the same limits, and says which limit binds") {
  auto in = test::watched_fleet(20);
  in.policy.timeout = seconds(7200);
  SweepSpec spec;
  spec.waits_s = {0, 300, 600};
  spec.termination_waits_s = {0, 300};
  spec.rollback_batches = {std::nullopt, CapacitySize{CapacityType::instance_count, 2}};
  SweepLimits limits;
  limits.max_peak = 30;
  limits.min_bake = seconds(300);
  const auto result = run_sweep(in, spec, limits, 2);
  CHECK(result.rows.size() == count_configs(in, spec));
  for (auto obj : {Objective::cost, Objective::duration, Objective::exposure, Objective::risk}) {
    const auto plan = choose_plan(result, limits, obj);
    REQUIRE(plan.pick);
    const auto& p = result.rows[*plan.pick];
    CHECK(p.feasible());
    CHECK(p.peak <= 30);
    CHECK(p.min_bake >= seconds(300));
    for (const auto& r : result.rows)
      if (r.feasible()) CHECK(objective_value(r, obj) >= objective_value(p, obj));
    REQUIRE(plan.runner_up);
    CHECK_FALSE(better_than_pick(result, *plan.runner_up, *plan.pick, obj));
  }
  // For the extra cost (amendment A3) rolling wins on its own: blue/green runs a second fleet of
  // 20 for its whole length, rolling one batch. So max-peak 30, which excludes blue/green (peak
  // 40), does not bind for cost.
  const auto plan = choose_plan(result, limits, Objective::cost);
  CHECK(result.rows[*plan.pick].config.strategy == Strategy::rolling);
  for (const auto& b : plan.binding) CHECK(b.limit != Limit::peak);
  // For duration it binds: blue/green with a 300 s final bake, 240 + 15 + 300 + 60 = 615 s,
  // beats every rolling config (5 batches of 4 at 300 s waits: 5 x 615 s).
  const auto fast = choose_plan(result, limits, Objective::duration);
  CHECK(result.rows[*fast.pick].config.strategy == Strategy::rolling);
  bool binds = false;
  for (const auto& b : fast.binding) {
    binds = binds || b.limit == Limit::peak;
    // Lifting that one limit gives a strictly faster config, violating only that limit.
    CHECK(result.rows[b.relaxed].violations == limit_bit(b.limit));
    CHECK(result.rows[b.relaxed].ranked_duration_s < result.rows[*fast.pick].ranked_duration_s);
    if (b.limit == Limit::peak) CHECK(result.rows[b.relaxed].ranked_duration_s == 615.0);
  }
  CHECK(binds);
  // The same sweep with threads 1 gives the same rows.
  const auto again = run_sweep(in, spec, limits, 1);
  REQUIRE(again.rows.size() == result.rows.size());
  for (std::size_t i = 0; i < again.rows.size(); ++i) {
    CHECK(again.rows[i].duration == result.rows[i].duration);
    CHECK(same_cost(again.rows[i].cost_usd, result.rows[i].cost_usd));
    CHECK(again.rows[i].pareto == result.rows[i].pareto);
  }
}

TEST_CASE("sweep rows agree with simulate() of the same config") {
  auto in = test::watched_fleet(10);
  SweepSpec spec;
  spec.waits_s = {300};
  spec.termination_waits_s = {120};
  const auto result = run_sweep(in, spec, SweepLimits{}, 2);
  for (std::size_t i = 0; i < result.rows.size(); i += 7) {
    const auto& r = result.rows[i];
    const auto sim = simulate(apply_config(in, r.config));
    CHECK(r.duration == sim.summary.duration);
    CHECK(r.peak == sim.summary.peak_instances);
    CHECK(r.cost_usd.usd().value() == Approx(sim.summary.cost_usd.usd().value()));
  }
  // Hand check: ALL_AT_ONCE = P + A + T + D = 240 + 15 + 120 + 60 = 435 s.
  for (const auto& r : result.rows)
    if (r.config.strategy == Strategy::all_at_once) CHECK(r.duration == seconds(435));
}

TEST_CASE("infeasible limits: which limit is impossible and by how much") {
  auto in = test::watched_fleet(10);
  SweepSpec spec;
  spec.waits_s = {0, 300};
  spec.termination_waits_s = {0, 300};
  SweepLimits limits;
  limits.max_duration = seconds(100);  // the fastest: ALL_AT_ONCE, T = 0: 240+15+60 = 315 s
  const auto result = run_sweep(in, spec, limits, 2);
  const auto plan = choose_plan(result, limits, Objective::cost);
  CHECK_FALSE(plan.pick);
  REQUIRE(plan.limits.size() == 1);
  CHECK(plan.limits[0].limit == Limit::duration);
  CHECK(plan.limits[0].impossible);
  CHECK(plan.limits[0].limit_value == 100.0);
  CHECK(plan.limits[0].best_alone == 315.0);  // 215 s over
}
