#pragma once
// `shiftsim emit`: build an UpdateEndpoint request from plain options and render it for the
// surface that will send it: the AWS CLI (`--cli-input-json`, `--cli-input-yaml`, a complete
// `aws sagemaker update-endpoint ...` line), CloudFormation (AWS::SageMaker::Endpoint properties)
// or Terraform (the `deployment_config` block of `aws_sagemaker_endpoint`).
//
// build_request() only turns options into the request (and rejects options that do not belong to
// the chosen strategy); render() only formats. Callers validate in between (validate.hpp) and
// write nothing when there are errors: that is what `shiftsim emit` and `shiftsim plan` do.
#include "shiftsim/aws.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/resolve.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::emit {

enum class Format {
  cli_input_json,       ///< UpdateEndpointInput JSON (default), for `aws ... --cli-input-json file://`
  cli_input_yaml,       ///< UpdateEndpointInput YAML, for `aws ... --cli-input-yaml file://`
  aws_cli,              ///< one POSIX-shell line `aws sagemaker update-endpoint --endpoint-name ...`
  cloudformation,       ///< AWS::SageMaker::Endpoint properties (DeploymentConfig, retention) as YAML
  cloudformation_json,  ///< the same as JSON
  terraform,            ///< the `deployment_config { ... }` block of resource aws_sagemaker_endpoint
};

/// "cli-input-json", "cli-input-yaml", "aws-cli", "cloudformation", "cloudformation-json",
/// "terraform"; std::nullopt for anything else.
[[nodiscard]] std::optional<Format> parse_format(std::string_view name) noexcept;
[[nodiscard]] std::string_view format_name(Format format) noexcept;
/// Every format name, in the order above (for help texts and error messages).
[[nodiscard]] std::vector<std::string_view> format_names();

/// `10%` -> {CAPACITY_PERCENT, 10}; `2` -> {INSTANCE_COUNT, 2}. Digits only (no sign, no
/// spaces), value within 32 bits; the model's minimum (1) is left to validate. Throws InputError
/// E_EMIT_FLAG_VALUE otherwise, with path = `name`: what the caller calls the value (the CLI: its
/// flag).
[[nodiscard]] aws::CapacitySizeShape parse_capacity_size(std::string_view text,
                                                         std::string_view name);

/// A whole number of seconds (digits only, 32 bits). Throws InputError E_EMIT_FLAG_VALUE with
/// path = `name`.
[[nodiscard]] std::int32_t parse_seconds(std::string_view text, std::string_view name);

/// What `shiftsim emit`'s flags say. Sizes are already parsed (parse_capacity_size).
struct EmitOptions {
  std::optional<Strategy> strategy;  ///< absent: no update policy (SageMaker's default applies)
  std::string endpoint_name;
  std::string endpoint_config_name;
  std::optional<aws::CapacitySizeShape> canary_size;          ///< CANARY only (required there)
  std::optional<aws::CapacitySizeShape> linear_step;          ///< LINEAR only (required there)
  std::optional<aws::CapacitySizeShape> batch_size;           ///< rolling only (required there)
  std::optional<aws::CapacitySizeShape> rollback_batch_size;  ///< rolling only
  std::optional<std::int32_t> wait;              ///< WaitIntervalInSeconds: required with a strategy
  std::optional<std::int32_t> termination_wait;  ///< blue/green only
  std::optional<std::int32_t> timeout;           ///< MaximumExecutionTimeoutInSeconds
  std::vector<std::string> alarms;               ///< AutoRollbackConfiguration.Alarms, in order
  std::optional<bool> retain_all_variant_properties;
  std::vector<std::string> exclude_retained_variant_properties;  ///< VariantPropertyType values
  std::optional<bool> retain_deployment_config;
};

/// How a caller names a request field in messages, given the field's path in the request (e.g.
/// "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize"): the CLI
/// names it by the flag that sets it. Empty: field_path(), the path itself.
using FieldNamer = std::function<std::string(std::string_view field_path)>;
[[nodiscard]] std::string field_path(std::string_view path);

/// The request the options describe. Throws InputError listing every option that does not apply
/// to the strategy (E_EMIT_FLAG_NOT_APPLICABLE, e.g. a CanarySize for a LINEAR update), every
/// member a strategy needs and lacks (E_EMIT_FLAG_REQUIRED: WaitIntervalInSeconds; CanarySize for
/// CANARY, LinearStepSize for LINEAR, MaximumBatchSize for rolling), and policy members without a
/// strategy. Each diagnostic is about one request field: its path and message name the field as
/// `namer` does (the engine knows no flag names). Model constraints (ranges, names) are NOT
/// checked here.
[[nodiscard]] aws::UpdateEndpointRequest build_request(const EmitOptions& options,
                                                       const FieldNamer& namer = {});

/// The options that build `request`: the inverse of build_request() (build_request of the result
/// gives `request` back for every request build_request can produce), so that an existing
/// request can be amended by emit's flags (`shiftsim emit --cli-input-json file://r.json --wait
/// 900`). Throws InputError E_ONE_POLICY when the request carries both update policies (options
/// hold one strategy).
[[nodiscard]] EmitOptions options_from_request(const aws::UpdateEndpointRequest& request);

/// A rendered document and the warnings about what the target surface loses or limits
/// (W_TERRAFORM_TIMEOUT_CAP, W_TERRAFORM_RETENTION_UNSUPPORTED, W_CFN_NAMES_OMITTED ...).
struct Rendered {
  std::string text;  ///< ends with a newline
  Diagnostics warnings;
};

/// `request` in `format`. Does not validate (see the header comment). Never throws for a request
/// the writers can represent.
[[nodiscard]] Rendered render(const aws::UpdateEndpointRequest& request, Format format);

/// A complete resource rather than a fragment (`emit --resource-name NAME`):
/// - cloudformation / cloudformation-json: a whole template (AWSTemplateFormatVersion, Resources)
///   with one AWS::SageMaker::Endpoint of logical ID `name` ([A-Za-z0-9]+) carrying EndpointName,
///   EndpointConfigName, DeploymentConfig and the retention properties; checked by cfn-lint in CI;
/// - terraform: `resource "aws_sagemaker_endpoint" "name" { name, endpoint_config_name,
///   deployment_config { ... } }` (`name` is a Terraform identifier); checked by HashiCorp's HCL
///   parser and the AWS provider's schema (@cdktf/provider-aws) in CI.
/// Other formats ignore it. A name of the wrong form: InputError E_EMIT_FLAG_VALUE (path
/// `source`).
struct ResourceOptions {
  std::string name;
  std::string source = "resource name";  ///< what the caller calls the name (the CLI: its flag)
};

/// render() with a complete resource when `resource` is given.
[[nodiscard]] Rendered render(const aws::UpdateEndpointRequest& request, Format format,
                              const ResourceOptions* resource);

/// validate_request() on exactly the document the AWS CLI would send (the cli-input-json text),
/// then render(). Throws InputError with every diagnostic (errors and warnings) when there is an
/// error, so nothing gets written; otherwise returns the text with the validator's warnings
/// followed by the format's. `fleet` (make_fleet_context) enables the per-variant ratio rules.
/// This is what `shiftsim emit` does, and what `plan` uses to emit its chosen configuration.
[[nodiscard]] Rendered render_validated(const aws::UpdateEndpointRequest& request, Format format,
                                        const FleetContext* fleet = nullptr,
                                        const ResourceOptions* resource = nullptr);

/// The Terraform AWS provider refuses maximum_execution_timeout_in_seconds above this
/// (validation.IntBetween(600, 14400) in internal/service/sagemaker/endpoint.go): W_TERRAFORM_TIMEOUT_CAP.
inline constexpr std::int32_t kTerraformTimeoutCapS = 14400;

/// One word for a POSIX shell: unchanged when made only of [A-Za-z0-9_@%+=:,./-] and non-empty,
/// else in single quotes with each ' written as '\''.
[[nodiscard]] std::string shell_quote(std::string_view word);

/// A string literal for Terraform HCL: double quotes; \\ \" \n \r \t escaped, other control
/// characters as \uNNNN, `${` as `$${` and `%{` as `%%{` (no interpolation).
[[nodiscard]] std::string hcl_string(std::string_view text);

}  // namespace shiftsim::emit
