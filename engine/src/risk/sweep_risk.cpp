// The sweep's risk pass (sweep_risk.hpp).
#include "sweep_risk.hpp"

#include "config_risk.hpp"
#include "risk_shape.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <stdexcept>

namespace shiftsim::detail {

namespace {

std::uint64_t hash_of(const std::vector<std::int32_t>& sig) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a over the values
  for (const auto v : sig) {
    h ^= static_cast<std::uint32_t>(v);
    h *= 0x100000001b3ULL;
  }
  return h;
}

/// A thread's scratch: the input with a config set, its sizes and its success schedule.
struct Scratch {
  SimulationInput in;
  std::vector<VariantSizes> sizes;
  Schedule schedule;
  void load(const SweepConfig& c) {
    set_config(in, c);
    variant_sizes(in, sizes);
    success_schedule(in, sizes, schedule);
  }
};

/// Runs body(i) for i in [0, n) on `threads` threads (dynamic chunks of `chunk`), rethrowing
/// the first exception.
template <class Body>
void parallel_for(std::size_t n, int threads, int chunk, Scratch proto, Body body) {
  std::exception_ptr error;
  std::atomic<bool> failed{false};
  const auto total = static_cast<std::int64_t>(n);
#pragma omp parallel num_threads(threads)
  {
    Scratch s = proto;
#pragma omp for schedule(dynamic, chunk)
    for (std::int64_t i = 0; i < total; ++i) {
      if (failed.load(std::memory_order_relaxed)) continue;
      try {
        body(static_cast<std::size_t>(i), s);
      } catch (...) {
#pragma omp critical(shiftsim_sweep_risk_error)
        if (!error) error = std::current_exception();
        failed.store(true);
      }
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace

void add_sweep_risk(const SimulationInput& base, const std::vector<SweepConfig>& configs,
                    const StochasticModel& model, const RiskSettings& settings,
                    std::vector<SweepRow>& rows, int threads) {
  Scratch proto;
  proto.in = base;
  proto.in.trip = {};
  proto.in.draws = {};
  // 1. Each config's signature hash.
  std::vector<std::uint64_t> hashes(configs.size());
  parallel_for(configs.size(), threads, 1024, proto, [&](std::size_t i, Scratch& s) {
    s.load(configs[i]);
    hashes[i] = hash_of(timed_signature(s.schedule));
  });
  // 2. Groups of configs sharing a random part, the largest first.
  std::vector<std::size_t> order(configs.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return hashes[a] != hashes[b] ? hashes[a] < hashes[b] : a < b;
  });
  std::vector<std::pair<std::size_t, std::size_t>> groups;  // [begin, end) of `order`
  for (std::size_t b = 0; b < order.size();) {
    std::size_t e = b + 1;
    while (e < order.size() && hashes[order[e]] == hashes[order[b]]) ++e;
    groups.emplace_back(b, e);
    b = e;
  }
  std::stable_sort(groups.begin(), groups.end(), [](const auto& x, const auto& y) {
    return x.second - x.first > y.second - y.first;
  });
  // 3. Per group: its shape, then every config of it.
  RiskContext ctx;
  ctx.p_false = model.false_trip_per_bake;
  ctx.settings = settings;
  parallel_for(groups.size(), threads, 1, proto, [&](std::size_t g, Scratch& s) {
    const auto [b, e] = groups[g];
    s.load(configs[order[b]]);
    RiskShape shape(s.in, s.schedule, model);
    for (std::size_t k = b; k < e; ++k) {
      const std::size_t i = order[k];
      s.load(configs[i]);
      if (k != b && timed_signature(s.schedule) != shape.signature())
        throw std::logic_error("sweep risk: two success schedules share a signature hash");
      rows[i].risk = config_risk(shape, s.schedule, s.in, ctx);
      rows[i].risk_known = true;
    }
  });
}

}  // namespace shiftsim::detail
