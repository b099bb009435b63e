// Contract amendment A1: every provisioning and termination operation, rollback operations
// included, is timed by a draw made for it (its kind, its fleet's instance type, its instance
// count). Regression cases of issue 10, each computed by hand from the contract.
#include "simulate_fixtures.hpp"

#include "shiftsim/montecarlo.hpp"
#include "shiftsim/stochastic.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

using namespace shiftsim;
using namespace shiftsim::test;

namespace {

DurationDist fixed_s(double s) {
  return DurationDist{DurationDist::Kind::fixed, static_cast<SimTime>(s * 1000), 0, 0, true};
}

DurationDist lognormal(double p50, double p95) {
  return DurationDist{DurationDist::Kind::lognormal, 0, p50, p95, true};
}

/// Old fleet ml.m5 (provisioned in 7 s, terminated in 10 s), new fleet ml.g5 (provisioned in
/// 5000 s, terminated in 30 s); every other type 100 s / 20 s (never used here).
StochasticModel typed_model() {
  StochasticModel m;
  m.provision = fixed_s(100);
  m.provision_by_type["ml.m5."] = fixed_s(7);
  m.provision_by_type["ml.g5."] = fixed_s(5000);
  m.terminate = fixed_s(20);
  m.terminate_by_type["ml.m5."] = fixed_s(10);
  m.terminate_by_type["ml.g5."] = fixed_s(30);
  return m;
}

SimulationInput m5_to_g5(Strategy s, int n_old, int n_new, std::optional<CapacitySize> step) {
  SimulationInput in;
  in.variants.push_back(fleet("AllTraffic", n_old, n_new, 1.0, "ml.m5.xlarge", "ml.g5.xlarge"));
  in.policy.strategy = s;
  in.policy.step = step;
  in.policy.wait = seconds(60);
  in.policy.termination_wait = s == Strategy::rolling ? 0 : seconds(120);
  in.policy.alarms.push_back(AlarmSpec{"errors", std::nullopt});
  in.timing.provision = seconds(100);
  in.timing.terminate = seconds(10);
  in.timing.activation = 0;
  return in;
}

SimulationResult median_run(SimulationInput in, const StochasticModel& m) {
  in.draws = TimingDraws{TimingDraws::Mode::median, std::make_shared<const StochasticModel>(m), 0,
                         0, {}};
  return simulate(in);
}

/// The rollback rows (phase ROLLBACK) as (start, end) in seconds.
std::vector<std::pair<double, double>> rollback_rows(const SimulationResult& r) {
  std::vector<std::pair<double, double>> out;
  for (const auto& s : r.steps)
    if (s.phase == Phase::rollback) out.emplace_back(to_seconds(s.t), to_seconds(s.end));
  return out;
}

}  // namespace

TEST_CASE("ROLLING: relaunching an old instance takes the old type's provisioning time",
          "[rollback][draws]") {
  // Issue 10, case 1: 4 x 1-instance batches, batch = P 5000 + A 0 + W 60 + D 10 (old m5).
  // Bake 2 starts at 5070 + 5000 = 10070: 1 old already terminated, 2 new running.
  // Rollback (R = 100% = 4, one step): relaunch 1 old m5 (7 s), move traffic back (0 s),
  // terminate the 2 new g5 (30 s, the new type's): 10070 + 7 + 0 + 30 = 10107.
  // (Before amendment A1 the relaunch took the g5 draw, 5000 s, and the termination the m5's.)
  auto in = m5_to_g5(Strategy::rolling, 4, 4, count(1));
  in.trip = Trip{Trip::Kind::at_bake, 2, 0};
  const auto r = median_run(in, typed_model());
  CHECK(r.outcome == Outcome::rolled_back);
  CHECK(r.trip_applied_at == seconds(10070));
  const auto rb = rollback_rows(r);
  REQUIRE(rb.size() == 3);
  CHECK(rb[0] == std::pair{10070.0, 10077.0});  // relaunch 1 old m5: 7 s
  CHECK(rb[1] == std::pair{10077.0, 10077.0});  // traffic back: A = 0
  CHECK(rb[2] == std::pair{10077.0, 10107.0});  // terminate 2 new g5: 30 s
  CHECK(r.summary.duration == seconds(10107));
}

TEST_CASE("ROLLING with a rollback batch of 1: each step relaunches and terminates its own count",
          "[rollback][draws]") {
  // Trip at bake 3: 2 old terminated, 3 new running. R = 1: m = 3 steps.
  // Steps 1-2: relaunch 1 m5 (7 s), A (0 s), terminate 1 g5 (30 s): 37 s each; step 3 has no
  // old to relaunch: A + 30 s. Bake 3 starts at 2 * 5070 + 5000 = 15140.
  auto in = m5_to_g5(Strategy::rolling, 4, 4, count(1));
  in.policy.rollback_batch = count(1);
  in.trip = Trip{Trip::Kind::at_bake, 3, 0};
  const auto r = median_run(in, typed_model());
  CHECK(r.trip_applied_at == seconds(15140));
  const auto rb = rollback_rows(r);
  REQUIRE(rb.size() == 8);
  CHECK(rb[0] == std::pair{15140.0, 15147.0});
  CHECK(rb[2] == std::pair{15147.0, 15177.0});
  CHECK(rb[3] == std::pair{15177.0, 15184.0});
  CHECK(rb[5] == std::pair{15184.0, 15214.0});
  CHECK(rb[6] == std::pair{15214.0, 15214.0});
  CHECK(rb[7] == std::pair{15214.0, 15244.0});
  CHECK(r.summary.duration == seconds(15244));
}

TEST_CASE("ROLLING timeout mid-provisioning: the in-flight batch is terminated with the new "
          "type's time, the missing old relaunched with the old type's",
          "[rollback][draws][timeout]") {
  // X = 12000 falls in batch 3's provisioning (10140 .. 15140): 2 old terminated, 3 new
  // running (the in-flight batch counts). Rollback (R = 4): relaunch 2 m5 (7 s), A, terminate
  // 3 g5 (30 s): 12000 + 37 = 12037.
  auto in = m5_to_g5(Strategy::rolling, 4, 4, count(1));
  in.policy.timeout = seconds(12000);
  const auto r = median_run(in, typed_model());
  CHECK(r.outcome == Outcome::timed_out);
  const auto rb = rollback_rows(r);
  REQUIRE(rb.size() == 3);
  CHECK(rb[0] == std::pair{12000.0, 12007.0});
  CHECK(rb[2] == std::pair{12007.0, 12037.0});
  CHECK(r.summary.duration == seconds(12037));
}

TEST_CASE("LINEAR and CANARY roll back by terminating the new fleet with the new type's time",
          "[rollback][draws]") {
  // 10 m5 -> 10 g5. Provision 10 g5: 5000 s. A trip at bake 1 (t = 5000): flip back (A = 0),
  // terminate 10 g5 (30 s, not the m5's 10 s): 5030.
  for (const auto s : {Strategy::linear, Strategy::canary}) {
    INFO(to_string(s));
    auto in = m5_to_g5(s, 10, 10, percent(20));
    in.trip = Trip{Trip::Kind::at_bake, 1, 0};
    const auto r = median_run(in, typed_model());
    CHECK(r.trip_applied_at == seconds(5000));
    const auto rb = rollback_rows(r);
    REQUIRE(rb.size() == 2);
    CHECK(rb[1] == std::pair{5000.0, 5030.0});
    CHECK(r.summary.duration == seconds(5030));
    // The success path still terminates the 10 old m5 in 10 s: 5000 + 60 + 120 + 10 (linear
    // 20% = 5 steps: 4 bakes of 60 s; canary: one).
    auto ok = in;
    ok.trip = Trip{};
    const SimTime bakes = s == Strategy::linear ? seconds(4 * 60) : seconds(60);
    CHECK(median_run(ok, typed_model()).summary.duration ==
          seconds(5000) + bakes + seconds(120) + seconds(10));
  }
}

TEST_CASE("blue/green 1 old -> 40 new: the rollback terminates 40 instances at the median of "
          "the slowest of 40",
          "[rollback][draws]") {
  // Issue 10, case 2. Termination lognormal p50 60 s / p95 600 s per instance:
  // sigma = ln 10 / 1.6449 = 1.39983; the median of the slowest of 40 is
  // 60 * exp(1.39983 * Phi^-1(0.5^(1/40))) = 1160.08 s -> 1160 s (1 old instance: 60 s).
  auto in = m5_to_g5(Strategy::canary, 1, 40, percent(10));
  in.variants[0].new_instance_type = "ml.m5.xlarge";
  StochasticModel m;
  m.provision = fixed_s(300);
  m.terminate = lognormal(60, 600);
  in.trip = Trip{Trip::Kind::at_bake, 1, 0};
  const auto r = median_run(in, m);
  const auto rb = rollback_rows(r);
  REQUIRE(rb.size() == 2);
  CHECK(rb[1] == std::pair{300.0, 1460.0});
  auto ok = in;
  ok.trip = Trip{};
  // Success: the 1 old instance terminates at its own median, 60 s.
  CHECK(median_run(ok, m).summary.duration == seconds(300 + 60 + 120 + 60));
}

TEST_CASE("a bad version's rollback does not depend on the old fleet's size", "[rollback][draws]") {
  // Issue 10, case 3: canary 10% of 40 new, detection 1 s after first traffic: every trial
  // rolls back in the canary bake (flip back, terminate the 40 new); the old fleet (1 or 40
  // instances) plays no part in how long that takes. Trial by trial, durations are equal.
  StochasticModel m;
  m.provision = lognormal(240, 480);
  m.terminate = lognormal(60, 600);
  m.bad_version = true;
  m.detection_delay = fixed_s(1);
  MonteCarloOptions o;
  o.trials = 20000;
  o.seed = 3;
  o.threads = 2;
  auto one = m5_to_g5(Strategy::canary, 1, 40, percent(10));
  auto forty = m5_to_g5(Strategy::canary, 40, 40, percent(10));
  const auto a = run_montecarlo(one, m, o);
  const auto b = run_montecarlo(forty, m, o);
  CHECK(a.summary.p_rollback == 1.0);
  CHECK(a.figures.duration_ms == b.figures.duration_ms);
  CHECK(a.summary.duration_s.p50 == b.summary.duration_s.p50);
}
