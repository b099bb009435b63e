// `shiftsim check` on the generated 200-endpoint plan (tests/data/iac/plan-200-endpoints.json,
// written by tests/data/iac/make_fixtures.py): reading the plan, and the whole analysis (validate,
// the median trial and a Monte Carlo per endpoint update). Figures in docs/performance.md.
#include "shiftsim/check.hpp"
#include "shiftsim/iac/terraform_plan.hpp"

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string plan_text() {
  std::ifstream in(SHIFTSIM_SOURCE_DIR "/tests/data/iac/plan-200-endpoints.json");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void BM_ReadPlan200(benchmark::State& state) {
  const std::string text = plan_text();
  for (auto _ : state) {
    auto doc = shiftsim::iac::read_terraform_plan(text, "plan-200-endpoints.json");
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}
BENCHMARK(BM_ReadPlan200)->Unit(benchmark::kMillisecond);

/// The whole check of 200 endpoint updates; range(0) = Monte Carlo trials per update,
/// range(1) = Monte Carlo threads per update.
void BM_Check200(benchmark::State& state) {
  const std::string text = plan_text();
  shiftsim::check::Options o;
  o.trials = static_cast<std::uint64_t>(state.range(0));
  o.threads = static_cast<int>(state.range(1));
  for (auto _ : state) {
    const auto doc = shiftsim::iac::read_terraform_plan(text, "plan-200-endpoints.json");
    auto report = shiftsim::check::run_check({doc}, o);
    benchmark::DoNotOptimize(report);
  }
}
BENCHMARK(BM_Check200)
    ->Args({1000, 1})
    ->Args({1000, 2})
    ->Args({4000, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
