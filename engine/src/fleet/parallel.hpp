#pragma once
// Private: records from one producer consumed by `jobs` worker threads through a bounded queue
// (at most 2 x jobs records wait: memory stays bounded whatever the fleet size). The first
// exception a worker or the producer throws stops the others and is rethrown to the caller once
// every thread has ended. jobs <= 1: everything on the calling thread, in order.
#include "shiftsim/fleet_input.hpp"

#include <functional>

namespace shiftsim::detail {

/// Calls `produce(emit)`, which calls emit(record) for each record; each record is passed to
/// `consume` on one of the workers.
void run_records(int jobs,
                 const std::function<void(const std::function<void(FleetRecord)>&)>& produce,
                 const std::function<void(const FleetRecord&)>& consume);

}  // namespace shiftsim::detail
