// options_from_request(): an existing request as emit options (emit.hpp).
#include "shiftsim/codes.hpp"
#include "shiftsim/emit.hpp"

namespace shiftsim::emit {

namespace {

Strategy strategy_of(const aws::TrafficRoutingConfig& t) {
  if (t.type == "CANARY") return Strategy::canary;
  if (t.type == "LINEAR") return Strategy::linear;
  return Strategy::all_at_once;
}

}  // namespace

EmitOptions options_from_request(const aws::UpdateEndpointRequest& r) {
  EmitOptions o;
  o.endpoint_name = r.endpoint_name;
  o.endpoint_config_name = r.endpoint_config_name;
  o.retain_all_variant_properties = r.retain_all_variant_properties;
  if (r.exclude_retained_variant_properties)
    o.exclude_retained_variant_properties = *r.exclude_retained_variant_properties;
  o.retain_deployment_config = r.retain_deployment_config;
  if (!r.deployment_config) return o;
  const aws::DeploymentConfig& c = *r.deployment_config;
  if (c.blue_green_update_policy && c.rolling_update_policy)
    throw_input_error(error_code::one_policy, "DeploymentConfig",
                      "exactly one of BlueGreenUpdatePolicy and RollingUpdatePolicy", "",
                      "DeploymentConfig has both BlueGreenUpdatePolicy and RollingUpdatePolicy: "
                      "SageMaker takes one");
  if (const auto& bg = c.blue_green_update_policy) {
    const auto& t = bg->traffic_routing_configuration;
    o.strategy = strategy_of(t);
    o.wait = t.wait_interval_in_seconds;
    o.canary_size = t.canary_size;
    o.linear_step = t.linear_step_size;
    o.termination_wait = bg->termination_wait_in_seconds;
    o.timeout = bg->maximum_execution_timeout_in_seconds;
  }
  if (const auto& ru = c.rolling_update_policy) {
    o.strategy = Strategy::rolling;
    o.batch_size = ru->maximum_batch_size;
    o.wait = ru->wait_interval_in_seconds;
    o.timeout = ru->maximum_execution_timeout_in_seconds;
    o.rollback_batch_size = ru->rollback_maximum_batch_size;
  }
  if (c.auto_rollback_configuration && c.auto_rollback_configuration->alarms)
    o.alarms = *c.auto_rollback_configuration->alarms;
  return o;
}

}  // namespace shiftsim::emit
