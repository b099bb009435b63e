#pragma once
// The update schedule: what each strategy does, as plain data (engine contract, "Success
// timelines" and "Failure paths"; one home for every strategy's timeline).
//
//   Schedule s = success_schedule(input);            // the planned success path
//   Schedule r = rollback_schedule(input, fleet);     // from the fleet state at a trip or timeout
//
// Everything that needs to know what an update does reads these: the executor (run/executor.cpp)
// runs the operations one after the other, the trial sampler (stochastic.cpp) draws one duration
// per timed operation, sweep's bake and limit logic and simulate's planned bakes read the bakes.
// The strategies live one per file in engine/src/schedule/: all_at_once.cpp, canary.cpp,
// linear.cpp, rolling.cpp (its rollback too), blue_green_rollback.cpp.
//
// Operations cover every variant at once (variants step in lock-step, Precise reading 7): an
// operation has one part per variant it touches, and lasts as long as its slowest part.
// Storage is flat (parts of all operations in one vector) so that a schedule rebuilt into the
// same object performs no heap allocation once warm (the planning hot path). A schedule is a
// self-contained value: a part names its variant and fleet, and instance_type() gives the type
// from the input it was built from.
#include "shiftsim/deployment.hpp"
#include "shiftsim/time.hpp"

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace shiftsim {

/// What an operation does. rb_* operations belong to a rollback schedule.
enum class OpKind : std::uint8_t {
  provision,     ///< launch new instances (blue/green: all N; rolling: batch k)
  shift,         ///< move traffic to the new fleet (lasts A)
  bake,          ///< wait W or T, alarms watched
  terminate,     ///< terminate old instances (blue/green: all; rolling: batch k)
  rb_provision,  ///< rolling rollback: relaunch old instances
  rb_shift,      ///< rollback: move traffic back to the old fleet (lasts A)
  rb_terminate,  ///< rollback: terminate new instances
};

/// Which fleet a part's instances belong to.
enum class FleetSide : std::uint8_t { old_fleet, new_fleet };

/// The traffic step a shift makes.
enum class ShiftKind : std::uint8_t { none, canary, step, full, back };

/// What decides an operation's length.
enum class Timer : std::uint8_t {
  activation,        ///< A (shifts)
  wait,              ///< W (WaitIntervalInSeconds bakes)
  termination_wait,  ///< T (the final bake of blue/green)
  provision,         ///< a provisioning draw (contract amendment A1)
  terminate,         ///< a termination draw (A1)
};

/// One variant's share of an operation.
/// - provision / terminate / rb_provision / rb_terminate: `instances` of `fleet` are launched or
///   terminated; the fleet's instance type (instance_type()) chooses the timing distribution;
/// - shift / rb_shift: `instances` is the number of the variant's new instances that take
///   traffic after the shift (fleet new_fleet);
/// - bakes have no parts.
struct OpPart {
  int variant = 0;  ///< index into SimulationInput::variants
  FleetSide fleet = FleetSide::new_fleet;
  int instances = 0;
};

/// One operation of a schedule.
struct Operation {
  OpKind kind = OpKind::provision;
  ShiftKind shift = ShiftKind::none;
  Timer timer = Timer::provision;
  bool final_bake = false;  ///< the TerminationWait bake (blue/green)
  int k = 0;                ///< 1-based step, batch or rollback step (for messages)
  SimTime length = 0;       ///< fixed length: A, W or T; 0 for timed operations (see `slot`)
  /// Timed operations (provision/terminate timers): their index among the schedule's timed
  /// operations, in order. It keys the operation's draw (TimingDraws::success, the trial
  /// sampler's streams). -1 for fixed-length operations.
  int slot = -1;
  /// Timed operations: their index among the schedule's operations with the same timer
  /// (provision or terminate), in order: the index of their draw (draws.hpp, DrawStream).
  int draw_index = -1;
  std::uint32_t first_part = 0;  ///< parts [first_part, end_part) of Schedule::parts
  std::uint32_t end_part = 0;
  [[nodiscard]] bool timed() const noexcept {
    return timer == Timer::provision || timer == Timer::terminate;
  }
};

/// Per-variant constants of a run, from the input and the rounding assumption.
struct VariantSizes {
  int n_old = 0;
  int n_new = 0;
  int step = 0;        ///< C, S or B in instances (0 for ALL_AT_ONCE)
  int steps = 0;       ///< this variant's own number of steps (linear/rolling), 0 when n_new == 0
  int rb_batch = 1;    ///< R (rolling rollback), >= 1
  bool old_serverless = false;  ///< VariantFleet::old_serverless (no instances, carries traffic)
  bool new_serverless = false;  ///< VariantFleet::new_serverless
};

/// A schedule: operations run in order, one after the other.
struct Schedule {
  std::vector<Operation> ops;
  std::vector<OpPart> parts;
  int timed_ops = 0;       ///< number of timed operations (slots 0..timed_ops-1)
  int provision_ops = 0;   ///< of which provisioning (draw_index 0..provision_ops-1)
  int terminate_ops = 0;   ///< and termination
  int last_bake = -1;      ///< index of the last bake in ops (-1: none)
  SimTime min_bake = 0;    ///< the shortest bake's length (0 when there is none)
  int shifts = 0;          ///< number of shift operations (steps, for messages)
  int steps = 0;           ///< rollback schedules: m, the number of rollback steps

  [[nodiscard]] std::span<const OpPart> parts_of(const Operation& op) const noexcept {
    return {parts.data() + op.first_part, parts.data() + op.end_part};
  }
  void clear() noexcept;
};

/// The fleet state a rollback starts from (Precise readings 9 and 11).
struct VariantFleetState {
  int old_running = 0;
  int old_active = 0;
  int new_running = 0;  ///< in-flight provisions included (they count as new instances)
  int new_active = 0;
};

/// Sizes per variant: size(step, N) under the rounding assumption, the number of steps, R.
/// Precondition: the input passed check_simulation_input().
void variant_sizes(const SimulationInput& input, std::vector<VariantSizes>& out);

/// The success schedule of `input` (no trip, no timeout), rebuilt into `out`.
void success_schedule(const SimulationInput& input, std::span<const VariantSizes> sizes,
                      Schedule& out);

/// The rollback schedule from `fleet` (one entry per variant), rebuilt into `out`:
/// blue/green (Failure paths; Precise reading 10): flip all traffic back (A), then terminate
/// every new instance (k = new running); rolling (Precise reading 11): m steps of relaunch old /
/// move traffic back / terminate new.
void rollback_schedule(const SimulationInput& input, std::span<const VariantSizes> sizes,
                       std::span<const VariantFleetState> fleet, Schedule& out);

/// The instance type of a part: its variant's old or new instance type in `input`.
[[nodiscard]] inline std::string_view instance_type(const SimulationInput& input,
                                                    const OpPart& p) noexcept {
  const auto& v = input.variants[static_cast<std::size_t>(p.variant)];
  return p.fleet == FleetSide::new_fleet ? v.new_instance_type : v.old_instance_type;
}

/// Convenience for callers outside the hot path: the success schedule of `input`.
/// Throws InputError as simulate() does.
[[nodiscard]] Schedule success_schedule(const SimulationInput& input);

[[nodiscard]] const char* to_string(OpKind k) noexcept;  ///< "PROVISION", "RB_SHIFT", ...

}  // namespace shiftsim
