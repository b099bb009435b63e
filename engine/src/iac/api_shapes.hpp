#pragma once
// Private: from trees in the SageMaker API's member names (CloudFormation's property names are
// the API's) to the AWS shapes of aws.hpp, shared by the Terraform and CloudFormation readers.
#include "located_tree.hpp"

#include "shiftsim/aws.hpp"
#include "shiftsim/iac/document.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace shiftsim::iac::detail {

/// CloudFormation (and Terraform's JSON) may carry numbers and booleans as strings: members named
/// in `integers` holding an integer-valued string become integers; "true"/"false" in `booleans`
/// become booleans. Recursive; other values unchanged.
void coerce_scalars(Json& j, std::initializer_list<std::string_view> integers,
                    std::initializer_list<std::string_view> booleans);

/// Integer members of DeploymentConfig, ProductionVariant and the retention flags.
void coerce_api_scalars(Json& j);

/// Terraform's snake_case attributes -> the API's PascalCase members (`wait_interval_in_seconds`
/// -> `WaitIntervalInSeconds`); nested blocks (one-element lists in the plan format) become
/// objects, except the repeated `alarms` block which stays a list; empty lists and nulls are
/// dropped (absent).
[[nodiscard]] Json terraform_block_to_api(const Json& block);

/// A ProductionVariants list (API member names, already resolved) as describe-endpoint-config
/// would print it. Variants without VariantName get `fallback_name(i)`. Members shiftsim does not
/// use are ignored; an instance count that is not a whole number > 0 gives a finding.
[[nodiscard]] aws::DescribeEndpointConfig config_from_api(const std::string& name,
                                                          const Json& production_variants,
                                                          const SourceLocation& where,
                                                          const std::string& path,
                                                          std::vector<Finding>& findings);

/// A name that SageMaker's pattern ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62} accepts, standing for a name
/// generated at deploy time: `<base>-generated` with other characters dropped, cut to 63.
[[nodiscard]] std::string placeholder_name(std::string_view base);

/// The member `key` of `j` when `j` is an object and the member a string, else "" (never throws:
/// documents may hold anything anywhere).
[[nodiscard]] std::string text_of(const Json& j, std::string_view key);

/// The member `key` of `j` as an int when it is an integer in [0, 2^31), else nullopt.
[[nodiscard]] std::optional<int> count_of(const Json& j, std::string_view key);

/// `Json` -> compact text (invalid UTF-8 replaced).
[[nodiscard]] std::string dump(const Json& j);

}  // namespace shiftsim::iac::detail
