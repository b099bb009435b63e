// The DeploymentConfig flags (policy_flags.hpp).
#include "policy_flags.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/codes.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace shiftsim::cli {

namespace {

Choices<Strategy> strategies() {
  return {{"all-at-once", Strategy::all_at_once},
          {"canary", Strategy::canary},
          {"linear", Strategy::linear},
          {"rolling", Strategy::rolling}};
}

Value size_value(std::optional<aws::CapacitySizeShape>& out) {
  return parsed<aws::CapacitySizeShape>(out, emit::parse_capacity_size);
}

Value seconds_value(std::optional<std::int32_t>& out) {
  return parsed<std::int32_t>(out, emit::parse_seconds);
}

}  // namespace

void declare_policy_flags(OptionSet& options, PolicyFlags& f) {
  options.group("deployment config (each flag overrides the request's member)")
      .add("strategy", choice(f.strategy, strategies()), "S",
           "all-at-once, canary, linear or rolling (any case: CANARY, ALL_AT_ONCE); none: no "
           "update policy, SageMaker's default applies")
      .add("canary-size", size_value(f.canary_size), "SIZE",
           "canary: CanarySize, 2 (instances) or 10% (of capacity)")
      .add("linear-step", size_value(f.linear_step), "SIZE", "linear: LinearStepSize")
      .add("batch-size", size_value(f.batch_size), "SIZE", "rolling: MaximumBatchSize")
      .add("rollback-batch-size", size_value(f.rollback_batch_size), "SIZE",
           "rolling: RollbackMaximumBatchSize (absent: 100%)")
      .add("wait", seconds_value(f.wait), "SECONDS",
           "WaitIntervalInSeconds (required with --strategy)")
      .add("termination-wait", seconds_value(f.termination_wait), "SECONDS",
           "blue/green: TerminationWaitInSeconds")
      .add("timeout", seconds_value(f.timeout), "SECONDS", "MaximumExecutionTimeoutInSeconds")
      .add("alarm", repeated(f.alarms), "NAME",
           "a CloudWatch alarm for AutoRollbackConfiguration (repeatable; replaces the request's "
           "list)");
}

emit::EmitOptions overlay(emit::EmitOptions o, const PolicyFlags& f) {
  if (f.strategy && f.strategy != o.strategy) {
    // A new policy: the old one's own members go; waits, timeout and alarms carry over.
    o.canary_size.reset();
    o.linear_step.reset();
    o.batch_size.reset();
    o.rollback_batch_size.reset();
    if (*f.strategy == Strategy::rolling) o.termination_wait.reset();
    o.strategy = f.strategy;
  }
  auto take = [](auto& to, const auto& from) {
    if (from) to = from;
  };
  take(o.canary_size, f.canary_size);
  take(o.linear_step, f.linear_step);
  take(o.batch_size, f.batch_size);
  take(o.rollback_batch_size, f.rollback_batch_size);
  take(o.wait, f.wait);
  take(o.termination_wait, f.termination_wait);
  take(o.timeout, f.timeout);
  if (!f.alarms.empty()) o.alarms = f.alarms;
  return o;
}

emit::EmitOptions request_options(const std::string& request_json,
                                  const std::string& request_name) {
  if (request_json.empty() || request_json == "{}") return {};
  auto doc = nlohmann::ordered_json::parse(request_json);
  const bool has_name = doc.is_object() && doc.contains("EndpointName");
  const bool has_config = doc.is_object() && doc.contains("EndpointConfigName");
  if (doc.is_object() && !has_name) doc["EndpointName"] = "name-to-be-given";
  if (doc.is_object() && !has_config) doc["EndpointConfigName"] = "config-to-be-given";
  emit::EmitOptions o = emit::options_from_request(
      aws::parse_update_endpoint(doc.dump(), request_name, aws::Format::json));
  if (!has_name) o.endpoint_name.clear();
  if (!has_config) o.endpoint_config_name.clear();
  return o;
}

std::string_view flag_of_field(std::string_view path) {
  struct Map {
    std::string_view field, flag;
  };
  static constexpr Map kMap[] = {
      {"RollbackMaximumBatchSize", "--rollback-batch-size"},
      {"MaximumBatchSize", "--batch-size"},
      {"CanarySize", "--canary-size"},
      {"LinearStepSize", "--linear-step"},
      {"TerminationWaitInSeconds", "--termination-wait"},
      {"WaitIntervalInSeconds", "--wait"},
      {"MaximumExecutionTimeoutInSeconds", "--timeout"},
      {"Alarms", "--alarm"},
      {"ExcludeRetainedVariantProperties", "--exclude-retained-variant-properties"},
      {"RetainAllVariantProperties", "--retain-all-variant-properties"},
      {"RetainDeploymentConfig", "--retain-deployment-config"},
      {"EndpointConfigName", "--endpoint-config-name"},
      {"EndpointName", "--endpoint-name"},
      {"TrafficRoutingConfiguration", "--strategy"},
      {"RollingUpdatePolicy", "--strategy"},
  };
  for (const auto& m : kMap)
    if (path.find(m.field) != std::string_view::npos) return m.flag;
  return {};
}

emit::FieldNamer flag_namer() {
  return [](std::string_view path) {
    const std::string_view flag = flag_of_field(path);
    return flag.empty() ? emit::field_path(path) : std::string(flag);
  };
}

Diagnostics with_flags(Diagnostics ds) {
  for (auto& d : ds)
    if (const auto flag = flag_of_field(d.path); !flag.empty())
      d.message += fmt::format(" (from {})", flag);
  return ds;
}

std::vector<std::string> split_words(std::string_view text, std::string_view flag) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote == '\'') {
      if (c == '\'') quote = 0;
      else word += c;
    } else if (quote == '"') {
      if (c == '"') quote = 0;
      else if (c == '\\' && i + 1 < text.size() && std::string_view("\"\\$`").find(text[i + 1]) !=
                                                        std::string_view::npos)
        word += text[++i];
      else word += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < text.size()) {
      word += text[++i];
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(std::move(word));
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (quote)
    throw_input_error(error_code::flag_syntax, std::string(flag), "balanced quotes",
                      fmt::format("\"{}\"", text),
                      fmt::format("{}: unterminated {} quote in '{}'", flag, quote, text));
  if (in_word) words.push_back(std::move(word));
  return words;
}

}  // namespace shiftsim::cli
