#include "shiftsim/resolve.hpp"

#include "shiftsim/codes.hpp"

#include "resolve_rules.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <utility>

namespace shiftsim {

namespace {

const aws::ConfigVariant* find_config_variant(const aws::DescribeEndpointConfig* c,
                                              const std::string& name) {
  if (c == nullptr) return nullptr;
  for (const auto& v : c->production_variants)
    if (v.variant_name == name) return &v;
  return nullptr;
}

const aws::EndpointVariant* find_endpoint_variant(const aws::DescribeEndpoint* e,
                                                  const std::string& name) {
  if (e == nullptr) return nullptr;
  for (const auto& v : e->production_variants)
    if (v.variant_name == name) return &v;
  return nullptr;
}

Diagnostic warning(std::string code, std::string path, std::string rule, std::string message) {
  return Diagnostic{Severity::warning, std::move(code), std::move(path), std::move(rule), "",
                    std::move(message)};
}

CapacitySize to_capacity(const aws::CapacitySizeShape& s) {
  return CapacitySize{s.type == "CAPACITY_PERCENT" ? CapacityType::capacity_percent
                                                   : CapacityType::instance_count,
                      s.value};
}

/// One variant's fleets after retention (Precise reading 2, "Target fleet", amendment A5).
VariantFleet resolve_variant(const FleetVariant& fv, const FleetContext& fc,
                             const aws::DescribeEndpoint* endpoint,
                             const aws::DescribeEndpointConfig* current_config,
                             const aws::DescribeEndpointConfig* new_config, bool retain_all,
                             bool exclude_count, bool exclude_weight, ResolvedDeployment& out) {
  VariantFleet vf;
  vf.name = fv.name;
  const auto* ev = find_endpoint_variant(endpoint, fv.name);
  const auto* cv = find_config_variant(current_config, fv.name);
  const auto* nv = find_config_variant(new_config, fv.name);

  // Serverless sides have no instances (A5); without a new config the fleet is assumed unchanged.
  vf.old_serverless = fv.in_endpoint && ((cv != nullptr && cv->serverless) ||
                                         (ev != nullptr && ev->serverless));
  vf.new_serverless = nv != nullptr ? nv->serverless
                                    : new_config == nullptr && vf.old_serverless;

  // N_old (Precise reading 2)
  std::optional<int> n_old;
  if (vf.old_serverless) n_old = 0;
  if (!n_old && ev != nullptr)
    n_old = ev->current_instance_count ? ev->current_instance_count : ev->desired_instance_count;
  if (!n_old && cv != nullptr) n_old = cv->initial_instance_count;
  if (!n_old && fc.endpoint_known && !fv.in_endpoint) n_old = 0;  // only in the new config

  // N after retention
  std::optional<int> n_new = target_count(fv, fc, retain_all, exclude_count);
  if (vf.new_serverless) n_new = 0;

  if (n_new) {
    vf.n_new = *n_new;
  } else {
    out.fleet_known = false;
    vf.n_new = n_old.value_or(0);
  }
  if (n_old) {
    vf.n_old = *n_old;
  } else {
    out.old_fleet_known = false;
    vf.n_old = vf.n_new;
  }

  // instance types
  vf.new_instance_type = nv != nullptr ? nv->instance_type : std::string();
  vf.old_instance_type = cv != nullptr ? cv->instance_type : std::string();
  if (vf.old_instance_type.empty() && current_config == nullptr && !vf.old_serverless)
    vf.old_instance_type = vf.new_instance_type;
  if (vf.new_instance_type.empty() && new_config == nullptr && !vf.new_serverless)
    vf.new_instance_type = vf.old_instance_type;

  // weights
  if (ev != nullptr && ev->current_weight)
    vf.old_weight = *ev->current_weight;
  else if (cv != nullptr && cv->initial_variant_weight)
    vf.old_weight = *cv->initial_variant_weight;
  else
    vf.old_weight = fv.in_endpoint || !fc.endpoint_known ? 1.0 : 0.0;
  if (fc.new_config_known && !fv.in_new_config) {
    vf.new_weight = 0.0;
  } else if (retain_all && !exclude_weight && ev != nullptr &&
             (ev->desired_weight || ev->current_weight)) {
    vf.new_weight = ev->desired_weight ? *ev->desired_weight : *ev->current_weight;
  } else if (nv != nullptr) {
    vf.new_weight = nv->initial_variant_weight.value_or(1.0);
  } else {
    vf.new_weight = vf.old_weight;
  }
  return vf;
}

}  // namespace

FleetContext make_fleet_context(const aws::DescribeEndpoint* endpoint,
                                const aws::DescribeEndpointConfig* current_config,
                                const aws::DescribeEndpointConfig* new_config) {
  FleetContext fc;
  fc.endpoint_known = endpoint != nullptr || current_config != nullptr;
  fc.new_config_known = new_config != nullptr;
  auto slot = [&fc](const std::string& name) -> FleetVariant& {
    for (auto& v : fc.variants)
      if (v.name == name) return v;
    fc.variants.push_back(FleetVariant{name, std::nullopt, std::nullopt, false, false, false});
    return fc.variants.back();
  };
  if (endpoint != nullptr) {
    for (const auto& ev : endpoint->production_variants) {
      FleetVariant& v = slot(ev.variant_name);
      v.in_endpoint = true;
      v.endpoint_desired = ev.desired_instance_count ? ev.desired_instance_count
                                                     : ev.current_instance_count;
      v.serverless = ev.serverless;
    }
  } else if (current_config != nullptr) {
    for (const auto& cv : current_config->production_variants) {
      FleetVariant& v = slot(cv.variant_name);
      v.in_endpoint = true;
      v.endpoint_desired = cv.initial_instance_count;
      v.serverless = cv.serverless;
    }
  }
  if (endpoint != nullptr && current_config != nullptr)
    for (auto& v : fc.variants)
      if (const auto* cv = find_config_variant(current_config, v.name)) v.serverless = cv->serverless;
  if (new_config != nullptr) {
    for (auto& v : fc.variants) v.serverless = false;  // the new fleet decides
    for (const auto& nv : new_config->production_variants) {
      FleetVariant& v = slot(nv.variant_name);
      v.in_new_config = true;
      v.config_count = nv.initial_instance_count;
      v.serverless = nv.serverless;
    }
  }
  return fc;
}

std::optional<int> target_count(const FleetVariant& v, const FleetContext& fleet, bool retain_all,
                                bool exclude_count) noexcept {
  if (fleet.new_config_known && !v.in_new_config) return 0;  // the variant goes away
  if (retain_all && !exclude_count && v.in_endpoint && v.endpoint_desired) return v.endpoint_desired;
  if (v.in_new_config) return v.config_count;
  return std::nullopt;
}

DeploymentPolicy to_policy(const std::optional<aws::DeploymentConfig>& config) {
  DeploymentPolicy p;  // ALL_AT_ONCE, W=0, T=0
  if (!config) return p;
  if (const auto& bg = config->blue_green_update_policy) {
    const auto& tr = bg->traffic_routing_configuration;
    if (tr.type == "CANARY") {
      p.strategy = Strategy::canary;
      if (tr.canary_size) p.step = to_capacity(*tr.canary_size);
    } else if (tr.type == "LINEAR") {
      p.strategy = Strategy::linear;
      if (tr.linear_step_size) p.step = to_capacity(*tr.linear_step_size);
    } else {
      p.strategy = Strategy::all_at_once;
    }
    p.wait = seconds(tr.wait_interval_in_seconds);
    p.termination_wait = seconds(bg->termination_wait_in_seconds.value_or(0));
    if (bg->maximum_execution_timeout_in_seconds)
      p.timeout = seconds(*bg->maximum_execution_timeout_in_seconds);
  } else if (const auto& r = config->rolling_update_policy) {
    p.strategy = Strategy::rolling;
    p.step = to_capacity(r->maximum_batch_size);
    if (r->rollback_maximum_batch_size) p.rollback_batch = to_capacity(*r->rollback_maximum_batch_size);
    p.wait = seconds(r->wait_interval_in_seconds);
    if (r->maximum_execution_timeout_in_seconds)
      p.timeout = seconds(*r->maximum_execution_timeout_in_seconds);
  }
  if (const auto& ar = config->auto_rollback_configuration)
    if (ar->alarms)
      for (const auto& name : *ar->alarms) p.alarms.push_back(AlarmSpec{name, std::nullopt});
  return p;
}

ResolvedDeployment resolve_deployment(const aws::UpdateEndpointRequest& request,
                                      const aws::DescribeEndpoint* endpoint,
                                      const aws::DescribeEndpointConfig* current_config,
                                      const aws::DescribeEndpointConfig* new_config,
                                      const Assumptions& assumptions) {
  ResolvedDeployment out;

  // --- retention flags
  const bool retain_all = request.retain_all_variant_properties.value_or(false);
  bool exclude_count = false, exclude_weight = false;
  if (request.exclude_retained_variant_properties) {
    for (const auto& p : *request.exclude_retained_variant_properties) {
      exclude_count = exclude_count || p == "DesiredInstanceCount";
      exclude_weight = exclude_weight || p == "DesiredWeight";
    }
    if (!retain_all && !request.exclude_retained_variant_properties->empty())
      out.warnings.push_back(warning(
          warning_code::exclude_ignored, "ExcludeRetainedVariantProperties",
          "applies only with RetainAllVariantProperties=true",
          "ExcludeRetainedVariantProperties is ignored: RetainAllVariantProperties is not true, "
          "so every variant property already comes from the new endpoint config"));
  }

  // --- fleets
  const FleetContext fc = make_fleet_context(endpoint, current_config, new_config);
  out.old_fleet_known = fc.endpoint_known;
  if (fc.variants.empty()) out.fleet_known = out.old_fleet_known = false;
  for (const FleetVariant& fv : fc.variants)
    out.variants.push_back(resolve_variant(fv, fc, endpoint, current_config, new_config,
                                           retain_all, exclude_count, exclude_weight, out));
  if (!out.fleet_known || !out.old_fleet_known)
    out.warnings.push_back(warning(
        warning_code::fleet_assumed, "",
        "give describe-endpoint and the new config's describe-endpoint-config",
        !out.fleet_known
            ? "the new fleet size is not known (no describe-endpoint-config of the new config): "
              "assumed equal to the current fleet"
            : "the current fleet is not known (no describe-endpoint or current config): assumed "
              "equal to the new fleet"));
  detail::capacity_reset_warnings(endpoint, retain_all, exclude_count, out);
  detail::shadow_warnings(endpoint, current_config, new_config, out.warnings);

  // --- the DeploymentConfig in force (Precise reading 3)
  std::optional<aws::DeploymentConfig> in_force = request.deployment_config;
  if (request.retain_deployment_config.value_or(false)) {
    if (request.deployment_config)
      out.warnings.push_back(warning(
          warning_code::retained_config_wins, "DeploymentConfig",
          "RetainDeploymentConfig=true reuses the endpoint's last deployment config",
          "RetainDeploymentConfig=true: the endpoint's LastDeploymentConfig is used and the "
          "request's DeploymentConfig is ignored"));
    in_force = endpoint != nullptr ? endpoint->last_deployment_config : std::nullopt;
    if (endpoint == nullptr)
      out.warnings.push_back(warning(
          warning_code::last_config_unknown, "RetainDeploymentConfig",
          "give describe-endpoint to know LastDeploymentConfig",
          "RetainDeploymentConfig=true but the endpoint's LastDeploymentConfig is unknown (no "
          "describe-endpoint): the default ALL_AT_ONCE is assumed"));
  }
  out.policy = to_policy(in_force);

  // --- variant-set changes (A10) and exclusion fallbacks (A4)
  const bool has_update_policy =
      in_force && (in_force->blue_green_update_policy || in_force->rolling_update_policy);
  detail::apply_exclusions(
      detail::ExclusionContext{fc, new_config != nullptr ? new_config : current_config,
                               has_update_policy, assumptions},
      out);
  return out;
}

}  // namespace shiftsim
