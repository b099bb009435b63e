// Variant-set changes (amendment A10) and exclusion fallbacks (A4): resolve_rules.hpp.
//
// A10: under an update policy the new config must keep the endpoint's variant names (AWS's
// exclusions page); whether SageMaker refuses or falls back is undocumented (sagemaker-semantics.md
// section 3, GAP): assumption variant_set_change=reject (E_VARIANT_SET_CHANGED, the default) or
// fallback (one more exclusion cause). Without an update policy the set may change (reading 2).
//
// A4: a variant of the new config that is serverless, runs Inf1 or has an AcceleratorType, and
// ROLLING on a new config with several variants or a serverless one, make SageMaker run blue/green
// ALL_AT_ONCE with W = 0 and T = 0, without guardrails (alarms roll nothing back);
// rolling_exclusions=reject turns the ROLLING cases into E_ROLLING_UNSUPPORTED. Marketplace
// containers fall back too but cannot be seen in describe output.
#include "resolve_rules.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <string>
#include <vector>

namespace shiftsim::detail {

namespace {

Diagnostic diag(Severity sev, const char* code, std::string path, std::string rule,
                std::string value, std::string message) {
  return Diagnostic{sev, code, std::move(path), std::move(rule), std::move(value),
                    std::move(message)};
}

std::string joined(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "'" : ", '") + n + "'";
  return s.empty() ? std::string("none") : s;
}

bool is_inf1(const std::string& type) { return type.rfind("ml.inf1.", 0) == 0; }

/// The variant-name change, if the endpoint and the new config are both known and differ.
struct NameChange {
  std::vector<std::string> gone;   ///< only in the endpoint
  std::vector<std::string> added;  ///< only in the new config
  [[nodiscard]] bool any() const noexcept { return !gone.empty() || !added.empty(); }
  [[nodiscard]] std::string text() const {
    return fmt::format("only in the endpoint: {}; only in the new config: {}", joined(gone),
                       joined(added));
  }
};

NameChange name_change(const FleetContext& fc) {
  NameChange c;
  if (!fc.endpoint_known || !fc.new_config_known) return c;
  for (const auto& v : fc.variants) {
    if (v.in_endpoint && !v.in_new_config) c.gone.push_back(v.name);
    if (!v.in_endpoint && v.in_new_config) c.added.push_back(v.name);
  }
  return c;
}

/// Why the update falls back, gathered by the rules below.
struct Causes {
  std::vector<std::string> why;
  bool any_policy = false;  ///< a cause that makes every DeploymentConfig fall back
  void add(std::string c, bool every_policy) {
    why.push_back(std::move(c));
    any_policy = any_policy || every_policy;
  }
};

/// A10: the variant set under an update policy (refused, or a cause); W_VARIANT_RENAMED.
void variant_set_rule(const ExclusionContext& ctx, ResolvedDeployment& out, Causes& causes) {
  const NameChange names = name_change(ctx.fleet);
  if (!names.any()) return;
  if (ctx.has_update_policy && ctx.assumptions.variant_set_change == VariantSetChange::reject) {
    out.errors.push_back(diag(
        Severity::error, error_code::variant_set_changed, "DeploymentConfig",
        "with an update policy the new config must keep the endpoint's variant names",
        names.text(),
        fmt::format("the variant names change ({}), but the DeploymentConfig in force has an "
                    "update policy: SageMaker requires the same variant names for blue/green and "
                    "rolling deployments. Keep the names, or update without an update policy "
                    "(assumption variant_set_change=fallback simulates SageMaker falling back "
                    "instead)",
                    names.text())));
    return;
  }
  out.warnings.push_back(diag(
      Severity::warning, warning_code::variant_renamed, "", "a variant name changed", names.text(),
      fmt::format("variant names differ between the endpoint and the new config ({}): the "
                  "variants only in the endpoint go away (their instances run until the old "
                  "fleet is terminated) and those only in the new config start from 0",
                  names.text())));
  if (ctx.has_update_policy)
    causes.add(fmt::format("the variant names change ({}) under an update policy (assumption "
                           "variant_set_change=fallback)",
                           names.text()),
               true);
}

/// A4: features of the new config's variants; ROLLING on a multi-variant or serverless one
/// (a cause, or E_ROLLING_UNSUPPORTED under rolling_exclusions=reject).
void exclusion_rules(const ExclusionContext& ctx, ResolvedDeployment& out, Causes& causes) {
  std::vector<std::string> variants, serverless;
  if (ctx.new_side != nullptr)
    for (const auto& v : ctx.new_side->production_variants) {
      variants.push_back(v.variant_name);
      if (v.serverless) {
        serverless.push_back(v.variant_name);
        causes.add(fmt::format("variant '{}' is serverless (ServerlessConfig)", v.variant_name), true);
      } else if (is_inf1(v.instance_type)) {
        causes.add(
            fmt::format("variant '{}' uses Inf1 instances ({})", v.variant_name, v.instance_type),
            true);
      } else if (v.uses_accelerator) {
        causes.add(
            fmt::format("variant '{}' uses Elastic Inference (AcceleratorType)", v.variant_name),
            true);
      }
    }
  if (out.policy.strategy != Strategy::rolling) return;
  std::vector<std::string> rolling;
  if (variants.size() > 1)
    rolling.push_back(fmt::format("ROLLING on a multi-variant endpoint ({})", joined(variants)));
  if (!serverless.empty())
    rolling.push_back(fmt::format("ROLLING with a serverless variant ({})", joined(serverless)));
  for (auto& why : rolling) {
    if (ctx.assumptions.rolling_exclusions == RollingExclusions::fallback) {
      causes.add(std::move(why), false);
      continue;
    }
    out.errors.push_back(diag(
        Severity::error, error_code::rolling_unsupported, "DeploymentConfig.RollingUpdatePolicy",
        "rolling deployments exclude multi-variant and serverless endpoints", "",
        fmt::format("{}: SageMaker excludes it from rolling deployments (assumption "
                    "rolling_exclusions=reject; the default, fallback, simulates its all-at-once "
                    "fallback)",
                    why)));
  }
}

/// The fallback itself: ALL_AT_ONCE, W = 0, T = 0, no guardrails; W_FALLBACK_ALL_AT_ONCE.
void fall_back(const Causes& causes, const Assumptions& a, ResolvedDeployment& out) {
  DeploymentPolicy& p = out.policy;
  const bool changed = p.strategy != Strategy::all_at_once || p.wait != 0 || p.termination_wait != 0;
  const std::string requested = to_string(p.strategy);
  p.strategy = Strategy::all_at_once;
  p.step.reset();
  p.rollback_batch.reset();
  p.wait = 0;
  p.termination_wait = 0;
  p.fallback = true;
  out.falls_back_to_all_at_once = causes.any_policy;
  std::string why;
  for (const auto& c : causes.why) why += (why.empty() ? "" : "; ") + c;
  std::string timeout;
  if (p.timeout)
    timeout = a.fallback_timeout == FallbackTimeout::kept
                  ? fmt::format("; MaximumExecutionTimeoutInSeconds {} s stays in force "
                                "(assumption fallback_timeout=kept)",
                                format_seconds(*p.timeout))
                  : std::string("; MaximumExecutionTimeoutInSeconds is not applied (assumption "
                                "fallback_timeout=ignored)");
  out.warnings.push_back(diag(
      Severity::warning, warning_code::fallback_all_at_once, "DeploymentConfig",
      "excluded features fall back to blue/green ALL_AT_ONCE with no baking period", why,
      fmt::format("{}: SageMaker falls back to blue/green ALL_AT_ONCE with no baking period "
                  "(W = 0, T = 0){}. Guardrails do not apply: alarms do not roll it back{}",
                  why,
                  changed ? fmt::format(" instead of the requested {} policy", requested) : "",
                  timeout)));
}

}  // namespace

void apply_exclusions(const ExclusionContext& ctx, ResolvedDeployment& out) {
  Causes causes;
  variant_set_rule(ctx, out, causes);
  exclusion_rules(ctx, out, causes);
  if (!causes.why.empty()) fall_back(causes, ctx.assumptions, out);
}

}  // namespace shiftsim::detail
