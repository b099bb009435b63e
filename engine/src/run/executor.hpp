#pragma once
// Private: the event loop behind simulate() and simulate_figures(). One code path; a Recorder
// pointer (null on the fast path) turns on the step table, timeline and bakes.
//
// Model (engine contract, "Precise readings"):
// - The executor runs the success schedule (schedule.hpp) one operation after the other; an
//   operation's end is an event. A PROVISION raises the running count when it starts; a
//   TERMINATE lowers it when it ends; a SHIFT sets the traffic state when it starts and lasts A;
//   bakes follow shifts. Timed operations take the duration the OperationTimer gives.
// - The timeout X and an at_time trip are events scheduled before anything else, so at equal
//   times they pop before every operation end (FIFO among ties) and the timeout before the trip.
//   The timeout handler first completes an operation ending exactly at X (Precise reading 9),
//   then starts the rollback; an operation that would start at X never starts.
// - A rollback runs a second schedule, built from the fleet state when it starts
//   (rollback_schedule()), whose timed operations get their own draws (amendment A1).
#include "accounting.hpp"
#include "fleet_state.hpp"
#include "operation_timer.hpp"
#include "schedule_cache.hpp"

#include "shiftsim/schedule.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/simulation.hpp"
#include "shiftsim/success_path.hpp"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace shiftsim::detail {

enum class EvKind : std::uint8_t { op_end, trip, timeout, rollback_fault };

struct Ev {
  EvKind kind = EvKind::op_end;
  std::int32_t op = 0;
};

struct RunOptions {
  Trip trip;
  bool use_timeout = true;
  bool force_alarms = false;  ///< rollback_if_trip: behave as if alarms were configured
};

struct Recorder {
  std::vector<Step>* steps = nullptr;
  std::vector<TimelinePoint>* timeline = nullptr;
  std::vector<Bake>* bakes = nullptr;
  /// compile_success_path(): each operation's length source and each integration segment.
  SuccessPath* success_path = nullptr;
};

}  // namespace shiftsim::detail

namespace shiftsim {

struct SimulationWorkspace::Impl {
  /// Runs one simulation into `out` (and `recorder` when non-null). Input must have passed
  /// check_input().
  void run(const SimulationInput& input, const detail::RunOptions& options,
           detail::Recorder* recorder, RunFigures& out);

  // Reused storage (no allocation once warm).
  Simulation<detail::Ev> sim;
  detail::ScheduleCache cache;  ///< sizes and the success schedule
  Schedule rollback;
  std::vector<VariantFleetState> fleet;
  std::vector<detail::VariantFlow> flow;
  detail::Accounting accounting;
  detail::OperationTimer timer;

 private:
  void on_event(const detail::Ev& e);
  void start_next();
  void start_op(const Operation& op);
  void start_parts(const Operation& op);
  void end_op(const Operation& op);
  void on_trip();
  void on_timeout();
  void on_rollback_fault();
  void begin_rollback(Outcome cause);
  void finish(Outcome outcome);
  void advance();  ///< integrate up to sim.now() (and trace the success path)
  void refresh();  ///< recompute totals after a state change, update peak/min/timeline
  void complete_in_flight();  ///< an operation ending exactly now completes (Precise reading 9)
  [[nodiscard]] bool in_bake_now() const noexcept;
  [[nodiscard]] bool past_last_bake() const noexcept;
  [[nodiscard]] const Schedule& schedule() const noexcept {
    return state_.in_rollback ? rollback : cache.success;
  }
  [[nodiscard]] const Operation& current() const noexcept {
    return schedule().ops[static_cast<std::size_t>(state_.cur)];
  }
  void close_rows();

  const SimulationInput* in_ = nullptr;
  detail::RunOptions opt_;
  detail::Recorder* rec_ = nullptr;
  RunFigures* out_ = nullptr;
  detail::RunState state_;
  /// Success-path tracing: each ended operation's fixed length, or its draw.
  std::vector<std::pair<SimTime, std::optional<SuccessPath::Draw>>> traced_ops_;
};

}  // namespace shiftsim
