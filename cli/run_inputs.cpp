// gather_documents(), gather_timing(), build_simulation_input(): see run_inputs.hpp.
#include "run_inputs.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/prices.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdint>

namespace shiftsim::cli {

namespace {

/// Paths of an embedded document become `<prefix>.<path>` (the document root itself: prefix).
void prefix_paths(Diagnostics& ds, const std::string& prefix) {
  for (auto& d : ds) {
    if (d.path.empty()) d.path = prefix;
    else if (d.path.front() == '[') d.path = prefix + d.path;
    else d.path = prefix + "." + d.path;
  }
}

/// The most instances one variant may have in a simulation (no SageMaker quota comes close; it
/// keeps every count and sum far inside int).
constexpr std::int32_t kMaxInstancesPerVariant = 10000;

void check_count(const std::optional<std::int32_t>& v, const std::string& path,
                 const std::string& doc, Diagnostics& errors) {
  if (!v || *v <= kMaxInstancesPerVariant) return;
  errors.push_back(error_diagnostic(error_code::range, path,
                         fmt::format("must be <= {} to simulate", kMaxInstancesPerVariant),
                         std::to_string(*v),
                         fmt::format("must be at most {} instances per variant to simulate (got "
                                     "{}) in {}",
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

}  // namespace

RunDocuments gather_documents(const AwsInputs& aws_in, const Scenario* scenario,
                              const std::string& scenario_name, Diagnostics& errors) {
  RunDocuments d;
  d.endpoint = aws_in.endpoint;
  d.current_config = aws_in.current_config;
  d.new_config = aws_in.new_config;
  d.warnings = aws_in.warnings;
  if (scenario) {
    auto embedded = [&](const std::optional<std::string>& text, const char* key, auto parse,
                        auto& slot) {
      if (!text || slot) return;
      Diagnostics ws;
      try {
        slot = parse(*text, fmt::format("{} ({})", scenario_name, key), &ws);
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
    embedded(scenario->endpoint_json, "endpoint", parse_endpoint, d.endpoint);
    embedded(scenario->current_config_json, "current_config", parse_config, d.current_config);
    embedded(scenario->new_config_json, "new_config", parse_config, d.new_config);
  }

  // The request: flags (or --request) win over the scenario's `request:`.
  std::string request_prefix;
  if (aws_in.has_request()) {
    d.request_text = aws_in.request_json;
    if (scenario && scenario->request_json)
      d.warnings.push_back({Severity::warning, warning_code::scenario_request_replaced, "request", "", "",
                            "The request given by flags replaces the scenario's request:."});
  } else if (scenario && scenario->request_json) {
    d.request_text = *scenario->request_json;
    request_prefix = "request";
    d.request_doc = fmt::format("{} (request)", scenario_name);
  } else if (errors.empty()) {
    errors.push_back(error_diagnostic(error_code::required, "request", "an UpdateEndpoint request is required", "",
                           "no UpdateEndpoint request: give --request FILE, the AWS CLI's "
                           "update-endpoint flags, or request: in the --scenario file"));
  }
  if (!d.endpoint && !d.current_config && !d.new_config && !d.request_text.empty())
    errors.push_back(error_diagnostic(
        error_code::required, "endpoint", "the fleet must be known", "",
        "no fleet to simulate: give the describe-endpoint output (--endpoint FILE or endpoint: "
        "in the scenario) and/or the endpoint configs (--current-config/--new-config FILE or "
        "current_config:/new_config:)"));
  check_fleet_sizes(ptr(d.endpoint), aws_in.endpoint ? "" : "endpoint.", ptr(d.current_config),
                    aws_in.current_config ? "" : "current_config.", ptr(d.new_config),
                    aws_in.new_config ? "" : "new_config.", errors);
  d.fleet = make_fleet_context(ptr(d.endpoint), ptr(d.current_config), ptr(d.new_config));
  if (!d.request_text.empty()) {
    Diagnostics ds = validate_request(d.request_text, aws::Format::json, &d.fleet, d.request_doc);
    if (!request_prefix.empty()) prefix_paths(ds, request_prefix);
    for (auto& x : ds) (x.severity == Severity::error ? errors : d.validate_warnings).push_back(x);
  }

  for (const auto* c : {ptr(d.new_config), ptr(d.current_config)}) {
    if (!c || !d.new_types.empty()) continue;
    for (const auto& v : c->production_variants)
      if (!v.instance_type.empty()) d.new_types.push_back(v.instance_type);
  }
  return d;
}

TimingInputs gather_timing(const std::vector<std::string>& new_types, const Scenario* scenario,
                           const TimingFlags& flags, Diagnostics& errors) {
  TimingInputs t;
  t.profile = default_timing_profile(new_types);
  t.timing = t.profile.timing;
  if (scenario) {
    auto take = [&](const std::optional<TimingSetting>& s, SimTime& slot, std::string& src,
                    const char* name) {
      if (!s) return;
      slot = s->value;
      src = "scenario";
      if (s->distribution) {
        const auto& dist = *s->distribution;
        if (dist.kind == "fixed") return;
        src = "scenario distribution";
        t.distribution_notes.push_back(
            {fmt::format("{}_distribution", name),
             fmt::format("{} p50 {} s{} per {}: each operation at its median{}", dist.kind,
                         dist.p50 ? format_seconds(*dist.p50) : "?",
                         dist.p95 ? fmt::format(", p95 {} s", format_seconds(*dist.p95)) : "",
                         dist.per,
                         dist.per == "instance" ? " (a batch: the median of its slowest instance)"
                                                : "")});
      }
    };
    take(scenario->timing.provision, t.timing.provision, t.provision_source, "provision_s");
    take(scenario->timing.terminate, t.timing.terminate, t.terminate_source, "terminate_s");
    take(scenario->timing.activation, t.timing.activation, t.activation_source, "activation_s");
  }
  auto apply = [&](const std::string& name, const std::string& value, const std::string& path,
                   const std::string& source) {
    try {
      apply_assumption(t.assumptions, t.timing, name, value);
      if (name == "provision_s") {
        t.provision_source = source;
        t.provision_overridden = true;
      }
      if (name == "terminate_s") {
        t.terminate_source = source;
        t.terminate_overridden = true;
      }
      if (name == "activation_s") t.activation_source = source;
    } catch (const InputError& e) {
      for (auto d : e.diagnostics()) {
        d.path = path;
        errors.push_back(d);
      }
    }
  };
  if (scenario)
    for (const auto& [n, v] : scenario->assume) apply(n, v, "assume." + n, "scenario assume");
  if (flags.provision) apply("provision_s", *flags.provision, "--provision-s", "--provision-s");
  if (flags.terminate) apply("terminate_s", *flags.terminate, "--terminate-s", "--terminate-s");
  if (flags.activation)
    apply("activation_s", *flags.activation, "--activation-s", "--activation-s");
  for (const auto& a : flags.assume) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      errors.push_back(error_diagnostic(error_code::assumption, "--assume", "NAME=VALUE", a,
                             fmt::format("--assume: expected NAME=VALUE, got '{}'", a)));
      continue;
    }
    apply(a.substr(0, eq), a.substr(eq + 1), "--assume " + a.substr(0, eq), "--assume");
  }
  return t;
}

BuiltInput build_simulation_input(const RunDocuments& docs, const TimingInputs& timing,
                                  const Scenario* scenario) {
  BuiltInput b;
  // The request was validated by gather_documents(): parsing cannot fail on the model.
  b.request = aws::parse_update_endpoint(docs.request_text, docs.request_doc, aws::Format::json);
  ResolvedDeployment resolved =
      resolve_deployment(b.request, ptr(docs.endpoint), ptr(docs.current_config),
                         ptr(docs.new_config));
  b.resolve_warnings = std::move(resolved.warnings);
  SimulationInput& in = b.input;
  in.variants = std::move(resolved.variants);
  in.policy = std::move(resolved.policy);
  in.timing = timing.timing;
  in.assumptions = timing.assumptions;
  in.prices = default_prices();
  if (scenario) {
    for (const auto& [type, usd] : scenario->prices) in.prices[type] = usd;
    in.instance_quota = scenario->instance_quota;
    double keep = 1.0;  // P(no alarm of the config fires falsely in a bake)
    for (const auto& sa : scenario->alarms) {
      bool used = false;
      for (auto& a : in.policy.alarms)
        if (a.name == sa.name) {
          a.time_to_alarm = sa.time_to_alarm();
          if (sa.false_trip_per_bake) keep *= 1.0 - *sa.false_trip_per_bake;
          used = true;
        }
      if (!used)
        b.alarm_warnings.push_back(
            {Severity::warning, warning_code::scenario_alarm_unused, "alarms." + sa.name, "", "",
             fmt::format("The scenario times alarm '{}', which the deployment config does not "
                         "name in AutoRollbackConfiguration.Alarms.",
                         sa.name)});
    }
    b.alarm_false_trip_per_bake = 1.0 - keep;
  }
  b.endpoint_name = !b.request.endpoint_name.empty() ? b.request.endpoint_name
                    : docs.endpoint                  ? docs.endpoint->endpoint_name
                                                     : std::string();
  return b;
}

StochasticModel parse_run_model(const nlohmann::json& planning, const TimingInputs& timing,
                                Diagnostics& errors) {
  StochasticModel model = deterministic_model(timing.timing);
  try {
    nlohmann::json stoch = planning;
    if (stoch.contains("timing") && stoch["timing"].is_object()) {
      if (timing.provision_overridden) stoch["timing"].erase("provision_s");
      if (timing.terminate_overridden) stoch["timing"].erase("terminate_s");
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
  if (timing.provision_source == "profile") {
    for (const auto& v : variants)
      for (const auto* t : {&v.new_instance_type, &v.old_instance_type}) {
        if (t->empty()) continue;
        const auto prof = timing_profile_for(*t);
        model.provision_by_type[*t] = profile_dist(prof.timing.provision, prof.provision_p95);
      }
  }
  if (timing.terminate_source == "profile" && !variants.empty()) {
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

}  // namespace shiftsim::cli
