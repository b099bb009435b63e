// `shiftsim emit`: build an UpdateEndpoint request from flags, or rewrite an existing one
// (--cli-input-json/-yaml, --request, --deployment-config) with flags overriding its members;
// validate it; write it in the format of the surface that will send it. The document goes to
// stdout (or --out FILE, written atomically), warnings to stderr; invalid flags: exit 2 and
// nothing written.
#include "aws_flags.hpp"
#include "commands.hpp"
#include "diagnostics_output.hpp"
#include "output/output.hpp"
#include "policy_flags.hpp"
#include "terminal.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/aws_write.hpp"
#include "shiftsim/code_traits.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/document_checks.hpp"
#include "shiftsim/emit.hpp"
#include "shiftsim/resolve.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace shiftsim::cli {
namespace {

constexpr CommandInfo kInfo{
    "emit",
    "build or rewrite an UpdateEndpoint request: JSON, YAML, aws CLI, CloudFormation, Terraform",
    "shiftsim emit --endpoint-name NAME --endpoint-config-name CONFIG [policy flags] [--format F]\n"
    "       shiftsim emit --cli-input-json file://REQUEST [policy flags] [--format F]\n"
    "       shiftsim emit --generate-cli-skeleton [input|yaml-input]",
    "Builds an UpdateEndpoint request from flags, or takes an existing one (--cli-input-json,\n"
    "--cli-input-yaml, --request, --deployment-config) and overrides its members with the flags\n"
    "given (--strategy switches the update policy and drops the members of the old one). The\n"
    "result is validated like `shiftsim validate` (invalid: exit 2, every problem listed,\n"
    "nothing written) and written for the surface that will send it (--format).",
    "shiftsim emit --endpoint-name my-ep --endpoint-config-name my-ep-v2 --strategy canary \\\n"
    "    --canary-size 10% --wait 600 --timeout 3600 --alarm my-ep-5xx --format aws-cli\n"
    "shiftsim emit --cli-input-json file://update.json --wait 900 --format terraform\n"
    "shiftsim emit --request update.yaml --strategy ROLLING --batch-size 10% \\\n"
    "    --format cli-input-json",
    "0 ok (warnings on stderr), 2 invalid flags or request (nothing written), 3 output not "
    "writable",
};

Choices<emit::Format> format_choices() {
  Choices<emit::Format> out;
  for (const auto n : emit::format_names()) out.emplace_back(n, *emit::parse_format(n));
  return out;
}

class Emit final : public Command {
 public:
  void declare(OptionSet& options) override {
    declare_request_flags(options, request_);
    declare_policy_flags(options, policy_);
    declare_fleet_flags(options, fleet_);
    declare_aws_global_flags(options, ignored_);
    declare_output_flags(options, output_,
                         {"the request in --format", "", true, ""});
    options.group("output")
        .add("format", choice(format_, format_choices()), "F",
             "cli-input-json (default) and cli-input-yaml: for aws ... --cli-input-json/yaml "
             "file://F; aws-cli: a complete `aws sagemaker update-endpoint ...` line; "
             "cloudformation(-json): AWS::SageMaker::Endpoint properties; terraform: the "
             "deployment_config block of aws_sagemaker_endpoint")
        .add("resource-name", text(resource_name_), "NAME",
             "a complete resource instead of a fragment: with cloudformation[-json] a whole "
             "template whose AWS::SageMaker::Endpoint has logical ID NAME; with terraform the "
             "whole resource \"aws_sagemaker_endpoint\" \"NAME\" block (name, "
             "endpoint_config_name, deployment_config)")
        .add("allow-provider-reject", set(allow_provider_reject_),
             "terraform: write a timeout above 14400 s anyway (the AWS provider refuses it; "
             "without this flag emit exits 2)")
        .add("generate-cli-skeleton", skeleton_value(), "KIND",
             "print what `aws sagemaker update-endpoint --generate-cli-skeleton "
             "[input|yaml-input]` prints, and nothing else");
  }

  int run(Diagnostics flag_errors) override {
    throw_if_any(std::move(flag_errors));
    if (skeleton_) return write(aws::cli_skeleton(*skeleton_), {}, nullptr);
    const AwsInputs in = read_aws_inputs(request_, fleet_);
    const aws::UpdateEndpointRequest request =
        emit::build_request(overlay(request_options(in.request_json, in.request_name), policy_),
                            flag_namer());
    Diagnostics warnings = in.warnings;
    // The fleet documents given must agree with the request being emitted and the endpoint be
    // updatable (contract amendments A6, A7).
    Diagnostics checks = check_documents(NamedDocuments{
        &request,
        in.request_name.empty() ? std::string("--endpoint-name/--endpoint-config-name")
                                : in.request_name,
        in.endpoint_ptr(), in.endpoint_source, in.current_config_ptr(), in.current_config_source,
        in.new_config_ptr(), in.new_config_source});
    if (has_errors(checks)) throw InputError(std::move(checks));
    append_diagnostics(warnings, checks);
    std::optional<FleetContext> fleet;
    if (in.has_fleet()) fleet = in.fleet();
    // Validated on exactly the document the AWS CLI would send; on errors nothing is written.
    emit::Rendered rendered;
    const std::optional<emit::ResourceOptions> resource =
        resource_name_ ? std::optional(emit::ResourceOptions{*resource_name_, "--resource-name"})
                       : std::nullopt;
    try {
      rendered = emit::render_validated(request, format_, fleet ? &*fleet : nullptr,
                                        resource ? &*resource : nullptr);
    } catch (const InputError& e) {
      throw InputError(with_flags(e.diagnostics()));
    }
    // What the Terraform provider would refuse is not written unless asked for.
    if (!allow_provider_reject_)
      for (const auto& d : rendered.warnings)
        if (has_trait(d.code, CodeTrait::provider_rejects))
          throw InputError({error_diagnostic(
              error_code::terraform_timeout_cap, d.path, d.rule, d.value,
              d.message + " (from --timeout); use --allow-provider-reject to write it anyway")});
    append_diagnostics(warnings, rendered.warnings);
    return write(rendered.text, with_flags(std::move(warnings)), &request);
  }

 private:
  Value skeleton_value() {
    Value v = choice(skeleton_, Choices<aws::SkeletonKind>{{"input", aws::SkeletonKind::input},
                                                          {"yaml-input",
                                                           aws::SkeletonKind::yaml_input}});
    v.arity = Value::Arity::optional;
    v.implicit = "input";
    return v;
  }

  int write(const std::string& text, const Diagnostics& warnings,
            const aws::UpdateEndpointRequest* request) {
    if (output_.format == OutputFormat::table) {
      write_output(output_, text);
      print_diagnostics_text(stderr, warnings, terminal_for(stderr, output_.color).color);
      return kExitOk;
    }
    nlohmann::ordered_json j;
    j["schema"] = "shiftsim.emit/v1";
    j["format"] = skeleton_ ? "skeleton" : std::string(emit::format_name(format_));
    if (request)
      j["request"] = nlohmann::ordered_json::parse(aws::write_update_endpoint_json(*request));
    j["document"] = text;
    j["warnings"] = nlohmann::ordered_json::parse(diagnostics_json(warnings));
    write_output(output_, render_document(j, output_.format));
    return kExitOk;
  }

  RequestFlags request_;
  FleetFlags fleet_;
  AwsGlobalFlags ignored_;
  PolicyFlags policy_;
  OutputFlags output_;
  emit::Format format_ = emit::Format::cli_input_json;
  std::optional<aws::SkeletonKind> skeleton_;
  std::optional<std::string> resource_name_;
  bool allow_provider_reject_ = false;
};

}  // namespace

CommandEntry emit_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Emit>(); }};
}

}  // namespace shiftsim::cli
