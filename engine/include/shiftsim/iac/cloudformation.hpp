#pragma once
// Reading a CloudFormation template, JSON or YAML (short-form intrinsics such as !Ref, !Sub,
// !GetAtt included), as written by hand or by `cdk synth`.
//
// Resources read (property names are the SageMaker API's):
// - AWS::SageMaker::Endpoint: EndpointName, EndpointConfigName, DeploymentConfig,
//   RetainAllVariantProperties, ExcludeRetainedVariantProperties, RetainDeploymentConfig;
// - AWS::SageMaker::EndpointConfig: EndpointConfigName, ProductionVariants (VariantName,
//   InstanceType, InitialInstanceCount, InitialVariantWeight, AcceleratorType, ServerlessConfig);
// - AWS::ApplicationAutoScaling::ScalableTarget with ServiceNamespace sagemaker and
//   ScalableDimension sagemaker:variant:DesiredInstanceCount: ResourceId
//   (endpoint/NAME/variant/VARIANT), MinCapacity, MaxCapacity.
// A template has no plan: each endpoint is read as the update that deploying the template to a
// running stack makes (action `update`); the running config is not in the template.
//
// Resolution: Ref to a parameter takes the value given (`parameters`, also for pseudo parameters
// such as AWS::Region) or its Default; Ref and Fn::GetAtt (EndpointName / EndpointConfigName) to a
// SageMaker endpoint or endpoint config in the template take its name property, or stand for the
// name CloudFormation generates (`<LogicalId>-generated`, said in a note); Ref to a CloudWatch
// alarm takes its AlarmName (or stands for the generated one); Fn::Sub, Fn::Join,
// Fn::Select, Fn::Split, Fn::FindInMap, Fn::If (with the template's Conditions) and
// AWS::NoValue resolve when their inputs do. What cannot be resolved (an SSM parameter, a
// parameter without Default, Fn::ImportValue, Fn::GetAZs, another resource's attribute) is a
// finding naming the property path, and the endpoint is not simulated: never a guess.
//
// Budget: 16 MiB of text, 64 levels of nesting, 1,000,000 values after YAML aliases are expanded
// (E_SIZE, E_DEPTH, E_NODE_BUDGET: input_limits.hpp; exit 2).
// Errors (InputError, exit 2), each naming the path and line: E_JSON_SYNTAX / E_YAML_SYNTAX (a
// truncated file included), E_DUPLICATE_KEY, E_UTF8, the budget's codes, E_CFN_TEMPLATE (no
// Resources object), E_CFN_INTRINSIC_UNKNOWN (an Fn:: function or YAML tag CloudFormation does not
// document), E_CFN_REF_UNKNOWN (Ref, Fn::GetAtt or ${Name} in Fn::Sub to no parameter, resource
// or pseudo parameter of the template).
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/iac/document.hpp"

#include <map>
#include <string>
#include <string_view>

namespace shiftsim::iac {

/// `parameters`: NAME -> VALUE (from `--parameter NAME=VALUE`). The format is JSON when the first
/// non-blank character is `{`, else YAML.
[[nodiscard]] IacDocument read_cloudformation(std::string_view text, std::string_view file,
                                              const std::map<std::string, std::string>& parameters);

}  // namespace shiftsim::iac
