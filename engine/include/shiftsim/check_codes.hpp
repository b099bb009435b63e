#pragma once
// The codes `shiftsim check` raises itself, with their level and a one-line summary: the rules
// of its SARIF output and the table of docs/check.md. Findings also carry the codes of validate
// (validate.hpp), resolve and simulate (simulate.hpp) for the requests they check.
#include "shiftsim/iac/document.hpp"

#include <span>
#include <string_view>

namespace shiftsim::check {

struct CodeInfo {
  std::string_view code;
  iac::Level level;
  std::string_view summary;
};

inline constexpr CodeInfo kCheckCodes[] = {
    {"E_TF_WAITER", iac::Level::error,
     "P95 completion is beyond the 60 minutes the Terraform AWS provider waits for InService"},
    {"E_TF_TIMEOUT_CAP", iac::Level::error,
     "maximum_execution_timeout_in_seconds above the provider's 14400 s limit"},
    {"E_TF_ROLLBACK_REPLACES", iac::Level::error,
     "an auto_rollback_configuration change replaces the endpoint (ForceNew)"},
    {"E_CONFIG_REPLACED_SAME_NAME", iac::Level::error,
     "endpoint config replaced under the same name while the endpoint shows no change"},
    {"E_QUOTA_EXCEEDED", iac::Level::error,
     "the update's peak exceeds the account quota '<type> for endpoint usage'"},
    {"E_IAC_VALUE", iac::Level::error, "a value the update needs is not valid"},
    {"W_CAPACITY_RESET", iac::Level::warning,
     "an autoscaled variant is reset to InitialInstanceCount (no RetainAllVariantProperties)"},
    {"W_NO_DEPLOYMENT_CONFIG", iac::Level::warning,
     "no DeploymentConfig: all at once, no bake, no auto-rollback"},
    {"W_TIMEOUT_RISK", iac::Level::warning, "over 1% of trials hit the execution timeout"},
    {"W_QUOTA_UNKNOWN", iac::Level::warning, "the quotas file lists no quota for an instance type"},
    {"W_QUOTA_CONCURRENT", iac::Level::warning,
     "updates of one instance type together exceed its quota"},
    {"W_IAC_UNRESOLVED", iac::Level::warning,
     "a value cannot be resolved from the document: the update is not simulated"},
    {"W_NOT_SIMULATED", iac::Level::warning, "the fleet is not known: the update is not simulated"},
    {"W_CFN_PARAMETER_UNUSED", iac::Level::warning, "--parameter names no template parameter"},
    {"N_SIMULATED", iac::Level::note, "the update's simulated figures"},
    {"N_QUOTA_HEADROOM", iac::Level::note, "quota headroom at the peak"},
    {"N_QUOTA_NOT_CHECKED", iac::Level::note, "no quotas file given"},
    {"N_NOT_AN_UPDATE", iac::Level::note, "the endpoint is created, deleted, replaced or unchanged"},
    {"N_NAME_AT_APPLY", iac::Level::note, "a name is generated at deploy time; a placeholder stands for it"},
    {"N_TF_ROLLBACK_LOOKS_LIKE_SUCCESS", iac::Level::note,
     "Terraform reports success after an auto-rollback"},
    {"N_NAME_UNRESOLVED", iac::Level::note, "a name cannot be resolved; a placeholder stands for it"},
    {"N_NO_SAGEMAKER", iac::Level::note, "the document has no SageMaker resources"},
    {"N_CFN_CONDITION_FALSE", iac::Level::note, "a resource's Condition is false"},
    {"N_CFN_CONDITION_UNKNOWN", iac::Level::note, "a resource's Condition cannot be evaluated"},
};

/// The entry for `code`, or nullptr for codes of validate, resolve and simulate.
[[nodiscard]] inline const CodeInfo* check_code(std::string_view code) noexcept {
  for (const auto& c : kCheckCodes)
    if (c.code == code) return &c;
  return nullptr;
}

}  // namespace shiftsim::check
