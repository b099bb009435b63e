#pragma once
// Private: appending operations to a Schedule (schedule.hpp), shared by the strategy files.
#include "shiftsim/schedule.hpp"

#include <algorithm>
#include <span>

namespace shiftsim::detail {

/// ceil(a / b), 0 when b <= 0.
[[nodiscard]] int ceil_div(int a, int b) noexcept;
/// a_k = min(k * step, n) without overflow.
[[nodiscard]] int cumulative(int k, int step, int n) noexcept;

/// Appends operations and their parts to a schedule being built. Parts with no instance are not
/// added to provision/terminate operations (they take no draw); shifts get a part per variant.
class ScheduleBuilder {
 public:
  ScheduleBuilder(const SimulationInput& input, std::span<const VariantSizes> sizes,
                  Schedule& out) noexcept;

  /// A timed operation (provision, terminate, rb_provision, rb_terminate); add its parts next.
  void timed(OpKind kind, int k) {
    const bool provisions = kind == OpKind::provision || kind == OpKind::rb_provision;
    push(kind, ShiftKind::none, provisions ? Timer::provision : Timer::terminate, k, 0, false);
  }
  /// Adds `instances` of `fleet` in variant v to the last operation (nothing when 0).
  void part(int v, FleetSide fleet, int instances) {
    if (instances <= 0) return;
    out_.parts.push_back(OpPart{v, fleet, instances});
    out_.ops.back().end_part = static_cast<std::uint32_t>(out_.parts.size());
  }
  /// A shift (or rb_shift) lasting A; add one part per variant (new instances active after it).
  void shift(OpKind kind, ShiftKind shift, int k) {
    push(kind, shift, Timer::activation, k, in_.timing.activation, false);
  }
  void shift_part(int v, int new_active) {
    out_.parts.push_back(OpPart{v, FleetSide::new_fleet, new_active});
    out_.ops.back().end_part = static_cast<std::uint32_t>(out_.parts.size());
  }
  /// A bake of W (wait) or T (final), numbered by the caller's step k.
  void bake(int k, bool final_bake) {
    push(OpKind::bake, ShiftKind::none, final_bake ? Timer::termination_wait : Timer::wait, k,
         final_bake ? in_.policy.termination_wait : in_.policy.wait, final_bake);
  }
  /// Rollback schedules: the number of rollback steps m (for messages).
  void set_steps(int m) noexcept;

  [[nodiscard]] const SimulationInput& input() const noexcept { return in_; }
  [[nodiscard]] std::span<const VariantSizes> sizes() const noexcept { return sizes_; }
  [[nodiscard]] int variants() const noexcept { return static_cast<int>(sizes_.size()); }

 private:
  void push(OpKind kind, ShiftKind shift, Timer timer, int k, SimTime length, bool final_bake) {
    Operation op;
    op.kind = kind;
    op.shift = shift;
    op.timer = timer;
    op.final_bake = final_bake;
    op.k = k;
    op.length = length;
    if (op.timed()) {
      op.slot = out_.timed_ops++;
      op.draw_index = timer == Timer::provision ? out_.provision_ops++ : out_.terminate_ops++;
    }
    op.first_part = op.end_part = static_cast<std::uint32_t>(out_.parts.size());
    if (kind == OpKind::bake) {
      out_.min_bake = out_.last_bake < 0 ? length : std::min(out_.min_bake, length);
      out_.last_bake = static_cast<int>(out_.ops.size());
    }
    if (kind == OpKind::shift) ++out_.shifts;
    out_.ops.push_back(op);
  }

  const SimulationInput& in_;
  std::span<const VariantSizes> sizes_;
  Schedule& out_;
};

/// Blue/green pieces shared by ALL_AT_ONCE, CANARY and LINEAR (Success timelines).
void provision_green(ScheduleBuilder& b);           ///< all N new of every variant, k = 1
void terminate_blue(ScheduleBuilder& b);            ///< all N_old old of every variant, k = 1
/// A shift activating `a(v)` new instances of each variant.
template <class ActiveOf>
void shift_all(ScheduleBuilder& b, ShiftKind kind, int k, ActiveOf active_of) {
  b.shift(OpKind::shift, kind, k);
  for (int v = 0; v < b.variants(); ++v) b.shift_part(v, active_of(v));
}

// The strategies (one file each).
void all_at_once_schedule(ScheduleBuilder& b);
void canary_schedule(ScheduleBuilder& b);
void linear_schedule(ScheduleBuilder& b);
void rolling_schedule(ScheduleBuilder& b);
void blue_green_rollback(ScheduleBuilder& b, std::span<const VariantFleetState> fleet);
void rolling_rollback(ScheduleBuilder& b, std::span<const VariantFleetState> fleet);

}  // namespace shiftsim::detail
