// Step rows, their messages, and timeline points (step_text.hpp).
#include "step_text.hpp"

#include "shiftsim/assumptions.hpp"

#include <fmt/format.h>

#include <string>

namespace shiftsim::detail {

namespace {

/// What the row of variant `v` says for operation `op` (start `length` long).
struct RowContext {
  const SimulationInput& in;
  const Schedule& schedule;
  const Operation& op;
  const VariantSizes& size;
  const VariantFleetState& s;
  const VariantFlow& flow;
  SimTime length;
};

std::string shift_message(const RowContext& c) {
  const bool rolling = c.in.policy.strategy == Strategy::rolling;
  if (c.size.new_serverless)
    return c.op.shift == ShiftKind::full
               ? std::string("Activating traffic on the serverless variant (no instances).")
               : std::string("Serverless variant: traffic moves at the full shift.");
  if (c.size.n_new == 0)
    return c.op.shift == ShiftKind::full
               ? fmt::format("Deactivating traffic on the old fleet of {} instance(s) (variant "
                             "not in the new endpoint configuration).",
                             c.s.old_running)
               : std::string("No new instance(s) in this variant.");
  if (c.op.shift == ShiftKind::canary)
    return fmt::format("Activating traffic on canary capacity of {} instance(s).", c.s.new_active);
  if (c.op.shift == ShiftKind::full || c.s.new_active == c.size.n_new)
    return fmt::format("Activating traffic on full capacity of {} instance(s).", c.size.n_new);
  return fmt::format("Activating traffic on {} of {} instance(s) ({} {} of {}).", c.s.new_active,
                     c.size.n_new, rolling ? "batch" : "step", c.op.k, c.schedule.shifts);
}

std::string bake_message(const RowContext& c) {
  std::string cap;
  if (c.size.new_serverless)
    cap = c.flow.f >= 1.0 ? std::string("the serverless variant") : std::string("the old fleet");
  else if (c.size.n_new == 0)
    cap = fmt::format("the old fleet of {} instance(s)", c.s.old_active);
  else if (c.op.final_bake || c.s.new_active == c.size.n_new)
    cap = fmt::format("full capacity of {} instance(s)", c.size.n_new);
  else if (c.in.policy.strategy == Strategy::canary)
    cap = fmt::format("canary capacity of {} instance(s)", c.s.new_active);
  else
    cap = fmt::format("{} of {} instance(s)", c.s.new_active, c.size.n_new);
  return fmt::format("Baking for {} seconds ({}) with traffic enabled on {}.",
                     format_seconds(c.length),
                     c.op.final_bake ? "TerminationWaitInSeconds" : "WaitIntervalInSeconds", cap);
}

std::string rollback_shift_message(const RowContext& c) {
  if (c.in.policy.strategy != Strategy::rolling)
    return fmt::format("Rolling back: shifting all traffic back to the old fleet of {} "
                       "instance(s).",
                       c.s.old_running);
  if (c.s.new_active == 0)
    return fmt::format(
        "Rolling back: activating traffic on the old fleet of {} instance(s) (step {} of {}).",
        c.s.old_active, c.op.k, c.schedule.steps);
  return fmt::format("Rolling back: moving traffic to {} old instance(s), {} new instance(s) "
                     "still serving (step {} of {}).",
                     c.s.old_active, c.s.new_active, c.op.k, c.schedule.steps);
}

std::pair<Phase, std::string> phase_and_message(const RowContext& c) {
  switch (c.op.kind) {
    case OpKind::provision:
      if (c.size.new_serverless)
        return {Phase::provision, std::string("Serverless variant: no instances to launch.")};
      return {Phase::provision, fmt::format("Launching {} instance(s).", c.flow.pending)};
    case OpKind::shift: return {Phase::shift, shift_message(c)};
    case OpKind::bake: return {Phase::bake, bake_message(c)};
    case OpKind::terminate:
      if (c.size.old_serverless)
        return {Phase::terminate, std::string("Serverless variant: no instances to terminate.")};
      return {Phase::terminate, fmt::format("Terminating {} instance(s).", c.flow.pending)};
    case OpKind::rb_provision:
      return {Phase::rollback,
              fmt::format("Rolling back: launching {} instance(s) on the old fleet (step {} of "
                          "{}).",
                          c.flow.pending, c.op.k, c.schedule.steps)};
    case OpKind::rb_shift: return {Phase::rollback, rollback_shift_message(c)};
    case OpKind::rb_terminate:
      return {Phase::rollback,
              fmt::format("Rolling back: terminating {} instance(s) on the new fleet.",
                          c.flow.pending)};
  }
  return {Phase::done, std::string()};
}

Step base_row(const SimulationInput& in, std::size_t i, const VariantFleetState& s,
              const VariantFlow& flow, const VariantRates& rates) {
  Step row;
  row.variant = in.variants[i].name;
  row.old_running = s.old_running;
  row.old_active = s.old_active;
  row.new_running = s.new_running;
  row.new_active = s.new_active;
  row.new_traffic_pct = 100.0 * flow.f * rates.w_new;
  return row;
}

}  // namespace

void record_rows(const SimulationInput& in, std::span<const VariantSizes> sizes,
                 const Schedule& schedule, const Operation& op,
                 std::span<const VariantFleetState> fleet, std::span<const VariantFlow> flow,
                 std::span<const VariantRates> rates, SimTime start, SimTime end,
                 std::vector<Step>& steps) {
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    Step row = base_row(in, i, fleet[i], flow[i], rates[i]);
    row.t = start;
    row.end = end;
    row.endpoint_status = "Updating";
    const RowContext c{in, schedule, op, sizes[i], fleet[i], flow[i], end - start};
    auto [phase, message] = phase_and_message(c);
    row.phase = phase;
    row.message = std::move(message);
    steps.push_back(std::move(row));
  }
}

void record_done_rows(const SimulationInput& in, std::span<const VariantFleetState> fleet,
                      std::span<const VariantFlow> flow, std::span<const VariantRates> rates,
                      Outcome outcome, SimTime now, SimTime rollback_start,
                      std::vector<Step>& steps) {
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    Step row = base_row(in, i, fleet[i], flow[i], rates[i]);
    row.t = now;
    row.end = now;
    row.phase = Phase::done;
    row.endpoint_status = "InService";
    switch (outcome) {
      case Outcome::succeeded:
        row.message = "Update complete: endpoint InService on the new endpoint configuration.";
        break;
      case Outcome::rolled_back:
        row.message = fmt::format(
            "Rollback complete (alarm trip at {} s): endpoint InService on the old endpoint "
            "configuration.",
            format_seconds(rollback_start));
        break;
      case Outcome::timed_out:
        row.message = fmt::format(
            "Rollback complete (timeout at {} s): endpoint InService on the old endpoint "
            "configuration.",
            format_seconds(rollback_start));
        break;
      case Outcome::update_rollback_failed:
        row.endpoint_status = "UpdateRollbackFailed";
        row.message = "Rollback failed: endpoint in service with a mix of configurations.";
        break;
    }
    steps.push_back(std::move(row));
  }
}

void record_point(std::span<const VariantFleetState> fleet, const Totals& totals, SimTime now,
                  std::vector<TimelinePoint>& timeline) {
  TimelinePoint pt;
  pt.t = now;
  for (const auto& v : fleet) {
    pt.old_running += v.old_running;
    pt.old_active += v.old_active;
    pt.new_running += v.new_running;
    pt.new_active += v.new_active;
  }
  pt.new_traffic_pct = 100.0 * totals.traffic;
  if (timeline.empty() || timeline.back().old_running != pt.old_running ||
      timeline.back().old_active != pt.old_active ||
      timeline.back().new_running != pt.new_running ||
      timeline.back().new_active != pt.new_active ||
      timeline.back().new_traffic_pct != pt.new_traffic_pct)
    timeline.push_back(pt);
}

}  // namespace shiftsim::detail
