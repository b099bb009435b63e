#pragma once
// The codes `shiftsim check` raises itself, with their level and a one-line summary: the rules
// of its SARIF output and the table of docs/check.md. Findings also carry the codes of validate
// (validate.hpp), resolve and simulate (simulate.hpp) for the requests they check.
#include "shiftsim/codes.hpp"
#include "shiftsim/iac/document.hpp"

#include <span>
#include <string_view>

namespace shiftsim::check {

/// How the text report lists a finding of the code.
enum class Listing {
  by_level,    ///< as its level says: notes only with --notes
  always,      ///< even a note, without --notes (it is the whole answer for its document)
  as_figures,  ///< never in the list of findings: the report prints its figures instead
};

struct CodeInfo {
  std::string_view code;
  iac::Level level;
  std::string_view summary;
  Listing listing = Listing::by_level;
};

inline constexpr CodeInfo kCheckCodes[] = {
    {error_code::tf_waiter, iac::Level::error,
     "P95 completion is beyond the 60 minutes the Terraform AWS provider waits for InService"},
    {error_code::tf_timeout_cap, iac::Level::error,
     "maximum_execution_timeout_in_seconds above the provider's 14400 s limit"},
    {error_code::tf_rollback_replaces, iac::Level::error,
     "an auto_rollback_configuration change replaces the endpoint (ForceNew)"},
    {error_code::config_replaced_same_name, iac::Level::error,
     "endpoint config replaced under the same name while the endpoint shows no change"},
    {error_code::quota_exceeded, iac::Level::error,
     "the update's peak exceeds the account quota '<type> for endpoint usage'"},
    {error_code::iac_value, iac::Level::error, "a value the update needs is not valid"},
    {warning_code::capacity_reset, iac::Level::warning,
     "an autoscaled variant is reset to InitialInstanceCount (no RetainAllVariantProperties)"},
    {warning_code::no_deployment_config, iac::Level::warning,
     "no DeploymentConfig: all at once, no bake, no auto-rollback"},
    {warning_code::timeout_risk, iac::Level::warning, "over 1% of trials hit the execution timeout"},
    {warning_code::quota_unknown, iac::Level::warning, "the quotas file lists no quota for an instance type"},
    {warning_code::quota_concurrent, iac::Level::warning,
     "updates of one instance type together exceed its quota"},
    {warning_code::iac_unresolved, iac::Level::warning,
     "a value cannot be resolved from the document: the update is not simulated"},
    {warning_code::not_simulated, iac::Level::warning, "the fleet is not known: the update is not simulated"},
    {warning_code::cfn_parameter_unused, iac::Level::warning, "--parameter names no template parameter"},
    {note_code::simulated, iac::Level::note, "the update's simulated figures", Listing::as_figures},
    {note_code::quota_headroom, iac::Level::note, "quota headroom at the peak"},
    {note_code::quota_not_checked, iac::Level::note, "no quotas file given"},
    {note_code::not_an_update, iac::Level::note, "the endpoint is created, deleted, replaced or unchanged"},
    {note_code::name_at_apply, iac::Level::note, "a name is generated at deploy time; a placeholder stands for it"},
    {note_code::tf_rollback_looks_like_success, iac::Level::note,
     "Terraform reports success after an auto-rollback"},
    {note_code::name_unresolved, iac::Level::note, "a name cannot be resolved; a placeholder stands for it"},
    {note_code::no_sagemaker, iac::Level::note, "the document has no SageMaker resources",
     Listing::always},
    {note_code::cfn_condition_false, iac::Level::note, "a resource's Condition is false"},
    {note_code::cfn_condition_unknown, iac::Level::note, "a resource's Condition cannot be evaluated"},
};

/// The entry for `code`, or nullptr for codes of validate, resolve and simulate.
[[nodiscard]] inline const CodeInfo* check_code(std::string_view code) noexcept {
  for (const auto& c : kCheckCodes)
    if (c.code == code) return &c;
  return nullptr;
}

/// How the text report lists `code` (by_level for codes not in the table).
[[nodiscard]] inline Listing listing_of(std::string_view code) noexcept {
  const CodeInfo* c = check_code(code);
  return c ? c->listing : Listing::by_level;
}

}  // namespace shiftsim::check
