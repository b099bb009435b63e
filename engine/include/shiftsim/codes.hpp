#pragma once
// Every error and warning code shiftsim raises, in one place. A code is a stable interface:
// scripts match on it (`validate --output json`, the plan's warnings), so a value never changes
// and is never reused for another meaning. Codes match ^[EWN]_[A-Z0-9_]+$: E_ for errors (exit
// 2; in `shiftsim check`'s findings, errors decide --fail-on), W_ for warnings, N_ for the notes
// of `shiftsim check`. Raise and test codes through these constants only: no other file of the
// engine or the CLI spells a code as a string (tests/check_codes.cmake checks it).
//
// A new code: add its constant to its namespace (sorted by name) and to kErrorCodes,
// kWarningCodes or kNoteCodes below; if anything behaves differently for it, give it a trait in
// code_traits.hpp (control flow never compares codes).

namespace shiftsim {

/// Error codes (Severity::error).
namespace error_code {
/// Unknown assumption or value.
inline constexpr const char* assumption = "E_ASSUMPTION";
/// CanarySize over 50% of N.
inline constexpr const char* canary_ratio = "E_CANARY_RATIO";
/// A CloudFormation function or YAML tag no one documents.
inline constexpr const char* cfn_intrinsic_unknown = "E_CFN_INTRINSIC_UNKNOWN";
/// Ref, Fn::GetAtt or ${Name} to nothing in the template.
inline constexpr const char* cfn_ref_unknown = "E_CFN_REF_UNKNOWN";
/// Not a CloudFormation template (no Resources object).
inline constexpr const char* cfn_template = "E_CFN_TEMPLATE";
/// check: a config replaced under its name behind an unchanged endpoint.
inline constexpr const char* config_replaced_same_name = "E_CONFIG_REPLACED_SAME_NAME";
/// A cost objective or cost limit while some instance type has no price (amendment A12).
inline constexpr const char* cost_unknown = "E_COST_UNKNOWN";
/// Malformed price CSV.
inline constexpr const char* csv = "E_CSV";
/// A document nests too deep.
inline constexpr const char* depth = "E_DEPTH";
/// A price row listed twice.
inline constexpr const char* duplicate = "E_DUPLICATE";
/// A key given twice in a JSON or YAML document.
inline constexpr const char* duplicate_key = "E_DUPLICATE_KEY";
/// An emit option that does not apply to the request.
inline constexpr const char* emit_flag_not_applicable = "E_EMIT_FLAG_NOT_APPLICABLE";
/// An emit option the request needs is missing.
inline constexpr const char* emit_flag_required = "E_EMIT_FLAG_REQUIRED";
/// An emit option with a bad value.
inline constexpr const char* emit_flag_value = "E_EMIT_FLAG_VALUE";
/// The endpoint cannot be updated: Failed, Deleting or OutOfService (amendment A6).
inline constexpr const char* endpoint_status = "E_ENDPOINT_STATUS";
/// Not one of the allowed words.
inline constexpr const char* enum_value = "E_ENUM";
/// A file cannot be read.
inline constexpr const char* file = "E_FILE";
/// Flags that exclude each other, or two flags reading standard input.
inline constexpr const char* flag_conflict = "E_FLAG_CONFLICT";
/// A flag without its value, a switch given one, or a word where a flag goes.
inline constexpr const char* flag_syntax = "E_FLAG_SYNTAX";
/// Sweep grid over the limit.
inline constexpr const char* grid_too_large = "E_GRID_TOO_LARGE";
/// check: a value an update needs is not valid.
inline constexpr const char* iac_value = "E_IAC_VALUE";
/// Nothing to simulate.
inline constexpr const char* input = "E_INPUT";
/// A bug in shiftsim (exit 1).
inline constexpr const char* internal = "E_INTERNAL";
/// Not valid JSON (model text).
inline constexpr const char* json = "E_JSON";
/// JSON syntax, line and column.
inline constexpr const char* json_syntax = "E_JSON_SYNTAX";
/// String length outside the model's, or over 64 KiB in any document.
inline constexpr const char* length = "E_LENGTH";
/// LinearStepSize not 10..50% of N.
inline constexpr const char* linear_ratio = "E_LINEAR_RATIO";
/// List length outside the model's, or a mapping over 10,000 members.
inline constexpr const char* list_length = "E_LIST_LENGTH";
/// Number above the model's maximum.
inline constexpr const char* max = "E_MAX";
/// Number below the model's minimum.
inline constexpr const char* min = "E_MIN";
/// Documents that describe different endpoints or configs (amendment A7).
inline constexpr const char* mismatch = "E_MISMATCH";
/// More values than a document may hold (YAML aliases expanded; input_limits.hpp).
inline constexpr const char* node_budget = "E_NODE_BUDGET";
/// Member not allowed with another.
inline constexpr const char* not_allowed = "E_NOT_ALLOWED";
/// Exactly one of several members must be given.
inline constexpr const char* one_of = "E_ONE_OF";
/// Both update policies given.
inline constexpr const char* one_policy = "E_ONE_POLICY";
/// An output file or stream could not be written (exit 3).
inline constexpr const char* output = "E_OUTPUT";
/// Text does not match its pattern.
inline constexpr const char* pattern = "E_PATTERN";
/// A given price that is not TYPE=USD with USD a number of dollars per hour in [0, 10000].
inline constexpr const char* price = "E_PRICE";
/// check: an update's peak above the account's endpoint quota.
inline constexpr const char* quota_exceeded = "E_QUOTA_EXCEEDED";
/// Not list-service-quotas output.
inline constexpr const char* quotas = "E_QUOTAS";
/// A number outside its range.
inline constexpr const char* range = "E_RANGE";
/// Malformed start:stop:step.
inline constexpr const char* range_syntax = "E_RANGE_SYNTAX";
/// Not an AWS region code (e.g. eu-central-1).
inline constexpr const char* region = "E_REGION";
/// A required member or input.
inline constexpr const char* required = "E_REQUIRED";
/// MaximumBatchSize not 5..50% of N.
inline constexpr const char* rolling_batch_ratio = "E_ROLLING_BATCH_RATIO";
/// Rolling on multi-variant/serverless under rolling_exclusions=reject (A4).
inline constexpr const char* rolling_unsupported = "E_ROLLING_UNSUPPORTED";
/// Scenario not JSON or YAML.
inline constexpr const char* scenario = "E_SCENARIO";
/// AWS CLI shorthand syntax.
inline constexpr const char* shorthand = "E_SHORTHAND";
/// A document or input file over 1 MiB (input_limits.hpp).
inline constexpr const char* size = "E_SIZE";
/// emit/plan: a Terraform timeout above 14400 s, not allowed.
inline constexpr const char* terraform_timeout_cap = "E_TERRAFORM_TIMEOUT_CAP";
/// Not a Terraform plan (terraform show -json) of format 1.x.
inline constexpr const char* tf_plan = "E_TF_PLAN";
/// check: an auto_rollback_configuration edit replaces the endpoint.
inline constexpr const char* tf_rollback_replaces = "E_TF_ROLLBACK_REPLACES";
/// check: a plan's timeout above the provider's 14400 s.
inline constexpr const char* tf_timeout_cap = "E_TF_TIMEOUT_CAP";
/// check: P95 completion beyond Terraform's 60-minute waiter.
inline constexpr const char* tf_waiter = "E_TF_WAITER";
/// A scenario trip at a bake or time in a planning run (it draws its own faults).
inline constexpr const char* trip_unsupported = "E_TRIP_UNSUPPORTED";
/// Wrong JSON/YAML type.
inline constexpr const char* type = "E_TYPE";
/// Unknown distribution member.
inline constexpr const char* unknown = "E_UNKNOWN";
/// Not a shiftsim command.
inline constexpr const char* unknown_command = "E_UNKNOWN_COMMAND";
/// A flag the command does not take.
inline constexpr const char* unknown_flag = "E_UNKNOWN_FLAG";
/// Unknown member of a shape.
inline constexpr const char* unknown_member = "E_UNKNOWN_MEMBER";
/// Ill-formed UTF-8.
inline constexpr const char* utf8 = "E_UTF8";
/// A changed variant set under an update policy (amendment A10).
inline constexpr const char* variant_set_changed = "E_VARIANT_SET_CHANGED";
/// A document of the wrong kind, e.g. a config where describe-endpoint goes (A7).
inline constexpr const char* wrong_document = "E_WRONG_DOCUMENT";
/// YAML syntax.
inline constexpr const char* yaml_syntax = "E_YAML_SYNTAX";
/// fleet merge: a shard index given twice, or an endpoint in two shards.
inline constexpr const char* shard_duplicate = "E_SHARD_DUPLICATE";
/// fleet: an output of another command, fleet or settings (merge; a run's output directory).
inline constexpr const char* shard_foreign = "E_SHARD_FOREIGN";
/// fleet merge: a shard whose task did not finish.
inline constexpr const char* shard_incomplete = "E_SHARD_INCOMPLETE";
/// fleet merge: a shard index or endpoints missing.
inline constexpr const char* shard_missing = "E_SHARD_MISSING";
}  // namespace error_code

/// Warning codes (Severity::warning).
namespace warning_code {
/// A bake ends before ALARM can.
inline constexpr const char* bake_shorter_than_alarm = "W_BAKE_SHORTER_THAN_ALARM";
/// A variant's N differs from its CurrentInstanceCount: the update resets it (amendment A8).
inline constexpr const char* capacity_reset = "W_CAPACITY_RESET";
/// A parameter value for no template parameter.
inline constexpr const char* cfn_parameter_unused = "W_CFN_PARAMETER_UNUSED";
/// DataCaptureConfig exclusion.
inline constexpr const char* data_capture_unsupported = "W_DATA_CAPTURE_UNSUPPORTED";
/// EndpointStatus is transitional: simulated as if InService (amendment A6).
inline constexpr const char* endpoint_not_in_service = "W_ENDPOINT_NOT_IN_SERVICE";
/// Exclusions without retain.
inline constexpr const char* exclude_ignored = "W_EXCLUDE_IGNORED";
/// An exclusion (serverless, Inf1, EI, rolling on multi-variant): ALL_AT_ONCE, no bake (A4).
inline constexpr const char* fallback_all_at_once = "W_FALLBACK_ALL_AT_ONCE";
/// A fleet size assumed.
inline constexpr const char* fleet_assumed = "W_FLEET_ASSUMED";
/// check: a value the simulation needs cannot be resolved.
inline constexpr const char* iac_unresolved = "W_IAC_UNRESOLVED";
/// Retained config not known.
inline constexpr const char* last_config_unknown = "W_LAST_CONFIG_UNKNOWN";
/// No auto-rollback.
inline constexpr const char* no_alarms = "W_NO_ALARMS";
/// check: no DeploymentConfig (SageMaker's default update).
inline constexpr const char* no_deployment_config = "W_NO_DEPLOYMENT_CONFIG";
/// No MaximumExecutionTimeoutInSeconds.
inline constexpr const char* no_timeout = "W_NO_TIMEOUT";
/// check: the fleet is unknown; the update is not simulated.
inline constexpr const char* not_simulated = "W_NOT_SIMULATED";
/// Traffic share changed.
inline constexpr const char* percent_rounding = "W_PERCENT_ROUNDING";
/// The pick's Monte Carlo P50 is over 1.1 x its median trial.
inline constexpr const char* plan_median_timings_optimistic = "W_PLAN_MEDIAN_TIMINGS_OPTIMISTIC";
/// The pick's P95 over max duration.
inline constexpr const char* plan_p95_over_limit = "W_PLAN_P95_OVER_LIMIT";
/// An instance type has no price.
inline constexpr const char* price_missing = "W_PRICE_MISSING";
/// check: updates of a type together above its quota.
inline constexpr const char* quota_concurrent = "W_QUOTA_CONCURRENT";
/// The peak exceeds the instance quota.
inline constexpr const char* quota_exceeded = "W_QUOTA_EXCEEDED";
/// check: no quota listed for an instance type.
inline constexpr const char* quota_unknown = "W_QUOTA_UNKNOWN";
/// Lenient read: member missing.
inline constexpr const char* required = "W_REQUIRED";
/// Request's config not used.
inline constexpr const char* retained_config_wins = "W_RETAINED_CONFIG_WINS";
/// Scenario times an unused alarm.
inline constexpr const char* scenario_alarm_unused = "W_SCENARIO_ALARM_UNUSED";
/// Flags replace `request:`.
inline constexpr const char* scenario_request_replaced = "W_SCENARIO_REQUEST_REPLACED";
/// A serverless variant: no instances, not instance-priced (amendment A5).
inline constexpr const char* serverless_not_priced = "W_SERVERLESS_NOT_PRICED";
/// ShadowProductionVariants left out of peak and cost (amendment A9).
inline constexpr const char* shadow_not_simulated = "W_SHADOW_NOT_SIMULATED";
/// Two steps would give the same traffic.
inline constexpr const char* steps_collapse = "W_STEPS_COLLAPSE";
/// Member Terraform cannot write.
inline constexpr const char* terraform_retention_unsupported = "W_TERRAFORM_RETENTION_UNSUPPORTED";
/// Timeout over Terraform's cap.
inline constexpr const char* terraform_timeout_cap = "W_TERRAFORM_TIMEOUT_CAP";
/// The timeout is below P99 completion + 10%.
inline constexpr const char* timeout_below_recommended = "W_TIMEOUT_BELOW_RECOMMENDED";
/// P99 + 10% over 28800 s.
inline constexpr const char* timeout_cap_too_short = "W_TIMEOUT_CAP_TOO_SHORT";
/// The timeout is no longer than the bakes together.
inline constexpr const char* timeout_le_waits = "W_TIMEOUT_LE_WAITS";
/// Over 1% of Monte Carlo trials (or the plan's --max-p-timeout) hit the timeout.
inline constexpr const char* timeout_risk = "W_TIMEOUT_RISK";
/// The timeout is shorter than the planned duration.
inline constexpr const char* timeout_short = "W_TIMEOUT_SHORT";
/// The trip has no effect.
inline constexpr const char* trip_after_last_bake = "W_TRIP_AFTER_LAST_BAKE";
/// A trip injected, but no alarm watches the bakes.
inline constexpr const char* trip_ignored = "W_TRIP_IGNORED";
/// Lenient read: extra member.
inline constexpr const char* unknown_member = "W_UNKNOWN_MEMBER";
/// Variant names differ.
inline constexpr const char* variant_renamed = "W_VARIANT_RENAMED";
/// A bake under 60 s with alarms: seconds typed as minutes?
inline constexpr const char* wait_looks_like_minutes = "W_WAIT_LOOKS_LIKE_MINUTES";
/// The plan outlasts the AWS CLI waiter (3600 s).
inline constexpr const char* waiter_60min = "W_WAITER_60MIN";
/// A bake of 0 s while alarms are configured: nothing is watched there.
inline constexpr const char* zero_bake_with_alarms = "W_ZERO_BAKE_WITH_ALARMS";
}  // namespace warning_code

/// Note codes: what `shiftsim check` says without warning (SARIF level note).
namespace note_code {
/// A resource whose Condition is false is left out.
inline constexpr const char* cfn_condition_false = "N_CFN_CONDITION_FALSE";
/// A resource's Condition cannot be evaluated.
inline constexpr const char* cfn_condition_unknown = "N_CFN_CONDITION_UNKNOWN";
/// A name generated at deploy time; a placeholder stands for it.
inline constexpr const char* name_at_apply = "N_NAME_AT_APPLY";
/// A name that cannot be resolved; a placeholder stands for it.
inline constexpr const char* name_unresolved = "N_NAME_UNRESOLVED";
/// A document without SageMaker resources.
inline constexpr const char* no_sagemaker = "N_NO_SAGEMAKER";
/// An endpoint created, deleted, replaced or unchanged.
inline constexpr const char* not_an_update = "N_NOT_AN_UPDATE";
/// Quota headroom at an update's peak.
inline constexpr const char* quota_headroom = "N_QUOTA_HEADROOM";
/// No service quotas given.
inline constexpr const char* quota_not_checked = "N_QUOTA_NOT_CHECKED";
/// An update's simulated figures.
inline constexpr const char* simulated = "N_SIMULATED";
/// Terraform reports success after an auto-rollback.
inline constexpr const char* tf_rollback_looks_like_success = "N_TF_ROLLBACK_LOOKS_LIKE_SUCCESS";
}  // namespace note_code

/// Every code above (tests check each is unique and well-formed, and that none is left out).
inline constexpr const char* kErrorCodes[] = {
    error_code::shard_duplicate,
    error_code::shard_foreign,
    error_code::shard_incomplete,
    error_code::shard_missing,
    error_code::assumption,
    error_code::canary_ratio,
    error_code::cfn_intrinsic_unknown,
    error_code::cfn_ref_unknown,
    error_code::cfn_template,
    error_code::config_replaced_same_name,
    error_code::cost_unknown,
    error_code::csv,
    error_code::depth,
    error_code::duplicate,
    error_code::duplicate_key,
    error_code::emit_flag_not_applicable,
    error_code::emit_flag_required,
    error_code::emit_flag_value,
    error_code::endpoint_status,
    error_code::enum_value,
    error_code::file,
    error_code::flag_conflict,
    error_code::flag_syntax,
    error_code::grid_too_large,
    error_code::iac_value,
    error_code::input,
    error_code::internal,
    error_code::json,
    error_code::json_syntax,
    error_code::length,
    error_code::linear_ratio,
    error_code::list_length,
    error_code::max,
    error_code::min,
    error_code::mismatch,
    error_code::node_budget,
    error_code::not_allowed,
    error_code::one_of,
    error_code::one_policy,
    error_code::output,
    error_code::pattern,
    error_code::price,
    error_code::quota_exceeded,
    error_code::quotas,
    error_code::range,
    error_code::range_syntax,
    error_code::region,
    error_code::required,
    error_code::rolling_batch_ratio,
    error_code::rolling_unsupported,
    error_code::scenario,
    error_code::shorthand,
    error_code::size,
    error_code::terraform_timeout_cap,
    error_code::tf_plan,
    error_code::tf_rollback_replaces,
    error_code::tf_timeout_cap,
    error_code::tf_waiter,
    error_code::trip_unsupported,
    error_code::type,
    error_code::unknown,
    error_code::unknown_command,
    error_code::unknown_flag,
    error_code::unknown_member,
    error_code::utf8,
    error_code::variant_set_changed,
    error_code::wrong_document,
    error_code::yaml_syntax,
};
inline constexpr const char* kWarningCodes[] = {
    warning_code::bake_shorter_than_alarm,
    warning_code::capacity_reset,
    warning_code::cfn_parameter_unused,
    warning_code::data_capture_unsupported,
    warning_code::endpoint_not_in_service,
    warning_code::exclude_ignored,
    warning_code::fallback_all_at_once,
    warning_code::fleet_assumed,
    warning_code::iac_unresolved,
    warning_code::last_config_unknown,
    warning_code::no_alarms,
    warning_code::no_deployment_config,
    warning_code::no_timeout,
    warning_code::not_simulated,
    warning_code::percent_rounding,
    warning_code::plan_median_timings_optimistic,
    warning_code::plan_p95_over_limit,
    warning_code::price_missing,
    warning_code::quota_concurrent,
    warning_code::quota_exceeded,
    warning_code::quota_unknown,
    warning_code::required,
    warning_code::retained_config_wins,
    warning_code::scenario_alarm_unused,
    warning_code::scenario_request_replaced,
    warning_code::serverless_not_priced,
    warning_code::shadow_not_simulated,
    warning_code::steps_collapse,
    warning_code::terraform_retention_unsupported,
    warning_code::terraform_timeout_cap,
    warning_code::timeout_below_recommended,
    warning_code::timeout_cap_too_short,
    warning_code::timeout_le_waits,
    warning_code::timeout_risk,
    warning_code::timeout_short,
    warning_code::trip_after_last_bake,
    warning_code::trip_ignored,
    warning_code::unknown_member,
    warning_code::variant_renamed,
    warning_code::wait_looks_like_minutes,
    warning_code::waiter_60min,
    warning_code::zero_bake_with_alarms,
};

inline constexpr const char* kNoteCodes[] = {
    note_code::cfn_condition_false,
    note_code::cfn_condition_unknown,
    note_code::name_at_apply,
    note_code::name_unresolved,
    note_code::no_sagemaker,
    note_code::not_an_update,
    note_code::quota_headroom,
    note_code::quota_not_checked,
    note_code::simulated,
    note_code::tf_rollback_looks_like_success,
};

}  // namespace shiftsim
