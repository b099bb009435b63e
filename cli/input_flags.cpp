// The shared input flags and their RunSources (input_flags.hpp).
#include "input_flags.hpp"

#include "input_files.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/price_list.hpp"
#include "shiftsim/pricing.hpp"
#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <cstdlib>
#include <optional>

namespace shiftsim::cli {

namespace {

std::string assumption_list() {
  std::string s;
  for (auto n : assumption_names()) s.append(s.empty() ? "" : ", ").append(n);
  return s;
}

}  // namespace

void declare_input_flags(OptionSet& options, InputFlags& f) {
  options.group("scenario").add(
      "scenario", input_file(f.scenario), "FILE",
      "a what-if (YAML or JSON): timing (numbers or distributions), prices, quota, alarms, trip, "
      "capacity, bad_version, and optionally the AWS documents (endpoint:, current_config:, "
      "new_config:, request:); flags replace its parts. See scenarios/README.md");
  declare_request_flags(options, f.request);
  declare_fleet_flags(options, f.fleet);
  options.group("timing")
      .add("provision-s", text(f.timing.provision), "S",
           "P: fixed seconds to provision one batch (decimals allowed)")
      .add("terminate-s", text(f.timing.terminate), "S", "D: fixed seconds to terminate one batch")
      .add("activation-s", text(f.timing.activation), "S", "A: seconds for one traffic shift")
      .add("assume", repeated(f.timing.assume), "NAME=VALUE",
           "override a named assumption (repeatable): " + assumption_list());
  declare_price_flags(options, f.prices);
  declare_aws_global_flags(options, f.aws_global, false);  // --region: the prices' region
}

void declare_price_flags(OptionSet& options, PriceFlags& f) {
  options.group("prices (docs/prices.md)")
      .add("region", text(f.region), "REGION",
           "the prices' region (else AWS_REGION, AWS_DEFAULT_REGION, the endpoint's ARN, "
           "us-east-1)")
      .add("price-table",
           choice(f.price_table, Choices<bool>{{"shipped", true}, {"none", false}}), "T",
           "shipped: the region's shipped table (default); none: only the prices given count "
           "(negotiated rates)")
      .add("prices", repeated(f.prices, Completion::file), "FILE",
           "AWS Price List output (aws pricing get-products --service-code AmazonSageMaker): "
           "its SageMaker hosting prices for the region (repeatable)")
      .add("price", repeated(f.price), "TYPE=USD",
           "USD per instance-hour of an instance type, over every other source (repeatable)");
}

PriceSources price_sources(const PriceFlags& flags, Diagnostics& errors) {
  PriceSources p;
  // The engine reads no environment: the CLI passes the variables (A13's order).
  const auto env = [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read once, at start
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  };
  p.region.given = flags.region;
  p.region.given_name = "--region";
  p.region.aws_region = env("AWS_REGION");
  p.region.aws_default_region = env("AWS_DEFAULT_REGION");
  p.use_table = flags.price_table;
  p.hint = kPriceHint;
  for (const auto& file : flags.prices) {
    try {
      p.lists.push_back(parse_price_list(read_input(file, "--prices"), input_name(file)));
    } catch (const InputError& e) {
      append_diagnostics(errors, e.diagnostics());
    }
  }
  for (const auto& given : flags.price) {
    try {
      p.given.push_back(parse_given_price(given, "--price"));
    } catch (const InputError& e) {
      append_diagnostics(errors, e.diagnostics());
    }
  }
  return p;
}

AwsInputs read_aws_inputs(const InputFlags& flags, Diagnostics& errors) {
  try {
    return read_aws_inputs(flags.request, flags.fleet);
  } catch (const InputError& e) {
    append_diagnostics(errors, e.diagnostics());
    return {};
  }
}

std::optional<std::string> read_scenario_text(const InputFlags& flags, Diagnostics& errors) {
  if (!flags.scenario) return std::nullopt;
  try {
    return read_input(*flags.scenario, "--scenario");
  } catch (const InputError& e) {
    append_diagnostics(errors, e.diagnostics());
    return std::nullopt;
  }
}

std::string scenario_name(const InputFlags& flags) {
  return flags.scenario ? input_name(*flags.scenario) : std::string("scenario");
}

RunSources run_sources(const AwsInputs& aws, const TimingFlags& timing, const PriceFlags& prices,
                       Diagnostics& errors) {
  RunSources s;
  s.given.endpoint = aws.endpoint;
  s.given.current_config = aws.current_config;
  s.given.new_config = aws.new_config;
  s.given.request_given = aws.has_request();
  s.given.request_json = aws.request_json;
  s.given.warnings = aws.warnings;
  s.given.request_source =
      aws.request_name.empty() ? std::string("the update-endpoint flags") : aws.request_name;
  s.given.endpoint_source = aws.endpoint_source;
  s.given.current_config_source = aws.current_config_source;
  s.given.new_config_source = aws.new_config_source;
  s.hints.request = "give --request FILE, the AWS CLI's update-endpoint flags, or request: in the "
                    "--scenario file";
  s.hints.fleet = "give the describe-endpoint output (--endpoint FILE or endpoint: in the "
                  "scenario) and/or the endpoint configs (--current-config/--new-config FILE or "
                  "current_config:/new_config:)";
  s.prices = price_sources(prices, errors);
  if (timing.provision) s.overrides.push_back({"provision_s", *timing.provision, "--provision-s"});
  if (timing.terminate) s.overrides.push_back({"terminate_s", *timing.terminate, "--terminate-s"});
  if (timing.activation)
    s.overrides.push_back({"activation_s", *timing.activation, "--activation-s"});
  for (const auto& a : timing.assume) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      errors.push_back(error_diagnostic(error_code::assumption, "--assume", "NAME=VALUE", a,
                                        fmt::format("--assume: expected NAME=VALUE, got '{}'", a)));
      continue;
    }
    s.overrides.push_back({a.substr(0, eq), a.substr(eq + 1), "--assume " + a.substr(0, eq)});
  }
  return s;
}

std::string timing_source_text(const TimingOrigin& origin, const RunSources& sources) {
  if (origin.source != TimingSource::override_value) return to_string(origin.source);
  const std::string& path = sources.overrides.at(origin.override_index).path;
  return path.substr(0, path.find(' '));  // "--provision-s", "--assume"
}

}  // namespace shiftsim::cli
