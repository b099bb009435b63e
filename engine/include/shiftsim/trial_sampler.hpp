#pragma once
// Drawing Monte Carlo trials (montecarlo.hpp) under the stochastic model (stochastic.hpp).
//
//   TrialPlan plan = make_trial_plan(input, model, seed);   // once: samplers, bake windows
//   draw_trial(plan, trial, in);                              // per trial: no allocation
//
// A trial's success-schedule operations are drawn in bulk here, from tables (BatchSampler), one
// draw per timed operation of the schedule (schedule.hpp), keyed by that operation (draws.hpp).
// Rollback operations are not drawn here: the engine draws each one when it starts, with the
// rollback operation's own key, instance type and count (contract amendment A1), so only trials
// that roll back pay for them.
#include "shiftsim/deployment.hpp"
#include "shiftsim/draws.hpp"
#include "shiftsim/schedule.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/time.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace shiftsim {

/// Everything needed to draw trials for one input, prepared once. Read-only while trials run in
/// parallel.
struct TrialPlan {
  /// The input every trial starts from: no trip; draws in trial mode under the model, with the
  /// seed, and `success` sized to the schedule's timed operations.
  SimulationInput base;
  std::shared_ptr<const StochasticModel> model;
  std::uint64_t seed = 0;
  Schedule schedule;  ///< the success schedule
  /// Per timed operation (by slot): its samplers, one per part with instances, and its stream.
  struct TimedOp {
    DrawStream stream = DrawStream::provision;
    std::uint32_t draw_index = 0;
    bool provision = true;
    bool has_parts = false;          ///< false: the fixed P or D (an operation on no instance)
    std::vector<BatchSampler> parts;
    // Prepared for the hot loop (draw_trial): the operation lasts
    //   max(floor, drawn[first_drawn .. end_drawn) each at its own uniform) + its retries.
    SimTime floor = 0;  ///< the fixed parts' longest (0 if none); no parts: the fixed P or D
    std::uint32_t first_drawn = 0, end_drawn = 0;  ///< its parts with a distribution, in `drawn`
    bool draws_retries = false;                    ///< a provisioning with parts, retries drawn
    std::uint64_t retry_counter = 0;               ///< draw_counter(retry, draw_index)
  };
  std::vector<TimedOp> timed;
  /// A part of a timed operation that is drawn: its sampler and its draw's counter,
  /// draw_counter(stream, draw_index * 64 + part), hashed once here rather than per trial.
  struct DrawnPart {
    std::uint64_t counter = 0;
    BatchSampler sampler;
  };
  std::vector<DrawnPart> drawn;
  /// Bakes of positive length (alarms can trip falsely in them), as indices into schedule.ops.
  std::vector<int> eligible_bakes;
  int first_traffic_op = -1;  ///< the first shift putting traffic on new instances (-1: none)
  std::optional<SimTime> fixed_detection_delay;  ///< bad-version delay when fixed
  bool retries = false;       ///< capacity retries are drawn
  double log_retry_probability = 0.0;  ///< ln(model.retry_probability) when > 0
  /// A false-alarm uniform below this trips no bake: (1 - p)^(bakes of positive length), less
  /// a relative 1e-9 so that values near the boundary take the exact test.
  double no_false_alarm_below = 0.0;
};

/// Prepares the trial plan: the success schedule of `base` and one sampler per (operation,
/// part). Throws InputError as simulate() does.
[[nodiscard]] TrialPlan make_trial_plan(const SimulationInput& base,
                                        std::shared_ptr<const StochasticModel> model,
                                        std::uint64_t seed);

/// Fills `input.draws` (success durations, trial index) and `input.trip` for trial `trial`.
/// `input` must start as a copy of plan.base; its vectors are reused, so after the first call no
/// allocation happens.
void draw_trial(const TrialPlan& plan, std::uint64_t trial, SimulationInput& input);

/// The start of operation `op` of the success schedule under the trial's drawn durations
/// (`success`, by slot) and the ops' fixed lengths.
[[nodiscard]] SimTime op_start(const TrialPlan& plan, const std::vector<SimTime>& success,
                               int op) noexcept;

}  // namespace shiftsim
