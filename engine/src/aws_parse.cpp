#include "shiftsim/aws_parse.hpp"

#include "aws_tree.hpp"
#include "shorthand.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/input_limits.hpp"
#include "shiftsim/utf8.hpp"

#include <fmt/core.h>

#include <cctype>
#include <utility>

namespace shiftsim {
namespace detail {

const Json* member(const Json& o, std::string_view key) noexcept {
  if (!o.is_object()) return nullptr;
  const auto it = o.find(key);
  if (it == o.end() || it->is_null()) return nullptr;
  return &*it;
}

Json checked_tree(std::string_view text, aws::Format format, std::string_view doc_name,
                  std::string_view shape_name, bool lenient, Diagnostics* warnings) {
  Diagnostics ds;
  auto tree = parse_tree(text, format, doc_name, ds);
  if (tree) {
    const Model& model = Model::embedded();
    model.validate(*tree, model.at(shape_name), "", ValidateOptions{lenient, doc_name}, ds);
  }
  if (has_errors(ds)) throw InputError(std::move(ds));
  if (warnings != nullptr) warnings->insert(warnings->end(), ds.begin(), ds.end());
  return std::move(*tree);
}

namespace {

std::string str(const Json& o, std::string_view key) {
  const Json* m = member(o, key);
  return m != nullptr ? m->get<std::string>() : std::string();
}

std::optional<std::int32_t> i32(const Json& o, std::string_view key) {
  const Json* m = member(o, key);
  if (m == nullptr) return std::nullopt;
  return static_cast<std::int32_t>(m->get<std::int64_t>());
}

std::optional<double> dbl(const Json& o, std::string_view key) {
  const Json* m = member(o, key);
  if (m == nullptr) return std::nullopt;
  return m->get<double>();
}

std::optional<bool> boolean(const Json& o, std::string_view key) {
  const Json* m = member(o, key);
  if (m == nullptr) return std::nullopt;
  return m->get<bool>();
}

aws::CapacitySizeShape capacity(const Json& j) {
  return aws::CapacitySizeShape{str(j, "Type"), i32(j, "Value").value_or(0)};
}

std::optional<aws::CapacitySizeShape> opt_capacity(const Json& o, std::string_view key) {
  const Json* m = member(o, key);
  if (m == nullptr) return std::nullopt;
  return capacity(*m);
}

}  // namespace

aws::DeploymentConfig to_deployment_config(const Json& j) {
  aws::DeploymentConfig dc;
  if (const Json* bg = member(j, "BlueGreenUpdatePolicy")) {
    aws::BlueGreenUpdatePolicy p;
    if (const Json* tr = member(*bg, "TrafficRoutingConfiguration")) {
      p.traffic_routing_configuration.type = str(*tr, "Type");
      p.traffic_routing_configuration.wait_interval_in_seconds =
          i32(*tr, "WaitIntervalInSeconds").value_or(0);
      p.traffic_routing_configuration.canary_size = opt_capacity(*tr, "CanarySize");
      p.traffic_routing_configuration.linear_step_size = opt_capacity(*tr, "LinearStepSize");
    }
    p.termination_wait_in_seconds = i32(*bg, "TerminationWaitInSeconds");
    p.maximum_execution_timeout_in_seconds = i32(*bg, "MaximumExecutionTimeoutInSeconds");
    dc.blue_green_update_policy = std::move(p);
  }
  if (const Json* r = member(j, "RollingUpdatePolicy")) {
    aws::RollingUpdatePolicy p;
    if (const Json* b = member(*r, "MaximumBatchSize")) p.maximum_batch_size = capacity(*b);
    p.wait_interval_in_seconds = i32(*r, "WaitIntervalInSeconds").value_or(0);
    p.maximum_execution_timeout_in_seconds = i32(*r, "MaximumExecutionTimeoutInSeconds");
    p.rollback_maximum_batch_size = opt_capacity(*r, "RollbackMaximumBatchSize");
    dc.rolling_update_policy = std::move(p);
  }
  if (const Json* a = member(j, "AutoRollbackConfiguration")) {
    aws::AutoRollbackConfig c;
    if (const Json* alarms = member(*a, "Alarms")) {
      std::vector<std::string> names;
      for (const auto& al : *alarms) names.push_back(str(al, "AlarmName"));
      c.alarms = std::move(names);
    }
    dc.auto_rollback_configuration = std::move(c);
  }
  return dc;
}

aws::UpdateEndpointRequest to_update_endpoint(const Json& j) {
  aws::UpdateEndpointRequest r;
  r.endpoint_name = str(j, "EndpointName");
  r.endpoint_config_name = str(j, "EndpointConfigName");
  r.retain_all_variant_properties = boolean(j, "RetainAllVariantProperties");
  if (const Json* ex = member(j, "ExcludeRetainedVariantProperties")) {
    std::vector<std::string> v;
    for (const auto& p : *ex) v.push_back(str(p, "VariantPropertyType"));
    r.exclude_retained_variant_properties = std::move(v);
  }
  if (const Json* dc = member(j, "DeploymentConfig")) r.deployment_config = to_deployment_config(*dc);
  r.retain_deployment_config = boolean(j, "RetainDeploymentConfig");
  return r;
}

aws::DescribeEndpoint to_describe_endpoint(const Json& j) {
  aws::DescribeEndpoint d;
  d.endpoint_name = str(j, "EndpointName");
  d.endpoint_arn = str(j, "EndpointArn");
  d.endpoint_config_name = str(j, "EndpointConfigName");
  d.endpoint_status = str(j, "EndpointStatus");
  const auto variants = [&](std::string_view key, std::vector<aws::EndpointVariant>& out) {
    if (const Json* pvs = member(j, key))
      for (const auto& pv : *pvs)
        out.push_back(aws::EndpointVariant{
            str(pv, "VariantName"), i32(pv, "CurrentInstanceCount"),
            i32(pv, "DesiredInstanceCount"), dbl(pv, "CurrentWeight"), dbl(pv, "DesiredWeight"),
            member(pv, "CurrentServerlessConfig") != nullptr ||
                member(pv, "DesiredServerlessConfig") != nullptr});
  };
  variants("ProductionVariants", d.production_variants);
  variants("ShadowProductionVariants", d.shadow_production_variants);
  if (const Json* dc = member(j, "LastDeploymentConfig"))
    d.last_deployment_config = to_deployment_config(*dc);
  return d;
}

aws::DescribeEndpointConfig to_describe_endpoint_config(const Json& j) {
  aws::DescribeEndpointConfig d;
  d.endpoint_config_name = str(j, "EndpointConfigName");
  const auto variants = [&](std::string_view key, std::vector<aws::ConfigVariant>& out) {
    if (const Json* pvs = member(j, key))
      for (const auto& pv : *pvs) {
        aws::ConfigVariant v;
        v.variant_name = str(pv, "VariantName");
        v.instance_type = str(pv, "InstanceType");
        v.initial_instance_count = i32(pv, "InitialInstanceCount");
        v.initial_variant_weight = dbl(pv, "InitialVariantWeight");
        v.serverless = member(pv, "ServerlessConfig") != nullptr;
        v.uses_accelerator = member(pv, "AcceleratorType") != nullptr;
        out.push_back(std::move(v));
      }
  };
  variants("ProductionVariants", d.production_variants);
  variants("ShadowProductionVariants", d.shadow_production_variants);
  return d;
}

}  // namespace detail

namespace aws {

namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (std::size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
      return false;
  return true;
}

/// ProductionVariants and their names are required in describe outputs even where we read them
/// leniently: they are what shiftsim reads (and a request passed as a describe document has none).
void require_variant_names(const detail::Json& j, std::string_view doc_name) {
  Diagnostics ds;
  if (detail::member(j, "ProductionVariants") == nullptr)
    ds.push_back(detail::make_diag(Severity::error, error_code::required, "ProductionVariants",
                                   "is required (shiftsim reads the fleet from it)", "", doc_name));
  // An endpoint runs one endpoint config, whose ProductionVariantList the model caps (10).
  const auto& cap = detail::Model::embedded().at("ProductionVariantList").max;
  if (const detail::Json* pvs = detail::member(j, "ProductionVariants");
      pvs != nullptr && pvs->is_array() && cap && static_cast<double>(pvs->size()) > *cap)
    ds.push_back(detail::make_diag(
        Severity::error, error_code::list_length, "ProductionVariants",
        fmt::format("number of items must be <= {} (an endpoint config's ProductionVariantList "
                    "holds at most {} variants)",
                    static_cast<int>(*cap), static_cast<int>(*cap)),
        std::to_string(pvs->size()) + " variants", doc_name));
  if (const detail::Json* pvs = detail::member(j, "ProductionVariants"))
    for (std::size_t i = 0; i < pvs->size(); ++i)
      if (detail::member((*pvs)[i], "VariantName") == nullptr)
        ds.push_back(detail::make_diag(
            Severity::error, error_code::required,
            detail::join_path(detail::index_path("ProductionVariants", i), "VariantName"),
            "is required", "", doc_name));
  if (!ds.empty()) throw InputError(std::move(ds));
}

}  // namespace

Format detect_format(std::string_view text, std::string_view file_name) noexcept {
  if (ends_with_ci(file_name, ".json")) return Format::json;
  if (ends_with_ci(file_name, ".yaml") || ends_with_ci(file_name, ".yml")) return Format::yaml;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return (c == '{' || c == '[') ? Format::json : Format::yaml;
  }
  return Format::json;
}

UpdateEndpointRequest parse_update_endpoint(std::string_view text, std::string_view doc_name,
                                            Format format) {
  return detail::to_update_endpoint(
      detail::checked_tree(text, format, doc_name, "UpdateEndpointInput", false, nullptr));
}

DescribeEndpoint parse_describe_endpoint(std::string_view text, std::string_view doc_name,
                                         Format format, Diagnostics* warnings) {
  const auto j =
      detail::checked_tree(text, format, doc_name, "DescribeEndpointOutput", true, warnings);
  require_variant_names(j, doc_name);
  return detail::to_describe_endpoint(j);
}

DescribeEndpointConfig parse_describe_endpoint_config(std::string_view text,
                                                      std::string_view doc_name, Format format,
                                                      Diagnostics* warnings) {
  const auto j =
      detail::checked_tree(text, format, doc_name, "DescribeEndpointConfigOutput", true, warnings);
  require_variant_names(j, doc_name);
  return detail::to_describe_endpoint_config(j);
}

DeploymentConfig parse_deployment_config(std::string_view text, std::string_view doc_name,
                                         Format format) {
  return detail::to_deployment_config(
      detail::checked_tree(text, format, doc_name, "DeploymentConfig", false, nullptr));
}

std::string variant_properties_json(std::string_view text, std::string_view doc_name) {
  check_document_size(text, doc_name);
  if (auto bad = utf8_problem(text, "", doc_name)) throw InputError({std::move(*bad)});
  std::size_t b = 0;
  while (b < text.size() && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  if (b < text.size() && (text[b] == '[' || text[b] == '{'))
    return canonical_json(text, doc_name, Format::json);
  // Shorthand: words `VariantPropertyType=X`, separated by blanks (one word per list item).
  detail::Json arr = detail::Json::array();
  Diagnostics ds;
  std::size_t i = b;
  std::size_t item = 0;
  while (i < text.size()) {
    std::size_t e = i;
    while (e < text.size() && !std::isspace(static_cast<unsigned char>(text[e]))) ++e;
    const std::string_view word = text.substr(i, e - i);
    const auto eq = word.find('=');
    if (eq == std::string_view::npos || word.substr(0, eq) != "VariantPropertyType") {
      ds.push_back(detail::make_diag(
          Severity::error, error_code::shorthand, detail::index_path("", item),
          "expected VariantPropertyType=DesiredInstanceCount|DesiredWeight|DataCaptureConfig "
          "or a JSON list",
          detail::value_text(detail::Json(std::string(word))), doc_name));
    } else {
      arr.push_back({{"VariantPropertyType", std::string(word.substr(eq + 1))}});
    }
    ++item;
    i = e;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  }
  if (!ds.empty()) throw InputError(std::move(ds));
  return arr.dump();
}

std::vector<std::string> parse_variant_properties(std::string_view text,
                                                  std::string_view doc_name) {
  const std::string json = variant_properties_json(text, doc_name);
  const auto j =
      detail::checked_tree(json, Format::json, doc_name, "VariantPropertyList", false, nullptr);
  std::vector<std::string> out;
  for (const auto& p : j) out.push_back(p.at("VariantPropertyType").get<std::string>());
  return out;
}

std::string canonical_json(std::string_view text, std::string_view doc_name, Format format) {
  Diagnostics ds;
  auto tree = detail::parse_tree(text, format, doc_name, ds);
  if (has_errors(ds)) throw InputError(std::move(ds));
  std::string json = tree->dump(-1, ' ', false, detail::Json::error_handler_t::replace);
  // YAML within its budget can still make more than 1 MiB of JSON (quotes, commas, expanded
  // aliases): refused here, where the cause is plain, rather than when the JSON is read again.
  if (format == Format::yaml)
    check_document_size(json, fmt::format("{} as JSON (what the AWS CLI sends)",
                                          doc_name.empty() ? "the document" : doc_name));
  return json;
}

std::string deployment_config_arg_json(std::string_view text, std::string_view doc_name) {
  check_document_size(text, doc_name);
  if (auto bad = utf8_problem(text, "", doc_name)) throw InputError({std::move(*bad)});
  std::size_t b = 0;
  while (b < text.size() && std::isspace(static_cast<unsigned char>(text[b]))) ++b;
  if (b < text.size() && text[b] == '{') return canonical_json(text, doc_name, Format::json);
  Diagnostics ds;
  const detail::Model& model = detail::Model::embedded();
  auto tree = detail::parse_shorthand(text, model, model.at("DeploymentConfig"), doc_name, ds);
  if (!tree) throw InputError(std::move(ds));
  return tree->dump(-1, ' ', false, detail::Json::error_handler_t::replace);
}

void check_syntax(std::string_view text, std::string_view doc_name, Format format) {
  Diagnostics ds;
  (void)detail::parse_tree(text, format, doc_name, ds);
  if (has_errors(ds)) throw InputError(std::move(ds));
}

}  // namespace aws
}  // namespace shiftsim
