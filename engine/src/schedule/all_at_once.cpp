// The ALL_AT_ONCE timeline (engine contract, Success timelines): provision all N new (P); shift
// 100% (A); final bake T (assumption all_at_once_uses_wait=true: a bake of W first); terminate
// all old (D). Duration P + A + T + D, peak N_old + N.
#include "schedule_builder.hpp"

namespace shiftsim::detail {

void all_at_once_schedule(ScheduleBuilder& b) {
  provision_green(b);
  shift_all(b, ShiftKind::full, 1, [&](int v) { return b.sizes()[static_cast<std::size_t>(v)].n_new; });
  if (b.input().assumptions.all_at_once_uses_wait) b.bake(1, false);
  b.bake(1, true);
  terminate_blue(b);
}

}  // namespace shiftsim::detail
