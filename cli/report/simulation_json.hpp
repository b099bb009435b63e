#pragma once
// `--output json`: the schema `shiftsim.simulation/v2` of docs/engine-contract.md (amendment A3;
// what changed since v1: docs/schema-changelog.md). Keys and meanings of the contract are
// stable; extra keys are additions:
//   summary: billed_instance_seconds (what cost_usd prices, amendment A2), instance_hours,
//            extra_instance_hours, billed_instance_hours, extra_cost_usd (null when unknown),
//            exposure_traffic_s, escaped
//   rollback_if_trip[]: total_cost_usd and extra_cost_usd (A3), outcome, back_to_old_after_s
//            (from the trip until 100% of traffic is on the old fleet)
//   risk: the Monte Carlo of simulate's risk check, when timings are random (cmd_simulate)
//   top level: bakes, timeline, trip_applied_at_s, endpoint_name and question (when known),
//            unpriced_types (the instance types with no price, amendment A12)
// Costs (summary cost_usd and extra_cost_usd, rollback_if_trip[] total_cost_usd and
// extra_cost_usd) are null when unknown: they include instances of a type in unpriced_types
// (never 0).
// Times are seconds from the request: integers when whole, else decimals (millisecond precision).
// Counts and instance-seconds are integers when whole; USD and percentages are rounded to 6
// decimals. Assumption values: "true"/"false" become booleans, *_s seconds become numbers.
#include "report/simulation_context.hpp"

#include "shiftsim/result.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace shiftsim::cli {

/// The whole document. Used by simulate, and embedded by montecarlo/sweep/plan reports.
[[nodiscard]] nlohmann::ordered_json simulation_json(const SimulationResult& result,
                                                     const SimulationReportContext& ctx = {});

/// Simulated time as a JSON number of seconds (integer when whole).
[[nodiscard]] nlohmann::ordered_json seconds_json(SimTime t);

/// simulation_json(...).dump(2) plus a final newline.
[[nodiscard]] std::string render_simulation_json(const SimulationResult& result,
                                                 const SimulationReportContext& ctx = {});

}  // namespace shiftsim::cli
