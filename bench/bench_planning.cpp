// Planning-run benchmarks (figures in docs/performance.md; never asserted):
//  (a) Monte Carlo: 1,000,000 trials of a 100-instance, 10%-batch rolling update, per-instance
//      lognormal provisioning (p50 240 s, p95 480 s; the batch waits for its slowest instance),
//      0.2% false alarms per bake, 2 threads. Target: <= 1 s for the whole process on 2 cores.
//  (b) Sweep: >= 100,000 configs for a 100-instance endpoint, 2 threads. Target: <= 1 s.
//      BM_Sweep does what it did before risk figures existed (fixed timings, spec.risk off), so
//      its figures compare across versions.
//  (c) Risk-aware sweep (issue 11): the same 101,696 configs under the model of (a), every row
//      with its median trial and its exact P50/P95/P99 completion, P(timeout), P(rollback) and
//      P(escape) (BM_RiskSweep). Target: <= 10 s wall on 2 cores.
//  Plus the per-trial cost on one thread, the sampler alone, and one config's risk figures.
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/risk.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/trial_sampler.hpp"
#include "shiftsim/success_path.hpp"
#include "shiftsim/sweep.hpp"

#include <benchmark/benchmark.h>

namespace {

using namespace shiftsim;

SimulationInput rolling_100() {
  SimulationInput in;
  VariantFleet v;
  v.name = "AllTraffic";
  v.n_old = 100;
  v.n_new = 100;
  v.old_instance_type = "ml.c5.xlarge";
  v.new_instance_type = "ml.c5.xlarge";
  in.variants.push_back(v);
  in.policy.strategy = Strategy::rolling;
  in.policy.step = CapacitySize{CapacityType::capacity_percent, 10};
  in.policy.wait = seconds(300);
  in.policy.timeout = seconds(14400);
  in.policy.alarms.push_back(AlarmSpec{"api-p99-latency", seconds(180)});
  in.timing.provision = seconds(240);
  in.timing.terminate = seconds(60);
  in.timing.activation = seconds(15);
  in.prices["ml.c5.xlarge"] = 0.238;
  return in;
}

StochasticModel model_for(const SimulationInput& in) {
  StochasticModel m = deterministic_model(in.timing);
  m.provision.kind = DurationDist::Kind::lognormal;
  m.provision.p50_s = 240;
  m.provision.p95_s = 480;
  m.provision.per_instance = true;
  m.false_trip_per_bake = 0.002;
  return m;
}

void BM_MonteCarlo(benchmark::State& state) {
  const auto in = rolling_100();
  const auto model = model_for(in);
  MonteCarloOptions o;
  o.trials = static_cast<std::uint64_t>(state.range(0));
  o.threads = static_cast<int>(state.range(1));
  o.seed = 1;
  for (auto _ : state) {
    auto r = run_montecarlo(in, model, o);
    benchmark::DoNotOptimize(r.summary.duration_s.p99);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.counters["trials_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * state.range(0)), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MonteCarlo)
    ->Args({1000000, 2})
    ->Args({100000, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

/// The trial plan montecarlo prepares for the benchmark model (seed 1).
TrialPlan rolling_100_plan() {
  const auto in = rolling_100();
  return make_trial_plan(in, std::make_shared<const StochasticModel>(model_for(in)), 1);
}

void BM_DrawTrial(benchmark::State& state) {
  const TrialPlan plan = rolling_100_plan();
  SimulationInput x = plan.base;
  std::uint64_t t = 0;
  for (auto _ : state) {
    draw_trial(plan, t++, x);
    benchmark::DoNotOptimize(x.draws.success.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DrawTrial);

// What montecarlo does for an untouched trial: draw the success path's operations and the trip,
// then read the figures off the compiled success path (no event engine).
void BM_TrialSuccessPath(benchmark::State& state) {
  const TrialPlan plan = rolling_100_plan();
  const auto path = compile_success_path(plan.base);
  SimulationInput x = plan.base;
  std::uint64_t t = 0;
  for (auto _ : state) {
    draw_trial(plan, t++, x);
    benchmark::DoNotOptimize(success_path_figures(path, x.draws).cost_usd);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TrialSuccessPath);

// The same figures from the event engine, for comparison (one full trial's draws).
void BM_TrialEngine(benchmark::State& state) {
  const TrialPlan plan = rolling_100_plan();
  SimulationInput x = plan.base;
  SimulationWorkspace ws;
  std::uint64_t t = 0;
  for (auto _ : state) {
    draw_trial(plan, t++, x);
    benchmark::DoNotOptimize(simulate_figures(x, ws).cost_usd);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TrialEngine);

void BM_SuccessPathFigures(benchmark::State& state) {
  const auto in = rolling_100();
  const auto path = compile_success_path(in);
  TimingDraws draws;
  for (int k = 0; k < 10; ++k) {
    draws.success.push_back(seconds(240 + k));  // provision batch k
    draws.success.push_back(seconds(60 + k));   // terminate batch k
  }
  for (auto _ : state) benchmark::DoNotOptimize(success_path_figures(path, draws).cost_usd);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SuccessPathFigures);

SweepSpec big_spec() {
  SweepSpec s;
  s.waits_s = parse_int_range("0:3600:120", "--wait");            // 31 values
  s.termination_waits_s = parse_int_range("0:3600:240", "--termination-wait");  // 16 values
  s.rollback_batches = {std::nullopt, CapacitySize{CapacityType::capacity_percent, 10},
                        CapacitySize{CapacityType::capacity_percent, 25},
                        CapacitySize{CapacityType::capacity_percent, 50}};
  s.detection_delay = seconds(180);
  return s;
}

void BM_Sweep(benchmark::State& state) {
  const auto in = rolling_100();
  auto spec = big_spec();
  if (state.range(1) != 0) spec.model = model_for(in);  // BM_RiskSweep
  spec.risk = state.range(1) != 0;
  SweepLimits limits;
  limits.max_peak = 150;
  const auto n = count_configs(in, spec);
  for (auto _ : state) {
    auto r = run_sweep(in, spec, limits, static_cast<int>(state.range(0)));
    benchmark::DoNotOptimize(r.pareto.size());
  }
  state.counters["configs"] = static_cast<double>(n);
  state.counters["configs_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * static_cast<double>(n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Sweep)->Args({2, 0})->Args({1, 0})->Unit(benchmark::kMillisecond)->UseRealTime();
void BM_RiskSweep(benchmark::State& state) { BM_Sweep(state); }
BENCHMARK(BM_RiskSweep)->Args({2, 1})->Args({1, 1})->Unit(benchmark::kMillisecond)->UseRealTime();

// One config's exact risk figures (what `check` and a single plan row need): the shape of its
// random part built from scratch (FFT convolutions), then the figures. Arg: batch percent.
void BM_AssessRisk(benchmark::State& state) {
  auto in = rolling_100();
  in.policy.step = CapacitySize{CapacityType::capacity_percent, state.range(0)};
  const auto model = model_for(in);
  RiskSettings settings;
  settings.detection_delay = seconds(180);
  for (auto _ : state) benchmark::DoNotOptimize(assess_risk(in, model, settings).p99_s);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AssessRisk)->Arg(5)->Arg(10)->Arg(50)->Unit(benchmark::kMicrosecond);

}  // namespace
