// A fleet record and the fleet's defaults as the engine's RunSources (shiftsim/fleet_input.hpp).
#include "shiftsim/fleet_input.hpp"

#include "json_tree.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/input_limits.hpp"

#include <fmt/core.h>

namespace shiftsim {

namespace fs = std::filesystem;
using detail::Json;

namespace {

constexpr const char* kDefaultsSchema = "shiftsim.fleet-defaults/v1";

/// `text` (JSON, or YAML by `name`'s extension) as a tree; problems go to `errors`.
std::optional<Json> tree(const std::string& text, const std::string& name, Diagnostics& errors) {
  return detail::parse_tree(text, aws::detect_format(text, name), name, errors);
}

Diagnostic type_error(const std::string& path, const char* rule, const Json& value) {
  return error_diagnostic(error_code::type, path, rule, value.dump(),
                          fmt::format("{}, got {}", rule, value.dump()));
}

/// A scalar option value as the text a user would type.
std::optional<std::string> option_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number()) return v.dump();
  return std::nullopt;
}

/// The options of one member of "options" (`scope` "" for every command): a scalar, or an array
/// of scalars (one option per element, in order).
void add_options(const std::string& scope, const std::string& name, const Json& v,
                 const std::string& at, FleetDefaults& d, Diagnostics& errors) {
  const auto add = [&](const Json& e, const std::string& path, bool listed) {
    if (const auto text = option_text(e))
      d.options.push_back({scope, name, *text, path, e.is_boolean(), listed});
    else
      errors.push_back(type_error(
          path, listed ? "must be a scalar" : "must be a scalar or an array of scalars", e));
  };
  if (!v.is_array()) return add(v, at, false);
  for (std::size_t i = 0; i < v.size(); ++i) add(v[i], fmt::format("{}[{}]", at, i), true);
}

/// The request to run when the record has none: the defaults' template with the endpoint's names.
std::string default_request(const FleetRecord& record, const FleetDefaults& defaults,
                            const std::optional<aws::DescribeEndpointConfig>& new_config,
                            const std::optional<aws::DescribeEndpoint>& endpoint,
                            Diagnostics& errors) {
  Json req = Json::object();
  if (defaults.request) {
    auto t = tree(*defaults.request, defaults.source + ".request", errors);
    if (t && t->is_object()) req = std::move(*t);
  }
  if (!req.contains("EndpointName")) req["EndpointName"] = record.name;
  if (!req.contains("EndpointConfigName")) {
    if (new_config) req["EndpointConfigName"] = new_config->endpoint_config_name;
    else if (endpoint) req["EndpointConfigName"] = endpoint->endpoint_config_name;
  }
  return req.dump();
}

}  // namespace

std::optional<fs::path> fleet_defaults_path(const fs::path& fleet) {
  for (const char* f : {"fleet-defaults.json", "fleet-defaults.yaml", "fleet-defaults.yml"}) {
    std::error_code ec;
    if (fs::is_regular_file(fleet / f, ec)) return fleet / f;
  }
  return std::nullopt;
}

FleetDefaults read_fleet_defaults(const fs::path& path) {
  FleetDefaults d;
  d.source = path.string();
  const std::string text = read_input_text(d.source, "fleet defaults");
  Diagnostics errors;
  const auto t = tree(text, d.source, errors);
  if (t && !t->is_object()) errors.push_back(type_error(d.source, "must be an object", *t));
  if (t && t->is_object()) {
    for (const auto& [key, value] : t->items()) {
      const std::string at = d.source + ":" + key;
      if (key == "schema") {
        if (value != kDefaultsSchema)
          errors.push_back(error_diagnostic(
              error_code::enum_value, at, fmt::format("must be \"{}\"", kDefaultsSchema),
              value.dump(), fmt::format("must be \"{}\", got {}", kDefaultsSchema, value.dump())));
      } else if (key == "options") {
        if (!value.is_object()) {
          errors.push_back(type_error(at, "must be an object of option values", value));
          continue;
        }
        for (const auto& [name, v] : value.items()) {
          if (!v.is_object()) {
            add_options("", name, v, at + "." + name, d, errors);
            continue;
          }
          for (const auto& [scoped, sv] : v.items())  // options of one command
            add_options(name, scoped, sv, at + "." + name + "." + scoped, d, errors);
        }
      } else if (key == "scenario" || key == "request") {
        if (!value.is_object()) errors.push_back(type_error(at, "must be an object", value));
        else (key == "scenario" ? d.scenario : d.request) = value.dump();
      } else {
        errors.push_back(error_diagnostic(
            error_code::unknown_member, at, "one of schema, options, scenario, request",
            fmt::format("\"{}\"", key),
            "unknown member (expected schema, options, scenario, request)"));
      }
    }
    d.canonical = t->dump();
  }
  if (has_errors(errors)) throw InputError(std::move(errors));
  return d;
}

RunSources fleet_run_sources(const FleetRecord& record, const FleetDefaults& defaults,
                             Diagnostics& errors) {
  append_diagnostics(errors, record.errors);
  RunSources s;
  const auto doc = [&](const char* file) { return record.source + "/" + file; };
  const auto read = [&](auto parse, const std::optional<std::string>& text, const char* file,
                        auto& into) {
    if (!text) return;
    try {
      into = parse(*text, doc(file), aws::Format::json, &s.given.warnings);
    } catch (const InputError& e) {
      append_diagnostics(errors, e.diagnostics());
    }
  };
  read(aws::parse_describe_endpoint, record.endpoint, "endpoint.json", s.given.endpoint);
  read(aws::parse_describe_endpoint_config, record.current_config, "current-config.json",
       s.given.current_config);
  read(aws::parse_describe_endpoint_config, record.new_config, "new-config.json",
       s.given.new_config);
  s.given.request_given = true;
  s.given.request_json = record.request ? *record.request
                                        : default_request(record, defaults, s.given.new_config,
                                                          s.given.endpoint, errors);

  // The scenario: the defaults' with the record's merged over it.
  std::optional<Json> scenario;
  if (defaults.scenario) scenario = tree(*defaults.scenario, defaults.source, errors);
  if (record.scenario) {
    auto overrides = tree(*record.scenario, record.scenario_name, errors);
    if (overrides && scenario) scenario->merge_patch(*overrides);
    else if (overrides) scenario = std::move(overrides);
  }
  s.model_members = "{}";
  if (scenario) {
    s.scenario_name = record.scenario ? record.scenario_name : defaults.source;
    PlanningScenario ps = parse_planning_scenario(scenario->dump(), s.scenario_name + ".json",
                                                  errors);
    s.scenario = std::move(ps.scenario);
    s.model_members = std::move(ps.model_members);
  }
  s.hints.request = "give request.json in the endpoint's record, or request: in the defaults";
  s.hints.fleet = "give endpoint.json, current-config.json and new-config.json in the record";
  return s;
}

}  // namespace shiftsim
