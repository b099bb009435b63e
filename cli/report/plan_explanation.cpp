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

/// "P95" for the limits' duration quantile.
std::string quantile_name(const SweepLimits& limits) {
  std::string q = to_string(limits.duration_quantile);
  q[0] = 'P';
  return q;
}

/// A probability as a percentage with two decimals: "0.27%".
std::string chance(double p) { return fixed(100.0 * p, 2) + "%"; }

/// The objective's value of a row: "$12.34 extra", "P95 752 s", "180 traffic-s",
/// "P(escape) 0.00%, exposure 180 traffic-s".
std::string objective_text(const SweepRow& r, Objective o, const SweepLimits& limits) {
  const double v = objective_value(r, o);
  switch (o) {
    case Objective::cost:  // +infinity: unknown (A12; a cost objective with one is refused)
      return std::isinf(v) ? std::string("an unknown cost") : usd(v) + " extra";
    case Objective::duration:
      return fmt::format("{} completion {} s", quantile_name(limits), fixed(v, 0));
    case Objective::exposure:
      return std::isinf(v) ? std::string("unbounded exposure (escapes every bake)")
                           : fixed(v, 0) + " traffic-s";
    case Objective::risk: {
      const double e = objective_tiebreak(r, o);
      return fmt::format("P(escape) {}, exposure {}", chance(v),
                         std::isinf(e) ? std::string("unbounded") : fixed(e, 0) + " traffic-s");
    }
  }
  return "";
}

/// A value of the metric a limit bounds, with its unit: "752 s", "108 instances", "$9.94".
std::string limit_text(Limit l, double v) {
  if (std::isinf(v))
    return l == Limit::cost ? "an unknown cost" : "unbounded (the bad version escapes)";
  switch (l) {
    case Limit::duration:
    case Limit::timeout:
    case Limit::bake: return fixed(v, 0) + " s";
    case Limit::peak: return fixed(v, 0) + " instances";
    case Limit::cost: return usd(v);
    case Limit::exposure: return fixed(v, 0) + " traffic-s";
    case Limit::p_timeout:
    case Limit::escape: return chance(v);
  }
  return "";
}

/// What a limit bounds, for sentences: "--max-duration 3600 s", "--max-p-timeout 1.00%", and the
/// rules by what they ask.
std::string limit_label(Limit l, const SweepLimits& limits) {
  if (l == Limit::escape) return "The escape rule (--allow-escape lifts it)";
  if (l == Limit::timeout)
    return "The timeout rule (the timeout in force, else 28800 s, must cover the P99)";
  const auto lim = limit_value(limits, l);
  return fmt::format("{}{}", limit_flag(l), lim ? " " + limit_text(l, *lim) : std::string());
}

std::string binding_line(const std::vector<SweepRow>& rows, const BindingLimit& b,
                         const SweepLimits& limits, Objective objective) {
  const SweepRow& relaxed = rows[b.relaxed];
  std::string why;
  switch (b.limit) {
    case Limit::bake:
      why = fmt::format("its shortest bake is {} s", fixed(to_seconds(relaxed.min_bake), 0));
      break;
    case Limit::duration:
      why = fmt::format("{} completion {} s", quantile_name(limits),
                        fixed(relaxed.ranked_duration_s, 0));
      break;
    case Limit::timeout:
      why = fmt::format("its P99 completion is {} s", fixed(limit_metric(relaxed, b.limit), 0));
      break;
    case Limit::p_timeout:
      why = fmt::format("P(timeout) {}", chance(relaxed.risk.p_timeout));
      break;
    case Limit::escape:
      why = fmt::format("a bad version escapes its bakes with P(escape) {}{}",
                        chance(limit_metric(relaxed, b.limit)),
                        relaxed.escaped ? ", and in its median trial" : "");
      break;
    default: why = limit_text(b.limit, limit_metric(relaxed, b.limit));
  }
  return fmt::format("{} binds: without it {} would give {} ({}).", limit_label(b.limit, limits),
                     describe_config(relaxed.config), objective_text(relaxed, objective, limits),
                     why);
}

std::string limit_report_line(const LimitReport& rep) {
  if (rep.limit == Limit::timeout)
    return fmt::format("No config's P99 completion fits within the timeout (the request's "
                       "MaximumExecutionTimeoutInSeconds, else the API's maximum 28800 s): the "
                       "shortest P99 is {} s. Raise the timeout or shorten the update.",
                       fixed(rep.best_alone, 0));
  if (rep.limit == Limit::escape)
    return fmt::format("Every config lets a bad version escape (it is detected only after the "
                       "last bake; the lowest P(escape) is {}): lengthen the bakes (--wait, "
                       "--termination-wait) or pass --allow-escape.",
                       chance(rep.best_alone));
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
      objective_text(p, objective, limits)));
  if (choice.runner_up) {
    const SweepRow& s = rows[*choice.runner_up];
    out.push_back(fmt::format(
        "It beats the other {} feasible configs; the runner-up, {}, gives {}.", sweep.feasible - 1,
        describe_config(s.config), objective_text(s, objective, limits)));
  } else {
    out.push_back("It is the only config that meets every limit.");
  }
  for (const auto& b : choice.binding) out.push_back(binding_line(rows, b, limits, objective));
  if (choice.binding.empty())
    out.push_back("No limit binds: this is the best config of the whole grid for the objective.");
  return out;
}

/// The pick's exact figures under the timing model (its sweep row).
std::string risk_line(const SweepRow& pick, const PlanReport& plan) {
  return fmt::format(
      "Exact under the timing model: completion P50 {} s, P95 {} s, P99 {} s; at the {} s "
      "timeout P(timeout) {}, P(rollback) {} (false alarms); a bad version caught {} s after "
      "first traffic escapes with P(escape) {}.",
      fixed(pick.risk.p50_s, 0), fixed(pick.risk.p95_s, 0), fixed(pick.risk.p99_s, 0),
      plan.timeout_s, chance(pick.risk.p_timeout), chance(pick.risk.p_rollback),
      fixed(to_seconds(plan.detection_delay), 0), chance(pick.risk.p_escape));
}

/// Where MaximumExecutionTimeoutInSeconds came from, when the plan chose it: only what was
/// computed or measured.
std::string timeout_line(const PlanReport& plan) {
  const MonteCarloSummary& ms = plan.montecarlo;
  const SweepRow& pick = plan.sweep.rows[*plan.choice.pick];
  const double p99 = pick.risk_known ? pick.risk.p99_s : to_seconds(pick.duration);
  const std::string measured = fmt::format(
      "measured with it, {} of {} Monte Carlo trials (seed {}) timed out", chance(ms.p_timeout),
      ms.trials, ms.seed);
  if (p99 * (1.0 + kTimeoutMargin) > static_cast<double>(kTimeoutMaxS))
    return fmt::format(
        "No timeout was given: MaximumExecutionTimeoutInSeconds is {}, the API's maximum, which "
        "is less than the P99 completion {} s + 10%; {}.",
        plan.timeout_s, fixed(p99, 0), measured);
  const bool raised = p99 * (1.0 + kTimeoutMargin) < static_cast<double>(kTimeoutMinS);
  return fmt::format(
      "No timeout was given: MaximumExecutionTimeoutInSeconds {} is the P99 completion {} s{} "
      "+ 10%, rounded up to a minute{}; {}.",
      plan.timeout_s, fixed(p99, 0), plan.fixed_timings ? " (timings are fixed)" : "",
      raised ? " and raised to the 600 s minimum" : "", measured);
}

std::string montecarlo_line(const MonteCarloSummary& ms, std::int32_t timeout_s) {
  return fmt::format(
      "Monte Carlo of the pick ({} trials, seed {}, timeout {} s): completion P50 {} s, P95 {} s, "
      "P99 {} s; P(rollback) {}, P(timeout) {}.",
      ms.trials, ms.seed, timeout_s, fixed(ms.completion_s.p50, 0), fixed(ms.completion_s.p95, 0),
      fixed(ms.completion_s.p99, 0), chance(ms.p_rollback), chance(ms.p_timeout));
}

std::vector<std::string> rejection_lines(const PlanReport& plan, const SweepLimits& limits) {
  std::vector<std::string> out;
  for (const auto& r : plan.rejected)
    out.push_back(fmt::format(
        "{} met every limit exactly, but with its timeout {} of {} Monte Carlo trials timed out "
        "(over {} {}): set aside.",
        describe_config(plan.sweep.rows[r.row].config), chance(r.measured_p_timeout), r.trials,
        limit_flag(Limit::p_timeout), chance(limits.max_p_timeout)));
  return out;
}

Diagnostic plan_warning(const char* code, std::string path, std::string rule, std::string value,
                        std::string message) {
  return Diagnostic{Severity::warning, code, std::move(path), std::move(rule), std::move(value),
                    std::move(message)};
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
  for (const auto& w : plan.pick_warnings) out.push_back(w);
  const double planned = to_seconds(plan.sweep.rows[*plan.choice.pick].duration);
  const Quantiles& completion = plan.montecarlo.completion_s;
  if (!plan.p_timeout_confirmed)
    out.push_back(plan_warning(
        warning_code::timeout_risk, "MaximumExecutionTimeoutInSeconds",
        fmt::format("P(timeout) <= {}", chance(limits.max_p_timeout)),
        chance(plan.montecarlo.p_timeout),
        fmt::format("With MaximumExecutionTimeoutInSeconds {} s, {} of the pick's {} Monte Carlo "
                    "trials timed out, over {} {} ({} picks in a row missed it).",
                    plan.timeout_s, chance(plan.montecarlo.p_timeout), plan.montecarlo.trials,
                    limit_flag(Limit::p_timeout), chance(limits.max_p_timeout),
                    kMaxPlanConfirmations)));
  if (plan.median_timings_optimistic)
    out.push_back(plan_warning(
        warning_code::plan_median_timings_optimistic, "timing", "", fixed(completion.p50, 0),
        fmt::format("Costs and exposure are those of the pick's median trial (every operation at "
                    "its median: {} s), but its Monte Carlo median completion is {} s: the spread "
                    "of its operations adds up. Check close candidates with `shiftsim "
                    "montecarlo`.",
                    fixed(planned, 0), fixed(completion.p50, 0))));
  if (plan.p95_over_limit && limits.max_duration) {
    const std::string limit = seconds_text(*limits.max_duration);
    const char* flag = limit_flag(Limit::duration);
    out.push_back(plan_warning(
        warning_code::plan_p95_over_limit, flag, fmt::format("<= {} s", limit),
        fixed(completion.p95, 0),
        fmt::format("The pick meets {} {} s at its {} ({} s), but its Monte Carlo P95 completion "
                    "is {} s: more than 1 update in 20 will run past the limit.",
                    flag, limit, quantile_name(limits),
                    fixed(plan.sweep.rows[*plan.choice.pick].ranked_duration_s, 0),
                    fixed(completion.p95, 0))));
  }
  return out;
}

std::vector<std::string> plan_explanation(const PlanReport& plan, const SweepLimits& limits,
                                          Objective objective,
                                          const std::vector<std::string>& notes,
                                          const Diagnostics& warnings) {
  std::vector<std::string> out = choice_explanation(plan.sweep, plan.choice, limits, objective);
  for (const auto& l : rejection_lines(plan, limits)) out.push_back(l);
  for (const auto& n : notes) out.push_back(n);
  if (plan.timeout_source == TimeoutSource::recommended) out.push_back(timeout_line(plan));
  const SweepRow& pick = plan.sweep.rows[*plan.choice.pick];
  if (pick.risk_known) out.push_back(risk_line(pick, plan));
  out.push_back(montecarlo_line(plan.montecarlo, plan.timeout_s));
  for (const auto& w : warnings) out.push_back(diagnostic_text(w));
  if (plan.retain_deployment_config_dropped)
    out.push_back("RetainDeploymentConfig was true in the input request; the planned request "
                  "drops it, or SageMaker would reuse the old DeploymentConfig.");
  return out;
}

}  // namespace shiftsim::cli
