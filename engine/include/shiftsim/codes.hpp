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
inline constexpr const char* assumption = "E_ASSUMPTION";        ///< unknown assumption or value
inline constexpr const char* canary_ratio = "E_CANARY_RATIO";    ///< CanarySize over 50% of N
inline constexpr const char* csv = "E_CSV";                      ///< malformed price CSV
inline constexpr const char* depth = "E_DEPTH";                  ///< a document nests too deep
inline constexpr const char* duplicate = "E_DUPLICATE";          ///< a price row listed twice
inline constexpr const char* duplicate_key = "E_DUPLICATE_KEY";  ///< a JSON/YAML key twice
inline constexpr const char* emit_flag_not_applicable =
    "E_EMIT_FLAG_NOT_APPLICABLE";                                ///< emit option of no use here
inline constexpr const char* emit_flag_required = "E_EMIT_FLAG_REQUIRED";  ///< emit option missing
inline constexpr const char* emit_flag_value = "E_EMIT_FLAG_VALUE";        ///< bad emit option
inline constexpr const char* enum_value = "E_ENUM";              ///< not one of the allowed words
inline constexpr const char* file = "E_FILE";                    ///< a file cannot be read
inline constexpr const char* grid_too_large = "E_GRID_TOO_LARGE";  ///< sweep grid over the limit
inline constexpr const char* input = "E_INPUT";                  ///< nothing to simulate
inline constexpr const char* json = "E_JSON";                    ///< not valid JSON (model text)
inline constexpr const char* json_syntax = "E_JSON_SYNTAX";      ///< JSON syntax, line and column
inline constexpr const char* length = "E_LENGTH";                ///< string length outside the model's
inline constexpr const char* linear_ratio = "E_LINEAR_RATIO";    ///< LinearStepSize not 10..50% of N
inline constexpr const char* list_length = "E_LIST_LENGTH";      ///< list length outside the model's
inline constexpr const char* max = "E_MAX";                      ///< number above the model's maximum
inline constexpr const char* min = "E_MIN";                      ///< number below the model's minimum
inline constexpr const char* not_allowed = "E_NOT_ALLOWED";      ///< member not allowed with another
inline constexpr const char* one_of = "E_ONE_OF";                ///< give exactly one of members
inline constexpr const char* one_policy = "E_ONE_POLICY";        ///< both update policies given
inline constexpr const char* pattern = "E_PATTERN";              ///< text does not match its pattern
inline constexpr const char* range = "E_RANGE";                  ///< a number outside its range
inline constexpr const char* range_syntax = "E_RANGE_SYNTAX";    ///< malformed start:stop:step
inline constexpr const char* required = "E_REQUIRED";            ///< a required member or input
inline constexpr const char* rolling_batch_ratio =
    "E_ROLLING_BATCH_RATIO";                                     ///< MaximumBatchSize not 5..50% of N
inline constexpr const char* rolling_unsupported =
    "E_ROLLING_UNSUPPORTED";                                     ///< rolling on multi-variant/serverless
inline constexpr const char* scenario = "E_SCENARIO";            ///< scenario not JSON or YAML
inline constexpr const char* shorthand = "E_SHORTHAND";          ///< AWS CLI shorthand syntax
inline constexpr const char* size = "E_SIZE";                    ///< document expands too far
inline constexpr const char* type = "E_TYPE";                    ///< wrong JSON/YAML type
inline constexpr const char* unknown = "E_UNKNOWN";              ///< unknown distribution member
inline constexpr const char* unknown_member = "E_UNKNOWN_MEMBER";  ///< unknown member of a shape
inline constexpr const char* utf8 = "E_UTF8";                    ///< ill-formed UTF-8
inline constexpr const char* yaml_syntax = "E_YAML_SYNTAX";      ///< YAML syntax
}  // namespace error_code

/// Warning codes (Severity::warning).
namespace warning_code {
inline constexpr const char* bake_shorter_than_alarm =
    "W_BAKE_SHORTER_THAN_ALARM";                                 ///< a bake ends before ALARM can
inline constexpr const char* data_capture_unsupported =
    "W_DATA_CAPTURE_UNSUPPORTED";                                ///< DataCaptureConfig exclusion
inline constexpr const char* exclude_ignored = "W_EXCLUDE_IGNORED";  ///< exclusions without retain
inline constexpr const char* fallback_all_at_once =
    "W_FALLBACK_ALL_AT_ONCE";                                    ///< Inf1/EI: ALL_AT_ONCE, no bake
inline constexpr const char* fleet_assumed = "W_FLEET_ASSUMED";  ///< a fleet size assumed
inline constexpr const char* last_config_unknown =
    "W_LAST_CONFIG_UNKNOWN";                                     ///< retained config not known
inline constexpr const char* no_alarms = "W_NO_ALARMS";          ///< no auto-rollback
inline constexpr const char* no_timeout = "W_NO_TIMEOUT";        ///< X omitted
inline constexpr const char* percent_rounding = "W_PERCENT_ROUNDING";  ///< traffic share changed
inline constexpr const char* plan_median_timings_optimistic =
    "W_PLAN_MEDIAN_TIMINGS_OPTIMISTIC";                          ///< MC P50 > 1.1 x median trial
inline constexpr const char* plan_p95_over_limit =
    "W_PLAN_P95_OVER_LIMIT";                                     ///< the pick's P95 over max duration
inline constexpr const char* price_missing = "W_PRICE_MISSING";  ///< type not priced
inline constexpr const char* quota_exceeded = "W_QUOTA_EXCEEDED";  ///< peak > quota
inline constexpr const char* required = "W_REQUIRED";            ///< lenient read: member missing
inline constexpr const char* retained_config_wins =
    "W_RETAINED_CONFIG_WINS";                                    ///< request's config not used
inline constexpr const char* scenario_alarm_unused =
    "W_SCENARIO_ALARM_UNUSED";                                   ///< scenario times an unused alarm
inline constexpr const char* scenario_request_replaced =
    "W_SCENARIO_REQUEST_REPLACED";                               ///< flags replace `request:`
inline constexpr const char* steps_collapse = "W_STEPS_COLLAPSE";  ///< same traffic twice
inline constexpr const char* terraform_retention_unsupported =
    "W_TERRAFORM_RETENTION_UNSUPPORTED";                         ///< member Terraform cannot write
inline constexpr const char* terraform_timeout_cap =
    "W_TERRAFORM_TIMEOUT_CAP";                                   ///< timeout over Terraform's cap
inline constexpr const char* timeout_below_recommended =
    "W_TIMEOUT_BELOW_RECOMMENDED";                               ///< X < P99 completion + 10%
inline constexpr const char* timeout_cap_too_short =
    "W_TIMEOUT_CAP_TOO_SHORT";                                   ///< P99 + 10% over 28800 s
inline constexpr const char* timeout_le_waits = "W_TIMEOUT_LE_WAITS";  ///< X <= sum of bakes
inline constexpr const char* timeout_short = "W_TIMEOUT_SHORT";  ///< X < planned duration
inline constexpr const char* trip_after_last_bake =
    "W_TRIP_AFTER_LAST_BAKE";                                    ///< the trip has no effect
inline constexpr const char* trip_ignored = "W_TRIP_IGNORED";    ///< trip, no alarms
inline constexpr const char* unknown_member = "W_UNKNOWN_MEMBER";  ///< lenient read: extra member
inline constexpr const char* variant_renamed = "W_VARIANT_RENAMED";  ///< variant names differ
inline constexpr const char* waiter_60min = "W_WAITER_60MIN";    ///< plan > 3600 s
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
