#pragma once
// Private: JSON trees (already checked against the model) -> the AWS structs of aws.hpp, and the
// common "parse + model check + throw every problem" step of aws_parse.cpp / validate.cpp.
#include "json_tree.hpp"
#include "model_validator.hpp"

#include "shiftsim/aws.hpp"

#include <optional>
#include <string_view>

namespace shiftsim::detail {

/// The member `key` of object `o`, or nullptr when `o` is not an object, the member is absent
/// or null.
[[nodiscard]] const Json* member(const Json& o, std::string_view key) noexcept;

/// Text -> tree, checked against `shape_name`. Errors: throws InputError with every diagnostic
/// (errors and warnings). Warnings alone are appended to *warnings (when given).
[[nodiscard]] Json checked_tree(std::string_view text, aws::Format format, std::string_view doc_name,
                                std::string_view shape_name, bool lenient, Diagnostics* warnings);

// Conversions of model-valid trees (undefined input otherwise: never call on unchecked trees).
[[nodiscard]] aws::DeploymentConfig to_deployment_config(const Json& j);
[[nodiscard]] aws::UpdateEndpointRequest to_update_endpoint(const Json& j);
[[nodiscard]] aws::DescribeEndpoint to_describe_endpoint(const Json& j);
[[nodiscard]] aws::DescribeEndpointConfig to_describe_endpoint_config(const Json& j);

}  // namespace shiftsim::detail
