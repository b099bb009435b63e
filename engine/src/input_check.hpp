#pragma once
// Private: what the engine refuses to run.
#include "shiftsim/deployment.hpp"

namespace shiftsim::detail {

/// Throws InputError for input the engine cannot run: E_INPUT (no variant), E_REQUIRED (CANARY
/// without CanarySize, LINEAR without LinearStepSize, ROLLING without MaximumBatchSize, a
/// median/trial timing mode without a model), E_RANGE (negative counts, weights, times or
/// draws; trip.bake < 1).
void check_input(const SimulationInput& in);

}  // namespace shiftsim::detail
