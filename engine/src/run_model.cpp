// Step 4 of assemble_run_inputs(), the timing model (run_steps.hpp); and the planning scenario's
// split (run_inputs.hpp, parse_planning_scenario()).
#include "run_steps.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace shiftsim {

namespace detail {

StochasticModel parse_run_model(const nlohmann::json& planning, const TimingInputs& timing,
                                Diagnostics& errors) {
  StochasticModel model = deterministic_model(timing.timing);
  try {
    nlohmann::json stoch = planning;
    if (stoch.contains("timing") && stoch["timing"].is_object()) {
      if (timing.provision.overridden()) stoch["timing"].erase("provision_s");
      if (timing.terminate.overridden()) stoch["timing"].erase("terminate_s");
    }
    model = parse_stochastic_model(stoch.dump(), timing.timing);
  } catch (const InputError& e) {
    append_diagnostics(errors, e.diagnostics());
  }
  return model;
}

void complete_run_model(StochasticModel& model, const TimingInputs& timing,
                        const BuiltInput& built) {
  // Per-alarm false-trip rates combine with the global one: P(any alarm trips in a bake).
  if (built.alarm_false_trip_per_bake > 0.0)
    model.false_trip_per_bake =
        1.0 - (1.0 - model.false_trip_per_bake) * (1.0 - built.alarm_false_trip_per_bake);
  if (model.false_trip_per_bake >= 1.0) model.false_trip_per_bake = 0.999999;

  const auto profile_dist = [](SimTime p50, SimTime p95) {
    DurationDist d;
    d.kind = DurationDist::Kind::lognormal;
    d.p50_s = to_seconds(p50);
    d.p95_s = to_seconds(std::max(p95, p50));
    d.per_instance = true;
    return d;
  };
  const auto& variants = built.input.variants;
  if (timing.provision.source == TimingSource::profile) {
    for (const auto& v : variants)
      for (const auto* t : {&v.new_instance_type, &v.old_instance_type}) {
        if (t->empty()) continue;
        const auto prof = timing_profile_for(*t);
        model.provision_by_type[*t] = profile_dist(prof.timing.provision, prof.provision_p95);
      }
  }
  if (timing.terminate.source == TimingSource::profile && !variants.empty()) {
    // Each fleet's termination follows its own type's profile (amendment A1: the success path
    // terminates old instances, a rollback new ones).
    const auto& first = variants.front().old_instance_type.empty()
                            ? variants.front().new_instance_type
                            : variants.front().old_instance_type;
    const auto fallback = timing_profile_for(first);
    model.terminate = profile_dist(fallback.timing.terminate, fallback.terminate_p95);
    for (const auto& v : variants)
      for (const auto* t : {&v.new_instance_type, &v.old_instance_type}) {
        if (t->empty()) continue;
        const auto prof = timing_profile_for(*t);
        model.terminate_by_type[*t] = profile_dist(prof.timing.terminate, prof.terminate_p95);
      }
  }
}

nlohmann::json scenario_model_members(const Scenario* scenario) {
  nlohmann::json m = nlohmann::json::object();
  if (!scenario) return m;
  const auto add = [&](const std::optional<TimingSetting>& s, const char* key) {
    if (s && s->distribution && !s->distribution->json.empty())
      m["timing"][key] = nlohmann::json::parse(s->distribution->json);
  };
  add(scenario->timing.provision, "provision_s");
  add(scenario->timing.terminate, "terminate_s");
  for (const auto& [key, text] : scenario->sections)
    if (key == "capacity") m["capacity"] = nlohmann::json::parse(text);
  return m;
}

}  // namespace detail

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

PlanningScenario parse_planning_scenario(std::string_view text, const std::string& name,
                                         Diagnostics& errors) {
  PlanningScenario out;
  try {
    const auto format = aws::detect_format(text, name);
    const json doc = json::parse(aws::canonical_json(text, name, format));
    json planning;
    const json rest_doc = split_scenario(doc, planning);
    out.model_members = planning.dump();
    out.scenario = parse_scenario(rest_doc.dump(), name + " (json)");
  } catch (const InputError& e) {
    append_diagnostics(errors, e.diagnostics());
  } catch (const json::exception& e) {
    errors.push_back(error_diagnostic(error_code::scenario, "", "must be a JSON or YAML document",
                                      "", fmt::format("{}: {}", name, e.what())));
  }
  return out;
}

}  // namespace shiftsim
