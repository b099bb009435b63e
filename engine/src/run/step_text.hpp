#pragma once
// Private: the step table's rows and the timeline's points (simulate() only). Messages follow
// SageMaker's VariantStatus texts ("Launching 10 instance(s).", "Baking for 600 seconds
// (TerminationWaitInSeconds) with traffic enabled on full capacity of 10 instance(s).").
#include "accounting.hpp"
#include "fleet_state.hpp"

#include "shiftsim/result.hpp"
#include "shiftsim/schedule.hpp"

#include <span>
#include <vector>

namespace shiftsim::detail {

/// One row per variant for operation `op` of `schedule`, in force from `start` to `end` (the
/// executor closes `end` when the operation ends early), with the fleet state just after the
/// operation started.
void record_rows(const SimulationInput& in, std::span<const VariantSizes> sizes,
                 const Schedule& schedule, const Operation& op,
                 std::span<const VariantFleetState> fleet, std::span<const VariantFlow> flow,
                 std::span<const VariantRates> rates, SimTime start, SimTime end,
                 std::vector<Step>& steps);

/// The DONE rows (one per variant) of a run that ended at `now` with `outcome`.
void record_done_rows(const SimulationInput& in, std::span<const VariantFleetState> fleet,
                      std::span<const VariantFlow> flow, std::span<const VariantRates> rates,
                      Outcome outcome, SimTime now, SimTime rollback_start,
                      std::vector<Step>& steps);

/// Appends a timeline point when the endpoint's counts or traffic changed.
void record_point(std::span<const VariantFleetState> fleet, const Totals& totals, SimTime now,
                  std::vector<TimelinePoint>& timeline);

}  // namespace shiftsim::detail
