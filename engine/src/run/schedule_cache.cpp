// The success schedule, rebuilt only when its inputs change (schedule_cache.hpp).
#include "schedule_cache.hpp"

namespace shiftsim::detail {

bool ScheduleCache::matches(const SimulationInput& in) const noexcept {
  const auto& p = in.policy;
  const auto& a = in.assumptions;
  if (!valid_ || p.strategy != strategy_ || p.step != step_ ||
      p.rollback_batch != rollback_batch_ || p.wait != wait_ ||
      p.termination_wait != termination_wait_ || in.timing.activation != activation_ ||
      a.rounding != rounding_ || a.final_bake != final_bake_ ||
      a.all_at_once_uses_wait != all_at_once_uses_wait_ || in.variants.size() != variants_.size())
    return false;
  for (std::size_t i = 0; i < variants_.size(); ++i) {
    const auto& v = in.variants[i];
    const auto& k = variants_[i];
    if (v.n_old != k.n_old || v.n_new != k.n_new) return false;
  }
  return true;
}

void ScheduleCache::remember(const SimulationInput& in) {
  strategy_ = in.policy.strategy;
  step_ = in.policy.step;
  rollback_batch_ = in.policy.rollback_batch;
  wait_ = in.policy.wait;
  termination_wait_ = in.policy.termination_wait;
  activation_ = in.timing.activation;
  rounding_ = in.assumptions.rounding;
  final_bake_ = in.assumptions.final_bake;
  all_at_once_uses_wait_ = in.assumptions.all_at_once_uses_wait;
  variants_.resize(in.variants.size());
  for (std::size_t i = 0; i < variants_.size(); ++i) {
    const auto& v = in.variants[i];
    variants_[i].n_old = v.n_old;
    variants_[i].n_new = v.n_new;
  }
  valid_ = true;
}

void ScheduleCache::update(const SimulationInput& input) {
  if (matches(input)) return;
  variant_sizes(input, sizes);
  success_schedule(input, sizes, success);
  remember(input);
}

}  // namespace shiftsim::detail
