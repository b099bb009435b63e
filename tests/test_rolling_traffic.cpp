// Contract amendment A11: rolling traffic with unequal fleets. Inside a variant the new share is
// new active / (new active + old active): a_k / N when N_old = N, 100% once no old instance is
// active. Hand-computed rows (P = 300, A = 0, W = 600, D = 60).
#include "simulate_fixtures.hpp"
#include "step_rows.hpp"

#include <catch2/catch.hpp>

using namespace shiftsim;
using namespace shiftsim::test;

TEST_CASE("ROLLING 4 -> 10 instances: traffic by active instances, 100% once the old are gone",
          "[simulate][rolling][A11]") {
  // B = 50% of 10 = 5, 2 batches. Batch 1: 5 new; the shift deactivates floor(5 x 4 / 10) = 2
  // old: 5 new / (5 + 2) active = 71.43%. Its cleanup terminates min(5, 4 left) = 4 old: none
  // active, so 100% (not the 50% = a_1 / N that left half the traffic on no instance).
  auto in = example(Strategy::rolling, percent(50));
  in.variants = {fleet("AllTraffic", 4, 10)};
  const auto r = simulate(in);
  const double f1 = 100.0 * 5 / 7;
  check_rows(r, {
                    {0, 300, Phase::provision, 4, 4, 5, 0, 0},
                    {300, 300, Phase::shift, 4, 2, 5, 5, f1},
                    {300, 900, Phase::bake, 4, 2, 5, 5, f1},
                    {900, 960, Phase::terminate, 4, 2, 5, 5, f1},
                    {960, 1260, Phase::provision, 0, 0, 10, 5, 100},
                    {1260, 1260, Phase::shift, 0, 0, 10, 10, 100},
                    {1260, 1860, Phase::bake, 0, 0, 10, 10, 100},
                    {1860, 1920, Phase::terminate, 0, 0, 10, 10, 100},
                    {1920, 1920, Phase::done, 0, 0, 10, 10, 100},
                });
  CHECK(r.summary.duration == seconds(1920));
  CHECK(r.summary.peak_instances == 10);          // batch 2: 0 old + 10 new
  CHECK(r.summary.min_serving_instances == 4);    // before the first shift
  // old 4 x 960; new 5 x 1920 + 5 x (1920 - 960).
  CHECK(r.summary.instance_seconds == 4 * 960 + 5 * 1920 + 5 * 960);
  // Exposure (traffic-seconds on new): 5/7 from 300 to 960, then 1 from 960 to 1920.
  CHECK(r.summary.exposure_traffic_s == Approx(5.0 / 7 * 660 + 960));
}

TEST_CASE("ROLLING 10 -> 4 instances: the first batch takes 2 / (2 + 5) of the traffic",
          "[simulate][rolling][A11]") {
  // B = 50% of 4 = 2. Shift 1 deactivates floor(2 x 10 / 4) = 5 old: 2 / 7 = 28.57%.
  auto in = example(Strategy::rolling, percent(50));
  in.variants = {fleet("AllTraffic", 10, 4)};
  const auto r = simulate(in);
  REQUIRE(r.steps.size() >= 4);
  CHECK(r.steps[1].phase == Phase::shift);
  CHECK(r.steps[1].old_active == 5);
  CHECK(r.steps[1].new_active == 2);
  CHECK(r.steps[1].new_traffic_pct == Approx(100.0 * 2 / 7));
  // Cleanup of batch 1 terminates 2 old (8 left, 5 active): unchanged 2 / 7.
  CHECK(r.steps[4].phase == Phase::provision);
  CHECK(r.steps[4].old_running == 8);
  CHECK(r.steps[4].new_traffic_pct == Approx(100.0 * 2 / 7));
  CHECK(r.timeline.back().new_traffic_pct == Approx(100.0));
}

TEST_CASE("ROLLING with N_old = N keeps a_k / N", "[simulate][rolling][A11]") {
  const auto r = simulate(example(Strategy::rolling, percent(25)));  // 3, 6, 9, 10 of 10
  std::vector<double> shifts;
  for (const auto& s : r.steps)
    if (s.phase == Phase::shift) shifts.push_back(s.new_traffic_pct);
  CHECK(shifts == std::vector<double>{30.0, 60.0, 90.0, 100.0});
}

TEST_CASE("a rolling rollback moves traffic back by active instances", "[simulate][rolling][A11]") {
  // 4 -> 10, trip at bake 1 (300): 5 new run (5 active), 4 old (2 active); R = 100% of 10:
  // one step, nothing to relaunch (no old instance was terminated), shift back: 0 new active,
  // old_active = 4, traffic 0%.
  auto in = example(Strategy::rolling, percent(50));
  in.variants = {fleet("AllTraffic", 4, 10)};
  in.trip = Trip{Trip::Kind::at_bake, 1, 0};
  const auto r = simulate(in);
  CHECK(r.outcome == Outcome::rolled_back);
  CHECK(r.summary.duration == seconds(300 + 0 + 60));
  CHECK(r.timeline.back().new_traffic_pct == Approx(0.0));
  CHECK(r.timeline.back().old_active == 4);
}
