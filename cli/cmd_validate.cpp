// `shiftsim validate`: checks an UpdateEndpoint request against the SageMaker model and the
// documented rules; a drop-in for `aws sagemaker update-endpoint` (see aws_flags.hpp).
// Output (text): one line per problem on stderr, then a one-line verdict on stdout;
// `--output json`: the report on stdout (plus a one-line summary on stderr when invalid).
// Exit 0 valid (warnings allowed), 2 invalid.
#include "aws_flags.hpp"
#include "commands.hpp"
#include "diagnostics_output.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/document_checks.hpp"
#include "shiftsim/resolve.hpp"
#include "shiftsim/validate.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace shiftsim::cli {

namespace {

constexpr const char* kUsage =
    "usage: shiftsim validate [request flags] [fleet flags] [--output text|json]\n"
    "  Checks an UpdateEndpoint request against every constraint of the SageMaker API model\n"
    "  (types, required/unknown members, ranges, enums, patterns, list lengths) and the\n"
    "  documented rules the model cannot express (one update policy; CanarySize/LinearStepSize\n"
    "  with their Type; canary/linear/rolling sizes against each variant's instance count when\n"
    "  the fleet is known; timeout vs waits; alarms). Replace `aws sagemaker update-endpoint`\n"
    "  by `shiftsim validate` in a command line you already have.\n\n";

enum class Output { text, json };

Output output_of(const std::string& v) {
  if (v == "json") return Output::json;
  if (v == "text" || v == "table" || v == "yaml" || v == "yaml-stream") return Output::text;
  throw CliUsageError(fmt::format(
      "--output must be text or json (the AWS CLI's table/yaml/yaml-stream mean text), got '{}'",
      v));
}

/// --output is looked for first so that even input errors are rendered in the asked format.
Output prescan_output(const Args& args) {
  Output o = Output::text;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--output" && i + 1 < args.size()) o = output_of(args[i + 1]);
    if (args[i].rfind("--output=", 0) == 0) o = output_of(args[i].substr(9));
  }
  return o;
}

int report(const Diagnostics& ds, Output out) {
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : ds) (d.severity == Severity::error ? errors : warnings)++;
  const bool valid = errors == 0;
  if (out == Output::json) {
    nlohmann::ordered_json j;
    j["valid"] = valid;
    j["errors"] = errors;
    j["warnings"] = warnings;
    j["diagnostics"] = nlohmann::ordered_json::parse(diagnostics_json(ds));
    fmt::print("{}\n", j.dump(2));
    if (!valid)
      fmt::print(stderr, "shiftsim validate: invalid request: {} error(s), {} warning(s)\n", errors,
                 warnings);
  } else {
    print_diagnostics_text(stderr, ds);
    std::fflush(stderr);
    auto plural = [](std::size_t n, const char* w) {
      return fmt::format("{} {}{}", n, w, n == 1 ? "" : "s");
    };
    if (valid)
      fmt::print("{}\n", warnings == 0 ? std::string("valid")
                                       : fmt::format("valid: {}", plural(warnings, "warning")));
    else
      fmt::print("invalid: {}, {}\n", plural(errors, "error"), plural(warnings, "warning"));
  }
  std::fflush(stdout);
  return valid ? kExitOk : kExitInvalidInput;
}

bool has_code(const Diagnostics& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return true;
  return false;
}

/// Against the documents given (on a valid request): they must agree and the endpoint be
/// updatable (amendments A6, A7); what SageMaker would refuse or fall back on when resolving (A4,
/// A10, under the default assumptions) and the fleet-level warnings (A8, A9). Errors first.
void add_fleet_checks(const AwsInputs& in, Diagnostics& rs) {
  const aws::UpdateEndpointRequest request = in.request();
  Diagnostics checks = check_documents(NamedDocuments{
      &request, in.request_name.empty() ? std::string("the update-endpoint flags") : in.request_name,
      in.endpoint_ptr(), in.endpoint_source, in.current_config_ptr(), in.current_config_source,
      in.new_config_ptr(), in.new_config_source});
  const auto resolved = resolve_deployment(request, in.endpoint_ptr(), in.current_config_ptr(),
                                           in.new_config_ptr());
  for (const auto& e : resolved.errors) checks.push_back(e);
  for (const auto& w : resolved.warnings)
    if (w.code == warning_code::variant_renamed || w.code == warning_code::fallback_all_at_once ||
        w.code == warning_code::capacity_reset || w.code == warning_code::shadow_not_simulated ||
        (w.code == warning_code::last_config_unknown && !has_code(rs, w.code)))
      checks.push_back(w);
  rs.insert(rs.begin(), checks.begin(), checks.end());
  std::stable_partition(rs.begin(), rs.end(),
                        [](const Diagnostic& d) { return d.severity == Severity::error; });
}

}  // namespace

int run_validate(const Args& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      fmt::print("{}{}  --output text|json             text (default) or a JSON report\n",
                 kUsage, aws_flags_help());
      fmt::print(
          "\nexit codes: 0 valid (warnings allowed), 2 invalid request, flag or file\n");
      return kExitOk;
    }
  const Output out = prescan_output(args);

  Args rest;
  AwsInputs in;
  try {
    in = parse_aws_flags(args, rest);
  } catch (const InputError& e) {
    return report(e.diagnostics(), out);
  }
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == "--output") {
      ++i;  // value checked by prescan_output
      continue;
    }
    if (rest[i].rfind("--output=", 0) == 0) continue;
    if (rest[i].rfind("-", 0) == 0)
      throw CliUsageError(fmt::format("validate: unknown flag '{}'; see 'shiftsim validate --help'",
                                      rest[i]));
    throw CliUsageError(fmt::format(
        "validate: unexpected argument '{}'; see 'shiftsim validate --help'", rest[i]));
  }
  if (!in.has_request())
    throw CliUsageError(
        "validate: no request given: use --cli-input-json, --cli-input-yaml, --request FILE or "
        "--endpoint-name/--endpoint-config-name/--deployment-config; see 'shiftsim validate "
        "--help'");

  const bool fleet_given = in.endpoint || in.current_config || in.new_config;
  const FleetContext fleet = in.fleet();
  Diagnostics ds = in.warnings;
  Diagnostics rs = validate_request(in.request_json, aws::Format::json,
                                    fleet_given ? &fleet : nullptr, in.request_name);
  if (fleet_given && !has_errors(rs)) add_fleet_checks(in, rs);
  ds.insert(ds.end(), rs.begin(), rs.end());
  return report(ds, out);
}

}  // namespace shiftsim::cli
