#pragma once
// Small inputs of the stochastic model's tests: a lognormal distribution, a one-variant fleet
// (bare, with the Monte Carlo and sweep tests' timing and prices, or as a ROLLING update), a model
// shared as the trial plan takes it.
#include "shiftsim/simulate.hpp"
#include "shiftsim/stochastic.hpp"

#include <memory>

namespace shiftsim::test {

inline DurationDist lognormal(double p50, double p95, bool per_instance = true) {
  DurationDist d;
  d.kind = DurationDist::Kind::lognormal;
  d.p50_s = p50;
  d.p95_s = p95;
  d.per_instance = per_instance;
  return d;
}

/// One variant, AllTraffic, of `n` ml.m5.xlarge instances before and after; the policy, timing and
/// prices are left at their defaults for the caller to set.
inline SimulationInput one_variant_fleet(int n) {
  SimulationInput in;
  VariantFleet v;
  v.name = "AllTraffic";
  v.n_old = n;
  v.n_new = n;
  v.old_instance_type = "ml.m5.xlarge";
  v.new_instance_type = "ml.m5.xlarge";
  in.variants.push_back(v);
  return in;
}

/// one_variant_fleet(n) as the Monte Carlo and sweep tests take it: one alarm ("errors", 180 s),
/// provision 240 s, terminate 60 s, activation 15 s, ml.m5.xlarge at $0.23/h; the strategy,
/// step and waits are the caller's.
inline SimulationInput watched_fleet(int n) {
  SimulationInput in = one_variant_fleet(n);
  in.policy.alarms.push_back(AlarmSpec{"errors", seconds(180)});
  in.timing.provision = seconds(240);
  in.timing.terminate = seconds(60);
  in.timing.activation = seconds(15);
  in.prices["ml.m5.xlarge"] = 0.23;
  return in;
}

/// A ROLLING update of one_variant_fleet(n): batches of `batch_pct` percent, 300 s wait.
inline SimulationInput rolling_input(int n, int batch_pct) {
  SimulationInput in = one_variant_fleet(n);
  in.policy.strategy = Strategy::rolling;
  in.policy.step = CapacitySize{CapacityType::capacity_percent, batch_pct};
  in.policy.wait = seconds(300);
  return in;
}

inline std::shared_ptr<const StochasticModel> shared(const StochasticModel& m) {
  return std::make_shared<const StochasticModel>(m);
}

}  // namespace shiftsim::test
