// Sweeps: parallel evaluation, limits and the Pareto front (sweep.hpp); the grid is in
// sweep_grid.cpp, the risk pass in risk/sweep_risk.cpp.
#include "shiftsim/sweep.hpp"

#include "shiftsim/pricing.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/simulate.hpp"

#include "risk/sweep_risk.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <tuple>

namespace shiftsim {

SimulationInput apply_config(const SimulationInput& base, const SweepConfig& c) {
  SimulationInput in = base;
  set_config(in, c);
  in.draws = {};
  return in;
}

void set_config(SimulationInput& in, const SweepConfig& c) noexcept {
  in.policy.strategy = c.strategy;
  in.policy.step = c.step;
  in.policy.wait = seconds(c.wait_s);
  in.policy.termination_wait = seconds(c.termination_wait_s);
  in.policy.rollback_batch = c.strategy == Strategy::rolling ? c.rollback_batch : std::nullopt;
  in.trip = Trip{};
}

const char* to_string(DurationQuantile q) noexcept {
  switch (q) {
    case DurationQuantile::p50: return "p50";
    case DurationQuantile::p95: return "p95";
    case DurationQuantile::p99: return "p99";
  }
  return "?";
}

double ranked_exposure(const SweepRow& r) noexcept {
  return r.escaped ? std::numeric_limits<double>::infinity() : r.exposure_traffic_s;
}

double ranked_cost(const SweepRow& r) noexcept {
  return r.extra_cost_usd.value_or(std::numeric_limits<double>::infinity());
}

std::vector<std::size_t> mark_pareto(std::vector<SweepRow>& rows) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].pareto = false;
    if (rows[i].feasible()) idx.push_back(i);
  }
  auto key = [&](std::size_t i) {
    return std::tuple(rows[i].ranked_duration_s, ranked_cost(rows[i]), ranked_exposure(rows[i]), i);
  };
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  std::vector<std::size_t> front;
  for (const auto i : idx) {
    const auto& p = rows[i];
    bool dominated = false;
    for (const auto j : front) {
      const auto& q = rows[j];
      // q precedes p in (duration, cost, exposure) order, so q's duration <= p's.
      const double qe = ranked_exposure(q);
      const double pe = ranked_exposure(p);
      const double qc = ranked_cost(q);
      const double pc = ranked_cost(p);
      if (qc <= pc && qe <= pe && (q.ranked_duration_s < p.ranked_duration_s || qc < pc || qe < pe)) {
        dominated = true;
        break;
      }
    }
    if (!dominated) {
      front.push_back(i);
      rows[i].pareto = true;
    }
  }
  return front;
}

std::uint8_t row_violations(SweepRow& r, const SweepLimits& limits,
                            const SimulationInput& base) noexcept {
  double q = to_seconds(r.duration);
  if (r.risk_known) {
    switch (limits.duration_quantile) {
      case DurationQuantile::p50: q = r.risk.p50_s; break;
      case DurationQuantile::p95: q = r.risk.p95_s; break;
      case DurationQuantile::p99: q = r.risk.p99_s; break;
    }
  }
  r.ranked_duration_s = q;
  std::uint8_t v = 0;
  // Honest timeouts: the timeout in force, else the API's maximum, must cover the P99.
  const std::optional<SimTime> in_force = timeout_in_force(base);
  const double cap = in_force ? to_seconds(*in_force) : static_cast<double>(kTimeoutMaxS);
  if (r.risk_known ? r.risk.p99_s > cap + 1e-9 : r.outcome != Outcome::succeeded) v |= kViolTimeout;
  if (r.risk_known && r.risk.p_timeout > limits.max_p_timeout + 1e-12) v |= kViolPTimeout;
  if (limits.max_duration && q > to_seconds(*limits.max_duration) + 1e-9) v |= kViolDuration;
  if (limits.max_peak && r.peak > *limits.max_peak) v |= kViolPeak;
  if (limits.max_cost_usd && ranked_cost(r) > *limits.max_cost_usd + 1e-9) v |= kViolCost;
  if (limits.min_bake && r.min_bake < *limits.min_bake) v |= kViolBake;
  if (limits.max_exposure && ranked_exposure(r) > *limits.max_exposure + 1e-9) v |= kViolExposure;
  const bool escapes = r.escaped || (r.risk_known && r.risk.p_escape > kMaxPEscape);
  if (alarms_roll_back(base.policy) && !limits.allow_escape && escapes) v |= kViolEscape;
  return v;
}

SweepResult run_sweep(const SimulationInput& base, const SweepSpec& spec,
                      const SweepLimits& limits, int threads) {
  if (limits.max_cost_usd) {
    const Diagnostics unknown = cost_unknown_errors(base, "a cost limit", "limits.max_cost_usd",
                                                    "drop the cost limit");
    if (!unknown.empty()) throw InputError(unknown);
  }
  const auto configs = enumerate_configs(base, spec);
  SweepResult result;
  result.unpriced_types = unpriced_types(base);
  result.rows.resize(configs.size());
  const auto total = static_cast<std::int64_t>(configs.size());
  const int nthreads = threads > 0 ? threads : omp_get_max_threads();
  std::exception_ptr error;
  std::atomic<bool> failed{false};
#pragma omp parallel num_threads(nthreads)
  {
    SimulationWorkspace ws;
    SimulationInput in = base;
    in.trip = {};
    in.draws = {};
    // Every config at its median trial under the model (the workspace remembers batch medians).
    if (spec.model)
      in.draws = TimingDraws{TimingDraws::Mode::median,
                             std::make_shared<const StochasticModel>(*spec.model), 0, 0, {}};
#pragma omp for schedule(dynamic, 256)
    for (std::int64_t i = 0; i < total; ++i) {
      if (failed.load(std::memory_order_relaxed)) continue;
      try {
        const auto idx = static_cast<std::size_t>(i);
        const SweepConfig& c = configs[idx];
        set_config(in, c);
        const RunFigures ok = simulate_figures(in, ws);
        in.trip = Trip{Trip::Kind::after_new_traffic, 0, spec.detection_delay};
        const RunFigures bad = simulate_figures(in, ws);
        SweepRow& r = result.rows[idx];
        r.config = c;
        r.outcome = ok.outcome;
        r.duration = ok.duration;
        r.peak = ok.peak_instances;
        r.instance_seconds = ok.instance_seconds;
        r.billed_instance_seconds = ok.billed_instance_seconds;
        r.cost_usd = ok.cost_usd;
        r.extra_cost_usd = ok.extra_cost_usd;
        r.exposure_traffic_s = bad.exposure_traffic_s;
        r.escaped = bad.escaped;
        r.min_bake = ok.min_bake;
      } catch (...) {
#pragma omp critical(shiftsim_sweep_error)
        if (!error) error = std::current_exception();
        failed.store(true);
      }
    }
  }
  if (error) std::rethrow_exception(error);
  if (spec.risk) {
    RiskSettings settings;
    settings.detection_delay = spec.detection_delay;
    settings.recommend_timeout = true;  // each row at the timeout its request will carry
    detail::add_sweep_risk(base, configs,
                           spec.model ? *spec.model : deterministic_model(base.timing), settings,
                           result.rows, nthreads);
  }
  for (auto& r : result.rows) {
    r.violations = row_violations(r, limits, base);
    result.feasible += r.feasible() ? 1U : 0U;
  }
  result.pareto = mark_pareto(result.rows);
  return result;
}

std::string describe_config(const SweepConfig& c) {
  auto size = [](const CapacitySize& s) {
    return s.type == CapacityType::capacity_percent ? fmt::format("{}%", s.value)
                                                    : fmt::format("{} instance(s)", s.value);
  };
  switch (c.strategy) {
    case Strategy::all_at_once:
      return fmt::format("ALL_AT_ONCE, final bake {} s", c.termination_wait_s);
    case Strategy::canary:
      return fmt::format("CANARY {}, wait {} s, final bake {} s",
                         c.step ? size(*c.step) : "?", c.wait_s, c.termination_wait_s);
    case Strategy::linear:
      return fmt::format("LINEAR steps of {}, wait {} s, final bake {} s",
                         c.step ? size(*c.step) : "?", c.wait_s, c.termination_wait_s);
    case Strategy::rolling:
      return fmt::format("ROLLING batches of {}, wait {} s, rollback batch {}",
                         c.step ? size(*c.step) : "?", c.wait_s,
                         c.rollback_batch ? size(*c.rollback_batch) : std::string("100%"));
  }
  return "?";
}

}  // namespace shiftsim
