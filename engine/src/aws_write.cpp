// Writers for the AWS shapes (see aws_write.hpp). The documents are built as ordered JSON trees in
// the model's member order, then printed as JSON or as YAML by a small printer that knows the
// only node kinds these shapes have (maps, lists, strings, integers, booleans).
#include "shiftsim/aws_write.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace shiftsim::aws {
namespace {

using Json = nlohmann::ordered_json;

Json to_json(const CapacitySizeShape& s) {
  Json j = Json::object();
  j["Type"] = s.type;
  j["Value"] = s.value;
  return j;
}

Json to_json(const DeploymentConfig& c) {
  Json j = Json::object();
  if (c.blue_green_update_policy) {
    const auto& bg = *c.blue_green_update_policy;
    const auto& trc = bg.traffic_routing_configuration;
    Json t = Json::object();
    t["Type"] = trc.type;
    t["WaitIntervalInSeconds"] = trc.wait_interval_in_seconds;
    if (trc.canary_size) t["CanarySize"] = to_json(*trc.canary_size);
    if (trc.linear_step_size) t["LinearStepSize"] = to_json(*trc.linear_step_size);
    Json b = Json::object();
    b["TrafficRoutingConfiguration"] = std::move(t);
    if (bg.termination_wait_in_seconds) b["TerminationWaitInSeconds"] = *bg.termination_wait_in_seconds;
    if (bg.maximum_execution_timeout_in_seconds)
      b["MaximumExecutionTimeoutInSeconds"] = *bg.maximum_execution_timeout_in_seconds;
    j["BlueGreenUpdatePolicy"] = std::move(b);
  }
  if (c.rolling_update_policy) {
    const auto& r = *c.rolling_update_policy;
    Json p = Json::object();
    p["MaximumBatchSize"] = to_json(r.maximum_batch_size);
    p["WaitIntervalInSeconds"] = r.wait_interval_in_seconds;
    if (r.maximum_execution_timeout_in_seconds)
      p["MaximumExecutionTimeoutInSeconds"] = *r.maximum_execution_timeout_in_seconds;
    if (r.rollback_maximum_batch_size) p["RollbackMaximumBatchSize"] = to_json(*r.rollback_maximum_batch_size);
    j["RollingUpdatePolicy"] = std::move(p);
  }
  if (c.auto_rollback_configuration) {
    Json a = Json::object();
    if (c.auto_rollback_configuration->alarms) {
      Json list = Json::array();
      for (const auto& name : *c.auto_rollback_configuration->alarms) {
        Json alarm = Json::object();
        alarm["AlarmName"] = name;
        list.push_back(std::move(alarm));
      }
      a["Alarms"] = std::move(list);
    }
    j["AutoRollbackConfiguration"] = std::move(a);
  }
  return j;
}

Json to_json(const UpdateEndpointRequest& r) {
  Json j = Json::object();
  j["EndpointName"] = r.endpoint_name;
  j["EndpointConfigName"] = r.endpoint_config_name;
  if (r.retain_all_variant_properties) j["RetainAllVariantProperties"] = *r.retain_all_variant_properties;
  if (r.exclude_retained_variant_properties) {
    Json list = Json::array();
    for (const auto& type : *r.exclude_retained_variant_properties) {
      Json p = Json::object();
      p["VariantPropertyType"] = type;
      list.push_back(std::move(p));
    }
    j["ExcludeRetainedVariantProperties"] = std::move(list);
  }
  if (r.deployment_config) j["DeploymentConfig"] = to_json(*r.deployment_config);
  if (r.retain_deployment_config) j["RetainDeploymentConfig"] = *r.retain_deployment_config;
  return j;
}

std::string dump(const Json& j, JsonLayout layout) {
  // Non-ASCII text stays UTF-8; invalid UTF-8 is replaced rather than thrown on.
  if (layout == JsonLayout::compact) return j.dump(-1, ' ', false, Json::error_handler_t::replace);
  return j.dump(4, ' ', false, Json::error_handler_t::replace) + "\n";
}

// --- YAML printing ---------------------------------------------------------------------------

bool is_plain_safe(const std::string& s) {
  if (s.empty()) return false;
  const auto c0 = static_cast<unsigned char>(s[0]);
  const bool alpha0 = (c0 >= 'A' && c0 <= 'Z') || (c0 >= 'a' && c0 <= 'z');
  if (!alpha0) return false;  // digits, signs, '.', '~', indicators: could be numbers or syntax
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.' || c == '/';
    if (!ok) return false;
  }
  // Words a YAML 1.1 or 1.2 loader reads as booleans or null.
  static constexpr std::array<std::string_view, 11> kReserved = {
      "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf"};
  std::string lower;
  for (const char ch : s)
    lower += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
  for (const auto w : kReserved)
    if (lower == w) return false;
  return true;
}

void print_yaml_list(std::string& out, const Json& j, int indent);

std::string spaces(int n) { return std::string(static_cast<std::size_t>(n), ' '); }

std::string yaml_scalar(const Json& j) {
  if (j.is_string()) return yaml_string(j.get<std::string>());
  if (j.is_boolean()) return j.get<bool>() ? "true" : "false";
  return j.dump();  // integers
}

// Prints the members of a map, each line starting at column `indent`; with first_on_current_line
// the first member continues the current line (after a list item's "- ").
void print_yaml_map(std::string& out, const Json& j, int indent, bool first_on_current_line) {
  bool first = true;
  for (const auto& [key, value] : j.items()) {
    if (!(first && first_on_current_line)) out += spaces(indent);
    first = false;
    out += key;
    out += ':';
    if (value.is_object()) {
      if (value.empty()) {
        out += " {}\n";
      } else {
        out += '\n';
        print_yaml_map(out, value, indent + 2, false);
      }
    } else if (value.is_array()) {
      if (value.empty()) {
        out += " []\n";
      } else {
        out += '\n';
        print_yaml_list(out, value, indent);
      }
    } else {
      out += ' ';
      out += yaml_scalar(value);
      out += '\n';
    }
  }
}

// A list, its items "- " at column `indent` (the AWS CLI's style: not indented under the key).
void print_yaml_list(std::string& out, const Json& j, int indent) {
  for (const auto& item : j) {
    out += spaces(indent);
    out += "- ";
    if (item.is_object() && !item.empty()) {
      print_yaml_map(out, item, indent + 2, true);
    } else if (item.is_object()) {
      out += "{}\n";
    } else {
      out += yaml_scalar(item);
      out += '\n';
    }
  }
}

std::string to_yaml(const Json& j) {
  if (j.empty()) return "{}\n";
  std::string out;
  print_yaml_map(out, j, 0, false);
  return out;
}

// What AWS CLI 2.9.19 prints for `--generate-cli-skeleton yaml-input` with the model copy in
// engine/data (ruamel.yaml output: the first member of each mapping has two spaces before its
// comment, the others one). tests/cli/e2e_awscli.sh compares it with the real CLI's output.
constexpr std::string_view kYamlSkeleton =
    "EndpointName: ''  # [REQUIRED] The name of the endpoint whose configuration you want to update.\n"
    "EndpointConfigName: '' # [REQUIRED] The name of the new endpoint configuration.\n"
    "RetainAllVariantProperties: true # When updating endpoint resources, enables or disables the "
    "retention of variant properties, such as the instance count or the variant weight.\n"
    "ExcludeRetainedVariantProperties: # When you are updating endpoint resources with "
    "RetainAllVariantProperties, whose value is set to true, ExcludeRetainedVariantProperties "
    "specifies the list of type VariantProperty to override with the values provided by "
    "EndpointConfig.\n"
    "- VariantPropertyType: DesiredInstanceCount  # [REQUIRED] The type of variant property. Valid "
    "values are: DesiredInstanceCount, DesiredWeight, DataCaptureConfig.\n"
    "DeploymentConfig: # The deployment configuration for an endpoint, which contains the desired "
    "deployment strategy and rollback configurations.\n"
    "  BlueGreenUpdatePolicy:  # Update policy for a blue/green deployment.\n"
    "    TrafficRoutingConfiguration:  # [REQUIRED] Defines the traffic routing strategy to shift "
    "traffic from the old fleet to the new fleet during an endpoint deployment.\n"
    "      Type: ALL_AT_ONCE  # [REQUIRED] Traffic routing strategy type. Valid values are: "
    "ALL_AT_ONCE, CANARY, LINEAR.\n"
    "      WaitIntervalInSeconds: 0 # [REQUIRED] The waiting time (in seconds) between incremental "
    "steps to turn on traffic on the new endpoint fleet.\n"
    "      CanarySize: # Batch size for the first step to turn on traffic on the new endpoint "
    "fleet.\n"
    "        Type: INSTANCE_COUNT  # [REQUIRED] Specifies the endpoint capacity type. Valid values "
    "are: INSTANCE_COUNT, CAPACITY_PERCENT.\n"
    "        Value: 0 # [REQUIRED] Defines the capacity size, either as a number of instances or a "
    "capacity percentage.\n"
    "      LinearStepSize: # Batch size for each step to turn on traffic on the new endpoint "
    "fleet.\n"
    "        Type: INSTANCE_COUNT  # [REQUIRED] Specifies the endpoint capacity type. Valid values "
    "are: INSTANCE_COUNT, CAPACITY_PERCENT.\n"
    "        Value: 0 # [REQUIRED] Defines the capacity size, either as a number of instances or a "
    "capacity percentage.\n"
    "    TerminationWaitInSeconds: 0 # Additional waiting time in seconds after the completion of "
    "an endpoint deployment before terminating the old endpoint fleet.\n"
    "    MaximumExecutionTimeoutInSeconds: 0 # Maximum execution timeout for the deployment.\n"
    "  RollingUpdatePolicy: # Specifies a rolling deployment strategy for updating a SageMaker "
    "endpoint.\n"
    "    MaximumBatchSize:  # [REQUIRED] Batch size for each rolling step to provision capacity "
    "and turn on traffic on the new endpoint fleet, and terminate capacity on the old endpoint "
    "fleet.\n"
    "      Type: INSTANCE_COUNT  # [REQUIRED] Specifies the endpoint capacity type. Valid values "
    "are: INSTANCE_COUNT, CAPACITY_PERCENT.\n"
    "      Value: 0 # [REQUIRED] Defines the capacity size, either as a number of instances or a "
    "capacity percentage.\n"
    "    WaitIntervalInSeconds: 0 # [REQUIRED] The length of the baking period, during which "
    "SageMaker monitors alarms for each batch on the new fleet.\n"
    "    MaximumExecutionTimeoutInSeconds: 0 # The time limit for the total deployment.\n"
    "    RollbackMaximumBatchSize: # Batch size for rollback to the old endpoint fleet.\n"
    "      Type: INSTANCE_COUNT  # [REQUIRED] Specifies the endpoint capacity type. Valid values "
    "are: INSTANCE_COUNT, CAPACITY_PERCENT.\n"
    "      Value: 0 # [REQUIRED] Defines the capacity size, either as a number of instances or a "
    "capacity percentage.\n"
    "  AutoRollbackConfiguration: # Automatic rollback configuration for handling endpoint "
    "deployment failures and recovery.\n"
    "    Alarms:  # List of CloudWatch alarms in your account that are configured to monitor "
    "metrics on an endpoint.\n"
    "    - AlarmName: ''  # The name of a CloudWatch alarm in your account.\n"
    "RetainDeploymentConfig: true # Specifies whether to reuse the last deployment "
    "configuration.\n";

// The JSON skeleton is the writer's output for a request with every member present and the
// ArgumentGenerator's placeholders: "" for strings, 0 for integers, true for booleans, the first
// enum value, one element per list.
UpdateEndpointRequest skeleton_request() {
  const CapacitySizeShape size{"INSTANCE_COUNT", 0};
  UpdateEndpointRequest r;
  r.retain_all_variant_properties = true;
  r.exclude_retained_variant_properties = std::vector<std::string>{"DesiredInstanceCount"};
  DeploymentConfig c;
  BlueGreenUpdatePolicy bg;
  bg.traffic_routing_configuration = TrafficRoutingConfig{"ALL_AT_ONCE", 0, size, size};
  bg.termination_wait_in_seconds = 0;
  bg.maximum_execution_timeout_in_seconds = 0;
  c.blue_green_update_policy = bg;
  c.rolling_update_policy = RollingUpdatePolicy{size, 0, 0, size};
  c.auto_rollback_configuration = AutoRollbackConfig{std::vector<std::string>{""}};
  r.deployment_config = c;
  r.retain_deployment_config = true;
  return r;
}

}  // namespace

std::string yaml_string(const std::string& text) {
  if (is_plain_safe(text)) return text;
  bool printable_ascii = true;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c > 0x7e) printable_ascii = false;
  }
  if (printable_ascii) {
    std::string out = "'";
    for (const char ch : text) {
      if (ch == '\'') out += '\'';
      out += ch;
    }
    return out + "'";
  }
  // JSON string escapes (\" \\ \n \t \uXXXX ...) are all valid YAML double-quoted escapes.
  return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string write_update_endpoint_json(const UpdateEndpointRequest& request, JsonLayout layout) {
  return dump(to_json(request), layout);
}

std::string write_update_endpoint_yaml(const UpdateEndpointRequest& request) {
  return to_yaml(to_json(request));
}

std::string write_deployment_config_json(const DeploymentConfig& config, JsonLayout layout) {
  return dump(to_json(config), layout);
}

std::string write_deployment_config_yaml(const DeploymentConfig& config) {
  return to_yaml(to_json(config));
}

std::string cli_skeleton(SkeletonKind kind) {
  if (kind == SkeletonKind::yaml_input) return std::string(kYamlSkeleton);
  return write_update_endpoint_json(skeleton_request(), JsonLayout::pretty);
}

}  // namespace shiftsim::aws
