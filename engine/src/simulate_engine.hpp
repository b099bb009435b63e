#pragma once
// Private: the event machinery behind simulate() and simulate_figures(). One code path; a
// Recorder pointer (null on the fast path) turns on the step table, timeline and bakes.
//
// Model (engine contract, "Precise readings"):
// - The success path is a list of operations (PROVISION, SHIFT, BAKE, TERMINATE) that run one
//   after the other, each covering every variant (lock-step). An operation's end is an event.
// - A PROVISION raises the running count when it starts; a TERMINATE lowers it when it ends; a
//   SHIFT sets the traffic state when it starts and lasts A; bakes follow shifts.
// - The timeout X and an at_time trip are events scheduled before anything else, so at equal
//   times they pop before every operation end (FIFO among ties) and the timeout before the trip.
//   The timeout handler first completes an operation ending exactly at X (Precise reading 9),
//   then starts the rollback; an operation that would start at X never starts.
// - A rollback is a second list of operations built when it starts (blue/green: SHIFT back, then
//   TERMINATE the new fleet; rolling: m steps of PROVISION old / SHIFT / TERMINATE new).
#include "shiftsim/simulate.hpp"
#include "shiftsim/simulation.hpp"
#include "shiftsim/success_path.hpp"

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace shiftsim::detail {

enum class OpKind : std::uint8_t {
  provision,     ///< launch new instances (blue/green: all N; rolling: batch k)
  shift,         ///< move traffic to the new fleet (lasts A)
  bake,          ///< W or T, alarms watched
  terminate,     ///< old instances (blue/green: all; rolling: batch k)
  rb_provision,  ///< rolling rollback: re-launch old instances
  rb_shift,      ///< rollback: move traffic back to old (lasts A)
  rb_terminate,  ///< rollback: terminate new instances
};

enum class ShiftKind : std::uint8_t { none, canary, step, full };

struct Op {
  OpKind kind = OpKind::provision;
  ShiftKind shift = ShiftKind::none;
  bool final_bake = false;  ///< the TerminationWait bake
  bool wait_bake = false;   ///< a bake of W (label WaitIntervalInSeconds)
  int k = 0;                ///< 1-based step / batch / rollback step
  SimTime length = 0;       ///< bake: W or T; shifts: A; provision/terminate: from timing/draws
};

enum class EvKind : std::uint8_t { op_end, trip, timeout, rollback_fault };

struct Ev {
  EvKind kind = EvKind::op_end;
  std::int32_t op = 0;
};

/// Per-variant constants of a run.
struct VPlan {
  int n_old = 0;
  int n_new = 0;
  int step = 0;        ///< C, S or B in instances (0 for ALL_AT_ONCE)
  int steps = 0;       ///< this variant's own n (linear/rolling), 0 when n_new == 0
  int last_batch = 0;  ///< rolling: the batch that terminates every old instance left
  int rb_batch = 1;    ///< R (rolling rollback), >= 1
  double price_old = 0.0;  ///< USD per instance-millisecond
  double price_new = 0.0;
  double w_old = 0.0;  ///< share of endpoint traffic of this variant's old side
  double w_new = 0.0;  ///< share of endpoint traffic of this variant's new side
};

/// Per-variant state.
struct VState {
  int old_running = 0;
  int old_active = 0;
  int new_running = 0;
  int new_active = 0;
  double f = 0.0;      ///< new fraction of this variant's traffic
  int pending = 0;     ///< instances the current provision/terminate operation adds/removes
  int missing = 0;     ///< rolling rollback: old instances still to re-launch
  int new_left = 0;    ///< rollback: new instances still to terminate
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

int ceil_div(int a, int b) noexcept;           ///< ceil(a / b), 0 when b <= 0
int cumulative(int k, int step, int n) noexcept;  ///< min(k * step, n)
int old_active_for(const VPlan& v, int a, bool full) noexcept;

/// Throws InputError for input the engine cannot run (see simulate()).
void check_input(const SimulationInput& in);

}  // namespace shiftsim::detail

namespace shiftsim {

struct SimulationWorkspace::Impl {
  /// Runs one simulation into `out` (and `rec` when non-null). Input must have passed
  /// check_input().
  void run(const SimulationInput& input, const detail::RunOptions& options,
           detail::Recorder* recorder, RunFigures& out);

  // Reused storage.
  Simulation<detail::Ev> sim;
  std::vector<detail::Op> ops;
  std::vector<detail::Op> rb_ops;
  std::vector<detail::VPlan> plan;
  std::vector<detail::VState> st;

 private:
  void setup();
  void build_ops();
  void on_event(const detail::Ev& e);
  void start_next();
  void start_op(const detail::Op& op);
  void end_op(const detail::Op& op);
  void on_trip();
  void on_timeout();
  void on_rollback_fault();
  void begin_rollback(Outcome cause);
  void build_rollback_ops();
  void finish(Outcome outcome);
  void advance();  ///< integrate up to sim.now()
  void refresh();  ///< recompute totals after a state change, update peak/min/timeline
  void record_point();  ///< timeline point (simulate() only)
  [[nodiscard]] bool in_bake_now() const noexcept;
  [[nodiscard]] bool past_last_bake() const noexcept;
  [[nodiscard]] const detail::Op& current() const noexcept;
  void record_rows(const detail::Op& op);
  void close_rows();

  const SimulationInput* in_ = nullptr;
  detail::RunOptions opt_;
  detail::Recorder* rec_ = nullptr;
  RunFigures* out_ = nullptr;

  bool in_rollback_ = false;
  bool finished_ = false;
  Outcome rb_cause_ = Outcome::rolled_back;
  int cur_ = -1;              ///< index into ops (or rb_ops when in_rollback_)
  bool cur_active_ = false;   ///< an operation is in flight
  SimTime cur_start_ = 0;
  SimTime cur_end_ = 0;
  EventId cur_ev_ = 0;
  std::size_t cur_rows_ = 0;  ///< first step row of the operation in flight
  int last_bake_op_ = -1;
  int n_steps_ = 0;           ///< SHIFT operations on the success path

  bool watched_ = false;
  bool trip_pending_ = false;
  bool new_traffic_seen_ = false;
  int bake_count_ = 0;
  std::optional<SimTime> timeout_at_;
  std::size_t prov_i_ = 0;
  std::size_t term_i_ = 0;
  std::uint32_t ops_done_ = 0;   ///< success-path operations ended (tracing)
  std::uint32_t seg_first_ = 0;  ///< first operation of the segment being traced
  std::vector<std::pair<SimTime, std::optional<SuccessPath::Draw>>> traced_ops_;  ///< tracing
  bool aws_note_ = false;
  int rb_steps_ = 0;

  int running_ = 0;
  int serving_ = 0;
  int new_active_total_ = 0;
  double traffic_ = 0.0;    ///< endpoint new traffic fraction
  double cost_rate_ = 0.0;  ///< USD per millisecond, billed instances
  std::int64_t inst_ms_ = 0;
  double cost_ = 0.0;
  double exposure_ms_ = 0.0;
  SimTime last_t_ = 0;
  int n_old_total_ = 0;
  double steady_cost_rate_ = 0.0;
};

}  // namespace shiftsim
