// Inputs of montecarlo / sweep / plan (planning_inputs.hpp): the flags and the scenario file
// turned into the engine's RunSources, assembled as `simulate`'s are (shiftsim/run_inputs.hpp).
#include "planning_inputs.hpp"

#include "input_files.hpp"
#include "input_flags.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/run_inputs.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

namespace {

/// A scenario trip in a planning run: a bad version's detection delay is kept; a trip at a bake
/// or a time is refused, since every trial draws its own faults.
void take_scenario_trip(const Trip& trip, std::string_view command, PlanningInputs& out,
                        Diagnostics& errors) {
  if (trip.kind == Trip::Kind::none) return;
  if (trip.kind == Trip::Kind::after_new_traffic) {
    out.scenario_detection_delay = trip.at;
    return;
  }
  const bool bake = trip.kind == Trip::Kind::at_bake;
  errors.push_back(error_diagnostic(
      error_code::trip_unsupported, bake ? "trip.bake" : "trip.at_s",
      "a planning run draws its own faults", bake ? fmt::format("{}", trip.bake)
                                                  : fmt::format("{}", to_seconds(trip.at)),
      fmt::format("{} draws the faults of every trial itself, so a fixed trip ({}) cannot be "
                  "honoured. For a bad new version use --bad-version (and --detection-delay-s "
                  "S, or trip: {{after_new_traffic_s: S}} in the scenario); for false alarms "
                  "--false-trip-per-bake P; `shiftsim simulate` runs this trip.",
                  command,
                  bake ? fmt::format("trip.bake {}", trip.bake)
                       : fmt::format("trip.at_s {}", to_seconds(trip.at)))));
}

}  // namespace

PlanningInputs read_planning_inputs(const InputFlags& flags, Diagnostics errors,
                                    std::string_view command) {
  PlanningInputs out;
  // The scenario, its planning members split off for the timing model (run_inputs.hpp).
  std::optional<PlanningScenario> scenario;
  if (flags.scenario) out.source = input_name(*flags.scenario);
  if (const auto text = read_scenario_text(flags, errors))
    scenario = parse_planning_scenario(*text, scenario_name(flags), errors);
  const AwsInputs aws_in = read_aws_inputs(flags, errors);
  RunSources sources = run_sources(aws_in, flags.timing, flags.prices, errors);
  sources.scenario_name = scenario_name(flags);
  if (scenario) {
    sources.scenario = scenario->scenario;
    sources.model_members = scenario->model_members;
  } else {
    sources.model_members = "{}";
  }
  PlanningInputs assembled = planning_inputs_from_sources(sources, std::move(errors), command);
  assembled.source = std::move(out.source);
  return assembled;
}

PlanningInputs planning_inputs_from_sources(const RunSources& sources, Diagnostics errors,
                                            std::string_view command) {
  PlanningInputs out;
  if (sources.scenario) out.question = sources.scenario->question;
  if (sources.scenario && sources.scenario->trip)
    take_scenario_trip(*sources.scenario->trip, command, out, errors);
  RunInputs run = assemble_run_inputs(sources, std::move(errors));
  append_diagnostics(out.warnings, run.docs.warnings);
  append_diagnostics(out.warnings, run.docs.validate_warnings);
  append_diagnostics(out.warnings, run.built.resolve_warnings);
  append_diagnostics(out.warnings, run.built.alarm_warnings);
  append_diagnostics(out.warnings, run.built.price_warnings);
  out.input = std::move(run.built.input);
  out.model = std::move(run.model);
  out.request = std::move(run.built.request);
  out.fleet = std::move(run.docs.fleet);
  out.endpoint_name = std::move(run.built.endpoint_name);
  out.falls_back_to_all_at_once = run.built.falls_back_to_all_at_once;
  return out;
}

}  // namespace shiftsim::cli
