// Sweeps: grid enumeration, parallel evaluation, limits and the Pareto front (sweep.hpp).
#include "shiftsim/sweep.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/simulate.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>

namespace shiftsim {

namespace {

std::uint64_t sat_mul(std::uint64_t a, std::uint64_t b) noexcept {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a)
    return std::numeric_limits<std::uint64_t>::max();
  return a * b;
}

/// The new fleets the ratio rules apply to (variants with n_new > 0).
std::vector<int> fleet_sizes(const SimulationInput& base) {
  std::vector<int> ns;
  for (const auto& v : base.variants)
    if (v.n_new > 0) ns.push_back(v.n_new);
  return ns;
}

bool size_valid_all(Strategy s, const CapacitySize& c, const std::vector<int>& ns) {
  for (int n : ns)
    if (!size_valid(s, c, n)) return false;
  return !ns.empty();
}

std::vector<CapacitySize> valid_sizes(Strategy s, const SimulationInput& base,
                                      const SweepSpec& spec) {
  std::vector<CapacitySize> out;
  const auto ns = fleet_sizes(base);
  if (ns.empty()) return out;
  const int nmax = *std::max_element(ns.begin(), ns.end());
  if (spec.sizes_count) {
    if (spec.size_counts.empty()) {
      for (std::int64_t v = 1; v <= nmax; ++v) {
        CapacitySize c{CapacityType::instance_count, v};
        if (size_valid_all(s, c, ns)) out.push_back(c);
      }
    } else {
      for (auto v : spec.size_counts) {
        CapacitySize c{CapacityType::instance_count, v};
        if (v >= 1 && size_valid_all(s, c, ns)) out.push_back(c);
      }
    }
  }
  if (spec.sizes_percent) {
    if (spec.size_percents.empty()) {
      for (std::int64_t v = 1; v <= 100; ++v) {
        CapacitySize c{CapacityType::capacity_percent, v};
        if (size_valid_all(s, c, ns)) out.push_back(c);
      }
    } else {
      for (auto v : spec.size_percents) {
        CapacitySize c{CapacityType::capacity_percent, v};
        if (v >= 1 && size_valid_all(s, c, ns)) out.push_back(c);
      }
    }
  }
  return out;
}

/// ROLLING runs as requested only on one instance variant: on several variants or a serverless
/// one SageMaker falls back to ALL_AT_ONCE (amendment A4, resolve's fallbacks.cpp), so the grid
/// does not offer it.
bool rolling_allowed(const SimulationInput& base) {
  int with_new = 0;
  for (const auto& v : base.variants) {
    if (v.new_serverless) return false;
    with_new += v.n_new > 0 ? 1 : 0;
  }
  return with_new == 1;
}

/// Per strategy: how many (size, wait, termination wait, rollback) combinations.
struct StrategyDims {
  std::uint64_t sizes = 1, waits = 1, twaits = 1, rollbacks = 1;
  [[nodiscard]] std::uint64_t total() const {
    return sat_mul(sat_mul(sat_mul(sizes, waits), twaits), rollbacks);
  }
};

StrategyDims dims_for(Strategy s, const SimulationInput& base, const SweepSpec& spec,
                      std::uint64_t size_count) {
  StrategyDims d;
  d.sizes = s == Strategy::all_at_once ? 1 : size_count;
  const bool uses_wait = s != Strategy::all_at_once || base.assumptions.all_at_once_uses_wait;
  d.waits = uses_wait ? spec.waits_s.size() : 1;
  d.twaits = s == Strategy::rolling ? 1 : spec.termination_waits_s.size();
  d.rollbacks = s == Strategy::rolling ? spec.rollback_batches.size() : 1;
  return d;
}

/// The config's DeploymentConfig fields on `in` (no trip): what apply_config() and the sweep's
/// own loop both run.
void set_config(SimulationInput& in, const SweepConfig& c) {
  in.policy.strategy = c.strategy;
  in.policy.step = c.step;
  in.policy.wait = seconds(c.wait_s);
  in.policy.termination_wait = seconds(c.termination_wait_s);
  in.policy.rollback_batch = c.strategy == Strategy::rolling ? c.rollback_batch : std::nullopt;
  in.trip = Trip{};
}

}  // namespace

bool size_valid(Strategy strategy, const CapacitySize& size, int n) noexcept {
  if (size.value < 1 || n < 1) return false;
  // The requested share as a fraction value/den of N: percent -> value/100, count -> value/N.
  const std::int64_t v = size.value;
  const bool pct = size.type == CapacityType::capacity_percent;
  const std::int64_t nn = n;
  // share >= lo% and share <= hi%, exactly: pct: lo <= v <= hi; count: lo*N <= 100*v <= hi*N.
  auto within = [&](std::int64_t lo, std::int64_t hi) {
    if (pct) return v >= lo && v <= hi;
    return 100 * v >= lo * nn && 100 * v <= hi * nn;
  };
  switch (strategy) {
    case Strategy::canary: return within(0, 50);
    case Strategy::linear: return within(10, 50);
    case Strategy::rolling: return within(5, 50);
    case Strategy::all_at_once: return false;
  }
  return false;
}

std::uint64_t count_configs(const SimulationInput& base, const SweepSpec& spec) {
  std::uint64_t total = 0;
  for (const Strategy s : spec.strategies) {
    if (s == Strategy::rolling && !rolling_allowed(base)) continue;
    const std::uint64_t sizes = s == Strategy::all_at_once ? 1 : valid_sizes(s, base, spec).size();
    const auto d = dims_for(s, base, spec, sizes);
    total += d.total();
    if (total > std::numeric_limits<std::uint64_t>::max() / 2) break;
  }
  return total;
}

std::vector<SweepConfig> enumerate_configs(const SimulationInput& base, const SweepSpec& spec) {
  const std::uint64_t n = count_configs(base, spec);
  if (n > kMaxSweepConfigs)
    throw_input_error(error_code::grid_too_large, "", fmt::format("at most {} configs", kMaxSweepConfigs),
                      fmt::format("{}", n),
                      fmt::format("the grid has {} configs, more than the limit of {}: narrow "
                                  "the ranges or raise their steps",
                                  n, kMaxSweepConfigs));
  std::vector<SweepConfig> out;
  out.reserve(static_cast<std::size_t>(n));
  for (const Strategy s : spec.strategies) {
    if (s == Strategy::rolling && !rolling_allowed(base)) continue;
    std::vector<std::optional<CapacitySize>> sizes;
    if (s == Strategy::all_at_once) {
      sizes.push_back(std::nullopt);
    } else {
      for (const auto& c : valid_sizes(s, base, spec)) sizes.emplace_back(c);
    }
    const bool uses_wait = s != Strategy::all_at_once || base.assumptions.all_at_once_uses_wait;
    const std::vector<std::int64_t> zero{0};
    const auto& waits = uses_wait ? spec.waits_s : zero;
    const auto& twaits = s == Strategy::rolling ? zero : spec.termination_waits_s;
    const std::vector<std::optional<CapacitySize>> no_rb{std::nullopt};
    const auto& rbs = s == Strategy::rolling ? spec.rollback_batches : no_rb;
    for (const auto& size : sizes)
      for (const auto w : waits)
        for (const auto t : twaits)
          for (const auto& rb : rbs)
            out.push_back(SweepConfig{s, size, static_cast<std::int32_t>(w),
                                      static_cast<std::int32_t>(t), rb});
  }
  return out;
}

SimulationInput apply_config(const SimulationInput& base, const SweepConfig& c) {
  SimulationInput in = base;
  set_config(in, c);
  in.draws = {};
  return in;
}

double ranked_exposure(const SweepRow& r) noexcept {
  return r.escaped ? std::numeric_limits<double>::infinity() : r.exposure_traffic_s;
}

std::vector<std::size_t> mark_pareto(std::vector<SweepRow>& rows) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    rows[i].pareto = false;
    if (rows[i].feasible()) idx.push_back(i);
  }
  auto key = [&](std::size_t i) {
    return std::tuple(rows[i].duration, rows[i].cost_usd, ranked_exposure(rows[i]), i);
  };
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  std::vector<std::size_t> front;
  for (const auto i : idx) {
    const auto& p = rows[i];
    bool dominated = false;
    for (const auto j : front) {
      const auto& q = rows[j];
      // q precedes p in (duration, cost, exposure) order, so q.duration <= p.duration.
      const double qe = ranked_exposure(q);
      const double pe = ranked_exposure(p);
      if (q.cost_usd <= p.cost_usd && qe <= pe &&
          (q.duration < p.duration || q.cost_usd < p.cost_usd || qe < pe)) {
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

SweepResult run_sweep(const SimulationInput& base, const SweepSpec& spec,
                      const SweepLimits& limits, int threads) {
  const auto configs = enumerate_configs(base, spec);
  SweepResult result;
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
        r.exposure_traffic_s = bad.exposure_traffic_s;
        r.escaped = bad.escaped;
        r.min_bake = ok.min_bake;
        std::uint8_t v = 0;
        if (ok.outcome != Outcome::succeeded) v |= kViolTimeout;
        if (limits.max_duration && r.duration > *limits.max_duration) v |= kViolDuration;
        if (limits.max_peak && r.peak > *limits.max_peak) v |= kViolPeak;
        if (limits.max_cost_usd && r.cost_usd > *limits.max_cost_usd + 1e-9) v |= kViolCost;
        if (limits.min_bake && r.min_bake < *limits.min_bake) v |= kViolBake;
        if (limits.max_exposure && ranked_exposure(r) > *limits.max_exposure + 1e-9)
          v |= kViolExposure;
        r.violations = v;
      } catch (...) {
#pragma omp critical(shiftsim_sweep_error)
        if (!error) error = std::current_exception();
        failed.store(true);
      }
    }
  }
  if (error) std::rethrow_exception(error);
  for (const auto& r : result.rows) result.feasible += r.feasible() ? 1U : 0U;
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
