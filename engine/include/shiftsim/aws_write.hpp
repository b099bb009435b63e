#pragma once
// Writing the AWS shapes as text the AWS CLI reads: UpdateEndpointInput for `--cli-input-json` /
// `--cli-input-yaml`, a DeploymentConfig alone (the value of `--deployment-config`, or the
// DeploymentConfig property of AWS::SageMaker::Endpoint, whose property names are the API's), and
// the `--generate-cli-skeleton` templates.
//
// Contract of every write_* function:
// - keys follow the SageMaker model's member order, which is the order of
//   `aws sagemaker update-endpoint --generate-cli-skeleton input`:
//   EndpointName, EndpointConfigName, RetainAllVariantProperties, ExcludeRetainedVariantProperties,
//   DeploymentConfig{BlueGreenUpdatePolicy{TrafficRoutingConfiguration{Type,
//   WaitIntervalInSeconds, CanarySize{Type,Value}, LinearStepSize{Type,Value}},
//   TerminationWaitInSeconds, MaximumExecutionTimeoutInSeconds}, RollingUpdatePolicy{
//   MaximumBatchSize, WaitIntervalInSeconds, MaximumExecutionTimeoutInSeconds,
//   RollbackMaximumBatchSize}, AutoRollbackConfiguration{Alarms[{AlarmName}]}},
//   RetainDeploymentConfig;
// - integers are written as integers, booleans as booleans; absent optionals (std::nullopt) are
//   omitted; members the model requires are always written (the writer does not validate: pass
//   the request through validate first);
// - JSON is indented by 4 spaces like the AWS CLI's skeleton (or compact, one line), YAML by 2;
//   YAML strings are quoted whenever a YAML 1.1 or 1.2 loader could read them as anything but
//   that string (`'123'`, `'true'`, `''`, ...); the text ends with a newline (compact: none).
#include "shiftsim/aws.hpp"

#include <string>

namespace shiftsim::aws {

enum class JsonLayout { pretty, compact };

/// UpdateEndpointInput as a `--cli-input-json` document.
[[nodiscard]] std::string write_update_endpoint_json(const UpdateEndpointRequest& request,
                                                     JsonLayout layout = JsonLayout::pretty);

/// UpdateEndpointInput as a `--cli-input-yaml` document.
[[nodiscard]] std::string write_update_endpoint_yaml(const UpdateEndpointRequest& request);

/// A DeploymentConfig alone, as JSON (compact: the value of `--deployment-config`).
[[nodiscard]] std::string write_deployment_config_json(const DeploymentConfig& config,
                                                       JsonLayout layout = JsonLayout::pretty);

/// A DeploymentConfig alone, as a YAML mapping (BlueGreenUpdatePolicy: ... at column 0).
[[nodiscard]] std::string write_deployment_config_yaml(const DeploymentConfig& config);

/// A YAML scalar for `text`: plain when no YAML loader could read it as anything else, else quoted
/// ('single' for printable ASCII, "double" with escapes otherwise).
[[nodiscard]] std::string yaml_string(const std::string& text);

enum class SkeletonKind { input, yaml_input };

/// What `aws sagemaker update-endpoint --generate-cli-skeleton input|yaml-input` prints (AWS CLI
/// v2, with the model copy in engine/data): every member, placeholder values "" / 0 / true, each
/// enum as its first value, lists with one element; the YAML form carries the CLI's comments.
[[nodiscard]] std::string cli_skeleton(SkeletonKind kind);

}  // namespace shiftsim::aws
