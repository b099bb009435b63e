#pragma once
// Reading the AWS shapes from text, as `aws` takes and prints them: UpdateEndpointInput
// (`--cli-input-json` / `--cli-input-yaml`), DescribeEndpointOutput and
// DescribeEndpointConfigOutput (`aws sagemaker describe-endpoint[-config]`), a DeploymentConfig
// alone (`--deployment-config`) and a VariantProperty list (`--exclude-retained-variant-properties`).
//
// Contract of every parse_* function:
// - the text is checked for syntax (E_JSON_SYNTAX / E_YAML_SYNTAX, with line and column), duplicate
//   keys (E_DUPLICATE_KEY), then against the SageMaker model shape (types, required and unknown
//   members, min/max, enums, patterns, list lengths; see validate.hpp for the codes);
// - the budget of input_limits.hpp comes first (E_SIZE, E_DEPTH, E_NODE_BUDGET, E_LENGTH,
//   E_LIST_LENGTH): a document over it is refused before anything beyond it is built; YAML
//   aliases are expanded within it (the message names the line of the alias that crossed it);
// - every problem found is reported at once: InputError carries all error Diagnostics;
// - Diagnostic paths are relative to the document root (`DeploymentConfig.RollingUpdatePolicy...`,
//   list indices `[i]`); `doc_name` (a file name, `--cli-input-json`, ...) only appears in messages;
// - integers stay integers: `true`, `3.0` or `1e3` is not an integer (E_TYPE); an integer outside
//   the member's range is E_MIN / E_MAX, outside 32 bits (no model bound) E_TYPE;
// - YAML scalars are typed like the AWS CLI's YAML loader (YAML 1.2 core schema): unquoted `10`
//   is an integer, `"10"` a string, `true`/`false` booleans, `null`/`~`/empty null.
// Describe outputs are read leniently where `aws` output may legitimately differ from our model
// copy: an unknown member or a missing required member of DescribeEndpoint[Config]Output is a
// warning (W_UNKNOWN_MEMBER / W_REQUIRED) appended to `*warnings` when given; all other
// checks are errors as for requests.
#include "shiftsim/aws.hpp"
#include "shiftsim/diagnostic.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::aws {

enum class Format { json, yaml };

/// The format of a document: by file extension when `file_name` ends in .json / .yaml / .yml,
/// else by content (first non-blank character `{` or `[`: JSON; anything else: YAML).
[[nodiscard]] Format detect_format(std::string_view text, std::string_view file_name = {}) noexcept;

/// UpdateEndpointInput. Throws InputError with every problem.
[[nodiscard]] UpdateEndpointRequest parse_update_endpoint(std::string_view text,
                                                          std::string_view doc_name,
                                                          Format format = Format::json);

/// DescribeEndpointOutput as `aws sagemaker describe-endpoint` prints it.
[[nodiscard]] DescribeEndpoint parse_describe_endpoint(std::string_view text,
                                                       std::string_view doc_name,
                                                       Format format = Format::json,
                                                       Diagnostics* warnings = nullptr);

/// DescribeEndpointConfigOutput as `aws sagemaker describe-endpoint-config` prints it.
[[nodiscard]] DescribeEndpointConfig parse_describe_endpoint_config(std::string_view text,
                                                                    std::string_view doc_name,
                                                                    Format format = Format::json,
                                                                    Diagnostics* warnings = nullptr);

/// A DeploymentConfig alone (the value of `--deployment-config`), paths relative to it.
[[nodiscard]] DeploymentConfig parse_deployment_config(std::string_view text,
                                                       std::string_view doc_name,
                                                       Format format = Format::json);

/// The value of `--exclude-retained-variant-properties`: a JSON list
/// `[{"VariantPropertyType":"DesiredWeight"}]` or the CLI shorthand
/// `VariantPropertyType=DesiredInstanceCount VariantPropertyType=DesiredWeight` (several words
/// may also be passed joined by spaces). Returns the VariantPropertyType values in order.
[[nodiscard]] std::vector<std::string> parse_variant_properties(std::string_view text,
                                                                std::string_view doc_name);

/// The same as JSON text (`[{"VariantPropertyType":"..."}, ...]`), unvalidated beyond syntax:
/// for building a request document from flags (see cli/aws_flags.hpp).
[[nodiscard]] std::string variant_properties_json(std::string_view text, std::string_view doc_name);

/// The value of `--deployment-config` as the AWS CLI reads it: JSON when it starts with `{`,
/// otherwise the CLI's shorthand syntax
/// (`BlueGreenUpdatePolicy={TrafficRoutingConfiguration={Type=CANARY,WaitIntervalInSeconds=600,
/// CanarySize={Type=INSTANCE_COUNT,Value=1}}},AutoRollbackConfiguration={Alarms=[{AlarmName=a}]}`,
/// integer members typed by the model). Returns compact JSON, not yet shape-checked; syntax
/// errors (E_JSON_SYNTAX, E_DUPLICATE_KEY, E_SHORTHAND) throw InputError.
[[nodiscard]] std::string deployment_config_arg_json(std::string_view text,
                                                     std::string_view doc_name);

/// Parses `text` (syntax and duplicate keys only, no shape check) and returns it as compact JSON
/// with key order kept. Use it to turn a YAML document into the JSON the AWS CLI would send;
/// that JSON is a document too, so more than 1 MiB of it is E_SIZE.
[[nodiscard]] std::string canonical_json(std::string_view text, std::string_view doc_name,
                                         Format format = Format::json);

/// Checks syntax and duplicate keys only (InputError with every problem); no shape check.
void check_syntax(std::string_view text, std::string_view doc_name, Format format = Format::json);

}  // namespace shiftsim::aws
