#pragma once
// Private: how a shift splits traffic (engine contract: Success timelines, "Traffic across
// variants"; simulate.hpp lists the readings).
// - Inside a variant, a shift to `a` of N new instances sets new_active = a and deactivates the
//   same portion of the old fleet: old_active = N_old - floor(a * N_old / N) (capped at the old
//   instances running); the new share is f = a / N. canary_traffic=blue_stays_active keeps the
//   old fleet active during the canary: f = C / (C + N_old).
// - A rollback shift back: blue/green flips every variant to 100% old; a rolling step keeps
//   `a` new instances active and reactivates the old fleet accordingly.
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

}  // namespace shiftsim::detail
