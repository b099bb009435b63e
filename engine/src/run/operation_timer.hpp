#pragma once
// Private: how long a timed operation takes (contract amendment A1; TimingDraws in
// deployment.hpp). One timer per workspace: it remembers median durations across runs of the
// same model (sweeps run one model over many configs), so warm runs do no transcendental math.
#include "shiftsim/deployment.hpp"
#include "shiftsim/schedule.hpp"
#include "shiftsim/stochastic.hpp"

#include <cstdint>
#include <memory>
#include <tuple>
#include <vector>

namespace shiftsim::detail {

class OperationTimer {
 public:
  /// Binds the input of the next run (its draws and timing); keeps the memo when the model is
  /// the one of the previous run.
  void bind(const SimulationInput& input);

  /// The duration of a timed operation of the success schedule (draws.success, else the mode).
  [[nodiscard]] SimTime success(const Schedule& schedule, const Operation& op);
  /// The duration of a timed operation of a rollback schedule (always the mode: the rollback's
  /// own draws, keyed by the rollback operation).
  [[nodiscard]] SimTime rollback(const Schedule& schedule, const Operation& op);

 private:
  [[nodiscard]] SimTime from_mode(const Schedule& schedule, const Operation& op, bool rollback);
  [[nodiscard]] SimTime median(const DurationDist& d, int k);
  [[nodiscard]] SimTime fixed(const Operation& op) const noexcept;

  /// Per variant: the provisioning and termination distributions of its old and new type.
  struct VariantDists {
    const DurationDist* provision[2] = {nullptr, nullptr};  ///< [FleetSide]
    const DurationDist* terminate[2] = {nullptr, nullptr};
  };

  const SimulationInput* in_ = nullptr;
  std::vector<VariantDists> dists_;
  /// The model the memo's keys point into; held so that its address cannot be reused by another.
  std::shared_ptr<const StochasticModel> memo_model_;
  std::vector<std::tuple<const DurationDist*, int, SimTime>> memo_;
};

}  // namespace shiftsim::detail
