#pragma once
// Private: the CloudFormation and Terraform renderers of emit.hpp, fragments and complete
// resources.
#include "shiftsim/emit.hpp"

#include <string>
#include <string_view>

namespace shiftsim::emit::detail {

/// Every non-empty line of `text` indented by `n` spaces.
[[nodiscard]] std::string indent_lines(std::string_view text, int n);

/// AWS::SageMaker::Endpoint properties (resource == nullptr) or a whole template.
[[nodiscard]] Rendered render_cloudformation(const aws::UpdateEndpointRequest& r, bool json,
                                             const ResourceOptions* resource);

/// The deployment_config block (resource == nullptr) or a whole aws_sagemaker_endpoint resource.
[[nodiscard]] Rendered render_terraform(const aws::UpdateEndpointRequest& r,
                                        const ResourceOptions* resource);

}  // namespace shiftsim::emit::detail
