// `shiftsim check`: the endpoint updates of Terraform plans and CloudFormation templates,
// validated, simulated and checked against the deploying tool's limits and the account's quotas;
// a text summary, JSON and SARIF; the exit status by --fail-on.
#include "atomic_write.hpp"
#include "aws_flags.hpp"
#include "check_output.hpp"
#include "commands.hpp"
#include "flag_cursor.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/check.hpp"
#include "shiftsim/input_limits.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/iac/cloudformation.hpp"
#include "shiftsim/iac/terraform_plan.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shiftsim::cli {
namespace {

constexpr std::string_view kHelp =
    R"(usage: shiftsim check (--plan FILE | --template FILE)... [options]

Reads every SageMaker endpoint update in Terraform plans (`terraform show -json plan.out`) and
CloudFormation templates (JSON or YAML, `cdk synth` output included), validates and simulates
each (the median trial and a seeded Monte Carlo for P95), and checks it against the deploying
tool's limits, the account's quotas and the prices shiftsim knows. Codes: docs/check.md.

inputs:
  --plan FILE                   a Terraform plan as JSON (repeatable)
  --template FILE               a CloudFormation template, JSON or YAML (repeatable)
  --parameter NAME=VALUE        a template parameter's value, also AWS::Region and the other
                                pseudo parameters (repeatable); otherwise its Default
  --quotas FILE                 `aws service-quotas list-service-quotas --service-code sagemaker`
                                output: the peak of each instance type against its
                                "<type> for endpoint usage" quota
  --endpoint FILE               `aws sagemaker describe-endpoint` output (repeatable): the running
                                fleet of the endpoint of that name
  --endpoint-config FILE        `aws sagemaker describe-endpoint-config` output (repeatable): a
                                config by name, when the documents do not carry it

analysis:
  --trials N                    Monte Carlo trials per update (default 1000)
  --seed N                      (default 1)

output:
  --output text|json|sarif      what goes to stdout (default text)
  --json FILE                   also write the JSON report to FILE (atomically)
  --sarif FILE                  also write SARIF 2.1.0 to FILE (atomically), for code scanning
  --notes                       text and SARIF: include notes (the figures, what was not
                                checked, placeholder names); JSON always has them
  --fail-on error|warning|never exit 5 when a finding at or above this level is found
                                (default error)

exit codes: 0 passed, 2 invalid input (a truncated plan, an unknown intrinsic, a Ref to nothing:
the message names the path), 3 an output file could not be written, 5 findings at or above
--fail-on. A document with no SageMaker resources says so and passes.

example:
  terraform show -json plan.out > plan.json
  shiftsim check --plan plan.json --quotas quotas.json --sarif shiftsim.sarif
)";

struct Flags {
  std::vector<std::string> plans, templates, endpoints, configs;
  std::map<std::string, std::string> parameters;
  std::optional<std::string> quotas, json_out, sarif_out;
  std::string output = "text";
  std::string fail_on = "error";
  bool notes = false;
  bool help = false;
  check::Options options;
};

std::uint64_t parse_count(const std::string& v, const std::string& flag, std::uint64_t lo,
                          std::uint64_t hi) {
  std::uint64_t n = 0;
  const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size() || n < lo || n > hi)
    throw CliUsageError(fmt::format("check: {} must be a whole number in {}..{}, got '{}'", flag,
                                    lo, hi, v));
  return n;
}

Flags parse_flags(const Args& args) {
  Flags f;
  for (FlagCursor c(args, "check: "); c.next();) {
    const std::string& flag = c.flag();
    if (flag == "--help" || flag == "-h") f.help = true;
    else if (flag == "--plan") f.plans.push_back(c.value());
    else if (flag == "--template") f.templates.push_back(c.value());
    else if (flag == "--endpoint") f.endpoints.push_back(c.value());
    else if (flag == "--endpoint-config") f.configs.push_back(c.value());
    else if (flag == "--quotas") f.quotas = c.value();
    else if (flag == "--json") f.json_out = c.value();
    else if (flag == "--sarif") f.sarif_out = c.value();
    else if (flag == "--notes") {
      c.no_value();
      f.notes = true;
    } else if (flag == "--parameter") {
      const std::string v = c.value();
      const auto eq = v.find('=');
      if (eq == std::string::npos || eq == 0)
        throw CliUsageError(fmt::format("check: --parameter takes NAME=VALUE, got '{}'", v));
      f.parameters[v.substr(0, eq)] = v.substr(eq + 1);
    } else if (flag == "--output") {
      f.output = c.value();
      if (f.output != "text" && f.output != "json" && f.output != "sarif")
        throw CliUsageError(fmt::format("check: --output must be text, json or sarif, got '{}'", f.output));
    } else if (flag == "--fail-on") {
      f.fail_on = c.value();
      if (f.fail_on != "error" && f.fail_on != "warning" && f.fail_on != "never")
        throw CliUsageError(fmt::format("check: --fail-on must be error, warning or never, got '{}'", f.fail_on));
    } else if (flag == "--trials") {
      f.options.trials = parse_count(c.value(), flag, 1, 1'000'000);
    } else if (flag == "--seed") {
      f.options.seed = parse_count(c.value(), flag, 0, UINT64_MAX);
    } else {
      throw CliUsageError(fmt::format("check: unknown flag '{}'; see 'shiftsim check --help'", c.word()));
    }
  }
  return f;
}

/// The engine names no flag: the CLI says which flag gives what a finding asks for.
void add_flag_hints(check::Report& report) {
  const auto hint = [](iac::Finding& f) {
    if (f.code == warning_code::iac_unresolved && f.message.find("give its value") != std::string::npos)
      f.message += " (--parameter NAME=VALUE)";
    else if (f.code == note_code::quota_not_checked)
      f.message += " (--quotas FILE: `aws service-quotas list-service-quotas --service-code sagemaker`)";
    else if (f.code == warning_code::not_simulated)
      f.message += " (--endpoint-config FILE)";
    else if (f.code == warning_code::cfn_parameter_unused)
      f.message += " (--parameter)";
  };
  for (auto& f : report.findings) hint(f);
  for (auto& e : report.endpoints)
    for (auto& f : e.findings) hint(f);
}

void print(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (std::fflush(stdout) != 0) throw OutputError("cannot write to standard output");
}

}  // namespace

int run_check(const Args& args) {
  Flags f = parse_flags(args);
  if (f.help) {
    print(std::string(kHelp));
    return kExitOk;
  }
  if (f.plans.empty() && f.templates.empty())
    throw CliUsageError("check: give at least one --plan FILE or --template FILE");

  std::vector<iac::IacDocument> docs;
  for (const auto& p : f.plans)
    docs.push_back(
        iac::read_terraform_plan(read_input_text(p, "--plan", kMaxIacDocumentBytes), p));
  for (const auto& t : f.templates)
    docs.push_back(iac::read_cloudformation(
        read_input_text(t, "--template", kMaxIacDocumentBytes), t, f.parameters));
  if (f.quotas)
    f.options.quotas = check::parse_service_quotas(read_input_file(*f.quotas, "--quotas"), *f.quotas);
  for (const auto& e : f.endpoints) {
    const std::string text = read_input_file(e, "--endpoint");
    f.options.endpoints.push_back(aws::parse_describe_endpoint(text, e, aws::detect_format(text, e)));
  }
  for (const auto& c : f.configs) {
    const std::string text = read_input_file(c, "--endpoint-config");
    f.options.configs.push_back(aws::parse_describe_endpoint_config(text, c, aws::detect_format(text, c)));
  }

  check::Report report = check::run_check(docs, f.options);
  add_flag_hints(report);
  // Files first: a failed write (exit 3) leaves stdout unprinted rather than half the story.
  if (f.json_out) write_file_atomically(*f.json_out, check_json(report));
  if (f.sarif_out) write_file_atomically(*f.sarif_out, check_sarif(report, kVersion, f.notes));
  if (f.output == "json") print(check_json(report));
  else if (f.output == "sarif") print(check_sarif(report, kVersion, f.notes));
  else print(check_text(report, f.notes));

  const int errors = report.count(iac::Level::error);
  const int warnings = report.count(iac::Level::warning);
  if (f.fail_on == "error" && errors > 0) return kExitCheckFailed;
  if (f.fail_on == "warning" && errors + warnings > 0) return kExitCheckFailed;
  return kExitOk;
}

}  // namespace shiftsim::cli
