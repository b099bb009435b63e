// Inputs of montecarlo / sweep / plan (planning_inputs.hpp). Mirrors `simulate`'s precedence:
// timing profile of the new instance type < scenario `timing:` < scenario `assume:` <
// --provision-s/--terminate-s/--activation-s < --assume NAME=VALUE.
#include "planning_inputs.hpp"

#include "aws_flags.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/prices.hpp"
#include "shiftsim/resolve.hpp"
#include "shiftsim/scenario.hpp"
#include "shiftsim/timing_profile.hpp"
#include "shiftsim/validate.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

namespace shiftsim::cli {

namespace {

using nlohmann::json;

void prefix_paths(Diagnostics& ds, const std::string& prefix) {
  for (auto& d : ds) {
    if (d.path.empty()) d.path = prefix;
    else if (d.path.front() == '[') d.path = prefix + d.path;
    else d.path = prefix + "." + d.path;
  }
}

void append(Diagnostics& to, const Diagnostics& from) {
  to.insert(to.end(), from.begin(), from.end());
}

Diagnostic error(std::string code, std::string path, std::string rule, std::string value,
                 std::string message) {
  return Diagnostic{Severity::error, std::move(code), std::move(path), std::move(rule),
                    std::move(value), std::move(message)};
}

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
    throw_input_error("E_RANGE", std::string(flag), fmt::format("must be a number in [{}, {}]", lo, hi),
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
    throw_input_error("E_RANGE", std::string(flag),
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
    append(errors, e.diagnostics());
    if (after_aws.empty()) after_aws = args;
  }
  std::optional<std::string> scenario_path;
  std::optional<std::string> provision_flag, terminate_flag, activation_flag;
  std::vector<std::string> assume;
  for (std::size_t i = 0; i < after_aws.size(); ++i) {
    std::string flag = after_aws[i];
    std::optional<std::string> inline_value;
    if (flag.rfind("--", 0) == 0)
      if (const auto eq = flag.find('='); eq != std::string::npos) {
        inline_value = flag.substr(eq + 1);
        flag = flag.substr(0, eq);
      }
    auto value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= after_aws.size()) throw CliUsageError(fmt::format("{} needs a value", flag));
      return after_aws[++i];
    };
    if (flag == "--scenario") scenario_path = value();
    else if (flag == "--provision-s") provision_flag = value();
    else if (flag == "--terminate-s") terminate_flag = value();
    else if (flag == "--activation-s") activation_flag = value();
    else if (flag == "--assume") assume.push_back(value());
    else rest.push_back(after_aws[i]);
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
      append(errors, e.diagnostics());
    } catch (const json::exception& e) {
      errors.push_back(error("E_SCENARIO", "", "must be a JSON or YAML document", "",
                             fmt::format("{}: {}", *scenario_path, e.what())));
    }
  }
  std::optional<aws::DescribeEndpoint> endpoint = aws_in.endpoint;
  std::optional<aws::DescribeEndpointConfig> current_config = aws_in.current_config;
  std::optional<aws::DescribeEndpointConfig> new_config = aws_in.new_config;
  append(out.warnings, aws_in.warnings);
  const std::string scen_name = scenario_path.value_or("scenario");
  if (scenario) {
    auto embedded = [&](const std::optional<std::string>& text, const char* key, auto parse,
                        auto& slot) {
      if (!text || slot) return;
      Diagnostics ws;
      try {
        slot = parse(*text, fmt::format("{} ({})", scen_name, key), &ws);
      } catch (const InputError& e) {
        Diagnostics ds = e.diagnostics();
        prefix_paths(ds, key);
        append(errors, ds);
      }
      prefix_paths(ws, key);
      append(out.warnings, ws);
    };
    embedded(scenario->endpoint_json, "endpoint",
             [](const std::string& t, const std::string& n, Diagnostics* w) {
               return aws::parse_describe_endpoint(t, n, aws::Format::json, w);
             },
             endpoint);
    embedded(scenario->current_config_json, "current_config",
             [](const std::string& t, const std::string& n, Diagnostics* w) {
               return aws::parse_describe_endpoint_config(t, n, aws::Format::json, w);
             },
             current_config);
    embedded(scenario->new_config_json, "new_config",
             [](const std::string& t, const std::string& n, Diagnostics* w) {
               return aws::parse_describe_endpoint_config(t, n, aws::Format::json, w);
             },
             new_config);
  }
  std::string request_text;
  std::string request_prefix;
  std::string request_doc = "request";
  if (aws_in.has_request()) {
    request_text = aws_in.request_json;
  } else if (scenario && scenario->request_json) {
    request_text = *scenario->request_json;
    request_prefix = "request";
    request_doc = fmt::format("{} (request)", scen_name);
  } else if (errors.empty()) {
    errors.push_back(error("E_REQUIRED", "request", "an UpdateEndpoint request is required", "",
                           "no UpdateEndpoint request: give --request FILE, the AWS CLI's "
                           "update-endpoint flags, or request: in the --scenario file"));
  }
  const FleetContext fleet = make_fleet_context(endpoint ? &*endpoint : nullptr,
                                                current_config ? &*current_config : nullptr,
                                                new_config ? &*new_config : nullptr);
  if (!request_text.empty()) {
    Diagnostics ds = validate_request(request_text, aws::Format::json, &fleet, request_doc);
    if (!request_prefix.empty()) prefix_paths(ds, request_prefix);
    for (auto& d : ds) (d.severity == Severity::error ? errors : out.warnings).push_back(d);
  }

  // --- Timing and assumptions.
  Assumptions assumptions;
  std::vector<std::string> new_types;
  if (new_config)
    for (const auto& v : new_config->production_variants)
      if (!v.instance_type.empty()) new_types.push_back(v.instance_type);
  Timing timing = default_timing_profile(new_types).timing;
  bool provision_given = false, terminate_given = false;
  if (scenario) {
    if (scenario->timing.provision) {
      timing.provision = scenario->timing.provision->value;
      provision_given = true;
    }
    if (scenario->timing.terminate) {
      timing.terminate = scenario->timing.terminate->value;
      terminate_given = true;
    }
    if (scenario->timing.activation) timing.activation = scenario->timing.activation->value;
  }
  bool flag_provision = false, flag_terminate = false;
  auto apply = [&](const std::string& name, const std::string& value, const std::string& path) {
    try {
      apply_assumption(assumptions, timing, name, value);
      if (name == "provision_s") flag_provision = true;
      if (name == "terminate_s") flag_terminate = true;
    } catch (const InputError& e) {
      for (auto d : e.diagnostics()) {
        d.path = path;
        errors.push_back(d);
      }
    }
  };
  if (scenario)
    for (const auto& [n, v] : scenario->assume) apply(n, v, "assume." + n);
  if (provision_flag) apply("provision_s", *provision_flag, "--provision-s");
  if (terminate_flag) apply("terminate_s", *terminate_flag, "--terminate-s");
  if (activation_flag) apply("activation_s", *activation_flag, "--activation-s");
  for (const auto& a : assume) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      errors.push_back(error("E_ASSUMPTION", "--assume", "NAME=VALUE", a,
                             fmt::format("--assume: expected NAME=VALUE, got '{}'", a)));
      continue;
    }
    apply(a.substr(0, eq), a.substr(eq + 1), "--assume " + a.substr(0, eq));
  }

  // --- The stochastic model (fixed defaults: the deterministic timing just computed).
  StochasticModel model = deterministic_model(timing);
  try {
    json stoch = planning;
    if (flag_provision && stoch.contains("timing")) stoch["timing"].erase("provision_s");
    if (flag_terminate && stoch.contains("timing")) stoch["timing"].erase("terminate_s");
    model = parse_stochastic_model(stoch.dump(), timing);
  } catch (const InputError& e) {
    append(errors, e.diagnostics());
  }
  if (has_errors(errors)) throw InputError(std::move(errors));

  const aws::UpdateEndpointRequest request =
      aws::parse_update_endpoint(request_text, request_doc, aws::Format::json);
  ResolvedDeployment resolved =
      resolve_deployment(request, endpoint ? &*endpoint : nullptr,
                         current_config ? &*current_config : nullptr,
                         new_config ? &*new_config : nullptr);
  append(out.warnings, resolved.warnings);
  SimulationInput& in = out.input;
  in.variants = resolved.variants;
  in.policy = resolved.policy;
  in.timing = timing;
  in.assumptions = assumptions;
  in.prices = default_prices();
  double alarm_false = 0.0;
  if (scenario) {
    for (const auto& [type, usd] : scenario->prices) in.prices[type] = usd;
    in.instance_quota = scenario->instance_quota;
    double keep = 1.0;
    for (const auto& sa : scenario->alarms)
      for (auto& a : in.policy.alarms)
        if (a.name == sa.name) {
          a.time_to_alarm = sa.time_to_alarm();
          if (sa.false_trip_per_bake) keep *= 1.0 - *sa.false_trip_per_bake;
        }
    alarm_false = 1.0 - keep;
  }
  // Per-alarm false-trip rates combine with the global one: P(any alarm trips in a bake).
  if (alarm_false > 0.0)
    model.false_trip_per_bake = 1.0 - (1.0 - model.false_trip_per_bake) * (1.0 - alarm_false);
  if (model.false_trip_per_bake >= 1.0) model.false_trip_per_bake = 0.999999;

  // No provisioning time given anywhere: each type's profile as lognormal(p50, p95).
  out.timing_given = provision_given || flag_provision;
  auto profile_dist = [](SimTime p50, SimTime p95) {
    DurationDist d;
    d.kind = DurationDist::Kind::lognormal;
    d.p50_s = to_seconds(p50);
    d.p95_s = to_seconds(std::max(p95, p50));
    d.per_instance = true;
    return d;
  };
  if (!provision_given && !flag_provision) {
    for (const auto& v : in.variants)
      for (const auto* t : {&v.new_instance_type, &v.old_instance_type}) {
        if (t->empty()) continue;
        const auto prof = timing_profile_for(*t);
        model.provision_by_type[*t] = profile_dist(prof.timing.provision, prof.provision_p95);
      }
  }
  if (!terminate_given && !flag_terminate && !in.variants.empty()) {
    const auto& t = in.variants.front().old_instance_type.empty()
                        ? in.variants.front().new_instance_type
                        : in.variants.front().old_instance_type;
    const auto prof = timing_profile_for(t);
    model.terminate = profile_dist(prof.timing.terminate, prof.terminate_p95);
  }
  out.model = model;
  out.request = request;
  out.fleet = fleet;
  out.endpoint_name = !request.endpoint_name.empty() ? request.endpoint_name
                      : endpoint                    ? endpoint->endpoint_name
                                                    : std::string();
  return out;
}

}  // namespace shiftsim::cli
