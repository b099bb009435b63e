// Inputs of montecarlo / sweep / plan (planning_inputs.hpp): the flags and the scenario file
// turned into the engine's RunSources, assembled as `simulate`'s are (shiftsim/run_inputs.hpp).
#include "planning_inputs.hpp"

#include "aws_flags.hpp"
#include "flag_cursor.hpp"
#include "input_flags.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/run_inputs.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>

namespace shiftsim::cli {

std::string planning_inputs_help() {
  return "  --scenario FILE          a what-if (YAML or JSON): timing (numbers or distributions),\n"
         "                           prices, quota, alarms, capacity, bad_version, and optionally\n"
         "                           the AWS documents (endpoint:, current_config:, new_config:,\n"
         "                           request:); see docs/stochastic-model.md\n" +
         aws_flags_help() +
         "  --provision-s S          P: fixed seconds to provision one batch\n"
         "  --terminate-s S          D: fixed seconds to terminate one batch\n"
         "  --activation-s S         A: seconds for one traffic shift\n"
         "  --assume NAME=VALUE      override a named assumption (repeatable)\n";
}

double parse_number_flag(std::string_view value, std::string_view flag, double lo, double hi) {
  double v = 0;
  const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (value.empty() || ec != std::errc() || p != value.data() + value.size() ||
      !std::isfinite(v) || v < lo || v > hi)
    throw_input_error(error_code::range, std::string(flag), fmt::format("must be a number in [{}, {}]", lo, hi),
                      fmt::format("\"{}\"", value),
                      fmt::format("{}: must be a number between {} and {}, got '{}'", flag, lo, hi,
                                  value));
  return v;
}

SimTime parse_seconds_flag(std::string_view value, std::string_view flag, double max_s) {
  const double s = parse_number_flag(value, flag, 0.0, max_s);
  return static_cast<SimTime>(std::llround(s * 1000.0));
}

std::int64_t parse_int_flag(std::string_view value, std::string_view flag, std::int64_t lo,
                            std::int64_t hi) {
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (value.empty() || ec != std::errc() || p != value.data() + value.size() || v < lo || v > hi)
    throw_input_error(error_code::range, std::string(flag),
                      fmt::format("must be an integer in [{}, {}]", lo, hi),
                      fmt::format("\"{}\"", value),
                      fmt::format("{}: must be a whole number between {} and {}, got '{}'", flag,
                                  lo, hi, value));
  return v;
}

PlanningInputs parse_planning_inputs(const Args& args, Args& rest) {
  Diagnostics errors;
  Args after_aws;
  AwsInputs aws_in;
  try {
    aws_in = parse_aws_flags(args, after_aws);
  } catch (const InputError& e) {
    append_diagnostics(errors, e.diagnostics());
    if (after_aws.empty()) after_aws = args;
  }
  std::optional<std::string> scenario_path;
  TimingFlags timing;
  for (FlagCursor cursor(after_aws); cursor.next();) {
    const std::string& flag = cursor.flag();
    auto value = [&] { return cursor.value(); };
    if (flag == "--scenario") scenario_path = value();
    else if (flag == "--provision-s") timing.provision = value();
    else if (flag == "--terminate-s") timing.terminate = value();
    else if (flag == "--activation-s") timing.activation = value();
    else if (flag == "--assume") timing.assume.push_back(value());
    else rest.push_back(cursor.word());
  }

  PlanningInputs out;
  // The scenario, its planning members split off for the timing model (run_inputs.hpp).
  std::optional<PlanningScenario> scenario;
  if (scenario_path) {
    out.source = *scenario_path;
    try {
      const std::string text = read_input_file(*scenario_path, "--scenario");
      scenario = parse_planning_scenario(text, *scenario_path, errors);
    } catch (const InputError& e) {
      append_diagnostics(errors, e.diagnostics());
    }
  }
  RunSources sources = run_sources(aws_in, timing, errors);
  sources.scenario_name = scenario_path.value_or("scenario");
  if (scenario) {
    sources.scenario = scenario->scenario;
    sources.model_members = scenario->model_members;
    if (scenario->scenario) out.question = scenario->scenario->question;
  } else {
    sources.model_members = "{}";
  }
  RunInputs run = assemble_run_inputs(sources, std::move(errors));
  append_diagnostics(out.warnings, run.docs.warnings);
  append_diagnostics(out.warnings, run.docs.validate_warnings);
  append_diagnostics(out.warnings, run.built.resolve_warnings);
  append_diagnostics(out.warnings, run.built.alarm_warnings);
  out.input = std::move(run.built.input);
  out.model = std::move(run.model);
  out.request = std::move(run.built.request);
  out.fleet = std::move(run.docs.fleet);
  out.endpoint_name = std::move(run.built.endpoint_name);
  out.falls_back_to_all_at_once = run.built.falls_back_to_all_at_once;
  return out;
}

}  // namespace shiftsim::cli
