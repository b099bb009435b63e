#pragma once
// The whole endpoint's fleets over time, as the timeline chart stacks them: one EndpointState
// per change point, holding until the next.
#include "shiftsim/result.hpp"

#include <vector>

namespace shiftsim::cli {

/// The whole endpoint between two change points (seconds from the request).
struct EndpointState {
  double t = 0, end = 0;
  int old_active = 0, old_idle = 0, new_active = 0, new_idle = 0;  ///< idle: running, no traffic
  double traffic = 0;  ///< percent of the endpoint's traffic on the new fleet
};

/// From result.timeline when present, else summed over the variants' steps; the last state
/// ends at `t_end` (or at its own start, if later).
[[nodiscard]] std::vector<EndpointState> endpoint_states(const SimulationResult& r, double t_end);

}  // namespace shiftsim::cli
