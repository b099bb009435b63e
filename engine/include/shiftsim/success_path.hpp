#pragma once
// The success path of one input, compiled once and evaluated for many sets of draws.
//
//   SuccessPath path = compile_success_path(input);          // one engine run, traced
//   RunFigures f = success_path_figures(path, input.draws);  // per trial: a few sums
//
// Why it is exact. On the success path (no trip, no timeout reached) the engine runs its
// operations one after the other, and the fleet state (instances running, cost rate, new traffic
// share) changes only at points fixed by the operation kinds, never by how long an operation
// takes. The engine integrates its accounting at those points (advance()). compile_success_path()
// runs the engine once and records, for each integration point, which operations elapsed since
// the previous one and the state in force meanwhile. success_path_figures() then replays the same
// integrations with any draws: the same integer sums and the same floating-point operations in the
// same order, so its figures equal simulate_figures() bit for bit (tests/test_success_path.cpp
// checks this across generated inputs and draws).
//
// Draws are those of TimingDraws::success (by slot); the mode is not consulted, so callers give
// every slot (the Monte Carlo does).
// It answers only the run with no trip and no timeout. A caller with a timeout X may use it when
// the duration is < X (the timeout never fires); at or past X, or with any trip, run the engine.
#include "shiftsim/deployment.hpp"
#include "shiftsim/simulate.hpp"

#include <cstdint>
#include <vector>

namespace shiftsim {

struct SuccessPath {
  /// A timed operation of the success schedule: draws.success[slot] (schedule.hpp,
  /// Operation::slot), or `fallback` (timing.provision / timing.terminate) when the draw vector
  /// is shorter.
  struct Draw {
    std::uint32_t slot = 0;
    SimTime fallback = 0;
  };
  /// The operations that elapse between two integration points of the engine: fixed ones
  /// (shifts, bakes) summed into `fixed_length`, drawn ones draws[first_draw, end_draw); and the
  /// state in force meanwhile.
  struct Segment {
    SimTime fixed_length = 0;
    std::uint32_t first_draw = 0;
    std::uint32_t end_draw = 0;
    int running = 0;
    int billed = 0;          ///< instances billed (accounting.hpp)
    double cost_rate = 0.0;  ///< USD per millisecond
    double traffic = 0.0;    ///< new fraction of the endpoint's traffic
  };
  std::vector<Draw> draws;
  std::vector<Segment> segments;
  int peak_instances = 0;
  int min_serving_instances = 0;
  int n_old_total = 0;
  double steady_cost_rate = 0.0;  ///< USD per millisecond of the old fleets alone
};

/// Compiles the success path of `input` (its trip, draws and timeout are ignored). Throws
/// InputError as simulate() does.
[[nodiscard]] SuccessPath compile_success_path(const SimulationInput& input);

/// The figures simulate_figures() returns for the compiled input with these draws, no trip and no
/// timeout (outcome succeeded). No allocation.
[[nodiscard]] RunFigures success_path_figures(const SuccessPath& path,
                                              const TimingDraws& draws) noexcept;

}  // namespace shiftsim
