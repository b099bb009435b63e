// One timed operation's duration distribution (operation_dist.hpp).
#include "operation_dist.hpp"

#include "shiftsim/draws.hpp"

#include <algorithm>
#include <cmath>

namespace shiftsim::detail {

namespace {

bool is_fixed(const DurationDist& d) noexcept {
  return d.kind == DurationDist::Kind::fixed || d.p95_s == d.p50_s;
}

int instances(const DurationDist& d, int k) noexcept { return d.per_instance ? std::max(k, 1) : 1; }

/// P(the slowest of k draws <= x): Phi(z)^k for lognormal, a step for a fixed time (the value the
/// Monte Carlo's sampler gives it).
double part_cdf(const OperationDist::Part& p, double x_ms) noexcept {
  if (is_fixed(p.dist))
    return x_ms >= static_cast<double>(batch_quantile(p.dist, p.k, 0.5)) ? 1.0 : 0.0;
  if (x_ms <= 0.0) return 0.0;
  const double mu = std::log(p.dist.p50_s);
  const double sigma = std::log(p.dist.p95_s / p.dist.p50_s) / kZ95;
  const double z = (std::log(x_ms / 1000.0) - mu) / sigma;
  // log Phi(z), accurate in both tails.
  const double log_phi = z > 0.0 ? std::log1p(-0.5 * std::erfc(z / std::sqrt(2.0)))
                                 : std::log(0.5 * std::erfc(-z / std::sqrt(2.0)));
  return std::exp(static_cast<double>(instances(p.dist, p.k)) * log_phi);
}

}  // namespace

double OperationDist::span_ms() const noexcept {
  return hi_ms - lo_ms +
         (retries ? static_cast<double>(max_retries) * static_cast<double>(retry_delay) : 0.0);
}

double OperationDist::cdf(double x_ms) const noexcept {
  double f = 1.0;
  for (const auto& p : parts) f *= part_cdf(p, x_ms);
  return f;
}

bool OperationDist::same(const OperationDist& o) const noexcept {
  return parts == o.parts && random == o.random && fixed_ms == o.fixed_ms &&
         retries == o.retries && retry_probability == o.retry_probability &&
         retry_delay == o.retry_delay && max_retries == o.max_retries;
}

Lattice OperationDist::lattice(double h) const {
  Lattice l;
  l.offset_ms = lo_ms;
  l.h_ms = h;
  const auto cells = static_cast<std::size_t>(std::floor((hi_ms - lo_ms) / h)) + 2;
  std::vector<double> base(cells);
  double below = 0.0;
  for (std::size_t m = 0; m + 1 < cells; ++m) {
    const double upper = cdf(lo_ms + (static_cast<double>(m) + 0.5) * h);
    base[m] = std::max(0.0, upper - below);
    below = std::max(below, upper);
  }
  base[cells - 1] = std::max(0.0, 1.0 - below);
  if (!retries) {
    l.p = std::move(base);
    return l;
  }
  // Capacity retries: r = j with probability p^j (1 - p), r = max with p^max; each adds the delay.
  const double shift_cells = static_cast<double>(retry_delay) / h;
  const auto extra = static_cast<std::size_t>(std::ceil(max_retries * shift_cells)) + 1;
  l.p.assign(cells + extra, 0.0);
  for (int j = 0; j <= max_retries; ++j) {
    const double w = j < max_retries ? std::pow(retry_probability, j) * (1.0 - retry_probability)
                                     : std::pow(retry_probability, max_retries);
    const double s = j * shift_cells;
    const auto whole = static_cast<std::size_t>(std::floor(s));
    const double frac = s - static_cast<double>(whole);  // split between two cells: mean kept
    for (std::size_t m = 0; m < cells; ++m) {
      l.p[m + whole] += base[m] * w * (1.0 - frac);
      l.p[m + whole + 1] += base[m] * w * frac;
    }
  }
  return l;
}

OperationDist operation_dist(const SimulationInput& input, const Schedule& schedule,
                             const Operation& op, const StochasticModel& model) {
  OperationDist d;
  const bool provision = op.timer == Timer::provision;
  for (const OpPart& part : schedule.parts_of(op)) {
    const std::string_view type = instance_type(input, part);
    d.parts.push_back(
        {provision ? provision_dist_for(model, type) : terminate_dist_for(model, type),
         part.instances});
  }
  if (d.parts.empty()) {  // an operation on no instance: the fixed P or D
    d.fixed_ms = provision ? input.timing.provision : input.timing.terminate;
    return d;
  }
  d.retries = provision && model.retry_probability > 0.0 && model.max_retries > 0 &&
              model.retry_delay > 0;
  const bool drawn = std::any_of(d.parts.begin(), d.parts.end(),
                                 [](const OperationDist::Part& p) { return !is_fixed(p.dist); });
  d.random = drawn || d.retries;
  if (!d.random) {
    for (const auto& p : d.parts)
      d.fixed_ms = std::max(d.fixed_ms, batch_quantile(p.dist, p.k, 0.5));
    return d;
  }
  if (d.retries) {
    d.retry_probability = model.retry_probability;
    d.retry_delay = model.retry_delay;
    d.max_retries = model.max_retries;
  }
  // Support: below lo, P(max of parts <= x) <= P(that part <= x) <= kTailMass; above hi, every
  // part is done but for kTailMass / parts each.
  const double upper = 1.0 - kTailMass / static_cast<double>(d.parts.size());
  for (std::size_t i = 0; i < d.parts.size(); ++i) {
    const auto& p = d.parts[i];
    const auto lo = static_cast<double>(batch_quantile(p.dist, p.k, kTailMass));
    const auto hi = static_cast<double>(batch_quantile(p.dist, p.k, upper));
    d.lo_ms = i == 0 ? lo : std::max(d.lo_ms, lo);
    d.hi_ms = i == 0 ? hi : std::max(d.hi_ms, hi);
  }
  d.hi_ms = std::max(d.hi_ms, d.lo_ms);
  return d;
}

}  // namespace shiftsim::detail
