// Rollbacks (blue/green and rolling), alarm trips and the timeout, against hand-computed
// expectations (sagemaker-semantics.md section 12 and the contract's Precise readings 4, 5, 9-13).
#include "simulate_fixtures.hpp"
#include "step_rows.hpp"

#include <catch2/catch.hpp>

using namespace shiftsim;
using namespace shiftsim::test;

namespace {

Trip at_time(double s) { return Trip{Trip::Kind::at_time, 0, static_cast<SimTime>(s * 1000)}; }
Trip at_bake(int k) { return Trip{Trip::Kind::at_bake, k, 0}; }

}  // namespace

TEST_CASE("LINEAR trip at t=1000 flips 100% back to blue and terminates the 10 green",
          "[rollback][linear]") {
  auto in = example(Strategy::linear, percent(30));
  in.trip = at_time(1000);
  auto r = simulate(in);
  CHECK(r.outcome == Outcome::rolled_back);
  REQUIRE(r.trip_applied_at);
  CHECK(*r.trip_applied_at == seconds(1000));
  // rows 0..3 as in the success path; the 60% bake is cut at 1000.
  check_rows_from(r, 4, {
                            {900, 1000, Phase::bake, 10, 4, 10, 6, 60},
                            {1000, 1000, Phase::rollback, 10, 10, 10, 0, 0},
                            {1000, 1060, Phase::rollback, 10, 10, 10, 0, 0},
                            {1060, 1060, Phase::done, 10, 10, 0, 0, 0},
                        });
  CHECK(r.summary.duration == seconds(1060));
  // Green wasted 10 x (1000 + D); blue billed the whole interval.
  CHECK(r.summary.instance_seconds == Approx(10 * 1060 + 10 * 1060));
  CHECK(r.summary.extra_instance_seconds == Approx(10 * 1060));
  CHECK(r.summary.peak_instances == 20);
  CHECK_FALSE(r.summary.escaped);
}

TEST_CASE("ROLLING trip at t=1500 re-provisions the 3 old, moves traffic back, terminates 6 new",
          "[rollback][rolling]") {
  auto in = example(Strategy::rolling, percent(25));
  in.trip = at_time(1500);
  auto r = simulate(in);
  CHECK(r.outcome == Outcome::rolled_back);
  check_rows_from(r, 6, {
                            {1260, 1500, Phase::bake, 7, 4, 6, 6, 60},
                            {1500, 1800, Phase::rollback, 10, 4, 6, 6, 60},
                            {1800, 1800, Phase::rollback, 10, 10, 6, 0, 0},
                            {1800, 1860, Phase::rollback, 10, 10, 6, 0, 0},
                            {1860, 1860, Phase::done, 10, 10, 0, 0, 0},
                        });
  CHECK(r.summary.duration == seconds(1860));  // rollback P + D = 360 s
  CHECK(r.summary.peak_instances == 16);       // 7 + 3 + 6 = N + a_2
}

TEST_CASE("ROLLING rollback with RollbackMaximumBatchSize = 1 instance takes 6 steps",
          "[rollback][rolling]") {
  auto in = example(Strategy::rolling, percent(25));
  in.policy.rollback_batch = count(1);
  in.trip = at_time(1500);
  auto r = simulate(in);
  // steps 1-3: P + A + D each (provision 1 old, terminate 1 new); steps 4-6: A + D.
  CHECK(r.summary.duration == seconds(1500 + 3 * 360 + 3 * 60));
  CHECK(r.summary.peak_instances == 14);  // 7 old + 6 new + 1 re-provisioned
  int provisions = 0;
  int shifts = 0;
  for (const auto& s : r.steps) {
    if (s.phase != Phase::rollback) continue;
    if (s.message.find("launching") != std::string::npos) ++provisions;
    if (s.message.find("traffic") != std::string::npos) ++shifts;
  }
  CHECK(provisions == 3);
  CHECK(shifts == 6);
  const auto& done = r.steps.back();
  CHECK(done.old_running == 10);
  CHECK(done.old_active == 10);
  CHECK(done.new_running == 0);
  CHECK(done.new_traffic_pct == 0.0);
}

TEST_CASE("a trip at bake k takes effect at the start of bake k", "[rollback][bake]") {
  auto in = example(Strategy::linear, percent(30));
  in.trip = at_bake(2);  // bake 2 = [900, 1500)
  auto r = simulate(in);
  REQUIRE(r.trip_applied_at);
  CHECK(*r.trip_applied_at == seconds(900));
  CHECK(r.summary.duration == seconds(960));
  SECTION("a trip beyond the last bake does nothing") {
    in.trip = at_bake(5);
    auto s = simulate(in);
    CHECK(s.outcome == Outcome::succeeded);
    CHECK(s.summary.escaped);
    CHECK(has_warning(s, "W_TRIP_AFTER_LAST_BAKE"));
  }
  SECTION("a zero-length final bake still counts and can trip") {
    auto a = example(Strategy::all_at_once);
    a.policy.termination_wait = 0;
    a.trip = at_bake(1);
    auto s = simulate(a);
    CHECK(s.outcome == Outcome::rolled_back);
    CHECK(*s.trip_applied_at == seconds(300));
    CHECK(s.summary.duration == seconds(360));
  }
}

TEST_CASE("bakes are half-open: a trip at a bake's end applies at the next bake's start",
          "[rollback][bake]") {
  auto in = example(Strategy::linear, percent(30));
  in.timing.activation = seconds(30);
  // bake 1 = [330, 930); shift [930, 960); bake 2 starts at 960.
  in.trip = at_time(930);
  auto r = simulate(in);
  REQUIRE(r.trip_applied_at);
  CHECK(*r.trip_applied_at == seconds(960));
  // rollback: A + D
  CHECK(r.summary.duration == seconds(960 + 30 + 60));
}

TEST_CASE("alarms outside bakes: ignored until the next bake, or at once with the assumption",
          "[rollback][assumption]") {
  auto in = example(Strategy::canary, percent(20));
  in.trip = at_time(100);  // during provisioning
  auto r = simulate(in);
  REQUIRE(r.trip_applied_at);
  CHECK(*r.trip_applied_at == seconds(300));
  in.assumptions.alarms_outside_bake = true;
  auto now = simulate(in);
  REQUIRE(now.trip_applied_at);
  CHECK(*now.trip_applied_at == seconds(100));
  CHECK(now.summary.duration == seconds(160));
  // the 10 instances being provisioned count as new and are terminated
  CHECK(now.summary.instance_seconds == Approx(10 * 160 + 10 * 160));
}

TEST_CASE("a trip after the last bake does nothing", "[rollback][bake]") {
  auto in = example(Strategy::canary, percent(20));
  in.trip = at_time(1520);  // final termination [1500, 1560)
  auto r = simulate(in);
  CHECK(r.outcome == Outcome::succeeded);
  CHECK_FALSE(r.trip_applied_at);
  CHECK(r.summary.escaped);
  in.assumptions.alarms_outside_bake = true;
  CHECK(simulate(in).outcome == Outcome::succeeded);
}

TEST_CASE("no alarms: the trip is ignored with W_TRIP_IGNORED, rollback_if_trip still shown",
          "[rollback][alarms]") {
  auto in = example(Strategy::linear, percent(30));
  in.policy.alarms.clear();
  in.trip = at_bake(1);
  auto r = simulate(in);
  CHECK(r.outcome == Outcome::succeeded);
  CHECK(has_warning(r, "W_TRIP_IGNORED"));
  CHECK(has_warning(r, "W_NO_ALARMS"));
  CHECK(r.summary.escaped);
  REQUIRE(r.rollback_if_trip.size() == 4);
  CHECK(r.rollback_if_trip[0].outcome == Outcome::rolled_back);
}

TEST_CASE("W_TRIP_IGNORED names the fault as given: an injected trip or a bad version's alarm",
          "[rollback][alarms]") {
  auto in = example(Strategy::linear, percent(30));
  in.policy.alarms.clear();
  const auto message = [&] {
    for (const auto& d : simulate(in).warnings)
      if (d.code == "W_TRIP_IGNORED") return d.message;
    return std::string("(no W_TRIP_IGNORED)");
  };
  in.trip = at_bake(1);
  CHECK(message().starts_with("The injected alarm trip does nothing: no CloudWatch alarms"));
  in.trip = Trip{Trip::Kind::after_new_traffic, 0, seconds(100)};
  CHECK(message().starts_with("The bad version's alarm does nothing: no CloudWatch alarms"));
}

TEST_CASE("after_new_traffic: detection delay counted from the first shift onto new instances",
          "[rollback][trip]") {
  auto in = example(Strategy::canary, percent(20));  // first traffic at 300
  in.trip = Trip{Trip::Kind::after_new_traffic, 0, seconds(100)};
  auto r = simulate(in);
  REQUIRE(r.trip_applied_at);
  CHECK(*r.trip_applied_at == seconds(400));
  in.trip.at = seconds(700);  // 1000: final bake [900, 1500)
  CHECK(*simulate(in).trip_applied_at == seconds(1000));
  in.trip.at = seconds(1300);  // 1600: after the last bake
  auto late = simulate(in);
  CHECK(late.outcome == Outcome::succeeded);
  CHECK(late.summary.escaped);
  // exposure: 20% for 600 s, then 100% from 900 to 1560
  CHECK(late.summary.exposure_traffic_s == Approx(0.2 * 600 + 1.0 * 660));
}

TEST_CASE("timeout (Precise reading 9)", "[rollback][timeout]") {
  SECTION("ROLLING 25% with X = 3600 expires in the last bake and rolls back from there") {
    auto in = example(Strategy::rolling, percent(25));
    in.policy.timeout = seconds(3600);
    auto r = simulate(in);
    CHECK(r.outcome == Outcome::timed_out);
    // state at 3600: old 1, new 10; provision 9 old (P), shift back, terminate 10 new (D)
    check_rows_from(r, 14, {
                               {3180, 3600, Phase::bake, 1, 0, 10, 10, 100},
                               {3600, 3900, Phase::rollback, 10, 0, 10, 10, 100},
                               {3900, 3900, Phase::rollback, 10, 10, 10, 0, 0},
                               {3900, 3960, Phase::rollback, 10, 10, 10, 0, 0},
                               {3960, 3960, Phase::done, 10, 10, 0, 0, 0},
                           });
    CHECK(r.summary.duration == seconds(3960));
    REQUIRE(r.summary.timeout_margin);
    CHECK(*r.summary.timeout_margin == seconds(-360));
    CHECK(has_warning(r, "W_TIMEOUT_SHORT"));
  }
  SECTION("an operation ending exactly at X completes: success with margin 0") {
    auto in = example(Strategy::all_at_once);
    in.policy.timeout = seconds(960);
    auto r = simulate(in);
    CHECK(r.outcome == Outcome::succeeded);
    CHECK(*r.summary.timeout_margin == 0);
  }
  SECTION("an operation that would start at X never starts") {
    auto in = example(Strategy::all_at_once);
    in.policy.timeout = seconds(900);  // the bake ends at 900, the termination would start at 900
    in.trip = at_time(900);            // a trip at the same instant loses to the timeout
    auto r = simulate(in);
    CHECK(r.outcome == Outcome::timed_out);
    CHECK_FALSE(r.trip_applied_at);
    check_rows_from(r, 2, {
                              {300, 900, Phase::bake, 10, 0, 10, 10, 100},
                              {900, 900, Phase::rollback, 10, 10, 10, 0, 0},
                              {900, 960, Phase::rollback, 10, 10, 10, 0, 0},
                              {960, 960, Phase::done, 10, 10, 0, 0, 0},
                          });
  }
  SECTION("instances being terminated at X still count; the termination is abandoned") {
    auto in = example(Strategy::all_at_once);
    in.policy.timeout = seconds(959);
    auto r = simulate(in);
    CHECK(r.outcome == Outcome::timed_out);
    CHECK(r.summary.duration == seconds(1019));
    CHECK(r.steps.back().old_running == 10);
    CHECK(r.summary.instance_seconds == Approx(10 * 1019 + 10 * 1019));
  }
  SECTION("instances being provisioned at X count as new and are terminated") {
    auto in = example(Strategy::all_at_once);
    in.policy.timeout = seconds(100);
    auto r = simulate(in);
    CHECK(r.outcome == Outcome::timed_out);
    CHECK(r.summary.duration == seconds(160));
    CHECK(r.summary.instance_seconds == Approx(10 * 160 + 10 * 160));
    CHECK(r.summary.peak_instances == 20);
  }
  SECTION("a trip before X wins; the rollback is not bounded by X") {
    auto in = example(Strategy::rolling, percent(25));
    in.policy.timeout = seconds(1600);
    in.trip = at_time(1500);
    auto r = simulate(in);
    CHECK(r.outcome == Outcome::rolled_back);
    CHECK(r.summary.duration == seconds(1860));
    CHECK(*r.summary.timeout_margin == seconds(1600 - 1860));
  }
}

TEST_CASE("rollback_if_trip: one entry per planned bake, X in force", "[rollback][whatif]") {
  SECTION("LINEAR: blue/green rollback is A + D wherever it trips") {
    auto in = example(Strategy::linear, percent(30));
    in.policy.timeout = seconds(1800);  // bake 4 starts at 2100 > X
    auto r = simulate(in);
    REQUIRE(r.rollback_if_trip.size() == 4);
    const auto& e1 = r.rollback_if_trip[0];
    CHECK(e1.bake == 1);
    CHECK(e1.bake_start == seconds(300));
    CHECK(e1.bake_end == seconds(900));
    CHECK(e1.outcome == Outcome::rolled_back);
    CHECK(e1.rollback_duration == seconds(60));
    CHECK(e1.back_to_old == 0);
    // run of 360 s: 20 instances x 360 - 10 x 360; the total is all 20 x 360 instance-s
    // (billing=running), the extra what the old fleet alone (10 x 360) would not have cost.
    CHECK(e1.extra_instance_seconds == Approx(3600));
    CHECK(e1.total_cost_usd.usd().value() == Approx(7200 * 0.23 / 3600));
    CHECK(e1.extra_cost_usd.usd().value() == Approx(3600 * 0.23 / 3600));
    CHECK(e1.peak_instances == 20);
    CHECK(r.rollback_if_trip[2].outcome == Outcome::rolled_back);
    CHECK(r.rollback_if_trip[3].outcome == Outcome::timed_out);
  }
  SECTION("ROLLING: a trip at bake 2 re-provisions the 3 old instances already cleaned up") {
    auto r = simulate(example(Strategy::rolling, percent(25)));
    REQUIRE(r.rollback_if_trip.size() == 4);
    const auto& e = r.rollback_if_trip[1];
    CHECK(e.bake_start == seconds(1260));
    CHECK(e.rollback_duration == seconds(360));
    CHECK(e.back_to_old == seconds(300));
    CHECK(e.peak_instances == 16);
    // old: 3 x 960 + 7 x 1620 + 3 re-provisioned x 360; new: 3 x 1620 + 3 x 660
    const double inst = 3 * 960 + 7 * 1620 + 3 * 360 + 3 * 1620 + 3 * 660;
    CHECK(e.extra_instance_seconds == Approx(inst - 10 * 1620));
    // bake 1: nothing cleaned up yet, rollback = A + D terminating 3 new
    CHECK(r.rollback_if_trip[0].rollback_duration == seconds(60));
    CHECK(r.rollback_if_trip[0].peak_instances == 13);
  }
}

TEST_CASE("a fault during a rolling rollback ends in UPDATE_ROLLBACK_FAILED", "[rollback][rolling]") {
  auto in = example(Strategy::rolling, percent(25));
  in.policy.rollback_batch = count(1);
  in.trip = at_time(1500);
  // rollback step 1: provision 1500-1800, shift 1800, terminate 1800-1860; step 2 provisions
  // from 1860 to 2160. A fault 400 s into the rollback (t = 1900) stops it mid-provisioning.
  in.rollback_fault = seconds(400);
  auto r = simulate(in);
  CHECK(r.outcome == Outcome::update_rollback_failed);
  CHECK(r.summary.duration == seconds(1900));
  const auto& done = r.steps.back();
  CHECK(done.phase == Phase::done);
  CHECK(done.endpoint_status == "UpdateRollbackFailed");
  CHECK(done.old_running == 9);  // 7 + 1 re-provisioned + 1 being provisioned
  CHECK(done.new_running == 5);
  CHECK(done.new_active == 5);
  const auto& cut = r.steps[r.steps.size() - 2];
  CHECK(to_seconds(cut.t) == 1860);
  CHECK(to_seconds(cut.end) == 1900);
  SECTION("a fault after the rollback is done changes nothing") {
    in.rollback_fault = seconds(1260);  // the rollback ends at 1500 + 1260 = 2760
    CHECK(simulate(in).outcome == Outcome::rolled_back);
  }
  SECTION("blue/green rollbacks cannot fail") {
    auto bg = example(Strategy::linear, percent(30));
    bg.trip = at_time(1000);
    bg.rollback_fault = seconds(10);
    CHECK(simulate(bg).outcome == Outcome::rolled_back);
  }
}
