#pragma once
// Private: how a shift splits traffic (engine contract: Success timelines, "Traffic across
// variants"; amendments A5 and A11; simulate.hpp lists the readings).
// - Inside a variant, a shift to `a` of N new instances sets new_active = a and deactivates the
//   same portion of the old fleet: old_active = N_old - floor(a * N_old / N) (capped at the old
//   instances running).
// - Blue/green: the new share is f = a / N. canary_traffic=blue_stays_active keeps the old fleet
//   active during the canary: f = C / (C + N_old).
// - Rolling (amendment A11): f = new_active / (new_active + old_active), recomputed whenever a
//   termination changes old_active (settle()): a_k / N when N_old = N, 100% once no old instance
//   is active.
// - A serverless new side (A5) has no instances: it takes the variant's traffic at the full shift
//   (f = 1) and gives it back at a rollback's flip. A serverless old side carries 1 - f.
// - A rollback shift back: blue/green flips every variant to 100% old; a rolling step keeps
//   `a` new instances active and reactivates the old fleet accordingly.
// - VariantFlow::on_new (which fleet carries the traffic, for billing=aws_note): set by the full
//   shift, cleared by a rollback shift.
#include "fleet_state.hpp"

#include "shiftsim/deployment.hpp"
#include "shiftsim/schedule.hpp"

namespace shiftsim::detail {

/// old_active when `a` of the variant's N new instances take traffic; when N = 0 the old side
/// stays active until the full shift.
[[nodiscard]] int old_active_for(const VariantSizes& v, int a, bool full) noexcept;

/// Applies shift `op`'s part for one variant (`a` new instances active after it).
void apply_shift(const SimulationInput& in, const VariantSizes& v, const Operation& op, int a,
                 VariantFleetState& fleet, VariantFlow& flow) noexcept;

/// After a termination changed a variant's fleet: its traffic split where it depends on the
/// active instances (rolling, A11).
void settle(const SimulationInput& in, const VariantSizes& v, const VariantFleetState& fleet,
            VariantFlow& flow) noexcept;

}  // namespace shiftsim::detail
