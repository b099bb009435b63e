// Terraform renderings of an UpdateEndpoint request: the deployment_config block of
// aws_sagemaker_endpoint, or the whole resource (emit.hpp). Attribute names follow
// terraform-provider-aws internal/service/sagemaker/endpoint.go.
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

// --- Terraform ---------------------------------------------------------------------------------
// A block is a list of items, each an attribute or a nested block. `terraform fmt` aligns the `=`
// of consecutive attribute lines; a nested block ends such a run.

struct HclItem;
using HclBody = std::vector<HclItem>;
struct HclItem {
  std::string name;
  std::string value;  ///< attribute value (HCL text); unused for a block
  bool is_block = false;
  HclBody body;
};

HclItem attr(std::string name, std::string value) { return {std::move(name), std::move(value), false, {}}; }
HclItem block(std::string name, HclBody body) { return {std::move(name), {}, true, std::move(body)}; }

void print_hcl(std::string& out, const HclBody& body, int indent) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  for (std::size_t i = 0; i < body.size();) {
    if (body[i].is_block) {
      out += pad + body[i].name + " {\n";
      print_hcl(out, body[i].body, indent + 2);
      out += pad + "}\n";
      ++i;
      continue;
    }
    std::size_t j = i;
    std::size_t width = 0;
    while (j < body.size() && !body[j].is_block) width = std::max(width, body[j++].name.size());
    for (; i < j; ++i)
      out += pad + body[i].name + std::string(width - body[i].name.size(), ' ') + " = " + body[i].value + "\n";
  }
}

HclItem hcl_size(std::string name, const aws::CapacitySizeShape& s) {
  return block(std::move(name), {attr("type", hcl_string(s.type)), attr("value", std::to_string(s.value))});
}

Rendered render_terraform_impl(const aws::UpdateEndpointRequest& r, const ResourceOptions* resource) {
  Rendered out;
  auto unsupported = [&](std::string_view member, std::string value) {
    out.warnings.push_back(Diagnostic{
        Severity::warning, warning_code::terraform_retention_unsupported, std::string(member),
        "aws_sagemaker_endpoint has no argument for this member", std::move(value),
        fmt::format("{} is not written: the Terraform resource aws_sagemaker_endpoint has no "
                    "argument for it (terraform-provider-aws); Terraform never sends it",
                    member)});
  };
  if (r.retain_all_variant_properties)
    unsupported("RetainAllVariantProperties", *r.retain_all_variant_properties ? "true" : "false");
  if (r.exclude_retained_variant_properties) {
    Json list = Json::array();
    for (const auto& t : *r.exclude_retained_variant_properties) list.push_back(Json{{"VariantPropertyType", t}});
    unsupported("ExcludeRetainedVariantProperties", list.dump());
  }
  if (r.retain_deployment_config)
    unsupported("RetainDeploymentConfig", *r.retain_deployment_config ? "true" : "false");

  if (!r.deployment_config && !resource) {
    out.text = "# The request has no DeploymentConfig: aws_sagemaker_endpoint needs no deployment_config block.\n";
    return out;
  }
  HclBody top;
  if (resource)
    top = {attr("name", hcl_string(r.endpoint_name)),
           attr("endpoint_config_name", hcl_string(r.endpoint_config_name))};
  if (!r.deployment_config) {
    print_hcl(out.text, {block(fmt::format("resource \"aws_sagemaker_endpoint\" \"{}\"", resource->name), std::move(top))}, 0);
    return out;
  }
  auto timeout_cap = [&](std::string path, std::int32_t timeout) {
    if (timeout <= kTerraformTimeoutCapS) return;
    out.warnings.push_back(Diagnostic{
        Severity::warning, warning_code::terraform_timeout_cap, std::move(path), "must be <= 14400 in Terraform",
        std::to_string(timeout),
        fmt::format("the Terraform AWS provider accepts maximum_execution_timeout_in_seconds only up "
                    "to 14400 s (validation.IntBetween(600, 14400)) while the SageMaker API allows "
                    "28800 s: terraform will reject {} s",
                    timeout)});
  };
  const auto& c = *r.deployment_config;
  HclBody dc;
  if (c.blue_green_update_policy) {
    const auto& bg = *c.blue_green_update_policy;
    const auto& t = bg.traffic_routing_configuration;
    HclBody trc = {attr("type", hcl_string(t.type)),
                   attr("wait_interval_in_seconds", std::to_string(t.wait_interval_in_seconds))};
    if (t.canary_size) trc.push_back(hcl_size("canary_size", *t.canary_size));
    if (t.linear_step_size) trc.push_back(hcl_size("linear_step_size", *t.linear_step_size));
    HclBody b = {block("traffic_routing_configuration", std::move(trc))};
    if (bg.termination_wait_in_seconds)
      b.push_back(attr("termination_wait_in_seconds", std::to_string(*bg.termination_wait_in_seconds)));
    if (bg.maximum_execution_timeout_in_seconds) {
      b.push_back(attr("maximum_execution_timeout_in_seconds",
                       std::to_string(*bg.maximum_execution_timeout_in_seconds)));
      timeout_cap("DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds",
                  *bg.maximum_execution_timeout_in_seconds);
    }
    dc.push_back(block("blue_green_update_policy", std::move(b)));
  }
  if (c.rolling_update_policy) {
    const auto& p = *c.rolling_update_policy;
    HclBody b = {hcl_size("maximum_batch_size", p.maximum_batch_size),
                 attr("wait_interval_in_seconds", std::to_string(p.wait_interval_in_seconds))};
    if (p.maximum_execution_timeout_in_seconds) {
      b.push_back(attr("maximum_execution_timeout_in_seconds",
                       std::to_string(*p.maximum_execution_timeout_in_seconds)));
      timeout_cap("DeploymentConfig.RollingUpdatePolicy.MaximumExecutionTimeoutInSeconds",
                  *p.maximum_execution_timeout_in_seconds);
    }
    if (p.rollback_maximum_batch_size)
      b.push_back(hcl_size("rollback_maximum_batch_size", *p.rollback_maximum_batch_size));
    dc.push_back(block("rolling_update_policy", std::move(b)));
  }
  if (c.auto_rollback_configuration) {
    HclBody a;
    if (c.auto_rollback_configuration->alarms)
      for (const auto& name : *c.auto_rollback_configuration->alarms)
        a.push_back(block("alarms", {attr("alarm_name", hcl_string(name))}));
    dc.push_back(block("auto_rollback_configuration", std::move(a)));
  }
  top.push_back(block("deployment_config", std::move(dc)));
  if (resource)
    top = {block(fmt::format("resource \"aws_sagemaker_endpoint\" \"{}\"", resource->name), std::move(top))};
  print_hcl(out.text, top, 0);
  return out;
}

void check_identifier(const std::string& id, const std::string& source) {
  const bool ok = !id.empty() && id.size() <= 255 &&
                  (std::isalpha(static_cast<unsigned char>(id[0])) != 0 || id[0] == '_') &&
                  std::all_of(id.begin(), id.end(), [](char c) {
                    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
                  });
  if (!ok)
    throw InputError({error_diagnostic(
        error_code::emit_flag_value, source,
        "a Terraform identifier: a letter or _, then letters, digits, _ or -",
        Json(id).dump(-1, ' ', false, Json::error_handler_t::replace),
        fmt::format("{} must be a Terraform resource name (a letter or _, then "
                    "letters, digits, _ or -), got '{}'",
                    source, id))});
}

}  // namespace

Rendered render_terraform(const aws::UpdateEndpointRequest& r, const ResourceOptions* resource) {
  if (resource) check_identifier(resource->name, resource->source);
  return render_terraform_impl(r, resource);
}

}  // namespace shiftsim::emit::detail
