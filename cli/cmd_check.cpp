// `shiftsim check`: the endpoint updates of Terraform plans and CloudFormation
// templates, validated, simulated and checked against the deploying tool's
// limits and the account's quotas; a summary for people, JSON/YAML/text and
// SARIF; the exit status by --fail-on.
#include "check_output.hpp"
#include "commands.hpp"
#include "input_files.hpp"
#include "input_flags.hpp"
#include "output/output.hpp"
#include "terminal.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/check.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/iac/cloudformation.hpp"
#include "shiftsim/iac/terraform_plan.hpp"
#include "shiftsim/input_limits.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::cli {
namespace {

constexpr CommandInfo kInfo{
    "check",
    "check the endpoint updates of Terraform plans and CloudFormation "
    "templates (CI gate, SARIF)",
    "shiftsim check (--plan FILE | --template FILE)... [flags]",
    "Reads every SageMaker endpoint update in Terraform plans (`terraform show "
    "-json plan.out`)\n"
    "and CloudFormation templates (JSON or YAML, `cdk synth` output included), "
    "validates and\n"
    "simulates each (the median trial and a seeded Monte Carlo for P95), and "
    "checks it against\n"
    "the deploying tool's limits, the account's quotas and the prices shiftsim "
    "knows. Codes:\n"
    "docs/check.md. A document with no SageMaker resources says so and passes.",
    "terraform show -json plan.out > plan.json\n"
    "shiftsim check --plan plan.json --quotas quotas.json --sarif "
    "shiftsim.sarif\n"
    "terraform show -json plan.out | shiftsim check --plan - --output sarif\n"
    "shiftsim check --template template.yaml --parameter Env=prod --fail-on "
    "warning",
    "0 passed, 2 invalid input (a truncated plan, an unknown intrinsic, a Ref "
    "to nothing: the "
    "message names the path), 3 an output file could not be written, 5 "
    "findings at or above "
    "--fail-on",
};

enum class FailOn { error, warning, never };

class Check final : public Command {
 public:
  void declare(OptionSet &options) override {
    options.group("inputs")
        .add("plan", repeated(plans_, Completion::file), "FILE",
             "a Terraform plan as JSON (repeatable; - is stdin)")
        .add("template", repeated(templates_, Completion::file), "FILE",
             "a CloudFormation template, JSON or YAML (repeatable)")
        .add("parameter", repeated(parameter_words_), "NAME=VALUE",
             "a template parameter's value, also AWS::Region and the other "
             "pseudo parameters "
             "(repeatable); otherwise its Default")
        .add("quotas", input_file(quotas_), "FILE",
             "`aws service-quotas list-service-quotas --service-code "
             "sagemaker` output: the peak "
             "of each instance type against its \"<type> for endpoint usage\" "
             "quota")
        .add("endpoint", repeated(endpoints_, Completion::file), "FILE",
             "`aws sagemaker describe-endpoint` output (repeatable): the "
             "running fleet of the "
             "endpoint of that name")
        .add("endpoint-config", repeated(configs_, Completion::file), "FILE",
             "`aws sagemaker describe-endpoint-config` output (repeatable): a "
             "config by name, "
             "when the documents do not carry it");
    declare_price_flags(options, prices_);
    options.group("analysis")
        .add("trials", integer(options_.trials, 1, 1'000'000), "N",
             "Monte Carlo trials per update (default 1000)")
        .add("seed", integer(options_.seed, 0, std::numeric_limits<std::uint64_t>::max()), "N",
             "their seed (default 1)");
    declare_output_flags(options, output_,
                         {"one block per endpoint (its figures, then its findings)", "", true, ""},
                         "SARIF 2.1.0 for code scanning");
    options.group("output")
        .add("json", output_file(json_out_), "FILE",
             "also write the JSON report to FILE (atomically)")
        .add("sarif", output_file(sarif_out_), "FILE",
             "also write SARIF 2.1.0 to FILE (atomically), for code scanning")
        .add("notes", set(notes_),
             "table and SARIF: include notes (the figures, what was not "
             "checked, placeholder "
             "names); JSON always has them")
        .add("fail-on",
             choice(fail_on_, Choices<FailOn>{{"error", FailOn::error},
                                              {"warning", FailOn::warning},
                                              {"never", FailOn::never}}),
             "LEVEL",
             "exit 5 when a finding at or above this level is found (default "
             "error)");
  }

  int run(Diagnostics errors) override {
    const auto parameters = parse_parameters(errors);
    options_.prices = price_sources(prices_, errors);
    (void)choose_price_region(options_.prices.region, "", errors);  // a bad region: exit 2 here
    if (plans_.empty() && templates_.empty() && errors.empty())
      errors.push_back(error_diagnostic(error_code::required, "--plan", "a --plan or --template",
                                        "",
                                        "check: give at least one --plan FILE or "
                                        "--template FILE"));
    throw_if_any(std::move(errors));

    std::vector<iac::IacDocument> docs;
    for (const auto &p : plans_)
      docs.push_back(
          iac::read_terraform_plan(read_input(p, "--plan", kMaxIacDocumentBytes), input_name(p)));
    for (const auto &t : templates_)
      docs.push_back(iac::read_cloudformation(read_input(t, "--template", kMaxIacDocumentBytes),
                                              input_name(t), parameters));
    if (quotas_)
      options_.quotas =
          check::parse_service_quotas(read_input(*quotas_, "--quotas"), input_name(*quotas_));
    for (const auto &e : endpoints_) {
      const std::string text = read_input(e, "--endpoint");
      options_.endpoints.push_back(
          aws::parse_describe_endpoint(text, input_name(e), aws::detect_format(text, e)));
    }
    for (const auto &c : configs_) {
      const std::string text = read_input(c, "--endpoint-config");
      options_.configs.push_back(
          aws::parse_describe_endpoint_config(text, input_name(c), aws::detect_format(text, c)));
    }

    check::Report report = check::run_check(docs, options_);
    add_flag_hints(report);
    // Files first: a failed write (exit 3) leaves stdout unprinted rather than
    // half the story.
    if (json_out_) write_to(*json_out_, check_json(report));
    if (sarif_out_) write_to(*sarif_out_, check_sarif(report, kVersion, notes_));
    switch (output_.format) {
      case OutputFormat::table: {
        const Terminal term =
            terminal_for(stdout, output_.color, output_.out && *output_.out != "-");
        write_output(output_, check_text(report, notes_, term.width));
        break;
      }
      case OutputFormat::sarif:
        write_output(output_, check_sarif(report, kVersion, notes_));
        break;
      default:
        write_output(output_, render_json_text(check_json(report), output_.format));
    }

    const int found_errors = report.count(iac::Level::error);
    const int found_warnings = report.count(iac::Level::warning);
    if (fail_on_ == FailOn::error && found_errors > 0) return kExitCheckFailed;
    if (fail_on_ == FailOn::warning && found_errors + found_warnings > 0) return kExitCheckFailed;
    return kExitOk;
  }

 private:
  /// --parameter NAME=VALUE, every use; a word without NAME= is E_FLAG_SYNTAX.
  std::map<std::string, std::string> parse_parameters(Diagnostics &errors) const {
    std::map<std::string, std::string> out;
    for (const auto &v : parameter_words_) {
      const auto eq = v.find('=');
      if (eq == std::string::npos || eq == 0) {
        errors.push_back(error_diagnostic(
            error_code::flag_syntax, "--parameter", "NAME=VALUE", fmt::format("\"{}\"", v),
            fmt::format("--parameter takes NAME=VALUE, got '{}'", v)));
        continue;
      }
      out[v.substr(0, eq)] = v.substr(eq + 1);
    }
    return out;
  }

  /// --json/--sarif FILE: written atomically; `-` is standard output.
  void write_to(const std::string &file, const std::string &text) const {
    OutputFlags to = output_;
    to.out = file;
    write_output(to, text);
  }

  /// The engine names no flag: the CLI says which flag gives what a finding asks for. One row
  /// per code; `when` (if set) must occur in the message (an unresolved value the user can give,
  /// not one nobody can).
  struct FlagHint {
    std::string_view code, when, hint;
  };
  static constexpr FlagHint kFlagHints[] = {
      {warning_code::iac_unresolved, "give its value", " (--parameter NAME=VALUE)"},
      {note_code::quota_not_checked, "",
       " (--quotas FILE: `aws service-quotas list-service-quotas --service-code sagemaker`)"},
      {warning_code::not_simulated, "", " (--endpoint-config FILE)"},
      {warning_code::cfn_parameter_unused, "", " (--parameter)"},
  };

  static void add_flag_hints(check::Report &report) {
    const auto hint = [](iac::Finding &f) {
      for (const auto &h : kFlagHints)
        if (f.code == h.code) {
          if (h.when.empty() || f.message.find(h.when) != std::string::npos) f.message += h.hint;
          return;
        }
    };
    for (auto &f : report.findings) hint(f);
    for (auto &e : report.endpoints)
      for (auto &f : e.findings) hint(f);
  }

  std::vector<std::string> plans_, templates_, endpoints_, configs_, parameter_words_;
  std::optional<std::string> quotas_, json_out_, sarif_out_;
  bool notes_ = false;
  FailOn fail_on_ = FailOn::error;
  check::Options options_;
  PriceFlags prices_;
  OutputFlags output_;
};

}  // namespace

CommandEntry check_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Check>(); }};
}

}  // namespace shiftsim::cli
