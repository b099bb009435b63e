// check_simulation_input() (simulate.hpp): the engine's input check, without a run.
#include "shiftsim/simulate.hpp"

#include "input_check.hpp"

namespace shiftsim {

void check_simulation_input(const SimulationInput& input) { detail::check_input(input); }

}  // namespace shiftsim
