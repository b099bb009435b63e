// Speed of the planning fast path (simulate_figures with a warmed workspace) and of the event
// queue. Target: a 100-instance, 10-step plan at >= 500,000 simulations/s on one core, with no
// heap allocation per simulation once warmed ("allocs/sim" must read 0).
//
// Run (Release): build-h3rel/bench/bench_simulate --benchmark_min_time=0.5
#include "shiftsim/event_queue.hpp"
#include "shiftsim/simulate.hpp"

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <random>

// Counting allocator for this benchmark program only: every global operator new bumps a counter.
// (A bench-local global is the point here: it observes every allocation the engine makes.)
// GCC 12 flags free() on memory from the replaced operator new once both are inlined into the
// same caller (-Wmismatched-new-delete); here new and delete are a matching malloc/free pair.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
namespace {
std::atomic<std::size_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using namespace shiftsim;

SimulationInput plan_100(Strategy strategy) {
  SimulationInput in;
  VariantFleet v;
  v.name = "AllTraffic";
  v.n_old = 100;
  v.n_new = 100;
  v.old_instance_type = "ml.g5.xlarge";
  v.new_instance_type = "ml.g5.xlarge";
  in.variants.push_back(v);
  in.policy.strategy = strategy;
  in.policy.step = CapacitySize{CapacityType::capacity_percent, 10};  // 10 steps / batches
  in.policy.wait = seconds(300);
  in.policy.termination_wait = seconds(600);
  in.policy.timeout = seconds(28800);
  in.policy.alarms.push_back(AlarmSpec{"p99-latency", seconds(180)});
  in.timing.provision = seconds(420);
  in.timing.terminate = seconds(60);
  in.timing.activation = seconds(5);
  in.prices["ml.g5.xlarge"] = 1.408;
  return in;
}

void run_figures(benchmark::State& state, SimulationInput in) {
  SimulationWorkspace ws;
  benchmark::DoNotOptimize(simulate_figures(in, ws));  // warm the workspace
  const std::size_t before = g_allocations.load();
  for (auto _ : state) {
    auto f = simulate_figures(in, ws);
    benchmark::DoNotOptimize(f);
  }
  const std::size_t allocs = g_allocations.load() - before;
  const auto n = static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations());
  state.counters["sims/s"] = benchmark::Counter(n, benchmark::Counter::kIsRate);
  state.counters["allocs/sim"] = static_cast<double>(allocs) / n;
}

void BM_Figures_Rolling10pct_100(benchmark::State& state) {
  run_figures(state, plan_100(Strategy::rolling));
}
BENCHMARK(BM_Figures_Rolling10pct_100);

void BM_Figures_Linear10pct_100(benchmark::State& state) {
  run_figures(state, plan_100(Strategy::linear));
}
BENCHMARK(BM_Figures_Linear10pct_100);

void BM_Figures_Rolling10pct_100_TripBake5(benchmark::State& state) {
  auto in = plan_100(Strategy::rolling);
  in.policy.rollback_batch = CapacitySize{CapacityType::capacity_percent, 10};
  in.trip = Trip{Trip::Kind::at_bake, 5, 0};
  run_figures(state, in);
}
BENCHMARK(BM_Figures_Rolling10pct_100_TripBake5);

void BM_Figures_Linear10pct_100_Draws(benchmark::State& state) {
  auto in = plan_100(Strategy::linear);
  in.draws.success = {seconds(400), seconds(70)};  // provision, terminate (by slot)
  in.trip = Trip{Trip::Kind::after_new_traffic, 0, seconds(900)};
  run_figures(state, in);
}
BENCHMARK(BM_Figures_Linear10pct_100_Draws);

/// The full simulate() (step table, timeline, warnings, rollback_if_trip), for comparison.
void BM_Simulate_Full_Rolling10pct_100(benchmark::State& state) {
  const auto in = plan_100(Strategy::rolling);
  for (auto _ : state) {
    auto r = simulate(in);
    benchmark::DoNotOptimize(r);
  }
  state.counters["sims/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Simulate_Full_Rolling10pct_100);

/// Event queue: hold a population of `range(0)` events; each iteration pops the earliest and
/// pushes one at an exponential delay after it (ns-3 bench-scheduler style).
void BM_EventQueue_PushPop(benchmark::State& state) {
  struct Ev {
    int id;
  };
  EventQueue<Ev> q;
  std::mt19937_64 rng(1);
  std::exponential_distribution<double> gap(1.0 / 1000.0);
  const auto population = static_cast<int>(state.range(0));
  for (int i = 0; i < population; ++i) q.push(static_cast<SimTime>(gap(rng)), Ev{i});
  for (auto _ : state) {
    auto e = q.pop();
    q.push(e.time + static_cast<SimTime>(gap(rng)), e.payload);
    benchmark::DoNotOptimize(e);
    if (q.size() > 1u << 22) state.SkipWithError("queue grew");
  }
  state.counters["push+pop/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EventQueue_PushPop)->RangeMultiplier(8)->Range(8, 1 << 15);

}  // namespace
