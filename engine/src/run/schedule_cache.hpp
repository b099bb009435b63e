#pragma once
// Private: the success schedule of the last input a workspace ran, rebuilt only when what it
// depends on changed (planning runs the same input many times: a Monte Carlo's trials differ
// only in draws and trips; a sweep runs each config twice).
#include "shiftsim/deployment.hpp"
#include "shiftsim/schedule.hpp"

#include <optional>
#include <vector>

namespace shiftsim::detail {

class ScheduleCache {
 public:
  /// Makes `sizes` and `success` those of `input`.
  void update(const SimulationInput& input);

  std::vector<VariantSizes> sizes;
  Schedule success;

 private:
  struct VariantKey {
    int n_old = 0;
    int n_new = 0;
  };
  [[nodiscard]] bool matches(const SimulationInput& input) const noexcept;
  void remember(const SimulationInput& input);

  bool valid_ = false;
  Strategy strategy_ = Strategy::all_at_once;
  std::optional<CapacitySize> step_;
  std::optional<CapacitySize> rollback_batch_;
  SimTime wait_ = 0;
  SimTime termination_wait_ = 0;
  SimTime activation_ = 0;
  Rounding rounding_ = Rounding::ceil;
  FinalBake final_bake_ = FinalBake::termination_wait;
  bool all_at_once_uses_wait_ = false;
  std::vector<VariantKey> variants_;
};

}  // namespace shiftsim::detail
