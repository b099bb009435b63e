// The blue/green rollback (ALL_AT_ONCE, CANARY, LINEAR; engine contract Failure paths, Precise
// reading 10): the old fleet was never terminated, so traffic flips 100% back to it (A, made even
// if no traffic had moved yet), then every new instance is terminated (D; contract amendment A1:
// one draw for k = new running, in-flight provisions included, with the new type's model).
#include "schedule_builder.hpp"

namespace shiftsim::detail {

void blue_green_rollback(ScheduleBuilder& b, std::span<const VariantFleetState> fleet) {
  b.shift(OpKind::rb_shift, ShiftKind::back, 1);
  for (int v = 0; v < b.variants(); ++v) b.shift_part(v, 0);
  b.timed(OpKind::rb_terminate, 1);
  for (int v = 0; v < b.variants(); ++v)
    b.part(v, FleetSide::new_fleet, fleet[static_cast<std::size_t>(v)].new_running);
  b.set_steps(1);
}

}  // namespace shiftsim::detail
