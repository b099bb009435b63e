// `shiftsim simulate`: step through one UpdateEndpoint (engine contract) and report it.
//
//   shiftsim simulate --endpoint describe-endpoint.json --current-config old-config.json
//                     --new-config new-config.json --request update-endpoint.json
//   shiftsim simulate --scenario scenarios/gpu-llm-canary.yaml [--output json]
//
// Inputs: the AWS documents (or the AWS CLI's own update-endpoint flags, cli/aws_flags.hpp) and/or
// a scenario file (engine/include/shiftsim/scenario.hpp) that may embed all of them. A document
// given by flag replaces the scenario's copy. Precedence of the timing model and assumptions:
// the default profile of the new instance type (docs/timing-model.md) < scenario `timing:` <
// scenario `assume:` < --provision-s/--terminate-s/--activation-s < --assume NAME=VALUE.
// Invalid input: every problem is listed (as `validate` does) and the exit code is 2.
#include "aws_flags.hpp"
#include "commands.hpp"
#include "report/csv_report.hpp"
#include "report/html_report.hpp"
#include "report/json_report.hpp"
#include "report/table_report.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/prices.hpp"
#include "shiftsim/resolve.hpp"
#include "shiftsim/scenario.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/timing_profile.hpp"
#include "shiftsim/validate.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::cli {

namespace {

constexpr const char* kUsage =
    "usage: shiftsim simulate [--scenario FILE] [AWS inputs] [options]\n"
    "\n"
    "Steps through one SageMaker UpdateEndpoint: capacity, traffic, duration, cost and the\n"
    "rollback a trip at each bake would cause (docs/engine-contract.md).\n"
    "\n"
    "inputs:\n"
    "  --scenario FILE          a what-if (YAML or JSON): timing, prices, quota, alarms, trip,\n"
    "                           assume, question, and optionally the AWS documents below\n"
    "                           (endpoint:, current_config:, new_config:, request:)\n"
    "{}"
    "\n"
    "faults and timing:\n"
    "  --trip-at-bake K         an alarm trips at the start of bake K (1-based)\n"
    "  --trip-at-s T            an alarm trips T seconds after the request\n"
    "  --provision-s S          P: seconds to provision one batch (decimals allowed)\n"
    "  --terminate-s S          D: seconds to terminate one batch\n"
    "  --activation-s S         A: seconds for one traffic shift\n"
    "  --assume NAME=VALUE      override a named assumption (repeatable); names:\n"
    "                           {}\n"
    "\n"
    "output:\n"
    "  --output table|json|csv  table (default), JSON schema shiftsim.simulation/v1, CSV steps\n"
    "  --out FILE               write the output to FILE (atomically) instead of stdout\n"
    "  --report FILE.html       also write a self-contained HTML report\n"
    "\n"
    "exit codes: 0 ok, 2 invalid input (every problem listed), 3 output not writable\n";

struct Options {
  std::optional<std::string> scenario;
  std::optional<int> trip_bake;
  std::optional<SimTime> trip_at;
  std::vector<std::string> assume;  ///< NAME=VALUE
  std::optional<std::pair<std::string, std::string>> provision, terminate, activation;
  std::string output = "table";
  std::optional<std::string> out;
  std::optional<std::string> report;
  bool help = false;
};

/// Paths of an embedded document become `<prefix>.<path>` (the document root itself: prefix).
void prefix_paths(Diagnostics& ds, const std::string& prefix) {
  for (auto& d : ds) {
    if (d.path.empty()) d.path = prefix;
    else if (d.path.front() == '[') d.path = prefix + d.path;
    else d.path = prefix + "." + d.path;
  }
}

void append(Diagnostics& to, const Diagnostics& from) { to.insert(to.end(), from.begin(), from.end()); }

Diagnostic error(std::string code, std::string path, std::string rule, std::string value,
                 std::string message) {
  return Diagnostic{Severity::error, std::move(code), std::move(path), std::move(rule),
                    std::move(value), std::move(message)};
}

Options parse_options(const Args& rest, Diagnostics& errors) {
  Options o;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    std::string flag = rest[i];
    std::optional<std::string> inline_value;
    if (flag.rfind("--", 0) == 0) {
      if (const auto eq = flag.find('='); eq != std::string::npos) {
        inline_value = flag.substr(eq + 1);
        flag = flag.substr(0, eq);
      }
    }
    auto value = [&]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= rest.size()) throw CliUsageError(fmt::format("{} needs a value", flag));
      return rest[++i];
    };
    if (flag == "--help" || flag == "-h") {
      o.help = true;
    } else if (flag == "--scenario") {
      o.scenario = value();
    } else if (flag == "--trip-at-bake") {
      const std::string v = value();
      int k = 0;
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), k);
      if (ec != std::errc() || p != v.data() + v.size() || k < 1)
        errors.push_back(error("E_RANGE", "--trip-at-bake", "must be an integer >= 1", v,
                               fmt::format("must be a bake number >= 1, got '{}'", v)));
      else o.trip_bake = k;
    } else if (flag == "--trip-at-s") {
      const std::string v = value();
      double s = 0;
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), s);
      std::optional<SimTime> t;
      if (ec == std::errc() && p == v.data() + v.size()) t = seconds_to_simtime(s);
      if (!t)
        errors.push_back(error("E_RANGE", "--trip-at-s", "must be seconds in [0, 86400]", v,
                               fmt::format("must be seconds between 0 and 86400, got '{}'", v)));
      else o.trip_at = t;
    } else if (flag == "--assume") {
      o.assume.push_back(value());
    } else if (flag == "--provision-s") {
      o.provision = std::pair{flag, value()};
    } else if (flag == "--terminate-s") {
      o.terminate = std::pair{flag, value()};
    } else if (flag == "--activation-s") {
      o.activation = std::pair{flag, value()};
    } else if (flag == "--output" || flag == "-o") {
      o.output = value();
      if (o.output != "table" && o.output != "json" && o.output != "csv")
        throw CliUsageError(
            fmt::format("--output must be table, json or csv (got '{}')", o.output));
    } else if (flag == "--out") {
      o.out = value();
    } else if (flag == "--report") {
      o.report = value();
    } else {
      throw CliUsageError(fmt::format("simulate: unknown argument '{}'; see 'shiftsim simulate --help'",
                                      rest[i]));
    }
  }
  if (o.trip_bake && o.trip_at)
    throw CliUsageError("give at most one of --trip-at-bake and --trip-at-s");
  return o;
}

/// Adds `w` unless a warning with the same code and message is already there.
void add_warning(Diagnostics& ws, const Diagnostic& w) {
  for (const auto& x : ws)
    if (x.code == w.code && x.message == w.message) return;
  ws.push_back(w);
}

/// simulate's own flags (with their values) picked out of `args`; used when the AWS flags could
/// not be read, so that the scenario and the other flags are still checked.
Args own_flags(const Args& args) {
  static constexpr std::string_view with_value[] = {
      "--scenario",     "--trip-at-bake",  "--trip-at-s", "--assume",
      "--provision-s",  "--terminate-s",   "--activation-s", "--output",
      "-o",             "--out",           "--report"};
  Args own;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    const std::string_view name = a.substr(0, a.find('='));
    if (a == "--help" || a == "-h") {
      own.push_back(args[i]);
      continue;
    }
    for (auto f : with_value) {
      if (name != f) continue;
      own.push_back(args[i]);
      if (name.size() == a.size() && i + 1 < args.size()) own.push_back(args[++i]);
      break;
    }
  }
  return own;
}

/// The most instances one variant may have in a simulation (no SageMaker quota comes close; it
/// keeps every count and sum far inside int).
constexpr std::int32_t kMaxInstancesPerVariant = 10000;

void check_count(const std::optional<std::int32_t>& v, const std::string& path,
                 const std::string& doc, Diagnostics& errors) {
  if (!v || *v <= kMaxInstancesPerVariant) return;
  errors.push_back(error("E_RANGE", path,
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

std::string names_line() {
  std::string s;
  for (auto n : assumption_names()) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

}  // namespace

int run_simulate(const Args& args) {
  Diagnostics errors;
  Args rest;
  AwsInputs aws_in;
  try {
    aws_in = parse_aws_flags(args, rest);
  } catch (const InputError& e) {
    append(errors, e.diagnostics());
    // Keep going with simulate's own flags, to report every problem at once.
    rest = own_flags(args);
  }
  Options opt = parse_options(rest, errors);
  if (opt.help) {
    fmt::print(kUsage, aws_flags_help(), names_line());
    return kExitOk;
  }

  // --- The scenario and its embedded documents (a document given by flag wins).
  std::optional<Scenario> scenario;
  if (opt.scenario) {
    scenario = load_scenario(*opt.scenario, errors);
  }
  Diagnostics input_warnings = aws_in.warnings;
  std::optional<aws::DescribeEndpoint> endpoint = aws_in.endpoint;
  std::optional<aws::DescribeEndpointConfig> current_config = aws_in.current_config;
  std::optional<aws::DescribeEndpointConfig> new_config = aws_in.new_config;
  const std::string scen_name = opt.scenario.value_or("scenario");
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
      append(input_warnings, ws);
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

  // --- The request: flags (or --request) win over the scenario's `request:`.
  std::string request_text;
  std::string request_prefix;
  std::string request_doc = "request";
  if (aws_in.has_request()) {
    request_text = aws_in.request_json;
    if (scenario && scenario->request_json)
      input_warnings.push_back({Severity::warning, "W_SCENARIO_REQUEST_REPLACED", "request", "", "",
                                "The request given by flags replaces the scenario's request:."});
  } else if (scenario && scenario->request_json) {
    request_text = *scenario->request_json;
    request_prefix = "request";
    request_doc = fmt::format("{} (request)", scen_name);
  } else if (errors.empty()) {
    errors.push_back(error("E_REQUIRED", "request", "an UpdateEndpoint request is required", "",
                           "no UpdateEndpoint request: give --request FILE, the AWS CLI's "
                           "update-endpoint flags, or request: in the --scenario file"));
  }
  if (!endpoint && !current_config && !new_config && !request_text.empty())
    errors.push_back(error(
        "E_REQUIRED", "endpoint", "the fleet must be known", "",
        "no fleet to simulate: give the describe-endpoint output (--endpoint FILE or endpoint: "
        "in the scenario) and/or the endpoint configs (--current-config/--new-config FILE or "
        "current_config:/new_config:)"));
  check_fleet_sizes(endpoint ? &*endpoint : nullptr, aws_in.endpoint ? "" : "endpoint.",
                    current_config ? &*current_config : nullptr,
                    aws_in.current_config ? "" : "current_config.",
                    new_config ? &*new_config : nullptr, aws_in.new_config ? "" : "new_config.",
                    errors);
  const FleetContext fleet = make_fleet_context(endpoint ? &*endpoint : nullptr,
                                                current_config ? &*current_config : nullptr,
                                                new_config ? &*new_config : nullptr);
  Diagnostics validate_warnings;
  if (!request_text.empty()) {
    Diagnostics ds = validate_request(request_text, aws::Format::json, &fleet, request_doc);
    if (!request_prefix.empty()) prefix_paths(ds, request_prefix);
    for (auto& d : ds) (d.severity == Severity::error ? errors : validate_warnings).push_back(d);
  }

  // --- Timing, assumptions, trip, prices (collecting every problem).
  Assumptions assumptions;
  Timing timing;
  std::vector<std::string> new_types;
  // Resolved below; the profile needs the new instance types, taken from the new config here.
  // The new fleet's types; without a new config, the running fleet's (assumed unchanged).
  for (const auto* c : {new_config ? &*new_config : nullptr, current_config ? &*current_config : nullptr}) {
    if (!c || !new_types.empty()) continue;
    for (const auto& v : c->production_variants)
      if (!v.instance_type.empty()) new_types.push_back(v.instance_type);
  }
  const TimingProfile profile = default_timing_profile(new_types);
  timing = profile.timing;
  std::string src_p = "profile", src_d = "profile", src_a = "profile";
  std::vector<AssumptionValue> distribution_notes;
  if (scenario) {
    auto take = [&](const std::optional<TimingSetting>& s, SimTime& slot, std::string& src,
                    const char* name) {
      if (!s) return;
      slot = s->value;
      src = "scenario";
      if (s->distribution) {
        const auto& d = *s->distribution;
        src = "scenario p50";
        distribution_notes.push_back(
            {fmt::format("{}_distribution", name),
             fmt::format("{} p50 {} s{} per {}: simulate uses p50", d.kind,
                         d.p50 ? format_seconds(*d.p50) : "?",
                         d.p95 ? fmt::format(", p95 {} s", format_seconds(*d.p95)) : "", d.per)});
      }
    };
    take(scenario->timing.provision, timing.provision, src_p, "provision_s");
    take(scenario->timing.terminate, timing.terminate, src_d, "terminate_s");
    take(scenario->timing.activation, timing.activation, src_a, "activation_s");
  }
  auto apply = [&](const std::string& name, const std::string& value, const std::string& path,
                   const std::string& source) {
    try {
      apply_assumption(assumptions, timing, name, value);
      if (name == "provision_s") src_p = source;
      if (name == "terminate_s") src_d = source;
      if (name == "activation_s") src_a = source;
    } catch (const InputError& e) {
      for (auto d : e.diagnostics()) {
        d.path = path;
        errors.push_back(d);
      }
    }
  };
  if (scenario)
    for (const auto& [n, v] : scenario->assume) apply(n, v, "assume." + n, "scenario assume");
  if (opt.provision) apply("provision_s", opt.provision->second, "--provision-s", "--provision-s");
  if (opt.terminate) apply("terminate_s", opt.terminate->second, "--terminate-s", "--terminate-s");
  if (opt.activation)
    apply("activation_s", opt.activation->second, "--activation-s", "--activation-s");
  for (const auto& a : opt.assume) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      errors.push_back(error("E_ASSUMPTION", "--assume", "NAME=VALUE", a,
                             fmt::format("expected NAME=VALUE, got '{}'", a)));
      continue;
    }
    apply(a.substr(0, eq), a.substr(eq + 1), "--assume " + a.substr(0, eq), "--assume");
  }

  if (has_errors(errors)) throw InputError(std::move(errors));

  // --- Resolve (the request was validated above, so parsing it cannot fail on the model).
  const aws::UpdateEndpointRequest request =
      aws::parse_update_endpoint(request_text, request_doc, aws::Format::json);
  ResolvedDeployment resolved =
      resolve_deployment(request, endpoint ? &*endpoint : nullptr,
                         current_config ? &*current_config : nullptr,
                         new_config ? &*new_config : nullptr);
  SimulationInput in;
  in.variants = resolved.variants;
  in.policy = resolved.policy;
  in.timing = timing;
  in.assumptions = assumptions;
  in.prices = default_prices();
  Diagnostics extra_warnings;
  if (scenario) {
    for (const auto& [type, usd] : scenario->prices) in.prices[type] = usd;
    in.instance_quota = scenario->instance_quota;
    if (scenario->trip) in.trip = *scenario->trip;
    for (const auto& sa : scenario->alarms) {
      bool used = false;
      for (auto& a : in.policy.alarms)
        if (a.name == sa.name) {
          a.time_to_alarm = sa.time_to_alarm();
          used = true;
        }
      if (!used)
        extra_warnings.push_back(
            {Severity::warning, "W_SCENARIO_ALARM_UNUSED", "alarms." + sa.name, "", "",
             fmt::format("The scenario times alarm '{}', which the deployment config does not "
                         "name in AutoRollbackConfiguration.Alarms.",
                         sa.name)});
    }
  }
  if (opt.trip_bake) {
    in.trip = Trip{Trip::Kind::at_bake, *opt.trip_bake, 0};
  } else if (opt.trip_at) {
    in.trip = Trip{Trip::Kind::at_time, 0, *opt.trip_at};
  }

  SimulationResult result = simulate(in);
  SimulationWorkspace ws;
  const RunFigures figures = simulate_figures(in, ws);

  // --- Warnings: resolve's and the inputs', then the engine's, then validate's not yet listed.
  Diagnostics warnings;
  for (const auto& w : input_warnings) add_warning(warnings, w);
  for (const auto& w : resolved.warnings) add_warning(warnings, w);
  for (const auto& w : result.warnings) add_warning(warnings, w);
  for (const auto& w : extra_warnings) add_warning(warnings, w);
  {
    std::set<std::string, std::less<>> codes;
    for (const auto& w : warnings) codes.insert(w.code);
    for (const auto& w : validate_warnings)
      if (!codes.count(w.code)) add_warning(warnings, w);
  }
  // A price missing for a type that runs: cost counts 0 for it.
  {
    std::set<std::string, std::less<>> types;
    for (const auto& v : in.variants) {
      if (v.n_old > 0 && !v.old_instance_type.empty()) types.insert(v.old_instance_type);
      if (v.n_new > 0 && !v.new_instance_type.empty()) types.insert(v.new_instance_type);
    }
    for (const auto& t : types) {
      if (in.prices.count(t)) continue;
      bool named = false;
      for (const auto& w : warnings)
        named = named || (w.code == warning_code::price_missing &&
                          w.message.find(t) != std::string::npos);
      if (!named)
        warnings.push_back({Severity::warning, warning_code::price_missing, "prices", "", t,
                            fmt::format("No price for {}: its instance-seconds cost $0. Add it "
                                        "under prices: in the scenario.",
                                        t)});
    }
  }
  result.warnings = std::move(warnings);

  // --- Assumptions: the engine's list plus where the timing came from.
  const bool profile_used = src_p == "profile" || src_d == "profile" || src_a == "profile";
  result.assumptions.push_back(
      {"timing_profile",
       fmt::format("{} (timing-facts section 4 p50{}){}", profile.family,
                   new_types.empty() ? "" : ", new type " + new_types.front(),
                   profile_used ? "" : "; not used: the timing is given")});
  result.assumptions.push_back(
      {"timing_source",
       fmt::format("provision_s={}, terminate_s={}, activation_s={}", src_p, src_d, src_a)});
  for (const auto& n : distribution_notes) result.assumptions.push_back(n);

  SimulationReportContext ctx;
  ctx.endpoint_name = !request.endpoint_name.empty() ? request.endpoint_name
                      : endpoint                    ? endpoint->endpoint_name
                                                    : std::string();
  if (scenario) ctx.question = scenario->question;
  if (opt.scenario) ctx.source = *opt.scenario;
  ctx.extra_cost_usd = figures.extra_cost_usd;

  std::string text;
  if (opt.output == "json") text = render_simulation_json(result, ctx);
  else if (opt.output == "csv") text = render_simulation_csv(result);
  else text = render_simulation_table(result, ctx);

  if (opt.report) {
    HtmlReportContext hctx;
    hctx.title = fmt::format("shiftsim simulate: {}", ctx.endpoint_name.empty()
                                                          ? std::string("UpdateEndpoint")
                                                          : ctx.endpoint_name);
    hctx.endpoint_name = ctx.endpoint_name;
    hctx.question = ctx.question;
    hctx.source = ctx.source;
    hctx.generated_by = fmt::format("shiftsim {} simulate", kVersion);
    write_file_atomically(*opt.report, render_simulation_html(result, hctx));
  }
  if (opt.out) {
    write_file_atomically(*opt.out, text);
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  return kExitOk;
}

}  // namespace shiftsim::cli
