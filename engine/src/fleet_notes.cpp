// The capacity reset (amendment A8) and shadow variants (A9): resolve_rules.hpp.
#include "resolve_rules.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <string>

namespace shiftsim::detail {

namespace {

Diagnostic warning(const char* code, std::string path, std::string rule, std::string value,
                   std::string message) {
  return Diagnostic{Severity::warning, code, std::move(path), std::move(rule), std::move(value),
                    std::move(message)};
}

std::string instances(const aws::ConfigVariant& v) {
  if (v.serverless) return "serverless";
  return fmt::format("{} x {}", v.initial_instance_count.value_or(0),
                     v.instance_type.empty() ? std::string("?") : v.instance_type);
}

std::string instances(const aws::EndpointVariant& v) {
  if (v.serverless) return "serverless";
  return fmt::format("{} instance(s)",
                     v.current_instance_count.value_or(v.desired_instance_count.value_or(0)));
}

template <class Variant>
std::string list(const std::vector<Variant>& vs) {
  std::string s;
  for (const auto& v : vs)
    s += fmt::format("{}'{}' ({})", s.empty() ? "" : ", ", v.variant_name, instances(v));
  return s;
}

}  // namespace

void capacity_reset_warnings(const aws::DescribeEndpoint* endpoint, bool retain_all,
                             bool exclude_count, ResolvedDeployment& out) {
  if (endpoint == nullptr) return;
  for (const auto& ev : endpoint->production_variants) {
    if (!ev.current_instance_count || ev.serverless) continue;
    const int now = *ev.current_instance_count;
    for (const auto& v : out.variants) {
      if (v.name != ev.variant_name || v.new_serverless || v.n_new == 0 || v.n_new == now) continue;
      const bool retained = retain_all && !exclude_count;
      const std::string source =
          retained ? "DesiredInstanceCount, kept by RetainAllVariantProperties=true"
          : retain_all ? "the new config's InitialInstanceCount: ExcludeRetainedVariantProperties "
                         "lists DesiredInstanceCount"
                       : "the new config's InitialInstanceCount";
      const std::string advice =
          retained ? "the running count differs from DesiredInstanceCount (an autoscaling change "
                     "in progress?)"
                   : "RetainAllVariantProperties=true (without DesiredInstanceCount in "
                     "ExcludeRetainedVariantProperties) keeps the current count; otherwise the "
                     "update scales an autoscaled endpoint in or out";
      out.warnings.push_back(warning(
          warning_code::capacity_reset, "RetainAllVariantProperties",
          "the update sets each variant's instance count", fmt::format("{} -> {}", now, v.n_new),
          fmt::format("Variant '{}' runs {} instance(s) now (CurrentInstanceCount) and the update "
                      "sets it to {} ({}), scaling it {} by {}: {}.",
                      v.name, now, v.n_new, source, v.n_new < now ? "in" : "out",
                      v.n_new < now ? now - v.n_new : v.n_new - now, advice)));
    }
  }
}

void shadow_warnings(const aws::DescribeEndpoint* endpoint,
                     const aws::DescribeEndpointConfig* current_config,
                     const aws::DescribeEndpointConfig* new_config, Diagnostics& out) {
  const auto add = [&](const std::string& where, const std::string& shadows) {
    out.push_back(warning(
        warning_code::shadow_not_simulated, "ShadowProductionVariants", "shadow variants are not simulated",
        shadows,
        fmt::format("Shadow variants are not simulated: {} ShadowProductionVariants {} run "
                    "alongside the production variants and are left out of peak and cost.",
                    where, shadows)));
  };
  if (new_config != nullptr && !new_config->shadow_production_variants.empty())
    add("the new config's", list(new_config->shadow_production_variants));
  if (current_config != nullptr && !current_config->shadow_production_variants.empty())
    add("the current config's", list(current_config->shadow_production_variants));
  else if (endpoint != nullptr && !endpoint->shadow_production_variants.empty())
    add("the endpoint's", list(endpoint->shadow_production_variants));
}

}  // namespace shiftsim::detail
