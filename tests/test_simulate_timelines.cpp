// Success timelines of every strategy, step by step, against hand-computed expectations
// (sagemaker-semantics.md section 12: N_old = N = 10, P = 300, D = 60, W = T = 600, A = 0).
#include "input_problems.hpp"
#include "simulate_fixtures.hpp"
#include "step_rows.hpp"

#include "shiftsim/assumptions.hpp"

#include <catch2/catch.hpp>

using namespace shiftsim;
using namespace shiftsim::test;

TEST_CASE("ALL_AT_ONCE follows the worked example: provision, flip, bake T, terminate",
          "[simulate][all_at_once]") {
  auto r = simulate(example(Strategy::all_at_once));
  check_rows(r, {
                    {0, 300, Phase::provision, 10, 10, 10, 0, 0},
                    {300, 300, Phase::shift, 10, 0, 10, 10, 100},
                    {300, 900, Phase::bake, 10, 0, 10, 10, 100},
                    {900, 960, Phase::terminate, 10, 0, 10, 10, 100},
                    {960, 960, Phase::done, 0, 0, 10, 10, 100},
                });
  CHECK(r.outcome == Outcome::succeeded);
  CHECK(r.summary.duration == seconds(960));
  CHECK(r.summary.peak_instances == 20);
  CHECK(r.summary.min_serving_instances == 10);
  // old: 10 x 960; new: 10 x 960 (provisioning start to the end).
  CHECK(r.summary.instance_seconds == Approx(19200));
  CHECK(r.summary.extra_instance_seconds == Approx(9600));
  CHECK(r.summary.cost_usd.usd().value() == Approx(19200 * 0.23 / 3600));
  CHECK(r.steps[0].message == "Launching 10 instance(s).");
  CHECK(r.steps[2].message ==
        "Baking for 600 seconds (TerminationWaitInSeconds) with traffic enabled on full capacity "
        "of 10 instance(s).");
  CHECK(r.steps[3].message == "Terminating 10 instance(s).");
  CHECK(r.steps[4].endpoint_status == "InService");
  REQUIRE(r.bakes.size() == 1);
  CHECK(r.bakes[0].number == 1);
  CHECK(r.bakes[0].final);
  CHECK(r.bakes[0].start == seconds(300));
  CHECK(r.bakes[0].end == seconds(900));
}

TEST_CASE("CANARY 20% of 10 activates 2 instances, bakes W, shifts the rest, bakes T",
          "[simulate][canary]") {
  auto r = simulate(example(Strategy::canary, percent(20)));
  check_rows(r, {
                    {0, 300, Phase::provision, 10, 10, 10, 0, 0},
                    {300, 300, Phase::shift, 10, 8, 10, 2, 20},
                    {300, 900, Phase::bake, 10, 8, 10, 2, 20},
                    {900, 900, Phase::shift, 10, 0, 10, 10, 100},
                    {900, 1500, Phase::bake, 10, 0, 10, 10, 100},
                    {1500, 1560, Phase::terminate, 10, 0, 10, 10, 100},
                    {1560, 1560, Phase::done, 0, 0, 10, 10, 100},
                });
  CHECK(r.summary.duration == seconds(1560));
  CHECK(r.summary.peak_instances == 20);
  CHECK(r.summary.min_serving_instances == 10);
  CHECK(r.steps[1].message == "Activating traffic on canary capacity of 2 instance(s).");
  CHECK(r.steps[2].message ==
        "Baking for 600 seconds (WaitIntervalInSeconds) with traffic enabled on canary capacity "
        "of 2 instance(s).");
  REQUIRE(r.bakes.size() == 2);
  CHECK(!r.bakes[0].final);
  CHECK(r.bakes[1].final);
  CHECK(r.bakes[1].start == seconds(900));
}

TEST_CASE("CANARY with canary_traffic=blue_stays_active keeps every old instance serving",
          "[simulate][canary][assumption]") {
  auto in = example(Strategy::canary, percent(20));
  in.assumptions.canary_traffic = CanaryTraffic::blue_stays_active;
  auto r = simulate(in);
  REQUIRE(r.steps.size() == 7);
  CHECK(r.steps[1].old_active == 10);
  CHECK(r.steps[1].new_active == 2);
  CHECK(r.steps[1].new_traffic_pct == Approx(100.0 * 2 / 12));
  CHECK(r.summary.min_serving_instances == 10);
}

TEST_CASE("LINEAR 30% of 10 steps 30/60/90/100 with a W bake between steps and T at the end",
          "[simulate][linear]") {
  auto r = simulate(example(Strategy::linear, percent(30)));
  check_rows(r, {
                    {0, 300, Phase::provision, 10, 10, 10, 0, 0},
                    {300, 300, Phase::shift, 10, 7, 10, 3, 30},
                    {300, 900, Phase::bake, 10, 7, 10, 3, 30},
                    {900, 900, Phase::shift, 10, 4, 10, 6, 60},
                    {900, 1500, Phase::bake, 10, 4, 10, 6, 60},
                    {1500, 1500, Phase::shift, 10, 1, 10, 9, 90},
                    {1500, 2100, Phase::bake, 10, 1, 10, 9, 90},
                    {2100, 2100, Phase::shift, 10, 0, 10, 10, 100},
                    {2100, 2700, Phase::bake, 10, 0, 10, 10, 100},
                    {2700, 2760, Phase::terminate, 10, 0, 10, 10, 100},
                    {2760, 2760, Phase::done, 0, 0, 10, 10, 100},
                });
  CHECK(r.summary.duration == seconds(2760));
  CHECK(r.summary.peak_instances == 20);
  REQUIRE(r.bakes.size() == 4);
  CHECK(r.bakes[3].final);
  CHECK(r.bakes[2].start == seconds(1500));
}

TEST_CASE("LINEAR with final_bake=wait_plus_termination bakes W then T after the last step",
          "[simulate][linear][assumption]") {
  auto in = example(Strategy::linear, percent(30));
  in.assumptions.final_bake = FinalBake::wait_plus_termination;
  auto r = simulate(in);
  CHECK(r.summary.duration == seconds(3360));  // section 12: 3360 with final_bake=W+T
  REQUIRE(r.bakes.size() == 5);
  CHECK(r.bakes[3].start == seconds(2100));
  CHECK(r.bakes[3].end == seconds(2700));
  CHECK(!r.bakes[3].final);
  CHECK(r.bakes[4].start == seconds(2700));
  CHECK(r.bakes[4].end == seconds(3300));
  CHECK(r.bakes[4].final);
}

TEST_CASE("ROLLING 25% of 10 runs batches 3,3,3,1 and peaks at 13", "[simulate][rolling]") {
  auto r = simulate(example(Strategy::rolling, percent(25)));
  check_rows(r, {
                    {0, 300, Phase::provision, 10, 10, 3, 0, 0},
                    {300, 300, Phase::shift, 10, 7, 3, 3, 30},
                    {300, 900, Phase::bake, 10, 7, 3, 3, 30},
                    {900, 960, Phase::terminate, 10, 7, 3, 3, 30},
                    {960, 1260, Phase::provision, 7, 7, 6, 3, 30},
                    {1260, 1260, Phase::shift, 7, 4, 6, 6, 60},
                    {1260, 1860, Phase::bake, 7, 4, 6, 6, 60},
                    {1860, 1920, Phase::terminate, 7, 4, 6, 6, 60},
                    {1920, 2220, Phase::provision, 4, 4, 9, 6, 60},
                    {2220, 2220, Phase::shift, 4, 1, 9, 9, 90},
                    {2220, 2820, Phase::bake, 4, 1, 9, 9, 90},
                    {2820, 2880, Phase::terminate, 4, 1, 9, 9, 90},
                    {2880, 3180, Phase::provision, 1, 1, 10, 9, 90},
                    {3180, 3180, Phase::shift, 1, 0, 10, 10, 100},
                    {3180, 3780, Phase::bake, 1, 0, 10, 10, 100},
                    {3780, 3840, Phase::terminate, 1, 0, 10, 10, 100},
                    {3840, 3840, Phase::done, 0, 0, 10, 10, 100},
                });
  CHECK(r.summary.duration == seconds(3840));
  CHECK(r.summary.peak_instances == 13);
  CHECK(r.summary.min_serving_instances == 10);
  // old: 3 end at 960, 3 at 1920, 3 at 2880, 1 at 3840; new: 3 from 0, 960, 1920, 1 from 2880.
  const double old_s = 3 * 960 + 3 * 1920 + 3 * 2880 + 1 * 3840;
  const double new_s = 3 * 3840 + 3 * (3840 - 960) + 3 * (3840 - 1920) + 1 * (3840 - 2880);
  CHECK(r.summary.instance_seconds == Approx(old_s + new_s));
  CHECK(r.summary.extra_instance_seconds == Approx(old_s + new_s - 10 * 3840));
  REQUIRE(r.bakes.size() == 4);
  CHECK(r.bakes[1].start == seconds(1260));
  CHECK(r.bakes[1].end == seconds(1860));
}

TEST_CASE("activation latency A lengthens every shift", "[simulate][timing]") {
  auto in = example(Strategy::canary, percent(20));
  in.timing.activation = seconds(30);
  auto r = simulate(in);
  CHECK(r.summary.duration == seconds(300 + 30 + 600 + 30 + 600 + 60));
  REQUIRE(r.bakes.size() == 2);
  CHECK(r.bakes[0].start == seconds(330));
  CHECK(r.bakes[1].start == seconds(960));
}

TEST_CASE("rounding alternatives change the rolling batch", "[simulate][rounding]") {
  // 25% of 10 = 2.5 instances.
  SECTION("ceil: 3,3,3,1") {
    auto r = simulate(example(Strategy::rolling, percent(25)));
    CHECK(r.summary.peak_instances == 13);
    CHECK(r.bakes.size() == 4);
  }
  SECTION("round (half up): 3") {
    auto in = example(Strategy::rolling, percent(25));
    in.assumptions.rounding = Rounding::round;
    auto r = simulate(in);
    CHECK(r.summary.peak_instances == 13);
    CHECK(r.bakes.size() == 4);
  }
  SECTION("floor: 2 per batch, 5 batches") {
    auto in = example(Strategy::rolling, percent(25));
    in.assumptions.rounding = Rounding::floor;
    auto r = simulate(in);
    CHECK(r.summary.peak_instances == 12);
    CHECK(r.bakes.size() == 5);
    CHECK(r.summary.duration == seconds(5 * (300 + 600 + 60)));
  }
  SECTION("round: 15% of 10 = 1.5 -> 2; floor -> 1") {
    auto in = example(Strategy::linear, percent(15));
    in.assumptions.rounding = Rounding::round;
    CHECK(simulate(in).bakes.size() == 5);  // S = 2: 5 steps, 4 W bakes + final
    in.assumptions.rounding = Rounding::floor;
    CHECK(simulate(in).bakes.size() == 10);  // S = 1: 10 steps
  }
}

TEST_CASE("several variants step in lock-step, traffic follows the weights",
          "[simulate][multivariant]") {
  // A: 4 instances, weight 3; B: 2 instances, weight 1. LINEAR 25%: S_A = 1 (4 steps),
  // S_B = ceil(0.5) = 1 (2 steps). n = 4; B repeats 100% at steps 3 and 4.
  SimulationInput in = example(Strategy::linear, percent(25));
  in.variants = {fleet("A", 4, 4, 3.0), fleet("B", 2, 2, 1.0)};
  auto r = simulate(in);
  // P + 4A + 3W + T + D
  CHECK(r.summary.duration == seconds(300 + 3 * 600 + 600 + 60));
  CHECK(r.summary.peak_instances == 12);
  // Endpoint traffic after each step: 0.75 * a_A/4 + 0.25 * a_B/2.
  std::vector<double> expected{0.75 * 1 / 4 + 0.25 * 1 / 2, 0.75 * 2 / 4 + 0.25,
                               0.75 * 3 / 4 + 0.25, 1.0};
  std::vector<double> got;
  for (const auto& p : r.timeline)
    if (got.empty() || p.new_traffic_pct != got.back() * 100.0) got.push_back(p.new_traffic_pct / 100.0);
  // got[0] is the initial 0%.
  REQUIRE(got.size() == 5);
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(got[i + 1] == Approx(expected[i]));
  // Rows are per variant; each row's pct is that variant's part of the endpoint traffic.
  int b_shifts = 0;
  for (const auto& s : r.steps)
    if (s.phase == Phase::shift && s.variant == "B") {
      ++b_shifts;
      if (b_shifts >= 2) CHECK(s.new_traffic_pct == Approx(25.0));
    }
  CHECK(b_shifts == 4);
  CHECK(has_warning(r, "W_STEPS_COLLAPSE"));  // B repeats 100%
}

TEST_CASE("a variant missing from the new config keeps its old fleet until the final termination",
          "[simulate][multivariant]") {
  SimulationInput in = example(Strategy::all_at_once);
  in.variants = {fleet("A", 2, 2), fleet("Gone", 3, 0)};
  auto r = simulate(in);
  CHECK(r.summary.peak_instances == 2 + 2 + 3);
  CHECK(r.summary.duration == seconds(960));
  const auto& last = r.timeline.back();
  CHECK(last.old_running == 0);
  CHECK(last.new_running == 2);
  CHECK(last.new_traffic_pct == Approx(100.0));
}

TEST_CASE("TimingDraws give each provisioning and termination operation its own duration",
          "[simulate][draws]") {
  auto in = example(Strategy::rolling, percent(50));  // B = 5, 2 batches
  // By slot: provision 1, terminate 1, provision 2; the second termination falls back to D = 60.
  in.draws.success = {seconds(100), seconds(10), seconds(200)};
  auto r = simulate(in);
  CHECK(r.summary.duration == seconds(100 + 600 + 10 + 200 + 600 + 60));
}

TEST_CASE("billing=aws_note bills one fleet for ALL_AT_ONCE without bakes", "[simulate][billing]") {
  auto in = example(Strategy::all_at_once);
  in.policy.termination_wait = 0;  // P + T + D = 360 s
  in.assumptions.billing = Billing::running;
  auto running = simulate(in);
  CHECK(running.summary.cost_usd.usd().value() == Approx((10 * 360 + 10 * 360) * 0.23 / 3600));
  in.assumptions.billing = Billing::aws_note;  // the default (amendment A2)
  auto note = simulate(in);
  // old fleet billed until the flip at 300, new fleet from then on: 10 x 360 instance-seconds.
  CHECK(note.summary.cost_usd.usd().value() == Approx(10 * 360 * 0.23 / 3600));
  CHECK(note.summary.instance_seconds == Approx(running.summary.instance_seconds));
  // With a bake, aws_note does not apply.
  in.policy.termination_wait = seconds(600);
  auto baked = simulate(in);
  CHECK(baked.summary.cost_usd.usd().value() == Approx(19200 * 0.23 / 3600));
}

TEST_CASE("assumptions are listed in a stable order and --assume values parse",
          "[simulate][assumption]") {
  auto r = simulate(example(Strategy::all_at_once));
  std::vector<std::string> names;
  for (const auto& a : r.assumptions) names.push_back(a.name);
  CHECK(names == std::vector<std::string>{"rounding", "final_bake", "all_at_once_uses_wait",
                                          "canary_traffic", "alarms_outside_bake", "billing",
                                          "fallback_timeout", "rolling_exclusions",
                                          "variant_set_change", "provision_s", "terminate_s",
                                          "activation_s", "price_region", "price_table"});
  CHECK(r.assumptions[0].value == "ceil");
  CHECK(r.assumptions[5].value == "aws_note");
  CHECK(r.assumptions[6].value == "kept");
  CHECK(r.assumptions[7].value == "fallback");
  CHECK(r.assumptions[8].value == "reject");
  CHECK(r.assumptions[9].value == "300");

  Assumptions a;
  Timing t;
  apply_assumption(a, t, "rounding", "floor");
  apply_assumption(a, t, "final_bake", "wait_plus_termination");
  apply_assumption(a, t, "alarms_outside_bake", "true");
  apply_assumption(a, t, "provision_s", "12.5");
  CHECK(a.rounding == Rounding::floor);
  CHECK(a.final_bake == FinalBake::wait_plus_termination);
  CHECK(a.alarms_outside_bake);
  CHECK(t.provision == 12500);
  CHECK(format_seconds(t.provision) == "12.5");
  apply_assumption(a, t, "billing", "running");
  apply_assumption(a, t, "fallback_timeout", "ignored");
  apply_assumption(a, t, "rolling_exclusions", "reject");
  apply_assumption(a, t, "variant_set_change", "fallback");
  CHECK(a.billing == Billing::running);
  CHECK(a.fallback_timeout == FallbackTimeout::ignored);
  CHECK(a.rolling_exclusions == RollingExclusions::reject);
  CHECK(a.variant_set_change == VariantSetChange::fallback);
  CHECK_THROWS_AS(apply_assumption(a, t, "fallback_timeout", "dropped"), InputError);
  CHECK_THROWS_AS(apply_assumption(a, t, "rolling_exclusions", "error"), InputError);
  CHECK_THROWS_AS(apply_assumption(a, t, "variant_set_change", "allow"), InputError);
  CHECK_THROWS_AS(apply_assumption(a, t, "rounding", "up"), InputError);
  CHECK_THROWS_AS(apply_assumption(a, t, "nope", "1"), InputError);
  CHECK_THROWS_AS(apply_assumption(a, t, "provision_s", "-1"), InputError);
  CHECK_THROWS_AS(apply_assumption(a, t, "provision_s", "1.2345"), InputError);
  const Diagnostics ds = problems([&] { apply_assumption(a, t, "billing", "free"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].code == "E_ASSUMPTION");
  CHECK(ds[0].path == "billing");
  CHECK(ds[0].rule.find("aws_note") != std::string::npos);
}

TEST_CASE("input the engine cannot run is rejected with stable codes", "[simulate][input]") {
  auto in = example(Strategy::canary);
  CHECK(problems([&] { (void)simulate(in); })[0].code == "E_REQUIRED");
  auto lin = example(Strategy::linear);
  CHECK_THROWS_AS(simulate(lin), InputError);
  auto tb = example(Strategy::all_at_once);
  tb.trip = Trip{Trip::Kind::at_bake, 0, 0};
  CHECK_THROWS_AS(simulate(tb), InputError);
}
