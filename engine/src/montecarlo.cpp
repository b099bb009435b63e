// Monte Carlo runs: parallel trials, deterministic reduction (montecarlo.hpp).
#include "shiftsim/montecarlo.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/pricing.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/success_path.hpp"
#include "shiftsim/trial_sampler.hpp"

#include "quantile_select.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <fmt/format.h>
#include <limits>
#include <map>

namespace shiftsim {

namespace {

std::int32_t to_i32(SimTime t) noexcept {
  if (t > std::numeric_limits<std::int32_t>::max()) return std::numeric_limits<std::int32_t>::max();
  if (t < 0) return 0;
  return static_cast<std::int32_t>(t);
}

/// A known cost's quantiles as CostQuantiles.
CostQuantiles known_costs(const Quantiles& q) noexcept {
  return {q.p50, q.p90, q.p95, q.p99, q.max, q.mean, q.min};
}

CostQuantiles unknown_costs() noexcept {
  const Cost u = Cost::unknown();
  return {u, u, u, u, u, u, u};
}

/// The quantiles of the trials' cost and of their extra cost, cost - rate x duration (amendment
/// A3): the costs selected in place (no copy), the extra costs built in one 8-byte array per
/// trial and selected there. Unknown (A12): both, when a trial's cost is (NaN); the extra cost,
/// when `usd_per_ms` is (NaN: an unpriced old fleet).
void cost_quantiles(const TrialFigures& f, double usd_per_ms, CostQuantiles& cost,
                    CostQuantiles& extra) {
  const std::size_t n = f.size();
  const std::span<const double> costs(f.cost_usd.data(), n);
  if (std::any_of(costs.begin(), costs.end(), [](double c) { return !Cost(c).known(); })) {
    cost = extra = unknown_costs();
    return;
  }
  cost = known_costs(detail::select_quantiles(costs, 1.0));
  if (!Cost(usd_per_ms).known()) {
    extra = unknown_costs();
    return;
  }
  TrialArray<double> buffer(n);
  for (std::size_t i = 0; i < n; ++i)
    buffer[i] = f.cost_usd[i] - usd_per_ms * static_cast<double>(f.duration_ms[i]);
  extra = known_costs(detail::select_quantiles(std::span<const double>(buffer.data(), n), 1.0));
}

}  // namespace

Quantiles quantiles_of(std::span<const float> values) {
  return detail::select_quantiles(values, 1.0);
}

Quantiles quantiles_of(std::span<const double> values) {
  return detail::select_quantiles(values, 1.0);
}

Quantiles quantiles_of_ms(std::span<const std::int32_t> values_ms) {
  return detail::select_quantiles(values_ms, 1.0 / 1000.0);
}

CostQuantiles cost_quantiles_of(std::span<const double> costs) {
  if (std::any_of(costs.begin(), costs.end(), [](double c) { return !Cost(c).known(); }))
    return unknown_costs();
  return known_costs(detail::select_quantiles(costs, 1.0));
}

std::vector<HistogramBin> histogram_ms(std::span<const std::int32_t> values_ms, int bins) {
  std::vector<HistogramBin> out;
  if (values_ms.empty() || bins < 1) return out;
  const auto [mn_it, mx_it] = std::minmax_element(values_ms.begin(), values_ms.end());
  const double lo = *mn_it / 1000.0;
  const double hi = *mx_it / 1000.0;
  const double width = hi > lo ? (hi - lo) / bins : 1.0;
  const int nb = hi > lo ? bins : 1;
  out.resize(static_cast<std::size_t>(nb));
  for (int i = 0; i < nb; ++i) {
    out[static_cast<std::size_t>(i)].lo = lo + width * i;
    out[static_cast<std::size_t>(i)].hi = i + 1 == nb ? std::max(hi, lo + width) : lo + width * (i + 1);
  }
  for (const auto v : values_ms) {
    const double s = v / 1000.0;
    int b = hi > lo ? static_cast<int>((s - lo) / width) : 0;
    b = std::clamp(b, 0, nb - 1);
    ++out[static_cast<std::size_t>(b)].count;
  }
  return out;
}

std::int64_t recommended_timeout_s(double p99_s) noexcept {
  const double with_margin = p99_s * (1.0 + kTimeoutMargin);
  auto s = static_cast<std::int64_t>(std::ceil(with_margin / kTimeoutRoundS - 1e-9)) *
           kTimeoutRoundS;
  return std::clamp<std::int64_t>(s, kTimeoutMinS, kTimeoutMaxS);
}

double old_fleet_usd_per_ms(const SimulationInput& input) noexcept {
  double rate = 0.0;
  for (const auto& v : input.variants) {
    if (v.n_old <= 0) continue;  // an empty unpriced fleet costs nothing (accounting.hpp)
    const auto it = input.prices.find(v.old_instance_type);
    if (it == input.prices.end()) return std::numeric_limits<double>::quiet_NaN();  // A12
    rate += static_cast<double>(v.n_old) * it->second / 3600.0 / 1000.0;
  }
  return rate;
}

MonteCarloSummary summarize(const TrialFigures& f, std::uint64_t seed,
                            std::optional<SimTime> user_timeout, int threads,
                            double old_fleet_usd_per_ms) {
  MonteCarloSummary s;
  const std::size_t n = f.size();
  s.trials = n;
  s.seed = seed;
  s.user_timeout = user_timeout;
  if (n == 0) return s;
  // The selections are independent: one section each (none copies its array; the extra cost
  // builds one).
  Quantiles is;
  Quantiles billed;
#pragma omp parallel sections num_threads(threads > 0 ? threads : omp_get_max_threads())
  {
#pragma omp section
    s.duration_s = quantiles_of_ms(f.duration_ms);
#pragma omp section
    s.completion_s = quantiles_of_ms(f.completion_ms);
#pragma omp section
    is = quantiles_of(f.instance_seconds);
#pragma omp section
    billed = quantiles_of(f.billed_instance_seconds);
#pragma omp section
    cost_quantiles(f, old_fleet_usd_per_ms, s.cost_usd, s.extra_cost_usd);
#pragma omp section
    s.exposure_traffic_s = quantiles_of(f.exposure_traffic_s);
  }
  std::uint64_t counts[4] = {0, 0, 0, 0};
  std::uint64_t escapes = 0;
  std::map<int, std::uint64_t> peaks;
  // Peaks repeat in long runs (most trials share the success path's peak): count runs of equal
  // values and touch the map once per run.
  int run_peak = n > 0 ? f.peak[0] : 0;
  std::uint64_t run_length = 0;
  for (std::size_t i = 0; i < n; ++i) {
    ++counts[std::min<std::size_t>(f.outcome[i], 3)];
    escapes += f.escaped[i];
    if (f.peak[i] != run_peak) {
      peaks[run_peak] += run_length;
      run_peak = f.peak[i];
      run_length = 0;
    }
    ++run_length;
  }
  if (run_length > 0) peaks[run_peak] += run_length;
  const double dn = static_cast<double>(n);
  s.p_succeeded = static_cast<double>(counts[static_cast<int>(Outcome::succeeded)]) / dn;
  s.p_rollback = static_cast<double>(counts[static_cast<int>(Outcome::rolled_back)]) / dn;
  s.p_timeout = static_cast<double>(counts[static_cast<int>(Outcome::timed_out)]) / dn;
  s.p_rollback_failed =
      static_cast<double>(counts[static_cast<int>(Outcome::update_rollback_failed)]) / dn;
  s.p_escape = static_cast<double>(escapes) / dn;
  s.peak_distribution.assign(peaks.begin(), peaks.end());
  s.instance_hours = is;
  s.billed_instance_hours = billed;
  for (Quantiles* q : {&s.instance_hours, &s.billed_instance_hours})
    for (double* v : {&q->p50, &q->p90, &q->p95, &q->p99, &q->max, &q->mean, &q->min}) *v /= 3600.0;
  const double with_margin = s.completion_s.p99 * (1.0 + kTimeoutMargin);
  s.recommended_timeout_s = recommended_timeout_s(s.completion_s.p99);
  s.recommendation_capped = with_margin > static_cast<double>(kTimeoutMaxS);
  if (s.recommendation_capped) {
    // What the trials measured, not what the quantile suggests.
    // constexpr, so the lambda reads it without a capture (clang 14 refuses an unneeded one).
    constexpr auto cap_ms = static_cast<std::int32_t>(kTimeoutMaxS * kMsPerSecond);
    const auto over =
        static_cast<std::size_t>(std::count_if(f.completion_ms.begin(), f.completion_ms.end(),
                                               [](std::int32_t c) { return c > cap_ms; }));
    s.share_over_timeout_cap = static_cast<double>(over) / dn;
    s.warnings.push_back(Diagnostic{
        Severity::warning, warning_code::timeout_cap_too_short, "MaximumExecutionTimeoutInSeconds",
        "P99 completion + 10% must fit in 28800 s", fmt::format("{:.0f}", with_margin),
        fmt::format("P99 completion time {:.0f} s plus a 10% margin exceeds the 28800 s maximum "
                    "of MaximumExecutionTimeoutInSeconds: {} of these {} trials ({:.2f}%) need "
                    "more than 28800 s, so even the maximum timeout would cut them short",
                    s.completion_s.p99, over, n, 100.0 * s.share_over_timeout_cap)});
  }
  if (user_timeout && to_seconds(*user_timeout) < static_cast<double>(s.recommended_timeout_s)) {
    s.warnings.push_back(Diagnostic{
        Severity::warning, warning_code::timeout_below_recommended, "MaximumExecutionTimeoutInSeconds",
        fmt::format(">= {} (P99 completion + 10%, rounded up to 60 s)", s.recommended_timeout_s),
        fmt::format("{}", to_seconds(*user_timeout)),
        fmt::format("MaximumExecutionTimeoutInSeconds {} s is below the recommended {} s "
                    "(P99 completion {:.0f} s + 10%, rounded up to a minute)",
                    to_seconds(*user_timeout), s.recommended_timeout_s, s.completion_s.p99)});
  }
  return s;
}

MonteCarloResult run_montecarlo(const SimulationInput& base, const StochasticModel& model,
                                const MonteCarloOptions& options) {
  const TrialPlan plan =
      make_trial_plan(base, std::make_shared<const StochasticModel>(model), options.seed);
  // Most trials succeed untouched: for those the compiled success path gives the engine's exact
  // figures from the draws alone (success_path.hpp); trips and timeouts run the engine.
  const SuccessPath success = compile_success_path(plan.base);
  const std::optional<SimTime> timeout = timeout_in_force(plan.base);
  // Under an exclusion fallback no trip takes effect (amendment A4): a tripped trial is its
  // success path, the fault never caught (escaped), exactly as the engine would report it.
  const bool trips_apply = alarms_roll_back(plan.base.policy);

  MonteCarloResult result;
  const std::uint64_t n = options.trials;
  auto& f = result.figures;
  const auto sz = static_cast<std::size_t>(n);
  f.duration_ms.resize(sz);
  f.completion_ms.resize(sz);
  f.peak.resize(sz);
  f.instance_seconds.resize(sz);
  f.billed_instance_seconds.resize(sz);
  f.cost_usd.resize(sz);
  f.exposure_traffic_s.resize(sz);
  f.outcome.resize(sz);
  f.escaped.resize(sz);

  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
  std::atomic<std::uint64_t> done{0};
  std::exception_ptr error;
  std::atomic<bool> failed{false};
  const auto total = static_cast<std::int64_t>(n);
  constexpr std::int64_t kReport = 4096;

#pragma omp parallel num_threads(threads)
  {
    SimulationWorkspace ws;
    SimulationInput input = plan.base;
    const bool reporter = omp_get_thread_num() == 0 && static_cast<bool>(options.progress);
    std::int64_t local = 0;
#pragma omp for schedule(static)
    for (std::int64_t i = 0; i < total; ++i) {
      if (failed.load(std::memory_order_relaxed)) continue;
      try {
        const auto trial = static_cast<std::uint64_t>(i);
        const auto idx = static_cast<std::size_t>(i);
        draw_trial(plan, trial, input);
        // The same draws with no trip and no timeout: how long this update needs to finish.
        const RunFigures clean = success_path_figures(success, input.draws);
        // A trip or a timeout: the engine, which draws each rollback operation as it starts.
        const bool tripped = input.trip.kind != Trip::Kind::none;
        const bool engine_needed =
            (tripped && trips_apply) || (timeout && clean.duration >= *timeout);
        RunFigures r = engine_needed ? simulate_figures(input, ws) : clean;
        if (!engine_needed && tripped) r.escaped = true;
        f.duration_ms[idx] = to_i32(r.duration);
        f.completion_ms[idx] = to_i32(clean.duration);
        f.peak[idx] = r.peak_instances;
        f.instance_seconds[idx] = static_cast<float>(r.instance_seconds);
        f.billed_instance_seconds[idx] = static_cast<float>(r.billed_instance_seconds);
        f.cost_usd[idx] = r.cost_usd.value_or(std::numeric_limits<double>::quiet_NaN());
        f.exposure_traffic_s[idx] = static_cast<float>(r.exposure_traffic_s);
        f.outcome[idx] = static_cast<std::uint8_t>(r.outcome);
        f.escaped[idx] = r.escaped ? 1 : 0;
        if (++local == kReport) {
          const std::uint64_t d = done.fetch_add(static_cast<std::uint64_t>(local)) +
                                  static_cast<std::uint64_t>(local);
          local = 0;
          if (reporter) options.progress(d);
        }
      } catch (...) {
#pragma omp critical(shiftsim_montecarlo_error)
        if (!error) error = std::current_exception();
        failed.store(true);
      }
    }
  }
  if (error) std::rethrow_exception(error);
  if (options.progress) options.progress(n);
  result.summary = summarize(f, options.seed, timeout, threads, old_fleet_usd_per_ms(base));
  result.summary.unpriced_types = unpriced_types(base);
  return result;
}

}  // namespace shiftsim
