#pragma once
// Every error and warning code shiftsim raises, in one place. A code is a stable interface:
// scripts match on it (`validate --output json`, the plan's warnings), so a value never changes
// and is never reused for another meaning. Codes match ^[EW]_[A-Z0-9_]+$: E_ for errors (exit
// 2), W_ for warnings. Raise and test codes through these constants only: no other file of the
// engine or the CLI spells a code as a string (tests/check_codes.cmake checks it).
//
// A new code: add its constant to its namespace (sorted by name) and to kErrorCodes or
// kWarningCodes below.

namespace shiftsim {

/// Error codes (Severity::error).
namespace error_code {
/// Unknown assumption or value.
inline constexpr const char* assumption = "E_ASSUMPTION";
/// CanarySize over 50% of N.
inline constexpr const char* canary_ratio = "E_CANARY_RATIO";
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
/// Not one of the allowed words.
inline constexpr const char* enum_value = "E_ENUM";
/// A file cannot be read.
inline constexpr const char* file = "E_FILE";
/// Sweep grid over the limit.
inline constexpr const char* grid_too_large = "E_GRID_TOO_LARGE";
/// Nothing to simulate.
inline constexpr const char* input = "E_INPUT";
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
/// More values than a document may hold (YAML aliases expanded; input_limits.hpp).
inline constexpr const char* node_budget = "E_NODE_BUDGET";
/// Member not allowed with another.
inline constexpr const char* not_allowed = "E_NOT_ALLOWED";
/// Exactly one of several members must be given.
inline constexpr const char* one_of = "E_ONE_OF";
/// Both update policies given.
inline constexpr const char* one_policy = "E_ONE_POLICY";
/// Text does not match its pattern.
inline constexpr const char* pattern = "E_PATTERN";
/// A number outside its range.
inline constexpr const char* range = "E_RANGE";
/// Malformed start:stop:step.
inline constexpr const char* range_syntax = "E_RANGE_SYNTAX";
/// A required member or input.
inline constexpr const char* required = "E_REQUIRED";
/// MaximumBatchSize not 5..50% of N.
inline constexpr const char* rolling_batch_ratio = "E_ROLLING_BATCH_RATIO";
/// Rolling on multi-variant/serverless.
inline constexpr const char* rolling_unsupported = "E_ROLLING_UNSUPPORTED";
/// Scenario not JSON or YAML.
inline constexpr const char* scenario = "E_SCENARIO";
/// AWS CLI shorthand syntax.
inline constexpr const char* shorthand = "E_SHORTHAND";
/// A document or input file over 1 MiB (input_limits.hpp).
inline constexpr const char* size = "E_SIZE";
/// Wrong JSON/YAML type.
inline constexpr const char* type = "E_TYPE";
/// Unknown distribution member.
inline constexpr const char* unknown = "E_UNKNOWN";
/// Unknown member of a shape.
inline constexpr const char* unknown_member = "E_UNKNOWN_MEMBER";
/// Ill-formed UTF-8.
inline constexpr const char* utf8 = "E_UTF8";
/// YAML syntax.
inline constexpr const char* yaml_syntax = "E_YAML_SYNTAX";
}  // namespace error_code

/// Warning codes (Severity::warning).
namespace warning_code {
/// A bake ends before ALARM can.
inline constexpr const char* bake_shorter_than_alarm = "W_BAKE_SHORTER_THAN_ALARM";
/// DataCaptureConfig exclusion.
inline constexpr const char* data_capture_unsupported = "W_DATA_CAPTURE_UNSUPPORTED";
/// Exclusions without retain.
inline constexpr const char* exclude_ignored = "W_EXCLUDE_IGNORED";
/// Inf1/EI: ALL_AT_ONCE, no bake.
inline constexpr const char* fallback_all_at_once = "W_FALLBACK_ALL_AT_ONCE";
/// A fleet size assumed.
inline constexpr const char* fleet_assumed = "W_FLEET_ASSUMED";
/// Retained config not known.
inline constexpr const char* last_config_unknown = "W_LAST_CONFIG_UNKNOWN";
/// No auto-rollback.
inline constexpr const char* no_alarms = "W_NO_ALARMS";
/// No MaximumExecutionTimeoutInSeconds.
inline constexpr const char* no_timeout = "W_NO_TIMEOUT";
/// Traffic share changed.
inline constexpr const char* percent_rounding = "W_PERCENT_ROUNDING";
/// The pick's Monte Carlo P50 is over 1.1 x its median trial.
inline constexpr const char* plan_median_timings_optimistic = "W_PLAN_MEDIAN_TIMINGS_OPTIMISTIC";
/// The pick's P95 over max duration.
inline constexpr const char* plan_p95_over_limit = "W_PLAN_P95_OVER_LIMIT";
/// An instance type has no price.
inline constexpr const char* price_missing = "W_PRICE_MISSING";
/// The peak exceeds the instance quota.
inline constexpr const char* quota_exceeded = "W_QUOTA_EXCEEDED";
/// Lenient read: member missing.
inline constexpr const char* required = "W_REQUIRED";
/// Request's config not used.
inline constexpr const char* retained_config_wins = "W_RETAINED_CONFIG_WINS";
/// Scenario times an unused alarm.
inline constexpr const char* scenario_alarm_unused = "W_SCENARIO_ALARM_UNUSED";
/// Flags replace `request:`.
inline constexpr const char* scenario_request_replaced = "W_SCENARIO_REQUEST_REPLACED";
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
/// The plan outlasts the AWS CLI waiter (3600 s).
inline constexpr const char* waiter_60min = "W_WAITER_60MIN";
}  // namespace warning_code

/// Every code above (tests check each is unique and well-formed, and that none is left out).
inline constexpr const char* kErrorCodes[] = {
    error_code::assumption,
    error_code::canary_ratio,
    error_code::csv,
    error_code::depth,
    error_code::duplicate,
    error_code::duplicate_key,
    error_code::emit_flag_not_applicable,
    error_code::emit_flag_required,
    error_code::emit_flag_value,
    error_code::enum_value,
    error_code::file,
    error_code::grid_too_large,
    error_code::input,
    error_code::json,
    error_code::json_syntax,
    error_code::length,
    error_code::linear_ratio,
    error_code::list_length,
    error_code::max,
    error_code::min,
    error_code::node_budget,
    error_code::not_allowed,
    error_code::one_of,
    error_code::one_policy,
    error_code::pattern,
    error_code::range,
    error_code::range_syntax,
    error_code::required,
    error_code::rolling_batch_ratio,
    error_code::rolling_unsupported,
    error_code::scenario,
    error_code::shorthand,
    error_code::size,
    error_code::type,
    error_code::unknown,
    error_code::unknown_member,
    error_code::utf8,
    error_code::yaml_syntax,
};
inline constexpr const char* kWarningCodes[] = {
    warning_code::bake_shorter_than_alarm,
    warning_code::data_capture_unsupported,
    warning_code::exclude_ignored,
    warning_code::fallback_all_at_once,
    warning_code::fleet_assumed,
    warning_code::last_config_unknown,
    warning_code::no_alarms,
    warning_code::no_timeout,
    warning_code::percent_rounding,
    warning_code::plan_median_timings_optimistic,
    warning_code::plan_p95_over_limit,
    warning_code::price_missing,
    warning_code::quota_exceeded,
    warning_code::required,
    warning_code::retained_config_wins,
    warning_code::scenario_alarm_unused,
    warning_code::scenario_request_replaced,
    warning_code::steps_collapse,
    warning_code::terraform_retention_unsupported,
    warning_code::terraform_timeout_cap,
    warning_code::timeout_below_recommended,
    warning_code::timeout_cap_too_short,
    warning_code::timeout_le_waits,
    warning_code::timeout_short,
    warning_code::trip_after_last_bake,
    warning_code::trip_ignored,
    warning_code::unknown_member,
    warning_code::variant_renamed,
    warning_code::waiter_60min,
};

}  // namespace shiftsim
