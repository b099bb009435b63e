// The rule checks of `shiftsim check` (check_internal.hpp; codes in docs/check.md).
#include "check_internal.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace shiftsim::check::detail {

namespace {

using iac::Level;
using Json = nlohmann::json;

std::optional<std::int64_t> request_timeout(const Json& req) {
  const auto dc = req.find("DeploymentConfig");
  if (dc == req.end() || !dc->is_object()) return std::nullopt;
  for (const char* policy : {"BlueGreenUpdatePolicy", "RollingUpdatePolicy"}) {
    const auto p = dc->find(policy);
    if (p == dc->end() || !p->is_object()) continue;
    const auto t = p->find("MaximumExecutionTimeoutInSeconds");
    if (t != p->end() && t->is_number_integer()) return t->get<std::int64_t>();
  }
  return std::nullopt;
}

bool retains_count(const Json& req) {
  const auto retain = req.find("RetainAllVariantProperties");
  if (retain == req.end() || *retain != true) return false;
  const auto ex = req.find("ExcludeRetainedVariantProperties");
  if (ex != req.end() && ex->is_array())
    for (const auto& e : *ex)
      if (e.is_object() && e.find("VariantPropertyType") != e.end() &&
          e["VariantPropertyType"] == "DesiredInstanceCount")
        return false;
  return true;
}

void capacity_reset(const iac::EndpointUpdate& u, const Json& req, const Fleet& fleet,
                    EndpointReport& out) {
  if (u.scalable_targets.empty() || retains_count(req)) return;
  for (const auto& t : u.scalable_targets) {
    std::optional<int> target;
    if (fleet.new_config)
      for (const auto& v : fleet.new_config->production_variants)
        if (v.variant_name == t.variant_name) target = v.initial_instance_count;
    std::optional<int> current;
    if (fleet.endpoint)
      for (const auto& v : fleet.endpoint->production_variants)
        if (v.variant_name == t.variant_name) current = v.current_instance_count;
    const std::string range =
        t.min_capacity && t.max_capacity ? fmt::format(" (autoscaling {}..{})", *t.min_capacity, *t.max_capacity) : "";
    const std::string to = target ? std::to_string(*target) : "the new config's InitialInstanceCount";
    const std::string how =
        u.tool == iac::Tool::terraform
            ? "Terraform cannot send RetainAllVariantProperties (aws_sagemaker_endpoint has no such "
              "argument), so every apply that updates the endpoint"
            : "without RetainAllVariantProperties: true, the update";
    std::string msg;
    if (current && target && *current == *target) continue;
    if (current)
      msg = fmt::format("variant {} is autoscaled{}: {} resets it from {} to {} instances; "
                        "RetainAllVariantProperties keeps the current count",
                        t.variant_name, range, how, *current, to);
    else
      msg = fmt::format("variant {} is autoscaled{}: {} resets it to {} instances, scaling in an "
                        "endpoint that autoscaling has grown (or out one it has shrunk); "
                        "RetainAllVariantProperties keeps the current count",
                        t.variant_name, range, how, to);
    out.findings.push_back(finding(Level::warning, warning_code::capacity_reset, msg, u));
  }
}

void quota(const iac::EndpointUpdate& u, const Options& o, EndpointReport& out) {
  if (!out.figures) return;
  if (!o.quotas) {
    out.findings.push_back(finding(Level::note, note_code::quota_not_checked,
                                   "quota headroom not checked: no service quotas were given",
                                   u));
    return;
  }
  for (const auto& [type, peak] : out.figures->peak_by_type) {
    const auto q = o.quotas->endpoint_usage.find(type);
    if (q == o.quotas->endpoint_usage.end()) {
      out.findings.push_back(finding(
          Level::warning, warning_code::quota_unknown,
          fmt::format("{} lists no quota '{} for endpoint usage'; the update needs {} at its peak",
                      o.quotas->file, type, peak),
          u));
      continue;
    }
    const double limit = q->second;
    if (peak > limit)
      out.findings.push_back(finding(
          Level::error, error_code::quota_exceeded,
          fmt::format("the update runs {} {} at its peak, above the account quota '{} for endpoint "
                      "usage' of {:g}: SageMaker refuses the new fleet (ResourceLimitExceeded) and "
                      "the update fails",
                      peak, type, type, limit),
          u));
    else
      out.findings.push_back(finding(
          Level::note, note_code::quota_headroom,
          fmt::format("{} {} at the peak against the quota of {:g}: headroom {:g} for every other "
                      "endpoint of this type in the account and region",
                      peak, type, limit, limit - peak),
          u));
  }
}

}  // namespace

void check_rules(const iac::EndpointUpdate& u, const Fleet& fleet, const Options& o,
                 EndpointReport& out) {
  const Json req = u.request_json ? Json::parse(*u.request_json) : Json::object();
  const bool tf = u.tool == iac::Tool::terraform;

  if (u.rollback_change_replaces)
    out.findings.push_back(finding(
        Level::error, error_code::tf_rollback_replaces,
        "the plan replaces the endpoint because deployment_config.auto_rollback_configuration "
        "changed (ForceNew in the AWS provider): Terraform deletes and recreates the endpoint "
        "instead of a guarded update, and the endpoint serves nothing in between",
        u, "deployment_config[0].auto_rollback_configuration"));
  if (u.config_replaced_same_name)
    out.findings.push_back(finding(
        Level::error, error_code::config_replaced_same_name,
        fmt::format("the endpoint shows no change while its endpoint config {} is replaced under "
                    "the same name: no UpdateEndpoint is sent, so the new config never reaches "
                    "the endpoint (give the config a new name per change, e.g. name_prefix)",
                    u.config_replaced_same_name->address),
        u, "endpoint_config_name"));
  if (u.action != iac::Action::update) return;
  if (!u.request_json) return;

  if (!u.has_deployment_config)
    out.findings.push_back(finding(
        Level::warning, warning_code::no_deployment_config,
        "no DeploymentConfig: SageMaker's default update applies (blue/green, all at once, no "
        "bake, no auto-rollback alarms); a bad version takes all traffic at once",
        u, tf ? "deployment_config" : "Resources." + u.where.address + ".Properties.DeploymentConfig"));
  if (tf)
    if (const auto t = request_timeout(req); t && *t > kTerraformTimeoutCapS)
      out.findings.push_back(finding(
          Level::error, error_code::tf_timeout_cap,
          fmt::format("maximum_execution_timeout_in_seconds {} is above the AWS provider's "
                      "limit of {} (validation.IntBetween(600, 14400); the API allows 28800): "
                      "terraform rejects it",
                      *t, kTerraformTimeoutCapS),
          u, "deployment_config[0]"));
  capacity_reset(u, req, fleet, out);
  const auto dc = req.find("DeploymentConfig");
  if (tf && dc != req.end() && dc->contains("AutoRollbackConfiguration"))
    out.findings.push_back(finding(
        Level::note, note_code::tf_rollback_looks_like_success,
        "if an alarm rolls this update back, `terraform apply` still reports success: the "
        "endpoint is InService again, on the old config (terraform-provider-aws #48997); check "
        "the endpoint's EndpointConfigName after apply",
        u, "deployment_config[0].auto_rollback_configuration"));
  if (!out.figures) return;

  const Figures& f = *out.figures;
  if (tf && f.p95_completion_s > static_cast<double>(kTerraformWaiterS))
    out.findings.push_back(finding(
        Level::error, error_code::tf_waiter,
        fmt::format("P95 completion {} (median {}) is beyond the 60 minutes the AWS provider "
                    "waits for InService: `terraform apply` fails while SageMaker carries on "
                    "(terraform-provider-aws #39040, #9584); make the update shorter or apply it "
                    "outside Terraform",
                    duration_text(f.p95_completion_s), duration_text(f.median_duration_s)),
        u));
  if (f.p_timeout > 0.01)
    out.findings.push_back(finding(
        Level::warning, warning_code::timeout_risk,
        fmt::format("{:.1f}% of {} seeded trials hit MaximumExecutionTimeoutInSeconds and roll "
                    "back",
                    100.0 * f.p_timeout, f.trials),
        u));
  quota(u, o, out);
  out.findings.push_back(finding(
      Level::note, note_code::simulated,
      fmt::format("{} update: median trial {}, P95 completion {}, P(timeout) {:.3f}, peak {} "
                  "instances, cost {} ({} trials, seed {})",
                  to_string(f.strategy), duration_text(f.median_duration_s),
                  duration_text(f.p95_completion_s), f.p_timeout, f.peak_instances,
                  f.cost_usd.known() ? fmt::format("${:.2f}", *f.cost_usd.usd())
                                     : unknown_cost_text(f.unpriced_types),
                  f.trials, f.seed),
      u));
}

}  // namespace shiftsim::check::detail
