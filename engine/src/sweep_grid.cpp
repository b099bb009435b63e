// The sweep's grid: the documented ratio rules, counting and enumerating configs (sweep.hpp;
// the ranges of the grid flags are int_range.hpp's).
#include "shiftsim/sweep.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/format.h>

#include <algorithm>
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
    throw_input_error(error_code::grid_too_large, "",
                      fmt::format("at most {} configs", kMaxSweepConfigs), fmt::format("{}", n),
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

}  // namespace shiftsim
