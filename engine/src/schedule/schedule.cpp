// Sizes, the dispatch to one file per strategy, and the builder (schedule.hpp).
#include "shiftsim/schedule.hpp"

#include "../input_check.hpp"
#include "schedule_builder.hpp"

#include <algorithm>

namespace shiftsim {

namespace detail {

int ceil_div(int a, int b) noexcept { return b <= 0 ? 0 : (a + b - 1) / b; }

int cumulative(int k, int step, int n) noexcept {
  const std::int64_t a = static_cast<std::int64_t>(k) * static_cast<std::int64_t>(step);
  return a >= n ? n : static_cast<int>(a);
}

ScheduleBuilder::ScheduleBuilder(const SimulationInput& input, std::span<const VariantSizes> sizes,
                                 Schedule& out) noexcept
    : in_(input), sizes_(sizes), out_(out) {
  out_.clear();
}

void ScheduleBuilder::set_steps(int m) noexcept { out_.steps = m; }

void provision_green(ScheduleBuilder& b) {
  b.timed(OpKind::provision, 1);
  for (int v = 0; v < b.variants(); ++v)
    b.part(v, FleetSide::new_fleet, b.sizes()[static_cast<std::size_t>(v)].n_new);
}

void terminate_blue(ScheduleBuilder& b) {
  b.timed(OpKind::terminate, 1);
  for (int v = 0; v < b.variants(); ++v)
    b.part(v, FleetSide::old_fleet, b.sizes()[static_cast<std::size_t>(v)].n_old);
}

}  // namespace detail

void Schedule::clear() noexcept {
  ops.clear();
  parts.clear();
  timed_ops = 0;
  provision_ops = 0;
  terminate_ops = 0;
  last_bake = -1;
  min_bake = 0;
  shifts = 0;
  steps = 0;
}

void variant_sizes(const SimulationInput& input, std::vector<VariantSizes>& out) {
  const auto& pol = input.policy;
  const auto rounding = input.assumptions.rounding;
  out.resize(input.variants.size());
  for (std::size_t i = 0; i < input.variants.size(); ++i) {
    const auto& v = input.variants[i];
    VariantSizes& s = out[i];
    s = VariantSizes{};
    s.n_old = v.n_old;
    s.n_new = v.n_new;
    s.old_serverless = v.old_serverless;
    s.new_serverless = v.new_serverless;
    if (pol.step && pol.strategy != Strategy::all_at_once)
      s.step = capacity_to_instances(*pol.step, v.n_new, rounding);
    switch (pol.strategy) {
      case Strategy::linear:
      case Strategy::rolling: s.steps = detail::ceil_div(v.n_new, s.step); break;
      case Strategy::canary: s.steps = v.n_new > 0 ? 1 : 0; break;
      case Strategy::all_at_once: s.steps = 0; break;
    }
    s.rb_batch = pol.rollback_batch ? capacity_to_instances(*pol.rollback_batch, v.n_new, rounding)
                                    : v.n_new;
    s.rb_batch = std::max(s.rb_batch, 1);
  }
}

void success_schedule(const SimulationInput& input, std::span<const VariantSizes> sizes,
                      Schedule& out) {
  detail::ScheduleBuilder b(input, sizes, out);
  switch (input.policy.strategy) {
    case Strategy::all_at_once: detail::all_at_once_schedule(b); break;
    case Strategy::canary: detail::canary_schedule(b); break;
    case Strategy::linear: detail::linear_schedule(b); break;
    case Strategy::rolling: detail::rolling_schedule(b); break;
  }
}

void rollback_schedule(const SimulationInput& input, std::span<const VariantSizes> sizes,
                       std::span<const VariantFleetState> fleet, Schedule& out) {
  detail::ScheduleBuilder b(input, sizes, out);
  if (input.policy.strategy == Strategy::rolling)
    detail::rolling_rollback(b, fleet);
  else
    detail::blue_green_rollback(b, fleet);
}

Schedule success_schedule(const SimulationInput& input) {
  detail::check_input(input);
  std::vector<VariantSizes> sizes;
  variant_sizes(input, sizes);
  Schedule s;
  success_schedule(input, sizes, s);
  return s;
}

const char* to_string(OpKind k) noexcept {
  switch (k) {
    case OpKind::provision: return "PROVISION";
    case OpKind::shift: return "SHIFT";
    case OpKind::bake: return "BAKE";
    case OpKind::terminate: return "TERMINATE";
    case OpKind::rb_provision: return "RB_PROVISION";
    case OpKind::rb_shift: return "RB_SHIFT";
    case OpKind::rb_terminate: return "RB_TERMINATE";
  }
  return "?";
}

}  // namespace shiftsim
