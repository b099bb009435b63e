// Instance-seconds, cost and exposure of a run (accounting.hpp).
#include "accounting.hpp"

#include <limits>

namespace shiftsim::detail {

namespace {

/// USD per instance-millisecond of `type`; NaN when it has no price (accounting.hpp).
double rate_per_ms(const PriceTable& prices, const std::string& type) {
  constexpr double per_ms = 1.0 / 3600.0 / 1000.0;
  const auto it = prices.find(type);
  return it != prices.end() ? it->second * per_ms : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

void Accounting::start(const SimulationInput& in, const Schedule& success) {
  double sum_old = 0.0;
  double sum_new = 0.0;
  int with_old = 0;
  int with_new = 0;
  for (const auto& v : in.variants) {
    if (v.n_old > 0 || v.old_serverless) {
      sum_old += v.old_weight;
      ++with_old;
    }
    if (v.n_new > 0 || v.new_serverless) {
      sum_new += v.new_weight;
      ++with_new;
    }
  }
  rates_.resize(in.variants.size());
  n_old_total_ = 0;
  steady_cost_rate_ = 0.0;
  for (std::size_t i = 0; i < in.variants.size(); ++i) {
    const auto& v = in.variants[i];
    auto& r = rates_[i];
    r = VariantRates{};
    r.price_old = rate_per_ms(in.prices, v.old_instance_type);
    r.price_new = rate_per_ms(in.prices, v.new_instance_type);
    if (v.n_old > 0 || v.old_serverless)
      r.w_old = sum_old > 0.0 ? v.old_weight / sum_old : 1.0 / static_cast<double>(with_old);
    if (v.n_new > 0 || v.new_serverless)
      r.w_new = sum_new > 0.0 ? v.new_weight / sum_new : 1.0 / static_cast<double>(with_new);
    n_old_total_ += v.n_old;
    steady_cost_rate_ += fleet_cost_rate(v.n_old, r.price_old);
  }
  aws_note_ = in.assumptions.billing == Billing::aws_note &&
              in.policy.strategy == Strategy::all_at_once;
  if (aws_note_)  // only an all-at-once update under the AWS note looks at its bakes
    for (const auto& op : success.ops)
      if (op.kind == OpKind::bake && op.length != 0) aws_note_ = false;
  cur_ = Totals{};
  inst_ms_ = 0;
  billed_ms_ = 0;
  cost_ = 0.0;
  exposure_ms_ = 0.0;
  last_t_ = 0;
}

void Accounting::integrate(SimTime now) noexcept {
  const SimTime dt = now - last_t_;
  if (dt <= 0) return;
  inst_ms_ += static_cast<std::int64_t>(cur_.running) * dt;
  billed_ms_ += static_cast<std::int64_t>(cur_.billed) * dt;
  cost_ += cur_.cost_rate * static_cast<double>(dt);
  exposure_ms_ += cur_.traffic * static_cast<double>(dt);
  last_t_ = now;
}

}  // namespace shiftsim::detail
