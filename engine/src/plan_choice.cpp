// The planner's choice among a sweep's rows (plan_choice.hpp).
#include "shiftsim/plan_choice.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace shiftsim {

double objective_value(const SweepRow& row, Objective o) noexcept {
  switch (o) {
    case Objective::cost: return row.cost_usd;
    case Objective::duration: return to_seconds(row.duration);
    case Objective::exposure: return ranked_exposure(row);
  }
  return 0;
}

const char* to_string(Objective o) noexcept {
  switch (o) {
    case Objective::cost: return "cost";
    case Objective::duration: return "duration";
    case Objective::exposure: return "exposure";
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
    case Limit::timeout: return std::nullopt;
  }
  return std::nullopt;
}

double limit_metric(const SweepRow& r, Limit l) noexcept {
  switch (l) {
    case Limit::duration:
    case Limit::timeout: return to_seconds(r.duration);
    case Limit::peak: return r.peak;
    case Limit::cost: return r.cost_usd;
    case Limit::bake: return to_seconds(r.min_bake);
    case Limit::exposure: return ranked_exposure(r);
  }
  return 0;
}

namespace {

bool better(const SweepRow& a, std::size_t ia, const SweepRow& b, std::size_t ib, Objective o) {
  const auto ka = std::tuple(objective_value(a, o), a.duration, a.cost_usd, ranked_exposure(a), ia);
  const auto kb = std::tuple(objective_value(b, o), b.duration, b.cost_usd, ranked_exposure(b), ib);
  return ka < kb;
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
    if (relaxed && objective_value(rows[*relaxed], objective) < objective_value(p, objective))
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
    if (l == Limit::timeout) {
      const bool any_ok = std::any_of(rows.begin(), rows.end(), [](const SweepRow& r) {
        return (r.violations & kViolTimeout) == 0;
      });
      if (!any_ok) {
        LimitReport rep;
        rep.limit = l;
        rep.impossible = true;
        out.limits.push_back(rep);
      }
      continue;
    }
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
