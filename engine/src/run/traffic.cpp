// How a shift splits traffic (traffic.hpp).
#include "traffic.hpp"

#include <algorithm>
#include <cstdint>

namespace shiftsim::detail {

int old_active_for(const VariantSizes& v, int a, bool full) noexcept {
  if (v.n_new == 0) return full ? 0 : v.n_old;
  const std::int64_t off =
      static_cast<std::int64_t>(a) * static_cast<std::int64_t>(v.n_old) / v.n_new;
  return v.n_old - static_cast<int>(off);
}

namespace {

double fraction(int a, int n) noexcept {
  return n > 0 ? static_cast<double>(a) / static_cast<double>(n) : 0.0;
}

}  // namespace

void apply_shift(const SimulationInput& in, const VariantSizes& v, const Operation& op, int a,
                 VariantFleetState& fleet, VariantFlow& flow) noexcept {
  fleet.new_active = a;
  if (op.kind == OpKind::rb_shift) {
    if (in.policy.strategy == Strategy::rolling)
      fleet.old_active = std::min(fleet.old_running, old_active_for(v, a, false));
    else
      fleet.old_active = fleet.old_running;
    flow.f = fraction(a, v.n_new);
    return;
  }
  if (op.shift == ShiftKind::canary &&
      in.assumptions.canary_traffic == CanaryTraffic::blue_stays_active) {
    fleet.old_active = fleet.old_running;
    flow.f = fraction(a, a + v.n_old);
    return;
  }
  fleet.old_active = std::min(fleet.old_running, old_active_for(v, a, op.shift == ShiftKind::full));
  flow.f = fraction(a, v.n_new);
}

}  // namespace shiftsim::detail
