#pragma once
// Small builders for engine tests: SimulationInput for the worked examples of
// sagemaker-semantics.md section 12 (N_old = N = 10, P = 300 s, D = 60 s, W = T = 600 s, A = 0).
#include "shiftsim/deployment.hpp"
#include "shiftsim/result.hpp"
#include "shiftsim/simulate.hpp"

#include <string>
#include <vector>

namespace shiftsim::test {

inline VariantFleet fleet(std::string name, int n_old, int n_new, double weight = 1.0,
                          std::string old_type = "ml.m5.xlarge",
                          std::string new_type = "ml.m5.xlarge") {
  VariantFleet v;
  v.name = std::move(name);
  v.n_old = n_old;
  v.n_new = n_new;
  v.old_instance_type = std::move(old_type);
  v.new_instance_type = std::move(new_type);
  v.old_weight = weight;
  v.new_weight = weight;
  return v;
}

inline CapacitySize percent(std::int64_t v) { return {CapacityType::capacity_percent, v}; }
inline CapacitySize count(std::int64_t v) { return {CapacityType::instance_count, v}; }

/// The section 12 setting for `strategy` with `step` (CanarySize / LinearStepSize /
/// MaximumBatchSize); one alarm so that trips are watched; no timeout.
inline SimulationInput example(Strategy strategy, std::optional<CapacitySize> step = {}) {
  SimulationInput in;
  in.variants.push_back(fleet("AllTraffic", 10, 10));
  in.policy.strategy = strategy;
  in.policy.step = step;
  in.policy.wait = seconds(600);
  in.policy.termination_wait = strategy == Strategy::rolling ? 0 : seconds(600);
  in.policy.alarms.push_back(AlarmSpec{"errors", std::nullopt});
  in.timing.provision = seconds(300);
  in.timing.terminate = seconds(60);
  in.timing.activation = 0;
  in.prices["ml.m5.xlarge"] = 0.23;
  return in;
}

/// Expected row of the step table (times in seconds).
struct Row {
  double t;
  double end;
  Phase phase;
  int old_running;
  int old_active;
  int new_running;
  int new_active;
  double pct;
};

inline bool has_warning(const SimulationResult& r, const std::string& code) {
  for (const auto& w : r.warnings)
    if (w.code == code) return true;
  return false;
}

}  // namespace shiftsim::test
