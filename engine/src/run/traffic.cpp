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

/// A11: the new share by active instances, for rolling variants with an instance old side.
bool by_active(const SimulationInput& in, const VariantSizes& v) noexcept {
  return in.policy.strategy == Strategy::rolling && !v.old_serverless && !v.new_serverless;
}

double active_fraction(const VariantFleetState& s) noexcept {
  return s.new_active > 0 ? fraction(s.new_active, s.new_active + s.old_active) : 0.0;
}

}  // namespace

void apply_shift(const SimulationInput& in, const VariantSizes& v, const Operation& op, int a,
                 VariantFleetState& fleet, VariantFlow& flow) noexcept {
  fleet.new_active = a;
  if (op.kind == OpKind::rb_shift) {
    flow.on_new = false;
    if (in.policy.strategy == Strategy::rolling)
      fleet.old_active = std::min(fleet.old_running, old_active_for(v, a, false));
    else
      fleet.old_active = fleet.old_running;
    flow.f = v.new_serverless ? 0.0 : by_active(in, v) ? active_fraction(fleet) : fraction(a, v.n_new);
    return;
  }
  const bool full = op.shift == ShiftKind::full;
  if (full) flow.on_new = true;
  if (v.new_serverless) {  // no instances: the whole variant moves at the full shift
    fleet.old_active = full ? 0 : fleet.old_running;
    flow.f = full ? 1.0 : 0.0;
    return;
  }
  if (op.shift == ShiftKind::canary &&
      in.assumptions.canary_traffic == CanaryTraffic::blue_stays_active) {
    fleet.old_active = fleet.old_running;
    flow.f = fraction(a, a + v.n_old);
    return;
  }
  fleet.old_active = std::min(fleet.old_running, old_active_for(v, a, full));
  flow.f = by_active(in, v) ? active_fraction(fleet) : fraction(a, v.n_new);
}

void settle(const SimulationInput& in, const VariantSizes& v, const VariantFleetState& fleet,
            VariantFlow& flow) noexcept {
  if (by_active(in, v)) flow.f = active_fraction(fleet);
}

}  // namespace shiftsim::detail
