#pragma once
// `shiftsim validate`'s engine side: an UpdateEndpoint request checked against every constraint of
// the SageMaker model reachable from UpdateEndpointInput, plus the documented rules the model
// cannot express. Reports every problem (errors and warnings) in one pass; never throws for bad
// input.
//
// Codes (stable; Diagnostic::path relative to the request root, list indices `[i]`):
//  syntax     E_JSON_SYNTAX, E_YAML_SYNTAX (path empty, rule names line and column), E_DUPLICATE_KEY
//  budget     E_SIZE, E_DEPTH, E_NODE_BUDGET, E_LENGTH, E_LIST_LENGTH (input_limits.hpp)
//  model      E_TYPE (also null in an optional member, as the AWS CLI), E_REQUIRED (missing or
//             null), E_UNKNOWN_MEMBER, E_MIN, E_MAX (integer
//             value), E_LENGTH (string length), E_LIST_LENGTH, E_ENUM (rule lists the values),
//             E_PATTERN
//  documented E_ONE_POLICY (both BlueGreenUpdatePolicy and RollingUpdatePolicy),
//             E_REQUIRED (CanarySize with CANARY, LinearStepSize with LINEAR, Alarm.AlarmName),
//             E_NOT_ALLOWED (CanarySize without CANARY, LinearStepSize without LINEAR),
//             E_CANARY_RATIO (<= 50% of N), E_LINEAR_RATIO (10..50% of N),
//             E_ROLLING_BATCH_RATIO (5..50% of N)  -- per variant, when the fleet is known
//             (ROLLING on a multi-variant or serverless endpoint is not a request error: SageMaker
//             falls back, amendment A4; resolve_deployment() applies it)
//  warnings   W_TIMEOUT_LE_WAITS (timeout not larger than the sum of waits), W_NO_TIMEOUT,
//             W_NO_ALARMS, W_EXCLUDE_IGNORED, W_RETAINED_CONFIG_WINS, W_DATA_CAPTURE_UNSUPPORTED,
//             W_ZERO_BAKE_WITH_ALARMS, W_WAIT_LOOKS_LIKE_MINUTES (bakes against alarms,
//             bake_checks.hpp)
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/resolve.hpp"

#include <string_view>

namespace shiftsim {

/// Validates request text (UpdateEndpointInput as JSON or YAML). `fleet` (optional, see
/// make_fleet_context) enables the ratio rules and the exact sum-of-waits: N per variant is
/// computed with the request's own retention flags. `doc_name` appears in messages only.
/// Returns errors then warnings, in document order within each group; the request is valid
/// when !has_errors(result).
[[nodiscard]] Diagnostics validate_request(std::string_view text, aws::Format format,
                                           const FleetContext* fleet = nullptr,
                                           std::string_view doc_name = "request");

/// Model checks only (what `aws` itself would check, plus max/enum/pattern) of a document against
/// any shape reachable from UpdateEndpointInput / DescribeEndpointOutput /
/// DescribeEndpointConfigOutput, e.g. "DeploymentConfig". Unknown shape name: std::invalid_argument.
[[nodiscard]] Diagnostics validate_shape(std::string_view text, aws::Format format,
                                         std::string_view shape_name,
                                         std::string_view doc_name = "document");

}  // namespace shiftsim
