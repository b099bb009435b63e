#pragma once
// Reading a Terraform plan as `terraform show -json plan.out` prints it (Terraform's "JSON Output
// Format", format_version 1.x: any other major version is refused).
//
// From `resource_changes`, managed resources of the AWS provider (terraform-provider-aws,
// internal/service/sagemaker/endpoint.go and endpoint_configuration.go; attribute names as there):
// - aws_sagemaker_endpoint: name, endpoint_config_name, deployment_config (blue_green_update_policy
//   { traffic_routing_configuration { type, wait_interval_in_seconds, canary_size { type, value },
//   linear_step_size {...} }, termination_wait_in_seconds, maximum_execution_timeout_in_seconds },
//   rolling_update_policy { maximum_batch_size, wait_interval_in_seconds,
//   maximum_execution_timeout_in_seconds, rollback_maximum_batch_size },
//   auto_rollback_configuration { alarms { alarm_name } });
// - aws_sagemaker_endpoint_configuration: name, production_variants { variant_name, instance_type,
//   initial_instance_count, initial_variant_weight, accelerator_type, serverless_config };
// - aws_appautoscaling_target with service_namespace "sagemaker" and scalable_dimension
//   "sagemaker:variant:DesiredInstanceCount": resource_id "endpoint/NAME/variant/VARIANT",
//   min_capacity, max_capacity.
// Nested blocks are one-element lists in that format. `before` is the running state (the current
// endpoint config), `after` the planned one. What the plan does not know yet (after_unknown) is
// linked through the configuration's references (`configuration.root_module`, module calls
// included) or said in a finding; never guessed.
//
// What the provider sends on update (resourceEndpointUpdate): UpdateEndpoint with EndpointName,
// EndpointConfigName and DeploymentConfig only; it has no RetainAllVariantProperties,
// ExcludeRetainedVariantProperties or RetainDeploymentConfig. auto_rollback_configuration is
// ForceNew: a change to it plans a replacement of the endpoint.
//
// Budget: 16 MiB of text, 64 levels of nesting, 1,000,000 values (E_SIZE, E_DEPTH, E_NODE_BUDGET:
// input_limits.hpp; exit 2).
// Errors (InputError, exit 2): E_JSON_SYNTAX (a truncated plan names the line where it ends),
// E_DUPLICATE_KEY, E_UTF8, the budget's codes, E_TF_PLAN (not a plan: a state file, another
// major format_version, resource_changes not a list), each with the path.
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/iac/document.hpp"

#include <string_view>

namespace shiftsim::iac {

[[nodiscard]] IacDocument read_terraform_plan(std::string_view text, std::string_view file);

}  // namespace shiftsim::iac
