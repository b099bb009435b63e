#pragma once
// One simulate run as `shiftsim simulate` makes it, shared with `compare`: the input flags read
// into the engine's RunSources, assembled, the median trial run (every operation at the median
// of its slowest instance, as sweep and plan rank configs), warnings merged and the timing
// assumptions added.
#include "input_flags.hpp"
#include "report/simulation_context.hpp"

#include "shiftsim/result.hpp"
#include "shiftsim/run_inputs.hpp"

#include <optional>
#include <string>

namespace shiftsim::cli {

struct SimulationRun {
  RunSources sources;
  RunInputs run;
  SimulationInput input;            ///< the median trial's input, with its fault
  SimulationResult result;          ///< warnings merged, timing assumptions added
  SimulationReportContext context;  ///< endpoint, question, source, extra cost, fault
};

/// The scenario (read and parsed), the documents and the timing flags as RunSources; every
/// problem appended to `errors`. `planning`: the scenario is read as montecarlo, sweep and plan
/// read it (parse_planning_scenario(): `capacity:`, `bad_version:`, distributions go to the
/// timing model), else as simulate reads it.
[[nodiscard]] RunSources read_run_sources(const InputFlags& flags, Diagnostics& errors,
                                          bool planning = false);

/// Assembles `sources` (InputError with `errors` and every input problem), runs the median trial
/// with `fault` (else the scenario's trip, if any). `source` names the inputs in reports.
[[nodiscard]] SimulationRun run_simulation(RunSources sources, Diagnostics errors,
                                           const std::optional<Trip>& fault,
                                           const std::string& source);

}  // namespace shiftsim::cli
