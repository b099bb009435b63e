// One config's risk figures (config_risk.hpp; the formulas are in risk.hpp).
#include "config_risk.hpp"

#include "shiftsim/montecarlo.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace shiftsim::detail {

namespace {

/// Where a config's bakes and its bad-version window fall: each point is a fixed part (ms) plus
/// the sum of the first t random operations.
struct Walk {
  struct BakeAt {
    double fixed_ms = 0;
    int t = 0;
    double length_ms = 0;
  };
  std::vector<BakeAt> bakes;  ///< bakes of positive length (false alarms can fire in them)
  bool traffic = false;       ///< some shift puts traffic on new instances
  double first_traffic_ms = 0;
  int first_traffic_t = 0;
  bool has_bake = false;
  double last_bake_end_ms = 0;
  int last_bake_end_t = 0;
  double completion_fixed_ms = 0;
};

Walk walk(const RiskShape& shape, const Schedule& s) {
  Walk w;
  double fixed = 0.0;
  int t = 0;
  for (std::size_t i = 0; i < s.ops.size(); ++i) {
    const Operation& op = s.ops[i];
    if (op.kind == OpKind::shift && !w.traffic) {
      for (const OpPart& p : s.parts_of(op))
        if (p.instances > 0) w.traffic = true;
      if (w.traffic) {
        w.first_traffic_ms = fixed;
        w.first_traffic_t = t;
      }
    }
    if (op.timed()) {
      if (shape.random(op.slot)) ++t;
      else fixed += static_cast<double>(shape.fixed(op.slot));
      continue;
    }
    const auto length = static_cast<double>(op.length);
    if (op.kind == OpKind::bake && op.length > 0) w.bakes.push_back({fixed, t, length});
    fixed += length;
    if (static_cast<int>(i) == s.last_bake) {
      w.has_bake = true;
      w.last_bake_end_ms = fixed;
      w.last_bake_end_t = t;
    }
  }
  w.completion_fixed_ms = fixed;
  return w;
}

/// P(R_in <= a, R_in + R_out <= c) for the random operations inside the bad-version window
/// (R_in) and the others (R_out); c = +infinity without a timeout.
double window_and_completion(RiskShape& shape, int t0, int t1, double a, double c) {
  const CdfTable& total = shape.total();
  const double f_total = std::isinf(c) ? 1.0 : total.cdf(c);
  if (t0 == t1) return a >= 0.0 ? f_total : 0.0;
  const RiskShape::Split& s = shape.split(t0, t1);
  const double f_in = s.inside.cdf(a);
  if (f_in <= 0.0) return 0.0;
  if (f_in >= 1.0 - 1e-12 || std::isinf(c)) return std::isinf(c) ? f_in : f_total;
  // Sum over the cells of R_in below a (the last one in part) of P(R_out <= c - value).
  const Lattice& l = s.inside.lattice();
  double joint = 0.0;
  for (std::size_t m = 0; m < l.p.size(); ++m) {
    const double lower = l.offset_ms + (static_cast<double>(m) - 0.5) * l.h_ms;
    if (lower >= a) break;
    const double frac = std::min(1.0, (a - lower) / l.h_ms);
    joint += l.p[m] * frac * s.outside.cdf(c - (lower + 0.5 * frac * l.h_ms));
  }
  return joint;
}

}  // namespace

RiskFigures config_risk(RiskShape& shape, const Schedule& schedule, const SimulationInput& input,
                        const RiskContext& ctx) {
  const Walk w = walk(shape, schedule);
  const CdfTable& total = shape.total();
  RiskFigures r;
  const double c0 = w.completion_fixed_ms;
  r.p50_s = (c0 + total.quantile(0.50)) / 1000.0;
  r.p95_s = (c0 + total.quantile(0.95)) / 1000.0;
  r.p99_s = (c0 + total.quantile(0.99)) / 1000.0;
  r.timeout = timeout_in_force(input);
  if (!r.timeout && ctx.settings.recommend_timeout) {
    r.timeout = seconds(recommended_timeout_s(r.p99_s));
    r.timeout_recommended = true;
  }
  const double x = r.timeout ? static_cast<double>(*r.timeout)
                             : std::numeric_limits<double>::infinity();
  const double f_c = r.timeout ? total.cdf(x - c0) : 1.0;  // P(C <= X)
  const bool watched = alarms_roll_back(input.policy);  // not under a fallback (A4)
  const double p = watched ? ctx.p_false : 0.0;
  const double q = 1.0 - p;
  double rollback = 0.0;
  double weight = p;  // p (1-p)^(j-1)
  if (p > 0.0)
    for (const auto& b : w.bakes) {
      // P(S_j + U L_j < X) = (I(y) - I(y - L)) / L, y = X - fixed part, I the CDF's integral.
      double g = 1.0;
      if (r.timeout) {
        const CdfTable& start = shape.prefix(b.t);
        const double y = x - b.fixed_ms;
        g = (start.integral(y) - start.integral(y - b.length_ms)) / b.length_ms;
      }
      rollback += weight * std::clamp(g, 0.0, 1.0);
      weight *= q;
    }
  const double no_false = std::pow(q, static_cast<double>(w.bakes.size()));
  r.p_rollback = std::clamp(rollback, 0.0, 1.0);
  r.p_timeout = r.timeout ? std::clamp(1.0 - f_c * no_false - r.p_rollback, 0.0, 1.0) : 0.0;
  if (!watched || !w.has_bake) {
    r.p_escape = f_c;  // nothing rolls a bad version back
  } else if (!w.traffic) {
    r.p_escape = f_c * no_false;  // the bad version never takes traffic: no real alarm
  } else {
    const double a = static_cast<double>(ctx.settings.detection_delay) -
                     (w.last_bake_end_ms - w.first_traffic_ms);
    r.p_escape = no_false * window_and_completion(shape, w.first_traffic_t, w.last_bake_end_t, a,
                                                  x - c0);
  }
  r.p_escape = std::clamp(r.p_escape, 0.0, 1.0);
  return r;
}

}  // namespace shiftsim::detail
