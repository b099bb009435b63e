// The plan's explanation lines and warnings, limits named by their flags (plan_report.hpp).
#include "diagnostics_output.hpp"
#include "report/plan_report.hpp"

#include "report/format.hpp"
#include "sweep_options.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <cmath>

namespace shiftsim::cli {

namespace {

/// The objective's value of a row: "$12.34", "752 s", "180 traffic-s".
std::string objective_text(double v, Objective o) {
  switch (o) {
    case Objective::cost: return usd(v);
    case Objective::duration: return fixed(v, 0) + " s";
    case Objective::exposure:
      return std::isinf(v) ? std::string("unbounded exposure (escapes every bake)")
                           : fixed(v, 0) + " traffic-s";
  }
  return "";
}

/// A value of the metric a limit bounds, with its unit: "752 s", "108 instances", "$9.94".
std::string limit_text(Limit l, double v) {
  if (std::isinf(v)) return "unbounded (the bad version escapes)";
  switch (l) {
    case Limit::duration:
    case Limit::timeout:
    case Limit::bake: return fixed(v, 0) + " s";
    case Limit::peak: return fixed(v, 0) + " instances";
    case Limit::cost: return usd(v);
    case Limit::exposure: return fixed(v, 0) + " traffic-s";
  }
  return "";
}

std::string binding_line(const std::vector<SweepRow>& rows, const BindingLimit& b,
                         const SweepLimits& limits, Objective objective) {
  const auto lim = limit_value(limits, b.limit);
  const SweepRow& relaxed = rows[b.relaxed];
  return fmt::format(
      "{}{} binds: without it {} would give {} ({}).", limit_flag(b.limit),
      lim ? " " + limit_text(b.limit, *lim) : std::string(), describe_config(relaxed.config),
      objective_text(objective_value(relaxed, objective), objective),
      b.limit == Limit::bake
          ? fmt::format("its shortest bake is {} s", fixed(to_seconds(relaxed.min_bake), 0))
          : limit_text(b.limit, limit_metric(relaxed, b.limit)));
}

std::string limit_report_line(const LimitReport& rep) {
  if (rep.limit == Limit::timeout)
    return "No config finishes within MaximumExecutionTimeoutInSeconds of the request: raise it.";
  const char* flag = limit_flag(rep.limit);
  const char* gap = rep.limit == Limit::bake ? "short" : "over";
  const std::string limit = limit_text(rep.limit, rep.limit_value);
  if (rep.impossible)
    return fmt::format("{} {} is impossible: the best any config achieves is {} ({} {}).", flag,
                       limit, limit_text(rep.limit, rep.best_alone),
                       limit_text(rep.limit, std::abs(rep.best_alone - rep.limit_value)), gap);
  if (rep.best_with_others)
    return fmt::format("{} {}: with the other limits met, the best is {} ({} {}).", flag, limit,
                       limit_text(rep.limit, *rep.best_with_others),
                       limit_text(rep.limit, std::abs(*rep.best_with_others - rep.limit_value)),
                       gap);
  return fmt::format("{} {}: achievable alone (best {}), but no config meets the other limits.",
                     flag, limit, limit_text(rep.limit, rep.best_alone));
}

std::vector<std::string> pick_lines(const SweepResult& sweep, const PlanChoice& choice,
                                    const SweepLimits& limits, Objective objective) {
  const auto& rows = sweep.rows;
  const SweepRow& p = rows[*choice.pick];
  std::vector<std::string> out;
  out.push_back(fmt::format(
      "Evaluated {} configs; {} meet every limit. Minimising {}, the best is {}: {}.",
      rows.size(), sweep.feasible, to_string(objective), describe_config(p.config),
      objective_text(objective_value(p, objective), objective)));
  if (choice.runner_up) {
    const SweepRow& s = rows[*choice.runner_up];
    out.push_back(fmt::format(
        "It beats the other {} feasible configs; the runner-up, {}, gives {}.",
        sweep.feasible - 1, describe_config(s.config),
        objective_text(objective_value(s, objective), objective)));
  } else {
    out.push_back("It is the only config that meets every limit.");
  }
  for (const auto& b : choice.binding) out.push_back(binding_line(rows, b, limits, objective));
  if (choice.binding.empty())
    out.push_back("No limit binds: this is the best config of the whole grid for the objective.");
  return out;
}

/// Where MaximumExecutionTimeoutInSeconds came from, when the plan chose it.
std::string timeout_line(const PlanReport& plan) {
  const MonteCarloSummary& ms = plan.montecarlo;
  const double planned = to_seconds(plan.sweep.rows[*plan.choice.pick].duration);
  if (plan.fixed_timings)
    return fmt::format(
        "No timeout was given: MaximumExecutionTimeoutInSeconds {} covers the planned {} s + 10% "
        "(timings are fixed, so every run takes that long).",
        plan.timeout_s, fixed(planned, 0));
  return fmt::format(
      "No timeout was given: MaximumExecutionTimeoutInSeconds {} covers the P99 completion time "
      "{} s + 10% of {} Monte Carlo trials (seed {}) of the picked config; planned (median "
      "timings) {} s.",
      plan.timeout_s, fixed(ms.completion_s.p99, 0), ms.trials, ms.seed, fixed(planned, 0));
}

std::string montecarlo_line(const MonteCarloSummary& ms) {
  return fmt::format(
      "Under the timing model ({} trials, seed {}): completion P50 {} s, P95 {} s, P99 {} s; "
      "P(rollback) {}%, P(timeout) {}%.",
      ms.trials, ms.seed, fixed(ms.completion_s.p50, 0), fixed(ms.completion_s.p95, 0),
      fixed(ms.completion_s.p99, 0), fixed(100.0 * ms.p_rollback, 2),
      fixed(100.0 * ms.p_timeout, 2));
}

}  // namespace

std::vector<std::string> choice_explanation(const SweepResult& sweep, const PlanChoice& choice,
                                            const SweepLimits& limits, Objective objective) {
  if (choice.pick) return pick_lines(sweep, choice, limits, objective);
  std::vector<std::string> out;
  for (const auto& rep : choice.limits) out.push_back(limit_report_line(rep));
  if (out.empty()) out.push_back("No config was evaluated (the grid is empty).");
  return out;
}

Diagnostics plan_warnings(const PlanReport& plan, const SweepLimits& limits) {
  Diagnostics out = plan.montecarlo_warnings;
  const double planned = to_seconds(plan.sweep.rows[*plan.choice.pick].duration);
  const Quantiles& completion = plan.montecarlo.completion_s;
  if (plan.median_timings_optimistic)
    out.push_back(Diagnostic{
        Severity::warning, warning_code::plan_median_timings_optimistic, "timing", "",
        fixed(completion.p50, 0),
        fmt::format("Configs were ranked by their median trial (every operation at its median: "
                    "{} s for the pick), but the Monte Carlo median completion is {} s: the "
                    "spread of its operations adds up. Check close candidates with `shiftsim "
                    "montecarlo`.",
                    fixed(planned, 0), fixed(completion.p50, 0))});
  if (plan.p95_over_limit && limits.max_duration) {
    const std::string limit = seconds_text(*limits.max_duration);
    const char* flag = limit_flag(Limit::duration);
    out.push_back(Diagnostic{
        Severity::warning, warning_code::plan_p95_over_limit, flag,
        fmt::format("<= {} s", limit), fixed(completion.p95, 0),
        fmt::format("The pick meets {} {} s in its median trial ({} s), but its P95 completion "
                    "under the timing model is {} s: more than 1 update in 20 will run past the "
                    "limit.",
                    flag, limit, fixed(planned, 0), fixed(completion.p95, 0))});
  }
  return out;
}

std::vector<std::string> plan_explanation(const PlanReport& plan, const SweepLimits& limits,
                                          Objective objective,
                                          const std::vector<std::string>& notes,
                                          const Diagnostics& warnings) {
  std::vector<std::string> out = choice_explanation(plan.sweep, plan.choice, limits, objective);
  for (const auto& n : notes) out.push_back(n);
  if (plan.timeout_source == TimeoutSource::montecarlo) out.push_back(timeout_line(plan));
  const MonteCarloSummary& ms = plan.montecarlo;
  if (!plan.fixed_timings || ms.p_rollback > 0.0 || ms.p_timeout > 0.0)
    out.push_back(montecarlo_line(ms));
  for (const auto& w : warnings) out.push_back(diagnostic_text(w));
  if (plan.retain_deployment_config_dropped)
    out.push_back("RetainDeploymentConfig was true in the input request; the planned request "
                  "drops it, or SageMaker would reuse the old DeploymentConfig.");
  return out;
}

}  // namespace shiftsim::cli
