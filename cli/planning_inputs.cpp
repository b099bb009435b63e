// Inputs of montecarlo / sweep / plan (planning_inputs.hpp): the documents, timing and
// SimulationInput exactly as `simulate` reads them (run_inputs.hpp), plus the stochastic model.
#include "planning_inputs.hpp"

#include "aws_flags.hpp"
#include "flag_cursor.hpp"
#include "run_inputs.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/scenario.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>

namespace shiftsim::cli {

namespace {

using nlohmann::json;

/// Splits the scenario document: planning members go to `planning`, the rest (with timing
/// distributions replaced by their deterministic value) is returned for parse_scenario().
json split_scenario(json doc, json& planning) {
  planning = json::object();
  if (!doc.is_object()) return doc;
  for (const char* key : {"capacity", "bad_version"}) {
    if (doc.contains(key)) {
      planning[key] = doc[key];
      doc.erase(key);
    }
  }
  if (doc.contains("alarms") && doc["alarms"].is_object() &&
      doc["alarms"].contains("false_trip_per_bake") &&
      !doc["alarms"]["false_trip_per_bake"].is_object()) {
    planning["alarms"]["false_trip_per_bake"] = doc["alarms"]["false_trip_per_bake"];
    doc["alarms"].erase("false_trip_per_bake");
  }
  if (doc.contains("timing") && doc["timing"].is_object()) {
    for (const char* key : {"provision_s", "terminate_s"}) {
      if (!doc["timing"].contains(key)) continue;
      json& v = doc["timing"][key];
      planning["timing"][key] = v;
      if (v.is_object()) {
        if (v.contains("p50") && v["p50"].is_number()) v = v["p50"];
        else if (v.contains("value") && v["value"].is_number()) v = v["value"];
      }
    }
  }
  return doc;
}

}  // namespace

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
  std::optional<std::string> provision_flag, terminate_flag, activation_flag;
  std::vector<std::string> assume;
  for (FlagCursor cursor(after_aws); cursor.next();) {
    const std::string& flag = cursor.flag();
    auto value = [&] { return cursor.value(); };
    if (flag == "--scenario") scenario_path = value();
    else if (flag == "--provision-s") provision_flag = value();
    else if (flag == "--terminate-s") terminate_flag = value();
    else if (flag == "--activation-s") activation_flag = value();
    else if (flag == "--assume") assume.push_back(value());
    else rest.push_back(cursor.word());
  }

  PlanningInputs out;
  // --- The scenario, split into planning members and the rest.
  std::optional<Scenario> scenario;
  json planning = json::object();
  if (scenario_path) {
    out.source = *scenario_path;
    try {
      const std::string text = read_input_file(*scenario_path, "--scenario");
      const auto format = aws::detect_format(text, *scenario_path);
      const json doc = json::parse(aws::canonical_json(text, *scenario_path, format));
      const json rest_doc = split_scenario(doc, planning);
      scenario = parse_scenario(rest_doc.dump(), *scenario_path + " (json)");
      out.question = scenario->question;
    } catch (const InputError& e) {
      append_diagnostics(errors, e.diagnostics());
    } catch (const json::exception& e) {
      errors.push_back(error_diagnostic(error_code::scenario, "", "must be a JSON or YAML document", "",
                             fmt::format("{}: {}", *scenario_path, e.what())));
    }
  }
  const Scenario* scen = scenario ? &*scenario : nullptr;
  const RunDocuments docs =
      gather_documents(aws_in, scen, scenario_path.value_or("scenario"), errors);
  append_diagnostics(out.warnings, docs.warnings);
  append_diagnostics(out.warnings, docs.validate_warnings);
  const TimingInputs timing = gather_timing(
      docs.new_types, scen, TimingFlags{provision_flag, terminate_flag, activation_flag, assume},
      errors);

  // --- The stochastic model (fixed defaults: the deterministic timing just computed). A time
  //     set by an assumption or flag replaces the scenario's distribution for it.
  StochasticModel model = parse_run_model(planning, timing, errors);
  if (has_errors(errors)) throw InputError(std::move(errors));

  BuiltInput built = build_simulation_input(docs, timing, scen);
  append_diagnostics(out.warnings, built.resolve_warnings);
  append_diagnostics(out.warnings, built.alarm_warnings);
  complete_run_model(model, timing, built);
  out.timing_given = timing.provision_source != "profile";
  out.input = std::move(built.input);
  out.model = model;
  out.request = std::move(built.request);
  out.fleet = docs.fleet;
  out.endpoint_name = built.endpoint_name;
  return out;
}

}  // namespace shiftsim::cli
