// CloudFormation renderings of an UpdateEndpoint request: AWS::SageMaker::Endpoint properties,
// or a whole template (emit.hpp).
#include "emit_render.hpp"

#include "shiftsim/aws_write.hpp"
#include "shiftsim/codes.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <utility>

namespace shiftsim::emit::detail {

namespace {

using Json = nlohmann::ordered_json;

// --- CloudFormation ---------------------------------------------------------------------------
// AWS::SageMaker::Endpoint properties use the API's member names for DeploymentConfig and the
// retention members; they are written in the CloudFormation reference's (alphabetical) order.

std::string render_cfn_yaml(const aws::UpdateEndpointRequest& r, bool names) {
  std::string out;
  if (r.deployment_config)
    out += "DeploymentConfig:\n" + indent_lines(aws::write_deployment_config_yaml(*r.deployment_config), 2);
  if (names)
    out += "EndpointConfigName: " + aws::yaml_string(r.endpoint_config_name) + "\nEndpointName: " +
           aws::yaml_string(r.endpoint_name) + "\n";
  if (r.exclude_retained_variant_properties) {
    if (r.exclude_retained_variant_properties->empty()) {
      out += "ExcludeRetainedVariantProperties: []\n";
    } else {
      out += "ExcludeRetainedVariantProperties:\n";
      for (const auto& t : *r.exclude_retained_variant_properties)
        out += "- VariantPropertyType: " + aws::yaml_string(t) + "\n";
    }
  }
  if (r.retain_all_variant_properties)
    out += fmt::format("RetainAllVariantProperties: {}\n", *r.retain_all_variant_properties);
  if (r.retain_deployment_config)
    out += fmt::format("RetainDeploymentConfig: {}\n", *r.retain_deployment_config);
  return out.empty() ? std::string("{}\n") : out;
}

Json cfn_properties(const aws::UpdateEndpointRequest& r, bool names) {
  Json j = Json::object();
  if (r.deployment_config)
    j["DeploymentConfig"] = Json::parse(
        aws::write_deployment_config_json(*r.deployment_config, aws::JsonLayout::compact));
  if (names) {
    j["EndpointConfigName"] = r.endpoint_config_name;
    j["EndpointName"] = r.endpoint_name;
  }
  if (r.exclude_retained_variant_properties) {
    Json list = Json::array();
    for (const auto& t : *r.exclude_retained_variant_properties) {
      Json p = Json::object();
      p["VariantPropertyType"] = t;
      list.push_back(std::move(p));
    }
    j["ExcludeRetainedVariantProperties"] = std::move(list);
  }
  if (r.retain_all_variant_properties) j["RetainAllVariantProperties"] = *r.retain_all_variant_properties;
  if (r.retain_deployment_config) j["RetainDeploymentConfig"] = *r.retain_deployment_config;
  return j;
}


void check_logical_id(const std::string& id, const std::string& source) {
  const bool ok = !id.empty() && id.size() <= 255 &&
                  std::all_of(id.begin(), id.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) != 0;
                  });
  if (!ok)
    throw InputError({error_diagnostic(
        error_code::emit_flag_value, source, "a CloudFormation logical ID: A-Z, a-z, 0-9",
        Json(id).dump(-1, ' ', false, Json::error_handler_t::replace),
        fmt::format("{} must be a CloudFormation logical ID (letters and digits "
                    "only), got '{}'",
                    source, id))});
}

std::string description(const aws::UpdateEndpointRequest& r) {
  std::string strategy = "no DeploymentConfig";
  if (r.deployment_config && r.deployment_config->blue_green_update_policy)
    strategy = r.deployment_config->blue_green_update_policy->traffic_routing_configuration.type;
  else if (r.deployment_config && r.deployment_config->rolling_update_policy)
    strategy = "ROLLING";
  return fmt::format("SageMaker endpoint {} on endpoint config {} ({}), written by shiftsim emit",
                     r.endpoint_name, r.endpoint_config_name, strategy);
}

}  // namespace

std::string indent_lines(std::string_view text, int n) {
  const std::string pad(static_cast<std::size_t>(n), ' ');
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const auto line = text.substr(start, end - start);
    if (!line.empty()) out += pad;
    out += line;
    out += '\n';
    start = end + 1;
  }
  return out;
}

Rendered render_cloudformation(const aws::UpdateEndpointRequest& r, bool json,
                               const ResourceOptions* resource) {
  if (!resource) {
    if (json)
      return {cfn_properties(r, false).dump(2, ' ', false, Json::error_handler_t::replace) + "\n", {}};
    return {render_cfn_yaml(r, false), {}};
  }
  check_logical_id(resource->name, resource->source);
  if (json) {
    Json t = Json::object();
    t["AWSTemplateFormatVersion"] = "2010-09-09";
    t["Description"] = description(r);
    Json res = Json::object();
    res["Type"] = "AWS::SageMaker::Endpoint";
    res["Properties"] = cfn_properties(r, true);
    t["Resources"][resource->name] = std::move(res);
    return {t.dump(2, ' ', false, Json::error_handler_t::replace) + "\n", {}};
  }
  std::string out = "AWSTemplateFormatVersion: \"2010-09-09\"\n";
  out += "Description: " + aws::yaml_string(description(r)) + "\n";
  out += "Resources:\n  " + resource->name + ":\n    Type: AWS::SageMaker::Endpoint\n    Properties:\n";
  out += indent_lines(render_cfn_yaml(r, true), 6);
  return {out, {}};
}

}  // namespace shiftsim::emit::detail
