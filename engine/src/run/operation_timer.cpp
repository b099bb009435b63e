// The duration of each timed operation (operation_timer.hpp).
#include "operation_timer.hpp"

#include "shiftsim/draws.hpp"

#include <algorithm>

namespace shiftsim::detail {

void OperationTimer::bind(const SimulationInput& input) {
  in_ = &input;
  if (input.draws.model != memo_model_) {
    memo_.clear();
    memo_model_ = input.draws.model;
  }
  dists_.clear();
  if (!memo_model_) return;
  const StochasticModel& m = *memo_model_;
  for (const auto& v : input.variants) {
    VariantDists d;
    d.provision[0] = &provision_dist_for(m, v.old_instance_type);
    d.provision[1] = &provision_dist_for(m, v.new_instance_type);
    d.terminate[0] = &terminate_dist_for(m, v.old_instance_type);
    d.terminate[1] = &terminate_dist_for(m, v.new_instance_type);
    dists_.push_back(d);
  }
}

SimTime OperationTimer::fixed(const Operation& op) const noexcept {
  return op.timer == Timer::provision ? in_->timing.provision : in_->timing.terminate;
}

SimTime OperationTimer::success(const Schedule& schedule, const Operation& op) {
  const auto& given = in_->draws.success;
  if (op.slot >= 0 && static_cast<std::size_t>(op.slot) < given.size())
    return given[static_cast<std::size_t>(op.slot)];
  return from_mode(schedule, op, false);
}

SimTime OperationTimer::rollback(const Schedule& schedule, const Operation& op) {
  return from_mode(schedule, op, true);
}

SimTime OperationTimer::median(const DurationDist& d, int k) {
  if (d.kind == DurationDist::Kind::fixed) return d.fixed;
  for (const auto& [dp, kk, v] : memo_)
    if (dp == &d && kk == k) return v;
  const SimTime v = median_duration(d, k);
  memo_.emplace_back(&d, k, v);
  return v;
}

SimTime OperationTimer::from_mode(const Schedule& schedule, const Operation& op, bool rollback) {
  const auto& draws = in_->draws;
  const auto parts = schedule.parts_of(op);
  if (draws.mode == TimingDraws::Mode::fixed || parts.empty()) return fixed(op);
  const StochasticModel& m = *draws.model;
  const bool provision = op.timer == Timer::provision;
  const bool median_trial = draws.mode == TimingDraws::Mode::median;
  const DrawStream stream =
      provision ? (rollback ? DrawStream::rollback_provision : DrawStream::provision)
                : (rollback ? DrawStream::rollback_terminate : DrawStream::terminate);
  const std::uint64_t key = median_trial ? 0 : trial_key(draws.seed, draws.trial);
  const auto index = static_cast<std::uint32_t>(op.draw_index);
  SimTime t = 0;
  for (std::size_t j = 0; j < parts.size(); ++j) {
    const OpPart& part = parts[j];
    const auto& vd = dists_[static_cast<std::size_t>(part.variant)];
    const auto side = static_cast<std::size_t>(part.fleet == FleetSide::new_fleet);
    const DurationDist& d = provision ? *vd.provision[side] : *vd.terminate[side];
    const SimTime v =
        median_trial ? median(d, part.instances)
                     : batch_quantile(d, part.instances,
                                      key_uniform(key, stream, static_cast<std::uint32_t>(
                                                                   index * 64 + j)));
    t = std::max(t, v);
  }
  if (provision) {
    const double u =
        median_trial
            ? 0.5
            : key_uniform(key, rollback ? DrawStream::rollback_retry : DrawStream::retry, index);
    t += retry_time(m, u);
  }
  return t;
}

}  // namespace shiftsim::detail
