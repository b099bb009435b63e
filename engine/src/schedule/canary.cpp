// The CANARY timeline (engine contract, Success timelines), C = size(CanarySize, N): provision
// all N new (P); activate C new, traffic C/N (A); bake W; shift 100% (A); final bake T
// (final_bake=wait_plus_termination: W then T); terminate old (D). Duration P+A+W+A+T+D,
// peak N_old + N.
#include "schedule_builder.hpp"

#include <algorithm>

namespace shiftsim::detail {

void canary_schedule(ScheduleBuilder& b) {
  const auto sizes = b.sizes();
  provision_green(b);
  shift_all(b, ShiftKind::canary, 1, [&](int v) {
    const auto& s = sizes[static_cast<std::size_t>(v)];
    return std::min(s.step, s.n_new);
  });
  b.bake(1, false);
  shift_all(b, ShiftKind::full, 2, [&](int v) { return sizes[static_cast<std::size_t>(v)].n_new; });
  if (b.input().assumptions.final_bake == FinalBake::wait_plus_termination) b.bake(2, false);
  b.bake(2, true);
  terminate_blue(b);
}

}  // namespace shiftsim::detail
