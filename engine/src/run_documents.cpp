// Step 1 of assemble_run_inputs(): the AWS documents of one run (run_steps.hpp).
#include "run_steps.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/document_checks.hpp"
#include "shiftsim/validate.hpp"

#include <fmt/core.h>

#include <cstdint>

namespace shiftsim::detail {

namespace {

/// The most instances one variant may have in a simulation (no SageMaker quota comes close; it
/// keeps every count and sum far inside int).
constexpr std::int32_t kMaxInstancesPerVariant = 10000;

void check_count(const std::optional<std::int32_t>& v, const std::string& path,
                 const std::string& doc, Diagnostics& errors) {
  if (!v || *v <= kMaxInstancesPerVariant) return;
  errors.push_back(error_diagnostic(
      error_code::range, path, fmt::format("must be <= {} to simulate", kMaxInstancesPerVariant),
      std::to_string(*v),
      fmt::format("must be at most {} instances per variant to simulate (got {}) in {}",
                  kMaxInstancesPerVariant, *v, doc)));
}

void check_fleet_sizes(const aws::DescribeEndpoint* ep, const std::string& ep_prefix,
                       const aws::DescribeEndpointConfig* cur, const std::string& cur_prefix,
                       const aws::DescribeEndpointConfig* nw, const std::string& new_prefix,
                       Diagnostics& errors) {
  if (ep)
    for (std::size_t i = 0; i < ep->production_variants.size(); ++i) {
      const auto& v = ep->production_variants[i];
      const std::string p = fmt::format("{}ProductionVariants[{}].", ep_prefix, i);
      check_count(v.current_instance_count, p + "CurrentInstanceCount", "describe-endpoint",
                  errors);
      check_count(v.desired_instance_count, p + "DesiredInstanceCount", "describe-endpoint",
                  errors);
    }
  auto config = [&](const aws::DescribeEndpointConfig* c, const std::string& prefix) {
    if (!c) return;
    for (std::size_t i = 0; i < c->production_variants.size(); ++i)
      check_count(c->production_variants[i].initial_instance_count,
                  fmt::format("{}ProductionVariants[{}].InitialInstanceCount", prefix, i),
                  "describe-endpoint-config", errors);
  };
  config(cur, cur_prefix);
  config(nw, new_prefix);
}

template <class T>
const T* ptr(const std::optional<T>& o) {
  return o ? &*o : nullptr;
}

/// Where a scenario takes each kind of document, for E_WRONG_DOCUMENT (amendment A7).
const DocumentPlaces& scenario_keys() {
  static const DocumentPlaces keys{"request: in the scenario", "endpoint: in the scenario",
                                   "current_config: (the config the endpoint runs now) or "
                                   "new_config: (the config the request deploys) in the scenario"};
  return keys;
}

/// The scenario's embedded describe documents, where none was given directly; one of the wrong
/// kind is E_WRONG_DOCUMENT.
void take_embedded(RunDocuments& d, const Scenario& scenario, const std::string& scenario_name,
                   Diagnostics& errors) {
  auto embedded = [&](const std::optional<std::string>& text, const char* key, DocumentKind kind,
                      auto parse, auto& slot, std::string& source) {
    if (!text || slot) return;
    Diagnostics ws;
    source = fmt::format("{} ({})", scenario_name, key);
    if (auto wrong = wrong_document(*text, aws::Format::json, kind, source, scenario_keys())) {
      wrong->path = key;
      errors.push_back(std::move(*wrong));
      return;
    }
    try {
      slot = parse(*text, source, &ws);
    } catch (const InputError& e) {
      Diagnostics ds = e.diagnostics();
      prefix_paths(ds, key);
      append_diagnostics(errors, ds);
    }
    prefix_paths(ws, key);
    append_diagnostics(d.warnings, ws);
  };
  const auto parse_endpoint = [](const std::string& t, const std::string& n, Diagnostics* w) {
    return aws::parse_describe_endpoint(t, n, aws::Format::json, w);
  };
  const auto parse_config = [](const std::string& t, const std::string& n, Diagnostics* w) {
    return aws::parse_describe_endpoint_config(t, n, aws::Format::json, w);
  };
  embedded(scenario.endpoint_json, "endpoint", DocumentKind::describe_endpoint, parse_endpoint,
           d.endpoint, d.endpoint_source);
  embedded(scenario.current_config_json, "current_config", DocumentKind::describe_endpoint_config,
           parse_config, d.current_config, d.current_config_source);
  embedded(scenario.new_config_json, "new_config", DocumentKind::describe_endpoint_config,
           parse_config, d.new_config, d.new_config_source);
}

/// The request: one given directly wins over the scenario's `request:`. Returns the prefix of
/// the request's paths in messages ("request" for the scenario's, else empty).
std::string take_request(RunDocuments& d, const GivenDocuments& given, const Scenario* scenario,
                         const std::string& scenario_name, const InputHints& hints,
                         Diagnostics& errors) {
  if (given.request_given) {
    d.request_text = given.request_json;
    d.request_source = given.request_source;
    if (scenario && scenario->request_json)
      d.warnings.push_back({Severity::warning, warning_code::scenario_request_replaced, "request",
                            "", "", "The request given by flags replaces the scenario's request:."});
    return "";
  }
  if (scenario && scenario->request_json) {
    d.request_doc = fmt::format("{} (request)", scenario_name);
    if (auto wrong = wrong_document(*scenario->request_json, aws::Format::json,
                                    DocumentKind::update_endpoint_request, d.request_doc,
                                    scenario_keys())) {
      wrong->path = "request";
      errors.push_back(std::move(*wrong));
      return "";
    }
    d.request_text = *scenario->request_json;
    d.request_source = d.request_doc;
    return "request";
  }
  if (errors.empty())
    errors.push_back(error_diagnostic(error_code::required, "request",
                                      "an UpdateEndpoint request is required", "",
                                      "no UpdateEndpoint request: " + hints.request));
  return "";
}

/// The documents must agree, and the endpoint be updatable (amendments A6, A7).
void check_agreement(RunDocuments& d, Diagnostics& errors) {
  const aws::UpdateEndpointRequest request =
      aws::parse_update_endpoint(d.request_text, d.request_doc, aws::Format::json);
  for (auto& x : check_documents(NamedDocuments{
           &request, d.request_source.empty() ? d.request_doc : d.request_source,
           ptr(d.endpoint), d.endpoint_source, ptr(d.current_config), d.current_config_source,
           ptr(d.new_config), d.new_config_source}))
    (x.severity == Severity::error ? errors : d.warnings).push_back(std::move(x));
}

}  // namespace

void prefix_paths(Diagnostics& ds, const std::string& prefix) {
  for (auto& d : ds) {
    if (d.path.empty()) d.path = prefix;
    else if (d.path.front() == '[') d.path = prefix + d.path;
    else d.path = prefix + "." + d.path;
  }
}

RunDocuments gather_documents(const GivenDocuments& given, const Scenario* scenario,
                              const std::string& scenario_name, const InputHints& hints,
                              Diagnostics& errors) {
  RunDocuments d;
  d.endpoint = given.endpoint;
  d.current_config = given.current_config;
  d.new_config = given.new_config;
  d.warnings = given.warnings;
  d.endpoint_source = given.endpoint_source;
  d.current_config_source = given.current_config_source;
  d.new_config_source = given.new_config_source;
  if (scenario) take_embedded(d, *scenario, scenario_name, errors);
  const std::string request_prefix =
      take_request(d, given, scenario, scenario_name, hints, errors);
  if (!d.endpoint && !d.current_config && !d.new_config && !d.request_text.empty())
    errors.push_back(error_diagnostic(error_code::required, "endpoint",
                                      "the fleet must be known", "",
                                      "no fleet to simulate: " + hints.fleet));
  check_fleet_sizes(ptr(d.endpoint), given.endpoint ? "" : "endpoint.", ptr(d.current_config),
                    given.current_config ? "" : "current_config.", ptr(d.new_config),
                    given.new_config ? "" : "new_config.", errors);
  d.fleet = make_fleet_context(ptr(d.endpoint), ptr(d.current_config), ptr(d.new_config));
  if (!d.request_text.empty()) {
    Diagnostics ds = validate_request(d.request_text, aws::Format::json, &d.fleet, d.request_doc);
    if (!request_prefix.empty()) prefix_paths(ds, request_prefix);
    const bool valid = !has_errors(ds);
    for (auto& x : ds) (x.severity == Severity::error ? errors : d.validate_warnings).push_back(x);
    if (valid) check_agreement(d, errors);
  }

  for (const auto* c : {ptr(d.new_config), ptr(d.current_config)}) {
    if (!c || !d.new_types.empty()) continue;
    for (const auto& v : c->production_variants)
      if (!v.instance_type.empty()) d.new_types.push_back(v.instance_type);
  }
  return d;
}

}  // namespace shiftsim::detail
