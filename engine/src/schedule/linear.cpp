// The LINEAR timeline (engine contract, Success timelines), S = size(LinearStepSize, N),
// n = max over variants of ceil(N/S) (Precise reading 7), a_k = min(kS, N): provision all N
// (P); step k activates a_k new, traffic a_k/N (A); bake W after steps 1..n-1; final bake T
// after step n (final_bake=wait_plus_termination: W then T); terminate old (D).
// Duration P + n*A + (n-1)*W + T + D, peak N_old + N. A variant already at 100% repeats it.
#include "schedule_builder.hpp"

#include <algorithm>

namespace shiftsim::detail {

void linear_schedule(ScheduleBuilder& b) {
  const auto sizes = b.sizes();
  int n = 1;
  for (const auto& s : sizes) n = std::max(n, s.steps);
  provision_green(b);
  for (int k = 1; k <= n; ++k) {
    shift_all(b, k == n ? ShiftKind::full : ShiftKind::step, k, [&](int v) {
      const auto& s = sizes[static_cast<std::size_t>(v)];
      return k == n ? s.n_new : cumulative(k, s.step, s.n_new);
    });
    if (k < n) b.bake(k, false);
  }
  if (b.input().assumptions.final_bake == FinalBake::wait_plus_termination) b.bake(n, false);
  b.bake(n, true);
  terminate_blue(b);
}

}  // namespace shiftsim::detail
