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

#include "shiftsim/aws.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/resolve.hpp"
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
};

/// Consumes the input flags from `args` and appends every other word to `rest`. Throws
/// InputError with every problem found (exit 2), CliUsageError for a malformed flag.
/// When the scenario and flags give no provisioning time, provisioning (and termination) follow
/// the timing profile of each new instance type as lognormal(p50, p95) per instance
/// (timing_profile.hpp, timing-facts section 4).
[[nodiscard]] PlanningInputs parse_planning_inputs(const Args& args, Args& rest);

/// The input-flag lines for a planning command's --help.
[[nodiscard]] std::string planning_inputs_help();

/// Seconds from a flag value (decimals allowed, >= 0, <= max_s). InputError E_RANGE naming flag.
[[nodiscard]] SimTime parse_seconds_flag(std::string_view value, std::string_view flag,
                                         double max_s = 86400.0);

/// A non-negative number from a flag value. InputError E_RANGE naming flag.
[[nodiscard]] double parse_number_flag(std::string_view value, std::string_view flag,
                                       double lo, double hi);

/// An integer from a flag value in [lo, hi]. InputError E_RANGE naming flag.
[[nodiscard]] std::int64_t parse_int_flag(std::string_view value, std::string_view flag,
                                          std::int64_t lo, std::int64_t hi);

}  // namespace shiftsim::cli
