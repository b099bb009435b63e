// Property tests over thousands of generated cases (seeded std::mt19937_64): closed forms from
// an independent reference model, invariants of every run, and simulate() == simulate_figures().
#include "reference_model.hpp"
#include "simulate_fixtures.hpp"
#include "shiftsim/success_path.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace shiftsim;
using namespace shiftsim::test;

namespace {

struct Gen {
  std::mt19937_64 rng;
  explicit Gen(std::uint64_t seed) : rng(seed) {}
  int uni(int a, int b) { return std::uniform_int_distribution<int>(a, b)(rng); }
  SimTime ms(int lo_s, int hi_s) {
    return std::uniform_int_distribution<SimTime>(seconds(lo_s), seconds(hi_s))(rng);
  }
  bool coin(double p) { return std::bernoulli_distribution(p)(rng); }
};

CapacitySize random_size(Gen& g) {
  return g.coin(0.6) ? percent(g.uni(1, 100)) : count(g.uni(1, 30));
}

/// Deterministic single-variant case for the reference model.
SimulationInput single_case(Gen& g, reference::OneVariant& ref) {
  SimulationInput in;
  const int n = g.uni(1, 40);
  const int n_old = g.coin(0.7) ? n : g.uni(0, 40);
  in.variants.push_back(fleet("v", n_old, n));
  in.policy.strategy = static_cast<Strategy>(g.uni(0, 3));
  if (in.policy.strategy != Strategy::all_at_once) in.policy.step = random_size(g);
  if (in.policy.strategy == Strategy::rolling && g.coin(0.5)) in.policy.rollback_batch = random_size(g);
  in.policy.wait = g.coin(0.2) ? 0 : g.ms(0, 3600);
  in.policy.termination_wait = g.coin(0.3) ? 0 : g.ms(0, 3600);
  in.policy.alarms.push_back(AlarmSpec{"a", std::nullopt});
  in.timing.provision = g.ms(0, 900);
  in.timing.terminate = g.ms(0, 300);
  in.timing.activation = g.coin(0.5) ? 0 : g.ms(0, 120);
  in.assumptions.rounding = static_cast<Rounding>(g.uni(0, 2));
  in.assumptions.final_bake = static_cast<FinalBake>(g.uni(0, 1));
  in.assumptions.all_at_once_uses_wait = g.coin(0.3);

  ref.strategy = in.policy.strategy;
  ref.n_old = n_old;
  ref.n = n;
  ref.step = in.policy.step ? reference::size_of(*in.policy.step, n, in.assumptions.rounding) : 0;
  ref.rollback = in.policy.rollback_batch
                     ? reference::size_of(*in.policy.rollback_batch, n, in.assumptions.rounding)
                     : n;
  ref.P = in.timing.provision;
  ref.D = in.timing.terminate;
  ref.A = in.timing.activation;
  ref.W = in.policy.wait;
  ref.T = in.policy.strategy == Strategy::rolling ? 0 : in.policy.termination_wait;
  ref.w_plus_t = in.assumptions.final_bake == FinalBake::wait_plus_termination &&
                 (ref.strategy == Strategy::canary || ref.strategy == Strategy::linear);
  ref.aao_uses_w = in.assumptions.all_at_once_uses_wait && ref.strategy == Strategy::all_at_once;
  return in;
}

/// Anything the engine accepts: several variants, trips, timeouts, draws, every assumption.
SimulationInput random_case(Gen& g) {
  SimulationInput in;
  const int nv = g.coin(0.3) ? g.uni(2, 3) : 1;
  for (int i = 0; i < nv; ++i) {
    int n = g.uni(nv > 1 ? 0 : 1, 30);
    int n_old = g.coin(0.7) ? n : g.uni(0, 30);
    if (n == 0 && n_old == 0) n_old = 2;
    auto v = fleet("v" + std::to_string(i), n_old, n, g.uni(1, 5), g.coin(0.5) ? "a" : "b",
                   g.coin(0.5) ? "a" : "b");
    v.new_weight = g.uni(1, 5);
    in.variants.push_back(v);
  }
  bool any_new = false;
  for (const auto& v : in.variants) any_new = any_new || v.n_new > 0;
  if (!any_new) in.variants[0].n_new = 3;
  in.policy.strategy = static_cast<Strategy>(g.uni(0, 3));
  if (in.policy.strategy != Strategy::all_at_once) in.policy.step = random_size(g);
  if (g.coin(0.5)) in.policy.rollback_batch = random_size(g);
  in.policy.wait = g.coin(0.2) ? 0 : g.ms(0, 3600);
  in.policy.termination_wait = g.coin(0.3) ? 0 : g.ms(0, 3600);
  if (g.coin(0.5)) in.policy.timeout = g.ms(0, 15000);
  if (g.coin(0.8)) in.policy.alarms.push_back(AlarmSpec{"a", std::nullopt});
  in.timing.provision = g.ms(0, 900);
  in.timing.terminate = g.ms(0, 300);
  in.timing.activation = g.coin(0.5) ? 0 : g.ms(0, 120);
  in.assumptions.rounding = static_cast<Rounding>(g.uni(0, 2));
  in.assumptions.final_bake = static_cast<FinalBake>(g.uni(0, 1));
  in.assumptions.all_at_once_uses_wait = g.coin(0.3);
  in.assumptions.canary_traffic = static_cast<CanaryTraffic>(g.uni(0, 1));
  in.assumptions.alarms_outside_bake = g.coin(0.3);
  in.assumptions.billing = static_cast<Billing>(g.uni(0, 1));
  switch (g.uni(0, 3)) {
    case 0: break;
    case 1: in.trip = Trip{Trip::Kind::at_bake, g.uni(1, 12), 0}; break;
    case 2: in.trip = Trip{Trip::Kind::at_time, 0, g.ms(0, 20000)}; break;
    case 3: in.trip = Trip{Trip::Kind::after_new_traffic, 0, g.ms(0, 3000)}; break;
  }
  if (g.coin(0.3)) {
    const int n = g.uni(0, 24);  // by slot, provisioning and termination interleaved
    for (int i = 0; i < n; ++i) in.draws.success.push_back(g.ms(0, 900));
  }
  if (g.coin(0.15)) in.rollback_fault = g.ms(0, 3000);
  in.prices["a"] = 1.0;
  if (g.coin(0.9)) in.prices["b"] = 2.5;
  // Amendments A4 and A5: an exclusion fallback (alarms roll nothing back), serverless sides.
  in.policy.fallback = g.coin(0.1);
  in.assumptions.fallback_timeout = static_cast<FallbackTimeout>(g.uni(0, 1));
  for (auto& v : in.variants) {
    if (!g.coin(0.05)) continue;
    if (g.coin(0.5) && in.policy.strategy != Strategy::rolling) {  // rolling: the engine refuses
      v.new_serverless = true;
      v.n_new = 0;
      v.new_instance_type.clear();
    } else {
      v.old_serverless = true;
      v.n_old = 0;
      v.old_instance_type.clear();
    }
  }
  return in;
}

int n_old_total(const SimulationInput& in) {
  int n = 0;
  for (const auto& v : in.variants) n += v.n_old;
  return n;
}

/// Integral of the running count over the timeline, from 0 to the duration, in seconds.
double timeline_instance_seconds(const SimulationResult& r) {
  double sum = 0.0;
  for (std::size_t i = 0; i < r.timeline.size(); ++i) {
    const auto& p = r.timeline[i];
    const SimTime until = i + 1 < r.timeline.size() ? r.timeline[i + 1].t : r.summary.duration;
    sum += static_cast<double>(p.old_running + p.new_running) * to_seconds(until - p.t);
  }
  return sum;
}

void check_invariants(const SimulationInput& in, const SimulationResult& r) {
  const SimTime end = r.summary.duration;
  REQUIRE(!r.timeline.empty());
  CHECK(r.timeline.front().t == 0);
  SimTime prev = 0;
  for (const auto& p : r.timeline) {
    CHECK(p.t >= prev);
    CHECK(p.t <= end);
    prev = p.t;
    CHECK(p.new_traffic_pct >= -1e-9);
    CHECK(p.new_traffic_pct <= 100.0 + 1e-9);
    CHECK(p.old_running + p.new_running <= r.summary.peak_instances);
    CHECK(p.old_active + p.new_active >= r.summary.min_serving_instances);
    CHECK(p.old_active <= p.old_running);
    CHECK(p.new_active <= p.new_running);
    CHECK(p.old_running >= 0);
    CHECK(p.new_running >= 0);
  }
  for (const auto& s : r.steps) {
    CHECK(s.t >= 0);
    CHECK(s.t <= s.end);
    CHECK(s.end <= end);
    CHECK(s.new_traffic_pct >= -1e-9);
    CHECK(s.new_traffic_pct <= 100.0 + 1e-9);
  }
  CHECK(r.summary.instance_seconds == Approx(timeline_instance_seconds(r)).epsilon(1e-9));
  CHECK(r.summary.extra_instance_seconds ==
        Approx(r.summary.instance_seconds - n_old_total(in) * to_seconds(end)).margin(1e-6));
  // A2: billed instance-seconds never exceed the running ones, and equal them unless one fleet
  // is billed (billing=aws_note, ALL_AT_ONCE, every bake 0 s).
  CHECK(r.summary.billed_instance_seconds <= r.summary.instance_seconds + 1e-9);
  bool bakes_zero = true;
  for (const auto& b : r.bakes) bakes_zero = bakes_zero && b.end == b.start;
  if (in.assumptions.billing == Billing::running || in.policy.strategy != Strategy::all_at_once ||
      !bakes_zero)
    CHECK(r.summary.billed_instance_seconds == r.summary.instance_seconds);
  // A4: under a fallback no trip rolls the update back.
  if (in.policy.fallback) CHECK(r.outcome != Outcome::rolled_back);
  if (r.outcome == Outcome::update_rollback_failed) {
    CHECK(in.policy.strategy == Strategy::rolling);
    CHECK(r.steps.back().endpoint_status == "UpdateRollbackFailed");
  } else if (r.outcome != Outcome::succeeded) {
    // Every rollback ends with 100% on the old fleet and old_running back to the start.
    const std::size_t nv = in.variants.size();
    REQUIRE(r.steps.size() >= nv);
    for (std::size_t i = 0; i < nv; ++i) {
      const auto& done = r.steps[r.steps.size() - nv + i];
      CHECK(done.phase == Phase::done);
      CHECK(done.old_running == in.variants[i].n_old);
      CHECK(done.old_active == in.variants[i].n_old);
      CHECK(done.new_running == 0);
      CHECK(done.new_traffic_pct == 0.0);
    }
    CHECK(r.timeline.back().new_traffic_pct == 0.0);
  }
}

}  // namespace

TEST_CASE("success path: duration, peak and instance-seconds equal the closed forms",
          "[properties][reference]") {
  Gen g(20261127);
  for (int i = 0; i < 3000; ++i) {
    reference::OneVariant ref;
    auto in = single_case(g, ref);
    INFO("case " << i << " strategy " << to_string(in.policy.strategy) << " N_old " << ref.n_old
                 << " N " << ref.n << " step " << ref.step);
    const auto r = simulate(in);
    const auto want = reference::success(ref);
    REQUIRE(r.outcome == Outcome::succeeded);
    CHECK(r.summary.duration == want.duration_ms);
    CHECK(r.summary.peak_instances == want.peak);
    CHECK(r.summary.instance_seconds == Approx(want.instance_seconds).epsilon(1e-9));
    if (ref.n_old == ref.n) {
      // The contract's peaks: N_old + N (blue/green), N + B (rolling).
      CHECK(r.summary.peak_instances ==
            (in.policy.strategy == Strategy::rolling ? ref.n + ref.step : ref.n_old + ref.n));
    }
    const auto starts = reference::bake_starts(ref);
    REQUIRE(r.bakes.size() == starts.size());
    for (std::size_t k = 0; k < starts.size(); ++k) {
      CHECK(r.bakes[k].number == static_cast<int>(k) + 1);
      CHECK(r.bakes[k].start == starts[k]);
    }
    // Traffic is monotone on the success path.
    double prev = 0.0;
    for (const auto& p : r.timeline) {
      CHECK(p.new_traffic_pct >= prev - 1e-9);
      prev = p.new_traffic_pct;
    }
    CHECK(prev == Approx(100.0));
    check_invariants(in, r);
  }
}

TEST_CASE("a trip at the start of bake k matches the reference rollback",
          "[properties][reference][rollback]") {
  Gen g(7);
  SimulationWorkspace ws;
  for (int i = 0; i < 3000; ++i) {
    reference::OneVariant ref;
    auto in = single_case(g, ref);
    const auto starts = reference::bake_starts(ref);
    const int k = g.uni(1, static_cast<int>(starts.size()));
    in.trip = Trip{Trip::Kind::at_bake, k, 0};
    INFO("case " << i << " strategy " << to_string(in.policy.strategy) << " N_old " << ref.n_old
                 << " N " << ref.n << " step " << ref.step << " R " << ref.rollback << " k " << k);
    const auto f = simulate_figures(in, ws);
    const auto want = reference::trip_at_bake(ref, k);
    CHECK(f.outcome == Outcome::rolled_back);
    REQUIRE(f.trip_applied_at);
    CHECK(*f.trip_applied_at == starts[static_cast<std::size_t>(k - 1)]);
    CHECK(f.duration == want.duration_ms);
    CHECK(f.instance_seconds == Approx(want.instance_seconds).epsilon(1e-9));
    CHECK(f.rollback_peak_instances == want.peak);
  }
}

TEST_CASE("invariants hold for every generated run", "[properties][invariants]") {
  Gen g(42);
  for (int i = 0; i < 3000; ++i) {
    const auto in = random_case(g);
    INFO("case " << i << " strategy " << to_string(in.policy.strategy) << " variants "
                 << in.variants.size());
    const auto r = simulate(in);
    check_invariants(in, r);
    if (timeout_in_force(in) && r.outcome == Outcome::succeeded)
      CHECK(r.summary.duration <= *timeout_in_force(in));
    if (r.outcome == Outcome::timed_out) CHECK(*r.summary.timeout_margin < 0);
    for (const auto& e : r.rollback_if_trip) CHECK(e.outcome != Outcome::succeeded);
  }
}

TEST_CASE("simulate() and simulate_figures() agree on thousands of generated cases",
          "[properties][fast_path]") {
  Gen g(99);
  SimulationWorkspace ws;  // reused across cases of different shapes
  for (int i = 0; i < 4000; ++i) {
    const auto in = random_case(g);
    INFO("case " << i);
    const auto r = simulate(in);
    const auto f = simulate_figures(in, ws);
    CHECK(f.outcome == r.outcome);
    CHECK(f.duration == r.summary.duration);
    CHECK(f.peak_instances == r.summary.peak_instances);
    CHECK(f.min_serving_instances == r.summary.min_serving_instances);
    CHECK(f.instance_seconds == r.summary.instance_seconds);
    CHECK(f.extra_instance_seconds == r.summary.extra_instance_seconds);
    CHECK(f.billed_instance_seconds == r.summary.billed_instance_seconds);
    CHECK(same_cost(f.cost_usd, r.summary.cost_usd));
    CHECK(f.exposure_traffic_s == r.summary.exposure_traffic_s);
    CHECK(f.escaped == r.summary.escaped);
    CHECK(f.trip_applied_at == r.trip_applied_at);
  }
}

TEST_CASE("the compiled success path equals the engine for any draws, bit for bit",
          "[properties][success_path]") {
  Gen g(314);
  SimulationWorkspace ws;
  int below_timeout = 0;
  for (int i = 0; i < 3000; ++i) {
    auto in = random_case(g);
    const SuccessPath path = compile_success_path(in);  // ignores in's trip, draws, timeout
    for (int d = 0; d < 4; ++d) {
      TimingDraws draws;
      const int n = g.uni(0, 28);  // shorter than the schedule: the rest fall back to P / D
      for (int k = 0; k < n; ++k) draws.success.push_back(g.coin(0.1) ? 0 : g.ms(0, 1800));
      INFO("case " << i << " draws " << d << " strategy " << to_string(in.policy.strategy));
      const RunFigures fast = success_path_figures(path, draws);
      SimulationInput run = in;
      run.trip = Trip{};
      run.draws = draws;
      const auto timeout = run.policy.timeout;
      run.policy.timeout.reset();
      const RunFigures f = simulate_figures(run, ws);
      CHECK(fast.outcome == Outcome::succeeded);
      CHECK(fast.duration == f.duration);
      CHECK(fast.peak_instances == f.peak_instances);
      CHECK(fast.min_serving_instances == f.min_serving_instances);
      CHECK(fast.instance_seconds == f.instance_seconds);  // exact, not approximate
      CHECK(fast.extra_instance_seconds == f.extra_instance_seconds);
      CHECK(fast.billed_instance_seconds == f.billed_instance_seconds);
      CHECK(same_cost(fast.cost_usd, f.cost_usd));
      CHECK(same_cost(fast.extra_cost_usd, f.extra_cost_usd));
      CHECK(fast.exposure_traffic_s == f.exposure_traffic_s);
      CHECK_FALSE(f.escaped);
      CHECK_FALSE(f.rollback_start);
      // Below its timeout the run is the same run: the fast path may stand in for it.
      if (timeout && fast.duration < *timeout) {
        ++below_timeout;
        run.policy.timeout = timeout;
        const RunFigures t = simulate_figures(run, ws);
        CHECK(t.outcome == Outcome::succeeded);
        CHECK(t.duration == fast.duration);
        CHECK(same_cost(t.cost_usd, fast.cost_usd));
      }
    }
  }
  CHECK(below_timeout > 100);  // the timeout branch was exercised
}

TEST_CASE("exposure is the integral of the new traffic fraction over the timeline",
          "[properties][exposure]") {
  Gen g(5);
  for (int i = 0; i < 1000; ++i) {
    const auto in = random_case(g);
    const auto r = simulate(in);
    double sum = 0.0;
    for (std::size_t j = 0; j < r.timeline.size(); ++j) {
      const auto& p = r.timeline[j];
      const SimTime until = j + 1 < r.timeline.size() ? r.timeline[j + 1].t : r.summary.duration;
      sum += p.new_traffic_pct / 100.0 * to_seconds(until - p.t);
    }
    CHECK(r.summary.exposure_traffic_s == Approx(sum).margin(1e-6));
  }
}
