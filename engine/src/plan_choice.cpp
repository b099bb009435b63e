// The planner's choice among a sweep's rows (plan_choice.hpp).
#include "shiftsim/plan_choice.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace shiftsim {

namespace {

double p_escape(const SweepRow& r) noexcept {
  return r.risk_known ? r.risk.p_escape : (r.escaped ? 1.0 : 0.0);
}

}  // namespace

double objective_value(const SweepRow& row, Objective o) noexcept {
  switch (o) {
    case Objective::cost: return ranked_cost(row);
    case Objective::duration: return row.ranked_duration_s;
    case Objective::exposure: return ranked_exposure(row);
    case Objective::risk: return p_escape(row);
  }
  return 0;
}

double objective_tiebreak(const SweepRow& row, Objective o) noexcept {
  return o == Objective::risk ? ranked_exposure(row) : 0.0;
}

const char* to_string(Objective o) noexcept {
  switch (o) {
    case Objective::cost: return "cost";
    case Objective::duration: return "duration";
    case Objective::exposure: return "exposure";
    case Objective::risk: return "risk";
  }
  return "?";
}

std::uint8_t limit_bit(Limit l) noexcept {
  switch (l) {
    case Limit::duration: return kViolDuration;
    case Limit::peak: return kViolPeak;
    case Limit::cost: return kViolCost;
    case Limit::bake: return kViolBake;
    case Limit::exposure: return kViolExposure;
    case Limit::timeout: return kViolTimeout;
    case Limit::p_timeout: return kViolPTimeout;
    case Limit::escape: return kViolEscape;
  }
  return 0;
}

std::optional<double> limit_value(const SweepLimits& l, Limit limit) {
  switch (limit) {
    case Limit::duration:
      return l.max_duration ? std::optional<double>(to_seconds(*l.max_duration)) : std::nullopt;
    case Limit::peak: return l.max_peak ? std::optional<double>(*l.max_peak) : std::nullopt;
    case Limit::cost: return l.max_cost_usd;
    case Limit::bake:
      return l.min_bake ? std::optional<double>(to_seconds(*l.min_bake)) : std::nullopt;
    case Limit::exposure: return l.max_exposure;
    case Limit::p_timeout: return l.max_p_timeout;
    case Limit::timeout:
    case Limit::escape: return std::nullopt;
  }
  return std::nullopt;
}

double limit_metric(const SweepRow& r, Limit l) noexcept {
  switch (l) {
    case Limit::duration: return r.ranked_duration_s;
    case Limit::timeout: return r.risk_known ? r.risk.p99_s : to_seconds(r.duration);
    case Limit::peak: return r.peak;
    case Limit::cost: return ranked_cost(r);
    case Limit::bake: return to_seconds(r.min_bake);
    case Limit::exposure: return ranked_exposure(r);
    case Limit::p_timeout: return r.risk.p_timeout;
    case Limit::escape: return p_escape(r);
  }
  return 0;
}

namespace {

auto rank_key(const SweepRow& r, std::size_t i, Objective o) {
  return std::tuple(objective_value(r, o), objective_tiebreak(r, o), r.ranked_duration_s,
                    ranked_cost(r), ranked_exposure(r), i);
}

bool better(const SweepRow& a, std::size_t ia, const SweepRow& b, std::size_t ib, Objective o) {
  return rank_key(a, ia, o) < rank_key(b, ib, o);
}

/// Strictly better in the objective (and its tiebreak) alone.
bool strictly_better(const SweepRow& a, const SweepRow& b, Objective o) {
  return std::pair(objective_value(a, o), objective_tiebreak(a, o)) <
         std::pair(objective_value(b, o), objective_tiebreak(b, o));
}

/// The metric oriented so that smaller is better (a bake is better longer).
double smaller_is_better(const SweepRow& r, Limit l) noexcept {
  return l == Limit::bake ? -limit_metric(r, l) : limit_metric(r, l);
}

/// The best and the second best feasible rows.
void rank_feasible(const std::vector<SweepRow>& rows, Objective objective, PlanChoice& out) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (!rows[i].feasible()) continue;
    if (!out.pick || better(rows[i], i, rows[*out.pick], *out.pick, objective)) {
      out.runner_up = out.pick;
      out.pick = i;
    } else if (!out.runner_up || better(rows[i], i, rows[*out.runner_up], *out.runner_up, objective)) {
      out.runner_up = i;
    }
  }
}

/// Which limits bind the pick: the best config with that one limit lifted is strictly better.
void find_binding(const std::vector<SweepRow>& rows, Objective objective, PlanChoice& out) {
  const SweepRow& p = rows[*out.pick];
  for (const Limit l : kAllLimits) {
    const std::uint8_t bit = limit_bit(l);
    std::optional<std::size_t> relaxed;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const auto others = static_cast<std::uint8_t>(rows[i].violations & ~bit);
      if (others != 0 || rows[i].violations == 0) continue;
      if (!relaxed || better(rows[i], i, rows[*relaxed], *relaxed, objective)) relaxed = i;
    }
    if (relaxed && strictly_better(rows[*relaxed], p, objective))
      out.binding.push_back(BindingLimit{l, *relaxed});
  }
}

/// Nothing feasible: per limit set, the best achievable value alone and with the others met.
LimitReport report_limit(const std::vector<SweepRow>& rows, Limit l, double limit) {
  LimitReport rep;
  rep.limit = l;
  rep.limit_value = limit;
  const std::uint8_t bit = limit_bit(l);
  double best_alone = std::numeric_limits<double>::infinity();
  std::optional<double> best_others;
  for (const auto& r : rows) {
    const double m = smaller_is_better(r, l);
    best_alone = std::min(best_alone, m);
    if ((r.violations & ~bit) == 0) best_others = best_others ? std::min(*best_others, m) : m;
  }
  if (l == Limit::bake) {
    best_alone = -best_alone;
    if (best_others) best_others = -*best_others;
  }
  rep.best_alone = best_alone;
  rep.best_with_others = best_others;
  rep.impossible = l == Limit::bake ? best_alone < limit : best_alone > limit;
  return rep;
}

void report_infeasible(const std::vector<SweepRow>& rows, const SweepLimits& limits,
                       PlanChoice& out) {
  for (const Limit l : kAllLimits) {
    const std::uint8_t bit = limit_bit(l);
    const bool any_ok = std::any_of(rows.begin(), rows.end(),
                                    [bit](const SweepRow& r) { return (r.violations & bit) == 0; });
    const bool any_violates = std::any_of(
        rows.begin(), rows.end(), [bit](const SweepRow& r) { return (r.violations & bit) != 0; });
    if (l == Limit::timeout || l == Limit::escape) {  // rules: reported when no config meets them
      if (!any_ok) {
        LimitReport rep = report_limit(rows, l, 0.0);
        rep.impossible = true;
        out.limits.push_back(rep);
      }
      continue;
    }
    // Always set: named only when it bites beyond the timeout rule (a timeout too short for a
    // config's P99 also times it out).
    const bool bites = std::any_of(rows.begin(), rows.end(), [](const SweepRow& r) {
      return (r.violations & kViolPTimeout) != 0 && (r.violations & kViolTimeout) == 0;
    });
    if (l == Limit::p_timeout && (!any_violates || !bites)) continue;
    if (const auto lim = limit_value(limits, l)) out.limits.push_back(report_limit(rows, l, *lim));
  }
}

}  // namespace

PlanChoice choose_plan(const SweepResult& result, const SweepLimits& limits,
                       Objective objective) {
  PlanChoice out;
  rank_feasible(result.rows, objective, out);
  if (out.pick) find_binding(result.rows, objective, out);
  else report_infeasible(result.rows, limits, out);
  return out;
}

}  // namespace shiftsim
