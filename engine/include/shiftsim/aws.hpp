#pragma once
// The AWS shapes shiftsim reads and writes, as plain structs. Member names follow the SageMaker
// API model (botocore service-2.json). Absent optional members are std::nullopt so that writers
// emit exactly what was given. Integers are the model's 32-bit integers.
#include "shiftsim/deployment.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shiftsim::aws {

struct CapacitySizeShape {
  std::string type;  ///< "INSTANCE_COUNT" | "CAPACITY_PERCENT"
  std::int32_t value = 0;
};

struct TrafficRoutingConfig {
  std::string type;  ///< "ALL_AT_ONCE" | "CANARY" | "LINEAR"
  std::int32_t wait_interval_in_seconds = 0;
  std::optional<CapacitySizeShape> canary_size;
  std::optional<CapacitySizeShape> linear_step_size;
};

struct BlueGreenUpdatePolicy {
  TrafficRoutingConfig traffic_routing_configuration;
  std::optional<std::int32_t> termination_wait_in_seconds;
  std::optional<std::int32_t> maximum_execution_timeout_in_seconds;
};

struct RollingUpdatePolicy {
  CapacitySizeShape maximum_batch_size;
  std::int32_t wait_interval_in_seconds = 0;
  std::optional<std::int32_t> maximum_execution_timeout_in_seconds;
  std::optional<CapacitySizeShape> rollback_maximum_batch_size;
};

struct AutoRollbackConfig {
  std::optional<std::vector<std::string>> alarms;  ///< AlarmName of each Alarm
};

struct DeploymentConfig {
  std::optional<BlueGreenUpdatePolicy> blue_green_update_policy;
  std::optional<RollingUpdatePolicy> rolling_update_policy;
  std::optional<AutoRollbackConfig> auto_rollback_configuration;
};

/// UpdateEndpointInput: the `--cli-input-json` shape of `aws sagemaker update-endpoint`.
struct UpdateEndpointRequest {
  std::string endpoint_name;
  std::string endpoint_config_name;
  std::optional<bool> retain_all_variant_properties;
  std::optional<std::vector<std::string>> exclude_retained_variant_properties;  ///< VariantPropertyType values
  std::optional<DeploymentConfig> deployment_config;
  std::optional<bool> retain_deployment_config;
};

/// One ProductionVariantSummary of describe-endpoint (the members shiftsim uses).
struct EndpointVariant {
  std::string variant_name;
  std::optional<std::int32_t> current_instance_count;
  std::optional<std::int32_t> desired_instance_count;
  std::optional<double> current_weight;
  std::optional<double> desired_weight;
  bool serverless = false;  ///< CurrentServerlessConfig or DesiredServerlessConfig present
};

/// DescribeEndpointOutput (the members shiftsim uses; every member is still validated).
struct DescribeEndpoint {
  std::string endpoint_name;
  std::string endpoint_arn;  ///< EndpointArn: its region is the prices' region (A13) by default
  std::string endpoint_config_name;
  std::string endpoint_status;
  std::vector<EndpointVariant> production_variants;
  std::optional<DeploymentConfig> last_deployment_config;
  std::vector<EndpointVariant> shadow_production_variants;  ///< ShadowProductionVariants
};

/// One ProductionVariant of describe-endpoint-config (the members shiftsim uses).
struct ConfigVariant {
  std::string variant_name;
  std::string instance_type;          ///< empty for serverless variants
  std::optional<std::int32_t> initial_instance_count;
  std::optional<double> initial_variant_weight;
  bool serverless = false;            ///< ServerlessConfig present
  bool uses_accelerator = false;      ///< AcceleratorType present (Elastic Inference)
};

/// DescribeEndpointConfigOutput (the members shiftsim uses; every member is still validated).
struct DescribeEndpointConfig {
  std::string endpoint_config_name;
  std::vector<ConfigVariant> production_variants;
  std::vector<ConfigVariant> shadow_production_variants;  ///< ShadowProductionVariants
};

}  // namespace shiftsim::aws
