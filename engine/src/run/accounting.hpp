#pragma once
// Private: the figures a run integrates over time (engine contract, Figures; Precise reading 1):
// instance-seconds (every running instance), billed instance-seconds and cost (billed instances,
// priced per instance type), exposure (traffic-seconds on the new version), and the instants'
// peak and fewest-serving.
//
// Billing (amendment A2): billing=aws_note and an ALL_AT_ONCE update whose bakes all have zero
// length (T = 0, requested or by the exclusion fallback) bill, per variant and at every instant,
// only the fleet that carries the variant's traffic: old until the flip, new from the flip, old
// again from a rollback's flip back (VariantFlow::on_new). Every other update, and
// billing=running, bills every running instance. Serverless sides have no instances (A5).
//
// The executor calls integrate(now) before every change of state and update() after it; between
// two changes the totals are constant, so the integrals are exact sums of (total x interval).
//
// Unknown prices (amendment A12): a fleet whose instance type has no price has the rate NaN. A
// fleet adds count x rate to the cost rate only while it bills instances, so the cost rate is
// NaN exactly while an unpriced instance is billed, and every integral that includes such an
// interval is NaN: the cost figures read it as Cost::unknown() (cost.hpp). The steady rate (the
// old fleets alone) is NaN when an unpriced old fleet has instances.
#include "fleet_state.hpp"

#include "shiftsim/deployment.hpp"
#include "shiftsim/schedule.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace shiftsim::detail {

/// Per variant: USD per instance-millisecond of each fleet (NaN: the type has no price), and each
/// fleet's share of the endpoint's traffic (weights over the variants with a fleet on that side).
struct VariantRates {
  double price_old = 0.0;
  double price_new = 0.0;
  double w_old = 0.0;
  double w_new = 0.0;
};

/// The endpoint's totals in force between two changes of state.
struct Totals {
  int running = 0;
  int billed = 0;          ///< instances billed (all running unless one fleet is billed)
  int serving = 0;
  int new_active = 0;
  double traffic = 0.0;    ///< new fraction of the endpoint's traffic
  double cost_rate = 0.0;  ///< USD per millisecond, billed instances (NaN: one is unpriced)
};

/// count x rate, or 0 when no instance is billed (an unpriced fleet costs nothing while empty).
[[nodiscard]] inline double fleet_cost_rate(int count, double rate) noexcept {
  return count > 0 ? static_cast<double>(count) * rate : 0.0;
}

class Accounting {
 public:
  /// Rates of `input`'s variants, and whether billing=aws_note bills one fleet (ALL_AT_ONCE whose
  /// bakes all have zero length: each variant bills only the fleet carrying its traffic).
  /// A serverless side carries traffic (it counts in the weights) but has no instances.
  void start(const SimulationInput& input, const Schedule& success);

  /// Makes the totals in force those of a fleet state, and returns them. Accumulates in locals
  /// and stores each field once (building a Totals on the stack and copying it stalled store
  /// forwarding: a hot spot of the median-trial sweep, issue 10).
  const Totals& update(std::span<const VariantFleetState> fleet,
                       std::span<const VariantFlow> flow) noexcept;

  /// Adds the totals in force times (now - last time integrated).
  void integrate(SimTime now) noexcept;
  [[nodiscard]] const Totals& current() const noexcept { return cur_; }

  [[nodiscard]] std::span<const VariantRates> rates() const noexcept { return rates_; }
  [[nodiscard]] std::int64_t instance_ms() const noexcept { return inst_ms_; }
  [[nodiscard]] std::int64_t billed_ms() const noexcept { return billed_ms_; }
  [[nodiscard]] double cost() const noexcept { return cost_; }  ///< NaN: includes unpriced time
  [[nodiscard]] double exposure_ms() const noexcept { return exposure_ms_; }
  [[nodiscard]] int n_old_total() const noexcept { return n_old_total_; }
  /// USD per millisecond of the old fleets alone (extra cost = cost - this x duration); NaN when
  /// an old fleet with instances is unpriced.
  [[nodiscard]] double steady_cost_rate() const noexcept { return steady_cost_rate_; }

 private:
  std::vector<VariantRates> rates_;
  bool aws_note_ = false;
  int n_old_total_ = 0;
  double steady_cost_rate_ = 0.0;
  Totals cur_;
  std::int64_t inst_ms_ = 0;
  std::int64_t billed_ms_ = 0;
  double cost_ = 0.0;
  double exposure_ms_ = 0.0;
  SimTime last_t_ = 0;
};

inline const Totals& Accounting::update(std::span<const VariantFleetState> fleet,
                                        std::span<const VariantFlow> flow) noexcept {
  int running = 0;
  int billed = 0;
  int serving = 0;
  int new_active = 0;
  double traffic = 0.0;
  double cost_rate = 0.0;
  const VariantRates* r = rates_.data();
  const std::size_t n = fleet.size();
  if (aws_note_) {  // each variant bills the fleet carrying its traffic
    for (std::size_t i = 0; i < n; ++i) {
      const auto& s = fleet[i];
      running += s.old_running + s.new_running;
      serving += s.old_active + s.new_active;
      new_active += s.new_active;
      traffic += flow[i].f * r[i].w_new;
      if (flow[i].on_new) {
        billed += s.new_running;
        cost_rate += fleet_cost_rate(s.new_running, r[i].price_new);
      } else {
        billed += s.old_running;
        cost_rate += fleet_cost_rate(s.old_running, r[i].price_old);
      }
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const auto& s = fleet[i];
      running += s.old_running + s.new_running;
      serving += s.old_active + s.new_active;
      new_active += s.new_active;
      traffic += flow[i].f * r[i].w_new;
      cost_rate += fleet_cost_rate(s.old_running, r[i].price_old) +
                   fleet_cost_rate(s.new_running, r[i].price_new);
    }
    billed = running;
  }
  cur_.running = running;
  cur_.billed = billed;
  cur_.serving = serving;
  cur_.new_active = new_active;
  cur_.traffic = traffic;
  cur_.cost_rate = cost_rate;
  return cur_;
}

}  // namespace shiftsim::detail
