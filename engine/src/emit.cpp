// Building an UpdateEndpoint request from emit options, and rendering it per surface (emit.hpp).
#include "shiftsim/emit.hpp"

#include "emit_render.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/aws_write.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/validate.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstddef>
#include <iterator>
#include <limits>
#include <utility>

namespace shiftsim::emit {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::pair<Format, std::string_view>, 6> kFormats = {{
    {Format::cli_input_json, "cli-input-json"},
    {Format::cli_input_yaml, "cli-input-yaml"},
    {Format::aws_cli, "aws-cli"},
    {Format::cloudformation, "cloudformation"},
    {Format::cloudformation_json, "cloudformation-json"},
    {Format::terraform, "terraform"},
}};

std::string json_text(std::string_view s) {
  return Json(std::string(s)).dump(-1, ' ', false, Json::error_handler_t::replace);
}

Diagnostic flag_error(std::string code, std::string who, std::string rule, std::string value,
                      std::string message) {
  return Diagnostic{Severity::error, std::move(code), std::move(who), std::move(rule),
                    std::move(value), std::move(message)};
}

// Digits only, within [0, INT32_MAX].
std::optional<std::int32_t> parse_digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  for (const char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  if (v > std::numeric_limits<std::int32_t>::max()) return std::nullopt;
  return static_cast<std::int32_t>(v);
}

std::string size_text(const aws::CapacitySizeShape& s) {
  return s.type == "CAPACITY_PERCENT" ? fmt::format("{}%", s.value) : fmt::format("{}", s.value);
}


// --- aws-cli --------------------------------------------------------------------------------

std::string render_aws_cli(const aws::UpdateEndpointRequest& r) {
  std::vector<std::string> words = {"aws", "sagemaker", "update-endpoint", "--endpoint-name",
                                    r.endpoint_name, "--endpoint-config-name",
                                    r.endpoint_config_name};
  if (r.retain_all_variant_properties)
    words.emplace_back(*r.retain_all_variant_properties ? "--retain-all-variant-properties"
                                                        : "--no-retain-all-variant-properties");
  if (r.exclude_retained_variant_properties) {
    Json list = Json::array();
    for (const auto& t : *r.exclude_retained_variant_properties) {
      Json p = Json::object();
      p["VariantPropertyType"] = t;
      list.push_back(std::move(p));
    }
    words.emplace_back("--exclude-retained-variant-properties");
    words.push_back(list.dump(-1, ' ', false, Json::error_handler_t::replace));
  }
  if (r.deployment_config) {
    words.emplace_back("--deployment-config");
    words.push_back(aws::write_deployment_config_json(*r.deployment_config, aws::JsonLayout::compact));
  }
  if (r.retain_deployment_config)
    words.emplace_back(*r.retain_deployment_config ? "--retain-deployment-config"
                                                   : "--no-retain-deployment-config");
  std::string line;
  for (const auto& w : words) {
    if (!line.empty()) line += ' ';
    line += shell_quote(w);
  }
  return line + "\n";
}

}  // namespace

std::optional<Format> parse_format(std::string_view name) noexcept {
  for (const auto& [f, n] : kFormats)
    if (n == name) return f;
  return std::nullopt;
}

std::string_view format_name(Format format) noexcept {
  for (const auto& [f, n] : kFormats)
    if (f == format) return n;
  return "?";
}

std::vector<std::string_view> format_names() {
  std::vector<std::string_view> out;
  for (const auto& [f, n] : kFormats) out.push_back(n);
  return out;
}

aws::CapacitySizeShape parse_capacity_size(std::string_view text, std::string_view flag) {
  const bool percent = !text.empty() && text.back() == '%';
  const auto digits = percent ? text.substr(0, text.size() - 1) : text;
  const auto v = parse_digits(digits);
  if (!v)
    throw InputError({flag_error(
        error_code::emit_flag_value, std::string(flag), "must be a whole number of instances (2) or a percentage (10%)",
        json_text(text),
        fmt::format("{} must be a whole number of instances (e.g. 2) or a percentage of the "
                    "variant's capacity (e.g. 10%), got '{}'",
                    flag, text))});
  return aws::CapacitySizeShape{percent ? "CAPACITY_PERCENT" : "INSTANCE_COUNT", *v};
}

std::int32_t parse_seconds(std::string_view text, std::string_view flag) {
  const auto v = parse_digits(text);
  if (!v)
    throw InputError({flag_error(error_code::emit_flag_value, std::string(flag),
                                 "must be a whole number of seconds", json_text(text),
                                 fmt::format("{} must be a whole number of seconds, got '{}'", flag, text))});
  return *v;
}

namespace {

/// The request fields build_request() reports on (paths as validate_request() names them).
namespace field {
constexpr std::string_view endpoint_name = "EndpointName";
constexpr std::string_view endpoint_config_name = "EndpointConfigName";
constexpr std::string_view canary_size =
    "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize";
constexpr std::string_view traffic_routing_type =
    "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.Type";
constexpr std::string_view linear_step =
    "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize";
constexpr std::string_view blue_green_wait =
    "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds";
constexpr std::string_view termination_wait =
    "DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds";
constexpr std::string_view blue_green_timeout =
    "DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds";
constexpr std::string_view batch_size = "DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize";
constexpr std::string_view rollback_batch_size =
    "DeploymentConfig.RollingUpdatePolicy.RollbackMaximumBatchSize";
constexpr std::string_view rolling_wait =
    "DeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds";
constexpr std::string_view rolling_timeout =
    "DeploymentConfig.RollingUpdatePolicy.MaximumExecutionTimeoutInSeconds";
}  // namespace field

/// The member's own name: the last component of its path.
std::string_view member_of(std::string_view path) {
  const auto dot = path.rfind('.');
  return dot == std::string_view::npos ? path : path.substr(dot + 1);
}

/// What the chosen strategy is, in the request's terms.
std::string_view update_phrase(std::optional<Strategy> s) {
  if (!s) return "a request without an update policy";
  switch (*s) {
    case Strategy::all_at_once: return "an ALL_AT_ONCE blue/green update";
    case Strategy::canary: return "a CANARY blue/green update";
    case Strategy::linear: return "a LINEAR blue/green update";
    case Strategy::rolling: return "a rolling update (RollingUpdatePolicy)";
  }
  return "?";
}

}  // namespace

std::string field_path(std::string_view path) { return std::string(path); }

aws::UpdateEndpointRequest build_request(const EmitOptions& o, const FieldNamer& namer) {
  const auto name = [&namer](std::string_view path) {
    return namer ? namer(path) : field_path(path);
  };
  Diagnostics errors;
  auto required = [&](std::string_view path, const std::string& why) {
    const std::string who = name(path);
    errors.push_back(flag_error(error_code::emit_flag_required, who, why, "null",
                                fmt::format("{} is required: {}", who, why)));
  };
  auto not_applicable = [&](std::string_view path, const std::string& value,
                            const std::string& why) {
    const std::string who = name(path);
    errors.push_back(flag_error(error_code::emit_flag_not_applicable, who, why, json_text(value),
                                fmt::format("{} {} does not apply: {}", who, value, why)));
  };
  if (o.endpoint_name.empty())
    required(field::endpoint_name, "UpdateEndpoint needs the EndpointName");
  if (o.endpoint_config_name.empty())
    required(field::endpoint_config_name, "UpdateEndpoint needs the new EndpointConfigName");

  aws::UpdateEndpointRequest r;
  r.endpoint_name = o.endpoint_name;
  r.endpoint_config_name = o.endpoint_config_name;
  r.retain_all_variant_properties = o.retain_all_variant_properties;
  if (!o.exclude_retained_variant_properties.empty())
    r.exclude_retained_variant_properties = o.exclude_retained_variant_properties;
  r.retain_deployment_config = o.retain_deployment_config;

  const auto s = o.strategy;
  // Without a strategy, say what would choose one (the CLI: its flag).
  const std::string phrase =
      s ? std::string(update_phrase(s))
        : fmt::format("{} (no {})", update_phrase(s), name(field::traffic_routing_type));
  auto belongs = [&](std::string_view path, std::string_view applies_to) {
    return fmt::format("{} belongs to {} only, and this is {}", member_of(path), applies_to,
                       phrase);
  };
  auto only = [&](const auto& value, std::string_view path, bool applies,
                  std::string_view applies_to) {
    if (value && !applies)
      not_applicable(path, fmt::format("{}", *value), belongs(path, applies_to));
  };
  auto only_size = [&](const std::optional<aws::CapacitySizeShape>& value, std::string_view path,
                       bool applies, std::string_view applies_to) {
    if (value && !applies) not_applicable(path, size_text(*value), belongs(path, applies_to));
  };
  const bool canary = s == Strategy::canary, linear = s == Strategy::linear, rolling = s == Strategy::rolling;
  const bool blue_green = s && !rolling;
  only_size(o.canary_size, field::canary_size, canary, update_phrase(Strategy::canary));
  only_size(o.linear_step, field::linear_step, linear, update_phrase(Strategy::linear));
  only_size(o.batch_size, field::batch_size, rolling, update_phrase(Strategy::rolling));
  only_size(o.rollback_batch_size, field::rollback_batch_size, rolling,
            update_phrase(Strategy::rolling));
  only(o.termination_wait, field::termination_wait, blue_green,
       "a blue/green update (ALL_AT_ONCE, CANARY or LINEAR)");
  only(o.wait, rolling ? field::rolling_wait : field::blue_green_wait, s.has_value(),
       "an update policy");
  only(o.timeout, rolling ? field::rolling_timeout : field::blue_green_timeout, s.has_value(),
       "an update policy");
  if (s) {
    if (!o.wait)
      required(rolling ? field::rolling_wait : field::blue_green_wait,
               fmt::format("{} needs WaitIntervalInSeconds (required by the API)", phrase));
    if (canary && !o.canary_size)
      required(field::canary_size, fmt::format("{} needs the CanarySize", phrase));
    if (linear && !o.linear_step)
      required(field::linear_step, fmt::format("{} needs the LinearStepSize", phrase));
    if (rolling && !o.batch_size)
      required(field::batch_size, fmt::format("{} needs the MaximumBatchSize", phrase));
  }
  if (has_errors(errors)) throw InputError(std::move(errors));

  if (s || !o.alarms.empty()) {
    aws::DeploymentConfig c;
    if (rolling) {
      aws::RollingUpdatePolicy p;
      p.maximum_batch_size = *o.batch_size;
      p.wait_interval_in_seconds = *o.wait;
      p.maximum_execution_timeout_in_seconds = o.timeout;
      p.rollback_maximum_batch_size = o.rollback_batch_size;
      c.rolling_update_policy = p;
    } else if (s) {
      aws::BlueGreenUpdatePolicy bg;
      auto& t = bg.traffic_routing_configuration;
      t.type = canary ? "CANARY" : linear ? "LINEAR" : "ALL_AT_ONCE";
      t.wait_interval_in_seconds = *o.wait;
      t.canary_size = o.canary_size;
      t.linear_step_size = o.linear_step;
      bg.termination_wait_in_seconds = o.termination_wait;
      bg.maximum_execution_timeout_in_seconds = o.timeout;
      c.blue_green_update_policy = bg;
    }
    if (!o.alarms.empty()) c.auto_rollback_configuration = aws::AutoRollbackConfig{o.alarms};
    r.deployment_config = c;
  }
  return r;
}

Rendered render(const aws::UpdateEndpointRequest& request, Format format) {
  return render(request, format, nullptr);
}

Rendered render(const aws::UpdateEndpointRequest& request, Format format,
                const ResourceOptions* resource) {
  switch (format) {
    case Format::cli_input_json: return {aws::write_update_endpoint_json(request), {}};
    case Format::cli_input_yaml: return {aws::write_update_endpoint_yaml(request), {}};
    case Format::aws_cli: return {render_aws_cli(request), {}};
    case Format::cloudformation: return detail::render_cloudformation(request, false, resource);
    case Format::cloudformation_json: return detail::render_cloudformation(request, true, resource);
    case Format::terraform: return detail::render_terraform(request, resource);
  }
  return {aws::write_update_endpoint_json(request), {}};
}

Rendered render_validated(const aws::UpdateEndpointRequest& request, Format format,
                          const FleetContext* fleet, const ResourceOptions* resource) {
  const std::string json = aws::write_update_endpoint_json(request);
  Diagnostics ds = validate_request(json, aws::Format::json, fleet, "the emitted request");
  if (has_errors(ds)) throw InputError(std::move(ds));
  Rendered out = render(request, format, resource);
  ds.insert(ds.end(), std::make_move_iterator(out.warnings.begin()),
            std::make_move_iterator(out.warnings.end()));
  out.warnings = std::move(ds);
  return out;
}

std::string shell_quote(std::string_view word) {
  const bool bare = !word.empty() && std::all_of(word.begin(), word.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '@' || c == '%' || c == '+' || c == '=' || c == ':' || c == ',' || c == '.' ||
           c == '/' || c == '-';
  });
  if (bare) return std::string(word);
  std::string out = "'";
  for (const char c : word) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

std::string hcl_string(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool next_brace = i + 1 < text.size() && text[i + 1] == '{';
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '$': out += next_brace ? "$$" : "$"; break;
      case '%': out += next_brace ? "%%" : "%"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        else
          out += c;
    }
  }
  return out + "\"";
}

}  // namespace shiftsim::emit
