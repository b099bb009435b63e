#pragma once
// Private: the state of one run of the executor (executor.hpp), reset to its value-initialised
// form at the start of every run.
#include "shiftsim/event_queue.hpp"
#include "shiftsim/result.hpp"
#include "shiftsim/schedule.hpp"

#include <cstdint>
#include <optional>

namespace shiftsim::detail {

/// Per variant, besides its fleets (VariantFleetState): the new share of its traffic and the
/// instances the operation in flight launches or terminates.
struct VariantFlow {
  double f = 0.0;   ///< new fraction of this variant's traffic
  int pending = 0;  ///< instances the current provision/terminate operation adds/removes
  /// The new fleet carries the variant's traffic: from the full shift until a rollback's flip
  /// back (billing=aws_note bills that fleet only, accounting.hpp).
  bool on_new = false;
};

/// The executor's scalar state. One value: `state = RunState{}` resets all of it.
struct RunState {
  bool in_rollback = false;
  bool finished = false;
  Outcome rb_cause = Outcome::rolled_back;
  int cur = -1;              ///< index into the success schedule (or the rollback schedule)
  bool cur_active = false;   ///< an operation is in flight
  SimTime cur_start = 0;
  SimTime cur_end = 0;
  EventId cur_ev = 0;
  std::size_t cur_rows = 0;  ///< first step row of the operation in flight
  bool watched = false;      ///< alarms are watched (configured, or forced for rollback_if_trip)
  bool trip_pending = false; ///< a trip outside a bake waits for the next bake
  bool new_traffic_seen = false;
  int bake_count = 0;
  std::optional<SimTime> timeout_at;
  std::uint32_t ops_done = 0;   ///< success-schedule operations ended (success-path tracing)
  std::uint32_t seg_first = 0;  ///< first operation of the segment being traced
};

}  // namespace shiftsim::detail
