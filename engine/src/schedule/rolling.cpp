// The ROLLING timeline and its rollback (engine contract, Success timelines, Failure paths,
// Precise readings 8 and 11).
//
// Success, B = size(MaximumBatchSize, N), n = max over variants of ceil(N/B), per batch k:
// provision b_k new (P); shift traffic to a_k new (A); bake W; terminate b_k old (D). Batch k
// terminates min(b_k, old left), the variant's last batch every old instance left (a variant
// with no new fleet: at batch n); every batch spends D even with nothing to terminate.
// Duration n*(P+A+W+D), peak N + B when N_old = N.
//
// Rollback, R = size(RollbackMaximumBatchSize, N) (default N): missing = N_old - old running,
// m = max over variants of max(ceil(new running / R), ceil(missing / R)); step j provisions
// min(R, missing left) old (the operation is skipped when no variant has any left), always
// spends A moving traffic back, then D terminating min(R, new left).
#include "schedule_builder.hpp"

#include <algorithm>

namespace shiftsim::detail {

void rolling_schedule(ScheduleBuilder& b) {
  const auto sizes = b.sizes();
  int n = 1;
  for (const auto& s : sizes) n = std::max(n, s.steps);
  for (int k = 1; k <= n; ++k) {
    b.timed(OpKind::provision, k);
    for (int v = 0; v < b.variants(); ++v) {
      const auto& s = sizes[static_cast<std::size_t>(v)];
      b.part(v, FleetSide::new_fleet,
             cumulative(k, s.step, s.n_new) - cumulative(k - 1, s.step, s.n_new));
    }
    shift_all(b, k == n ? ShiftKind::full : ShiftKind::step, k, [&](int v) {
      const auto& s = sizes[static_cast<std::size_t>(v)];
      return k == n ? s.n_new : cumulative(k, s.step, s.n_new);
    });
    b.bake(k, false);
    b.timed(OpKind::terminate, k);
    for (int v = 0; v < b.variants(); ++v) {
      const auto& s = sizes[static_cast<std::size_t>(v)];
      const int last = s.steps > 0 ? s.steps : n;
      // Old instances terminated before batch k (each earlier batch took min(b_j, old left)).
      const int before = std::min(s.n_old, cumulative(k - 1, s.step, s.n_new));
      const int left = s.n_old - before;
      int now = 0;
      if (k == last) now = left;
      else if (k < last) now = std::min(left, cumulative(k, s.step, s.n_new) - before);
      b.part(v, FleetSide::old_fleet, now);
    }
  }
}

void rolling_rollback(ScheduleBuilder& b, std::span<const VariantFleetState> fleet) {
  const auto sizes = b.sizes();
  const auto nv = static_cast<std::size_t>(b.variants());
  int m = 0;
  for (std::size_t v = 0; v < nv; ++v) {
    const int missing = std::max(0, sizes[v].n_old - fleet[v].old_running);
    m = std::max({m, ceil_div(fleet[v].new_running, sizes[v].rb_batch),
                  ceil_div(missing, sizes[v].rb_batch)});
  }
  for (int j = 1; j <= m; ++j) {
    bool relaunch = false;
    for (std::size_t v = 0; v < nv; ++v) {
      const int missing = std::max(0, sizes[v].n_old - fleet[v].old_running);
      relaunch = relaunch || missing > (j - 1) * sizes[v].rb_batch;
    }
    if (relaunch) {
      b.timed(OpKind::rb_provision, j);
      for (std::size_t v = 0; v < nv; ++v) {
        const int missing = std::max(0, sizes[v].n_old - fleet[v].old_running);
        const int left = std::max(0, missing - (j - 1) * sizes[v].rb_batch);
        b.part(static_cast<int>(v), FleetSide::old_fleet, std::min(sizes[v].rb_batch, left));
      }
    }
    b.shift(OpKind::rb_shift, ShiftKind::back, j);
    for (std::size_t v = 0; v < nv; ++v) {
      // New instances still active after step j: min(active before, new left after this step's
      // termination); the second term only decreases with j, so min(active at the trip, it).
      const int new_left = std::max(0, fleet[v].new_running - (j - 1) * sizes[v].rb_batch);
      const int after = new_left - std::min(sizes[v].rb_batch, new_left);
      b.shift_part(static_cast<int>(v), std::min(fleet[v].new_active, after));
    }
    b.timed(OpKind::rb_terminate, j);
    for (std::size_t v = 0; v < nv; ++v) {
      const int new_left = std::max(0, fleet[v].new_running - (j - 1) * sizes[v].rb_batch);
      b.part(static_cast<int>(v), FleetSide::new_fleet, std::min(sizes[v].rb_batch, new_left));
    }
  }
  b.set_steps(m);
}

}  // namespace shiftsim::detail
