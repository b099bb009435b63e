// The event loop shared by simulate() and simulate_figures() (executor.hpp).
#include "executor.hpp"

#include "step_text.hpp"
#include "traffic.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

namespace shiftsim {

using detail::Ev;
using detail::EvKind;

SimulationWorkspace::SimulationWorkspace() : impl_(std::make_unique<Impl>()) {}
SimulationWorkspace::~SimulationWorkspace() = default;
SimulationWorkspace::SimulationWorkspace(SimulationWorkspace&&) noexcept = default;
SimulationWorkspace& SimulationWorkspace::operator=(SimulationWorkspace&&) noexcept = default;

void SimulationWorkspace::Impl::run(const SimulationInput& input,
                                    const detail::RunOptions& options,
                                    detail::Recorder* recorder, RunFigures& out) {
  in_ = &input;
  opt_ = options;
  rec_ = recorder;
  out_ = &out;
  out = RunFigures{};
  state_ = detail::RunState{};
  traced_ops_.clear();

  cache.update(input);
  const Schedule& success = cache.success;
  rollback.clear();
  timer.bind(input);
  accounting.start(input, success);
  fleet.resize(input.variants.size());
  flow.resize(input.variants.size());
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    fleet[i] = VariantFleetState{input.variants[i].n_old, input.variants[i].n_old, 0, 0};
    flow[i] = detail::VariantFlow{};
  }
  out.min_bake = success.min_bake;

  // Under an exclusion fallback alarms do not roll back (amendment A4), as with none configured.
  state_.watched = alarms_roll_back(input.policy) || opt_.force_alarms;
  if (opt_.use_timeout) state_.timeout_at = timeout_in_force(input);

  sim.reset();
  // The timeout first, then an at_time trip: at equal times they pop in this order, before any
  // operation end (which is scheduled later), see executor.hpp.
  if (state_.timeout_at) sim.schedule_at(*state_.timeout_at, Ev{EvKind::timeout, 0});
  if (opt_.trip.kind == Trip::Kind::at_time) sim.schedule_at(opt_.trip.at, Ev{EvKind::trip, 0});

  out.peak_instances = 0;
  out.min_serving_instances = std::numeric_limits<int>::max();
  refresh();
  start_next();
  sim.run([this](Simulation<Ev>&, const Ev& e) { on_event(e); });
  assert(state_.finished && "the run ended without finishing");
}

void SimulationWorkspace::Impl::on_event(const Ev& e) {
  if (state_.finished) return;
  switch (e.kind) {
    case EvKind::op_end:
      state_.cur_active = false;
      if (!state_.in_rollback) ++state_.ops_done;
      end_op(schedule().ops[static_cast<std::size_t>(e.op)]);
      close_rows();
      start_next();
      break;
    case EvKind::trip: on_trip(); break;
    case EvKind::timeout: on_timeout(); break;
    case EvKind::rollback_fault: on_rollback_fault(); break;
  }
}

void SimulationWorkspace::Impl::start_next() {
  ++state_.cur;
  const auto& ops = schedule().ops;
  if (static_cast<std::size_t>(state_.cur) >= ops.size()) {
    finish(state_.in_rollback ? state_.rb_cause : Outcome::succeeded);
    return;
  }
  // Precise reading 9: an operation that would start at X never starts; the timeout event
  // (still queued at X = now) starts the rollback.
  if (!state_.in_rollback && state_.timeout_at && sim.now() >= *state_.timeout_at) return;
  start_op(ops[static_cast<std::size_t>(state_.cur)]);
}

void SimulationWorkspace::Impl::start_op(const Operation& op) {
  const SimTime now = sim.now();
  SimTime length = op.length;
  std::optional<SuccessPath::Draw> drawn;
  if (op.timed()) {
    length = state_.in_rollback ? timer.rollback(rollback, op) : timer.success(cache.success, op);
    drawn = SuccessPath::Draw{static_cast<std::uint32_t>(op.slot),
                              op.timer == Timer::provision ? in_->timing.provision
                                                           : in_->timing.terminate};
  }
  if (rec_ && rec_->success_path && !state_.in_rollback) traced_ops_.emplace_back(op.length, drawn);
  const bool changes = op.kind == OpKind::provision || op.kind == OpKind::shift ||
                       op.kind == OpKind::rb_provision || op.kind == OpKind::rb_shift;
  if (changes) advance();
  if (op.kind == OpKind::bake) {
    ++state_.bake_count;
    if (rec_ && rec_->bakes)
      rec_->bakes->push_back(Bake{state_.bake_count, now, now + length, op.final_bake});
    if (state_.watched &&
        (state_.trip_pending ||
         (opt_.trip.kind == Trip::Kind::at_bake && opt_.trip.bake == state_.bake_count))) {
      begin_rollback(Outcome::rolled_back);
      return;
    }
  } else {
    start_parts(op);
  }
  if (changes) refresh();

  if (op.kind == OpKind::shift && !state_.new_traffic_seen && accounting.current().new_active > 0) {
    state_.new_traffic_seen = true;
    if (opt_.trip.kind == Trip::Kind::after_new_traffic)
      sim.schedule_at(now + opt_.trip.at, Ev{EvKind::trip, 0});
  }
  if (op.kind == OpKind::rb_shift && !out_->back_to_old && accounting.current().new_active == 0)
    out_->back_to_old = now + length;

  state_.cur_active = true;
  state_.cur_start = now;
  state_.cur_end = now + length;
  if (rec_ && rec_->steps) {
    state_.cur_rows = rec_->steps->size();
    detail::record_rows(*in_, cache.sizes, schedule(), op, fleet, flow, accounting.rates(), now,
                        now + length, *rec_->steps);
  }
  state_.cur_ev = sim.schedule(length, Ev{EvKind::op_end, state_.cur});
}

/// What an operation does to the fleet when it starts.
void SimulationWorkspace::Impl::start_parts(const Operation& op) {
  if (op.kind == OpKind::shift || op.kind == OpKind::rb_shift) {
    for (const OpPart& part : schedule().parts_of(op)) {
      const auto v = static_cast<std::size_t>(part.variant);
      detail::apply_shift(*in_, cache.sizes[v], op, part.instances, fleet[v], flow[v]);
    }
    return;
  }
  for (auto& f : flow) f.pending = 0;
  for (const OpPart& part : schedule().parts_of(op)) {
    const auto v = static_cast<std::size_t>(part.variant);
    flow[v].pending = part.instances;
    if (op.kind == OpKind::provision) fleet[v].new_running += part.instances;
    if (op.kind == OpKind::rb_provision) fleet[v].old_running += part.instances;
  }
}

/// What an operation does to the fleet when it ends: terminations take instances away.
void SimulationWorkspace::Impl::end_op(const Operation& op) {
  if (op.kind != OpKind::terminate && op.kind != OpKind::rb_terminate) return;
  advance();
  for (std::size_t i = 0; i < fleet.size(); ++i) {
    auto& s = fleet[i];
    if (op.kind == OpKind::terminate) {
      s.old_running -= flow[i].pending;
      s.old_active = std::min(s.old_active, s.old_running);
    } else {
      s.new_running -= flow[i].pending;
      s.new_active = std::min(s.new_active, s.new_running);
    }
    flow[i].pending = 0;
    detail::settle(*in_, cache.sizes[i], s, flow[i]);
  }
  refresh();
}

bool SimulationWorkspace::Impl::in_bake_now() const noexcept {
  if (!state_.cur_active || state_.in_rollback || state_.cur < 0) return false;
  if (current().kind != OpKind::bake) return false;
  const SimTime now = sim.now();
  return now < state_.cur_end || now == state_.cur_start;
}

bool SimulationWorkspace::Impl::past_last_bake() const noexcept {
  const int last = cache.success.last_bake;
  if (last < 0) return true;
  if (state_.cur > last) return true;
  if (state_.cur == last) return !state_.cur_active || !in_bake_now();
  return false;
}

void SimulationWorkspace::Impl::on_trip() {
  if (state_.in_rollback || !state_.watched) return;
  if (past_last_bake()) return;  // after the last bake: does nothing (Precise reading 4)
  if (in_bake_now() || in_->assumptions.alarms_outside_bake)
    begin_rollback(Outcome::rolled_back);
  else
    state_.trip_pending = true;  // applies at the start of the next bake
}

void SimulationWorkspace::Impl::complete_in_flight() {
  sim.cancel(state_.cur_ev);
  state_.cur_active = false;
  end_op(current());
  close_rows();
}

void SimulationWorkspace::Impl::on_timeout() {
  if (state_.in_rollback) return;
  // An operation ending exactly at X is complete (Precise reading 9).
  if (state_.cur_active && state_.cur_end == sim.now()) {
    complete_in_flight();
    if (static_cast<std::size_t>(state_.cur) + 1 >= cache.success.ops.size()) {
      ++state_.cur;
      finish(Outcome::succeeded);
      return;
    }
  }
  begin_rollback(Outcome::timed_out);
}

void SimulationWorkspace::Impl::on_rollback_fault() {
  if (!state_.in_rollback) return;
  // As for the timeout: an operation ending exactly now is complete; if that completes the
  // rollback, the rollback succeeded.
  if (state_.cur_active && state_.cur_end == sim.now()) {
    complete_in_flight();
    if (static_cast<std::size_t>(state_.cur) + 1 >= rollback.ops.size()) {
      ++state_.cur;
      finish(state_.rb_cause);
      return;
    }
  } else if (state_.cur_active) {
    sim.cancel(state_.cur_ev);
    state_.cur_active = false;
    close_rows();
  }
  finish(Outcome::update_rollback_failed);
}

void SimulationWorkspace::Impl::begin_rollback(Outcome cause) {
  const SimTime now = sim.now();
  if (state_.cur_active) {  // abandon the operation in flight
    sim.cancel(state_.cur_ev);
    state_.cur_active = false;
    close_rows();
  }
  advance();
  // In-flight provisions already count; in-flight terminations still count (Precise reading 9).
  for (auto& f : flow) f.pending = 0;
  state_.in_rollback = true;
  state_.rb_cause = cause;
  out_->rollback_start = now;
  if (cause == Outcome::rolled_back) out_->trip_applied_at = now;
  out_->rollback_peak_instances = accounting.current().running;
  if (in_->rollback_fault && in_->policy.strategy == Strategy::rolling)
    sim.schedule_at(now + *in_->rollback_fault, Ev{EvKind::rollback_fault, 0});
  rollback_schedule(*in_, cache.sizes, fleet, rollback);
  state_.cur = -1;
  start_next();
}

void SimulationWorkspace::Impl::finish(Outcome outcome) {
  advance();
  state_.finished = true;
  const SimTime now = sim.now();
  auto& o = *out_;
  o.outcome = outcome;
  o.duration = now;
  o.instance_seconds = static_cast<double>(accounting.instance_ms()) / 1000.0;
  o.extra_instance_seconds =
      o.instance_seconds - static_cast<double>(accounting.n_old_total()) * to_seconds(now);
  o.billed_instance_seconds = static_cast<double>(accounting.billed_ms()) / 1000.0;
  o.cost_usd = accounting.cost();
  o.extra_cost_usd = accounting.cost() - accounting.steady_cost_rate() * static_cast<double>(now);
  o.exposure_traffic_s = accounting.exposure_ms() / 1000.0;
  o.escaped =
      opt_.trip.kind != Trip::Kind::none && outcome == Outcome::succeeded && !o.trip_applied_at;
  if (rec_ && rec_->steps)
    detail::record_done_rows(*in_, fleet, flow, accounting.rates(), outcome, now,
                             o.rollback_start.value_or(0), *rec_->steps);
  sim.stop();
}

void SimulationWorkspace::Impl::close_rows() {
  if (!rec_ || !rec_->steps) return;
  auto& steps = *rec_->steps;
  for (std::size_t i = state_.cur_rows; i < steps.size(); ++i) steps[i].end = sim.now();
  state_.cur_rows = steps.size();
}

void SimulationWorkspace::Impl::advance() {
  if (rec_ && rec_->success_path && !state_.in_rollback && state_.ops_done > state_.seg_first) {
    // Operations [seg_first, ops_done) elapsed with the current state in force.
    auto& path = *rec_->success_path;
    SuccessPath::Segment seg;
    seg.first_draw = static_cast<std::uint32_t>(path.draws.size());
    for (std::uint32_t i = state_.seg_first; i < state_.ops_done; ++i) {
      const auto& [length, drawn] = traced_ops_[i];
      if (drawn)
        path.draws.push_back(*drawn);
      else
        seg.fixed_length += length;
    }
    seg.end_draw = static_cast<std::uint32_t>(path.draws.size());
    const auto& t = accounting.current();
    seg.running = t.running;
    seg.billed = t.billed;
    seg.cost_rate = t.cost_rate;
    seg.traffic = t.traffic;
    path.segments.push_back(seg);
    state_.seg_first = state_.ops_done;
  }
  accounting.integrate(sim.now());
}

void SimulationWorkspace::Impl::refresh() {
  const detail::Totals& t = accounting.update(fleet, flow);
  auto& o = *out_;
  o.peak_instances = std::max(o.peak_instances, t.running);
  o.min_serving_instances = std::min(o.min_serving_instances, t.serving);
  if (state_.in_rollback) o.rollback_peak_instances = std::max(o.rollback_peak_instances, t.running);
  if (rec_ && rec_->timeline) detail::record_point(fleet, t, sim.now(), *rec_->timeline);
}

}  // namespace shiftsim
