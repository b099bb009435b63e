// `shiftsim validate`: checks an UpdateEndpoint request against the SageMaker model and the
// documented rules; a drop-in for `aws sagemaker update-endpoint` (see aws_flags.hpp).
// --output table (default): one line per problem on stderr, then a one-line verdict on stdout;
// json/yaml/text: the report document (shiftsim.validation/v1) on stdout, plus a one-line
// summary on stderr when invalid; csv: one row per problem.
// Exit 0 valid (warnings allowed), 2 invalid.
#include "aws_flags.hpp"
#include "commands.hpp"
#include "diagnostics_output.hpp"
#include "output/output.hpp"
#include "terminal.hpp"

#include "shiftsim/code_traits.hpp"
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

constexpr CommandInfo kInfo{
    "validate",
    "check an UpdateEndpoint request against the SageMaker model and documented rules",
    "shiftsim validate [request flags] [fleet flags] [--output FORMAT]",
    "Checks an UpdateEndpoint request against every constraint of the SageMaker API model\n"
    "(types, required/unknown members, ranges, enums, patterns, list lengths) and the documented\n"
    "rules the model cannot express (one update policy; CanarySize/LinearStepSize with their\n"
    "Type; canary/linear/rolling sizes against each variant's instance count when the fleet is\n"
    "known; timeout vs waits; alarms). Replace `aws sagemaker update-endpoint` by\n"
    "`shiftsim validate` in a command line you already have.",
    "shiftsim validate --cli-input-json file://update-endpoint.json\n"
    "shiftsim validate --endpoint-name my-ep --endpoint-config-name my-ep-v2 \\\n"
    "    --deployment-config file://deployment-config.json --region us-east-1\n"
    "shiftsim validate --request update.yaml --new-config new-config.json --output json",
    "0 valid (warnings allowed), 2 invalid request, flag or file",
};

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
      &request,
      in.request_name.empty() ? std::string("the update-endpoint flags") : in.request_name,
      in.endpoint_ptr(), in.endpoint_source, in.current_config_ptr(), in.current_config_source,
      in.new_config_ptr(), in.new_config_source});
  const auto resolved = resolve_deployment(request, in.endpoint_ptr(), in.current_config_ptr(),
                                           in.new_config_ptr());
  for (const auto& e : resolved.errors) checks.push_back(e);
  for (const auto& w : resolved.warnings)
    if (has_trait(w.code, CodeTrait::request_problem) && !has_code(rs, w.code))
      checks.push_back(w);
  rs.insert(rs.begin(), checks.begin(), checks.end());
  std::stable_partition(rs.begin(), rs.end(),
                        [](const Diagnostic& d) { return d.severity == Severity::error; });
}

class Validate final : public Command {
 public:
  void declare(OptionSet& options) override {
    declare_request_flags(options, request_);
    declare_fleet_flags(options, fleet_);
    declare_aws_global_flags(options, ignored_);
    declare_output_flags(options, output_,
                         {"the problems (stderr) and a verdict", "one row per problem", true, ""});
  }

  int run(Diagnostics flag_errors) override {
    throw_if_any(std::move(flag_errors));  // a bad command line: the error document
    // From here on, problems of the request and its documents are the validation report.
    AwsInputs in;
    try {
      in = read_aws_inputs(request_, fleet_);
    } catch (const InputError& e) {
      return report(e.diagnostics());
    }
    if (!in.has_request())
      throw_input_error(
          error_code::required, "request", "a request",
          "", "validate: no request given: use --cli-input-json, --cli-input-yaml, --request FILE "
              "or --endpoint-name/--endpoint-config-name/--deployment-config; see 'shiftsim "
              "validate --help'");
    const FleetContext fleet = in.fleet();
    Diagnostics ds = in.warnings;
    Diagnostics rs = validate_request(in.request_json, aws::Format::json,
                                      in.has_fleet() ? &fleet : nullptr, in.request_name);
    if (in.has_fleet() && !has_errors(rs)) add_fleet_checks(in, rs);
    append_diagnostics(ds, rs);
    return report(ds);
  }

 private:
  int report(const Diagnostics& ds) {
    std::size_t errors = 0, warnings = 0;
    for (const auto& d : ds) (d.severity == Severity::error ? errors : warnings)++;
    const bool valid = errors == 0;
    if (output_.format == OutputFormat::table) {
      print_diagnostics_text(stderr, ds, terminal_for(stderr, output_.color).color);
      std::fflush(stderr);
      auto plural = [](std::size_t n, const char* w) {
        return fmt::format("{} {}{}", n, w, n == 1 ? "" : "s");
      };
      const bool color = terminal_for(stdout, output_.color, output_.out.has_value()).color;
      const std::string verdict =
          valid ? paint("valid", Tone::good, color) +
                      (warnings ? ": " + plural(warnings, "warning") : std::string())
                : paint("invalid", Tone::bad, color) +
                      fmt::format(": {}, {}", plural(errors, "error"), plural(warnings, "warning"));
      write_output(output_, verdict + "\n");
    } else if (output_.format == OutputFormat::csv) {
      write_output(output_, diagnostics_csv(ds));
    } else {
      nlohmann::ordered_json j;
      j["schema"] = "shiftsim.validation/v1";
      j["valid"] = valid;
      j["errors"] = errors;
      j["warnings"] = warnings;
      j["diagnostics"] = nlohmann::ordered_json::parse(diagnostics_json(ds));
      write_output(output_, render_document(j, output_.format));
    }
    if (!valid && output_.format != OutputFormat::table)
      fmt::print(stderr, "shiftsim validate: invalid request: {} error(s), {} warning(s)\n",
                 errors, warnings);
    std::fflush(stderr);
    return valid ? kExitOk : kExitInvalidInput;
  }

  RequestFlags request_;
  FleetFlags fleet_;
  AwsGlobalFlags ignored_;
  OutputFlags output_;
};

}  // namespace

CommandEntry validate_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Validate>(); }};
}

}  // namespace shiftsim::cli
