#pragma once
// Small inputs of the stochastic model's tests: a lognormal distribution, a one-variant ROLLING
// update, a model shared as the trial plan takes it.
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

inline SimulationInput rolling_input(int n, int batch_pct) {
  SimulationInput in;
  VariantFleet v;
  v.name = "AllTraffic";
  v.n_old = n;
  v.n_new = n;
  v.old_instance_type = "ml.m5.xlarge";
  v.new_instance_type = "ml.m5.xlarge";
  in.variants.push_back(v);
  in.policy.strategy = Strategy::rolling;
  in.policy.step = CapacitySize{CapacityType::capacity_percent, batch_pct};
  in.policy.wait = seconds(300);
  return in;
}

inline std::shared_ptr<const StochasticModel> shared(const StochasticModel& m) {
  return std::make_shared<const StochasticModel>(m);
}

}  // namespace shiftsim::test
