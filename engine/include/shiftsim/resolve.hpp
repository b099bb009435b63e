#pragma once
// From the AWS shapes (request, describe-endpoint, current and new describe-endpoint-config) to
// the engine's fleets and policy, following docs/engine-contract.md ("Target fleet", Precise
// readings 2, 3, 14; amendments A4, A5, A8, A9, A10) and the exclusions of
// sagemaker-semantics.md section 3.
#include "shiftsim/aws.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shiftsim {

/// What is known about one variant before the retention rules of a request are applied.
struct FleetVariant {
  std::string name;
  std::optional<int> endpoint_desired;  ///< describe-endpoint DesiredInstanceCount, else CurrentInstanceCount
  std::optional<int> config_count;      ///< new config InitialInstanceCount (variant in the new config)
  bool in_endpoint = false;             ///< running now (in describe-endpoint or the current config)
  bool in_new_config = false;           ///< listed in the new config
  bool serverless = false;              ///< ServerlessConfig in the new config (or current, when new unknown)
};

/// The fleet facts the validator's ratio rules need, independent of the request's flags.
/// Build it with make_fleet_context(); `new_config_known` / `endpoint_known` say which documents
/// were given.
struct FleetContext {
  std::vector<FleetVariant> variants;  ///< endpoint's variants first (in its order), then new ones
  bool endpoint_known = false;         ///< describe-endpoint or the current config given
  bool new_config_known = false;       ///< describe-endpoint-config of the new config given
};

[[nodiscard]] FleetContext make_fleet_context(const aws::DescribeEndpoint* endpoint,
                                              const aws::DescribeEndpointConfig* current_config,
                                              const aws::DescribeEndpointConfig* new_config);

/// N of the contract: the variant's target instance count after retention.
/// retain_all && !exclude_count && variant runs now: endpoint_desired; otherwise config_count
/// (0 when the new config is known and lacks the variant). nullopt when the documents given do
/// not determine it.
[[nodiscard]] std::optional<int> target_count(const FleetVariant& v, const FleetContext& fleet,
                                              bool retain_all, bool exclude_count) noexcept;

/// The result of resolve_deployment.
struct ResolvedDeployment {
  std::vector<VariantFleet> variants;  ///< one per variant of the endpoint or the new config
  DeploymentPolicy policy;             ///< the DeploymentConfig in force, normalised
  Diagnostics warnings;                ///< W_... codes (severity warning)
  /// E_VARIANT_SET_CHANGED (A10), E_ROLLING_UNSUPPORTED (A4 under rolling_exclusions=reject):
  /// SageMaker would refuse the update. Callers must not simulate when this is not empty.
  Diagnostics errors;
  /// Every DeploymentConfig falls back to ALL_AT_ONCE, W = 0, T = 0 on this endpoint (a feature
  /// of the new config, or a variant-set change under variant_set_change=fallback), not just the
  /// requested one (ROLLING exclusions); policy.fallback says whether this one does.
  bool falls_back_to_all_at_once = false;
  /// false when some variant's N could not be determined (no new config, no retention);
  /// such a variant then has n_new = n_old (an assumption, with warning W_FLEET_ASSUMED).
  bool fleet_known = true;
  /// false when neither describe-endpoint nor the current config was given; then
  /// n_old = n_new and old_instance_type = new_instance_type (warning W_FLEET_ASSUMED).
  bool old_fleet_known = true;
};

/// Applies the contract:
/// - N_old: CurrentInstanceCount, else DesiredInstanceCount (describe-endpoint), else the
///   current config's InitialInstanceCount; 0 for a variant only in the new config.
/// - N and the new weight: RetainAllVariantProperties=true keeps DesiredInstanceCount /
///   DesiredWeight unless excluded by ExcludeRetainedVariantProperties (then the new config's);
///   false (default): the new config's InitialInstanceCount / InitialVariantWeight (default 1.0).
///   A variant missing from the new config has N = 0, new weight 0. Exclusions without
///   RetainAllVariantProperties=true are ignored (W_EXCLUDE_IGNORED).
/// - old weight: CurrentWeight, else the current config's InitialVariantWeight, else 1.0.
/// - instance types: old from the current config, new from the new config.
/// - policy: RetainDeploymentConfig=true uses the endpoint's LastDeploymentConfig (request copy
///   ignored: W_RETAINED_CONFIG_WINS); no LastDeploymentConfig / no DeploymentConfig / a config
///   without update policy: ALL_AT_ONCE, W=0, T=0 (alarms kept).
/// - serverless sides (ServerlessConfig; A5): no instances (N_old or N = 0), no instance type,
///   VariantFleet::old_serverless / new_serverless.
/// - W_CAPACITY_RESET (A8): a variant's N differs from its CurrentInstanceCount;
///   W_SHADOW_NOT_SIMULATED (A9): ShadowProductionVariants are left out.
/// - variant names that differ between the running endpoint and the new config (A10): under an
///   update policy E_VARIANT_SET_CHANGED (variant_set_change=reject) or a fallback cause
///   (variant_set_change=fallback); without one W_VARIANT_RENAMED and reading 2.
/// - exclusions of the new config's variants (A4: serverless, Inf1 `ml.inf1.*`, Elastic Inference
///   AcceleratorType) and ROLLING on a multi-variant or serverless new config: ALL_AT_ONCE with
///   W = 0, T = 0, no step, policy.fallback (W_FALLBACK_ALL_AT_ONCE naming every cause);
///   rolling_exclusions=reject: E_ROLLING_UNSUPPORTED instead. Marketplace containers cannot be
///   detected from these documents.
/// Never throws; see fleet_known / old_fleet_known and errors.
[[nodiscard]] ResolvedDeployment resolve_deployment(
    const aws::UpdateEndpointRequest& request, const aws::DescribeEndpoint* endpoint,
    const aws::DescribeEndpointConfig* current_config,
    const aws::DescribeEndpointConfig* new_config, const Assumptions& assumptions = {});

/// The DeploymentConfig -> DeploymentPolicy mapping alone (no retention, no fallback):
/// absent or no update policy gives ALL_AT_ONCE, W=0, T=0.
[[nodiscard]] DeploymentPolicy to_policy(const std::optional<aws::DeploymentConfig>& config);

}  // namespace shiftsim
