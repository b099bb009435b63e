#pragma once
// The inputs of the planning commands (montecarlo, sweep, plan): the same documents and flags as
// `simulate` (AWS CLI update-endpoint flags, --request/--endpoint/--current-config/--new-config,
// --scenario, --provision-s/--terminate-s/--activation-s, --assume), resolved into one
// SimulationInput, plus the stochastic model of the scenario (stochastic.hpp).
//
// The scenario is read as a planning scenario (parse_planning_scenario(), run_inputs.hpp): its
// planning members (`capacity:`, `bad_version:`, a numeric `alarms.false_trip_per_bake`, timing
// distributions) feed the timing model.
#include "atomic_write.hpp"
#include "commands.hpp"
#include "input_flags.hpp"

#include "shiftsim/aws.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/resolve.hpp"
#include "shiftsim/run_inputs.hpp"
#include "shiftsim/stochastic.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace shiftsim::cli {

struct PlanningInputs {
  SimulationInput input;              ///< resolved; no trip, no draws
  aws::UpdateEndpointRequest request; ///< as given (validated)
  FleetContext fleet;                 ///< for validating requests built from a plan
  StochasticModel model;              ///< timing distributions and faults
  std::string endpoint_name;
  std::string question;               ///< the scenario's question, if any
  std::string source;                 ///< the scenario file, if any
  Diagnostics warnings;               ///< inputs, validate and resolve warnings
  /// Every DeploymentConfig falls back to ALL_AT_ONCE without bake here (resolve.hpp).
  bool falls_back_to_all_at_once = false;
  /// The scenario's `trip: {after_new_traffic_s: S}`: a bad new version detected S after first
  /// traffic (montecarlo's bad-version mode, sweep and plan's detection delay). A trip at a bake
  /// or a time is refused (E_TRIP_UNSUPPORTED): these commands draw their own faults.
  std::optional<SimTime> scenario_detection_delay;
};

/// The input flags read and assembled into one SimulationInput and its stochastic model. Throws
/// InputError with `errors` and every problem found (exit 2). `command` names the command in the
/// message of E_TRIP_UNSUPPORTED (a scenario trip at a bake or a time).
/// When the scenario and flags give no provisioning time, provisioning (and termination) follow
/// the timing profile of each new instance type as lognormal(p50, p95) per instance
/// (timing_profile.hpp, timing-facts section 4).
[[nodiscard]] PlanningInputs read_planning_inputs(const InputFlags& flags, Diagnostics errors,
                                                  std::string_view command);

/// RunSources (the flags', or a fleet's record: fleet_input.hpp) assembled: the one home of a
/// planning run's inputs. The scenario's trip: {after_new_traffic_s} is kept as
/// scenario_detection_delay; a trip at a bake or a time is E_TRIP_UNSUPPORTED (at trip.bake or
/// trip.at_s, naming `command` and the flags to use instead). Throws InputError with `errors`
/// and every problem found.
[[nodiscard]] PlanningInputs planning_inputs_from_sources(const RunSources& sources,
                                                          Diagnostics errors,
                                                          std::string_view command);

}  // namespace shiftsim::cli
