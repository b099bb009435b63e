// The event machinery shared by simulate() and simulate_figures(). See simulate_engine.hpp.
#include "simulate_engine.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <limits>

namespace shiftsim {

namespace detail {

int ceil_div(int a, int b) noexcept { return b <= 0 ? 0 : (a + b - 1) / b; }

/// a_k = min(k * step, n) without overflow.
int cumulative(int k, int step, int n) noexcept {
  const std::int64_t a = static_cast<std::int64_t>(k) * static_cast<std::int64_t>(step);
  return a >= n ? n : static_cast<int>(a);
}

/// old_active when `a` of the variant's N new instances take traffic: the same portion of the
/// old fleet is deactivated, N_old - floor(a * N_old / N); when N = 0 the old side stays active
/// until the full shift.
int old_active_for(const VPlan& v, int a, bool full) noexcept {
  if (v.n_new == 0) return full ? 0 : v.n_old;
  const std::int64_t off =
      static_cast<std::int64_t>(a) * static_cast<std::int64_t>(v.n_old) / v.n_new;
  return v.n_old - static_cast<int>(off);
}

namespace {

[[noreturn]] void input_error(const char* code, std::string path, std::string rule,
                              std::string value, std::string message) {
  throw_input_error(code, std::move(path), std::move(rule), std::move(value), std::move(message));
}

}  // namespace

void check_input(const SimulationInput& in) {
  if (in.variants.empty())
    input_error("E_INPUT", "ProductionVariants", "at least one variant", "[]",
                "the update has no production variant to simulate");
  for (std::size_t i = 0; i < in.variants.size(); ++i) {
    const auto& v = in.variants[i];
    if (v.n_old < 0 || v.n_new < 0)
      input_error("E_RANGE", fmt::format("variants[{}]", i), "instance counts must be >= 0",
                  fmt::format("{}", std::min(v.n_old, v.n_new)),
                  fmt::format("variant '{}' has a negative instance count", v.name));
    if (v.old_weight < 0.0 || v.new_weight < 0.0)
      input_error("E_RANGE", fmt::format("variants[{}]", i), "weights must be >= 0", "",
                  fmt::format("variant '{}' has a negative weight", v.name));
  }
  const auto& p = in.policy;
  const auto need_step = [&](const char* path, const char* what) {
    if (!p.step)
      input_error("E_REQUIRED", path, "required for this strategy", "null",
                  fmt::format("{} requires {}", to_string(p.strategy), what));
    if (p.step->value < 1)
      input_error("E_RANGE", fmt::format("{}.Value", path), "must be >= 1",
                  fmt::format("{}", p.step->value), fmt::format("{} must be >= 1", what));
  };
  switch (p.strategy) {
    case Strategy::all_at_once: break;
    case Strategy::canary:
      need_step("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize",
                "CanarySize");
      break;
    case Strategy::linear:
      need_step(
          "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize",
          "LinearStepSize");
      break;
    case Strategy::rolling:
      need_step("DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize", "MaximumBatchSize");
      if (p.rollback_batch && p.rollback_batch->value < 1)
        input_error("E_RANGE", "DeploymentConfig.RollingUpdatePolicy.RollbackMaximumBatchSize.Value",
                    "must be >= 1", fmt::format("{}", p.rollback_batch->value),
                    "RollbackMaximumBatchSize must be >= 1");
      break;
  }
  const auto non_negative = [](SimTime t, const char* path, const char* what) {
    if (t < 0)
      input_error("E_RANGE", path, "must be >= 0", format_seconds(t),
                  fmt::format("{} must be >= 0 seconds", what));
  };
  non_negative(p.wait, "WaitIntervalInSeconds", "WaitIntervalInSeconds");
  non_negative(p.termination_wait, "TerminationWaitInSeconds", "TerminationWaitInSeconds");
  if (p.timeout)
    non_negative(*p.timeout, "MaximumExecutionTimeoutInSeconds",
                 "MaximumExecutionTimeoutInSeconds");
  non_negative(in.timing.provision, "timing.provision_s", "provision_s");
  non_negative(in.timing.terminate, "timing.terminate_s", "terminate_s");
  non_negative(in.timing.activation, "timing.activation_s", "activation_s");
  for (SimTime t : in.draws.provision) non_negative(t, "draws.provision", "a provisioning draw");
  for (SimTime t : in.draws.terminate) non_negative(t, "draws.terminate", "a termination draw");
  switch (in.trip.kind) {
    case Trip::Kind::none: break;
    case Trip::Kind::at_bake:
      if (in.trip.bake < 1)
        input_error("E_RANGE", "trip.bake", "must be >= 1", fmt::format("{}", in.trip.bake),
                    "bakes are numbered from 1");
      break;
    case Trip::Kind::at_time:
      non_negative(in.trip.at, "trip.at_s", "trip.at_s");
      break;
    case Trip::Kind::after_new_traffic:
      non_negative(in.trip.at, "trip.after_new_traffic_s", "the detection delay");
      break;
  }
  if (in.rollback_fault) non_negative(*in.rollback_fault, "rollback_fault_s", "rollback_fault_s");
}

}  // namespace detail

using detail::Ev;
using detail::EvKind;
using detail::Op;
using detail::OpKind;
using detail::ShiftKind;
using detail::ceil_div;
using detail::cumulative;
using detail::old_active_for;

// --- Workspace -------------------------------------------------------------------------------

SimulationWorkspace::SimulationWorkspace() : impl_(std::make_unique<Impl>()) {}
SimulationWorkspace::~SimulationWorkspace() = default;
SimulationWorkspace::SimulationWorkspace(SimulationWorkspace&&) noexcept = default;
SimulationWorkspace& SimulationWorkspace::operator=(SimulationWorkspace&&) noexcept = default;

// --- Setup -----------------------------------------------------------------------------------

void SimulationWorkspace::Impl::setup() {
  const auto& in = *in_;
  const auto& pol = in.policy;
  const auto rounding = in.assumptions.rounding;
  const std::size_t nv = in.variants.size();
  plan.resize(nv);
  st.resize(nv);

  double sum_old = 0.0;
  double sum_new = 0.0;
  int with_old = 0;
  int with_new = 0;
  for (const auto& v : in.variants) {
    if (v.n_old > 0) {
      sum_old += v.old_weight;
      ++with_old;
    }
    if (v.n_new > 0) {
      sum_new += v.new_weight;
      ++with_new;
    }
  }
  n_old_total_ = 0;
  steady_cost_rate_ = 0.0;
  constexpr double per_ms = 1.0 / 3600.0 / 1000.0;
  for (std::size_t i = 0; i < nv; ++i) {
    const auto& v = in.variants[i];
    auto& p = plan[i];
    p = detail::VPlan{};
    p.n_old = v.n_old;
    p.n_new = v.n_new;
    if (pol.step && pol.strategy != Strategy::all_at_once)
      p.step = capacity_to_instances(*pol.step, v.n_new, rounding);
    switch (pol.strategy) {
      case Strategy::linear:
      case Strategy::rolling: p.steps = ceil_div(v.n_new, p.step); break;
      case Strategy::canary: p.steps = v.n_new > 0 ? 1 : 0; break;
      case Strategy::all_at_once: p.steps = 0; break;
    }
    p.rb_batch = pol.rollback_batch ? capacity_to_instances(*pol.rollback_batch, v.n_new, rounding)
                                    : v.n_new;
    if (p.rb_batch < 1) p.rb_batch = 1;
    if (auto it = in.prices.find(v.old_instance_type); it != in.prices.end())
      p.price_old = it->second * per_ms;
    if (auto it = in.prices.find(v.new_instance_type); it != in.prices.end())
      p.price_new = it->second * per_ms;
    if (v.n_old > 0)
      p.w_old = sum_old > 0.0 ? v.old_weight / sum_old : 1.0 / static_cast<double>(with_old);
    if (v.n_new > 0)
      p.w_new = sum_new > 0.0 ? v.new_weight / sum_new : 1.0 / static_cast<double>(with_new);
    n_old_total_ += v.n_old;
    steady_cost_rate_ += static_cast<double>(v.n_old) * p.price_old;

    auto& s = st[i];
    s = detail::VState{};
    s.old_running = v.n_old;
    s.old_active = v.n_old;
  }
  build_ops();
}

void SimulationWorkspace::Impl::build_ops() {
  const auto& in = *in_;
  const auto& pol = in.policy;
  const auto& a = in.assumptions;
  const SimTime A = in.timing.activation;
  const SimTime W = pol.wait;
  const SimTime T = pol.termination_wait;
  ops.clear();
  const auto add = [&](OpKind kind, ShiftKind shift, int k, SimTime length) {
    if (kind == OpKind::shift) ++n_steps_;
    ops.push_back(Op{kind, shift, false, false, k, length});
  };
  last_bake_op_ = -1;
  n_steps_ = 0;
  const auto add_bake = [&](int k, SimTime length, bool final_bake) {
    last_bake_op_ = static_cast<int>(ops.size());
    ops.push_back(Op{OpKind::bake, ShiftKind::none, final_bake, !final_bake, k, length});
  };
  int n = 0;
  for (const auto& p : plan) n = std::max(n, p.steps);
  const bool w_plus_t = a.final_bake == FinalBake::wait_plus_termination;
  switch (pol.strategy) {
    case Strategy::all_at_once:
      add(OpKind::provision, ShiftKind::none, 1, 0);
      add(OpKind::shift, ShiftKind::full, 1, A);
      if (a.all_at_once_uses_wait) add_bake(1, W, false);
      add_bake(1, T, true);
      add(OpKind::terminate, ShiftKind::none, 1, 0);
      break;
    case Strategy::canary:
      add(OpKind::provision, ShiftKind::none, 1, 0);
      add(OpKind::shift, ShiftKind::canary, 1, A);
      add_bake(1, W, false);
      add(OpKind::shift, ShiftKind::full, 2, A);
      if (w_plus_t) add_bake(2, W, false);
      add_bake(2, T, true);
      add(OpKind::terminate, ShiftKind::none, 1, 0);
      break;
    case Strategy::linear:
      n = std::max(n, 1);
      add(OpKind::provision, ShiftKind::none, 1, 0);
      for (int k = 1; k <= n; ++k) {
        add(OpKind::shift, k == n ? ShiftKind::full : ShiftKind::step, k, A);
        if (k < n) add_bake(k, W, false);
      }
      if (w_plus_t) add_bake(n, W, false);
      add_bake(n, T, true);
      add(OpKind::terminate, ShiftKind::none, 1, 0);
      break;
    case Strategy::rolling:
      n = std::max(n, 1);
      for (auto& p : plan) p.last_batch = p.steps > 0 ? p.steps : n;
      for (int k = 1; k <= n; ++k) {
        add(OpKind::provision, ShiftKind::none, k, 0);
        add(OpKind::shift, k == n ? ShiftKind::full : ShiftKind::step, k, A);
        add_bake(k, W, false);
        add(OpKind::terminate, ShiftKind::none, k, 0);
      }
      break;
  }
}

// --- Run -------------------------------------------------------------------------------------

void SimulationWorkspace::Impl::run(const SimulationInput& input,
                                    const detail::RunOptions& options,
                                    detail::Recorder* recorder, RunFigures& out) {
  in_ = &input;
  opt_ = options;
  rec_ = recorder;
  out_ = &out;
  out = RunFigures{};
  setup();

  const auto& pol = input.policy;
  in_rollback_ = false;
  finished_ = false;
  rb_cause_ = Outcome::rolled_back;
  cur_ = -1;
  cur_active_ = false;
  cur_start_ = cur_end_ = 0;
  cur_rows_ = 0;
  watched_ = !pol.alarms.empty() || opt_.force_alarms;
  trip_pending_ = false;
  new_traffic_seen_ = false;
  bake_count_ = 0;
  timeout_at_.reset();
  if (opt_.use_timeout && pol.timeout) timeout_at_ = *pol.timeout;
  prov_i_ = term_i_ = 0;
  ops_done_ = seg_first_ = 0;
  traced_ops_.clear();
  rb_steps_ = 0;
  aws_note_ = false;
  if (input.assumptions.billing == Billing::aws_note && pol.strategy == Strategy::all_at_once) {
    aws_note_ = true;
    for (const auto& op : ops)
      if (op.kind == OpKind::bake && op.length != 0) aws_note_ = false;
  }
  inst_ms_ = 0;
  cost_ = 0.0;
  exposure_ms_ = 0.0;
  last_t_ = 0;

  sim.reset();
  // The timeout first, then an at_time trip: at equal times they pop in this order, before any
  // operation end (which is scheduled later), see simulate_engine.hpp.
  if (timeout_at_) sim.schedule_at(*timeout_at_, Ev{EvKind::timeout, 0});
  if (opt_.trip.kind == Trip::Kind::at_time) sim.schedule_at(opt_.trip.at, Ev{EvKind::trip, 0});

  out.peak_instances = 0;
  out.min_serving_instances = std::numeric_limits<int>::max();
  refresh();
  start_next();
  sim.run([this](Simulation<Ev>&, const Ev& e) { on_event(e); });
  assert(finished_ && "the run ended without finishing");
}

void SimulationWorkspace::Impl::on_event(const Ev& e) {
  if (finished_) return;
  switch (e.kind) {
    case EvKind::op_end: {
      cur_active_ = false;
      if (!in_rollback_) ++ops_done_;
      end_op(in_rollback_ ? rb_ops[static_cast<std::size_t>(e.op)]
                          : ops[static_cast<std::size_t>(e.op)]);
      close_rows();
      start_next();
      break;
    }
    case EvKind::trip: on_trip(); break;
    case EvKind::timeout: on_timeout(); break;
    case EvKind::rollback_fault: on_rollback_fault(); break;
  }
}

const Op& SimulationWorkspace::Impl::current() const noexcept {
  return in_rollback_ ? rb_ops[static_cast<std::size_t>(cur_)] : ops[static_cast<std::size_t>(cur_)];
}

void SimulationWorkspace::Impl::start_next() {
  ++cur_;
  const auto& list = in_rollback_ ? rb_ops : ops;
  if (static_cast<std::size_t>(cur_) >= list.size()) {
    finish(in_rollback_ ? rb_cause_ : Outcome::succeeded);
    return;
  }
  // Precise reading 9: an operation that would start at X never starts; the timeout event
  // (still queued at X = now) starts the rollback.
  if (!in_rollback_ && timeout_at_ && sim.now() >= *timeout_at_) return;
  start_op(list[static_cast<std::size_t>(cur_)]);
}

void SimulationWorkspace::Impl::start_op(const Op& op) {
  const SimTime now = sim.now();
  const auto& in = *in_;
  SimTime length = op.length;
  std::optional<SuccessPath::Draw> drawn;
  switch (op.kind) {
    case OpKind::provision:
    case OpKind::rb_provision:
      drawn = SuccessPath::Draw{SuccessPath::Draw::Source::provision,
                                static_cast<std::uint32_t>(prov_i_), in.timing.provision};
      length = prov_i_ < in.draws.provision.size() ? in.draws.provision[prov_i_]
                                                   : in.timing.provision;
      ++prov_i_;
      break;
    case OpKind::terminate:
    case OpKind::rb_terminate:
      drawn = SuccessPath::Draw{SuccessPath::Draw::Source::terminate,
                                static_cast<std::uint32_t>(term_i_), in.timing.terminate};
      length = term_i_ < in.draws.terminate.size() ? in.draws.terminate[term_i_]
                                                   : in.timing.terminate;
      ++term_i_;
      break;
    default: break;
  }
  if (rec_ && rec_->success_path && !in_rollback_) traced_ops_.emplace_back(op.length, drawn);
  const bool changes = op.kind == OpKind::provision || op.kind == OpKind::shift ||
                       op.kind == OpKind::rb_provision || op.kind == OpKind::rb_shift;
  if (changes) advance();
  const std::size_t nv = st.size();
  switch (op.kind) {
    case OpKind::provision:
      for (std::size_t i = 0; i < nv; ++i) {
        const auto& p = plan[i];
        auto& s = st[i];
        if (in.policy.strategy == Strategy::rolling)
          s.pending = cumulative(op.k, p.step, p.n_new) - cumulative(op.k - 1, p.step, p.n_new);
        else
          s.pending = p.n_new;
        s.new_running += s.pending;
      }
      break;
    case OpKind::shift: {
      const bool full = op.shift == ShiftKind::full;
      const bool canary_blue_active = op.shift == ShiftKind::canary &&
                                      in.assumptions.canary_traffic ==
                                          CanaryTraffic::blue_stays_active;
      for (std::size_t i = 0; i < nv; ++i) {
        const auto& p = plan[i];
        auto& s = st[i];
        int a = 0;
        switch (op.shift) {
          case ShiftKind::canary: a = std::min(p.step, p.n_new); break;
          case ShiftKind::step: a = cumulative(op.k, p.step, p.n_new); break;
          case ShiftKind::full:
          case ShiftKind::none: a = p.n_new; break;
        }
        s.new_active = a;
        if (canary_blue_active) {
          s.old_active = s.old_running;
          s.f = a + p.n_old > 0 ? static_cast<double>(a) / static_cast<double>(a + p.n_old) : 0.0;
        } else {
          s.old_active = std::min(s.old_running, old_active_for(p, a, full));
          s.f = p.n_new > 0 ? static_cast<double>(a) / static_cast<double>(p.n_new) : 0.0;
        }
      }
      break;
    }
    case OpKind::bake:
      ++bake_count_;
      if (rec_ && rec_->bakes)
        rec_->bakes->push_back(Bake{bake_count_, now, now + length, op.final_bake});
      if (watched_ && (trip_pending_ || (opt_.trip.kind == Trip::Kind::at_bake &&
                                         opt_.trip.bake == bake_count_))) {
        begin_rollback(Outcome::rolled_back);
        return;
      }
      break;
    case OpKind::terminate:
      for (std::size_t i = 0; i < nv; ++i) {
        const auto& p = plan[i];
        auto& s = st[i];
        if (in.policy.strategy != Strategy::rolling || op.k == p.last_batch)
          s.pending = s.old_running;
        else if (op.k < p.last_batch)
          s.pending = std::min(s.old_running, cumulative(op.k, p.step, p.n_new) -
                                                  cumulative(op.k - 1, p.step, p.n_new));
        else
          s.pending = 0;
      }
      break;
    case OpKind::rb_provision:
      for (auto& s : st) {
        const auto idx = static_cast<std::size_t>(&s - st.data());
        s.pending = std::min(plan[idx].rb_batch, s.missing);
        s.missing -= s.pending;
        s.old_running += s.pending;
      }
      break;
    case OpKind::rb_shift: {
      const bool rolling = in.policy.strategy == Strategy::rolling;
      for (std::size_t i = 0; i < nv; ++i) {
        const auto& p = plan[i];
        auto& s = st[i];
        if (rolling) {
          s.pending = std::min(p.rb_batch, s.new_left);
          s.new_active = std::min(s.new_active, s.new_left - s.pending);
          s.old_active = std::min(s.old_running, old_active_for(p, s.new_active, false));
        } else {
          s.pending = s.new_left;
          s.new_active = 0;
          s.old_active = s.old_running;
        }
        s.f = p.n_new > 0 ? static_cast<double>(s.new_active) / static_cast<double>(p.n_new) : 0.0;
      }
      break;
    }
    case OpKind::rb_terminate: break;
  }
  if (changes) refresh();

  if (op.kind == OpKind::shift && !new_traffic_seen_ && new_active_total_ > 0) {
    new_traffic_seen_ = true;
    if (opt_.trip.kind == Trip::Kind::after_new_traffic)
      sim.schedule_at(now + opt_.trip.at, Ev{EvKind::trip, 0});
  }
  if (op.kind == OpKind::rb_shift && !out_->back_to_old && new_active_total_ == 0)
    out_->back_to_old = now + length;

  cur_active_ = true;
  cur_start_ = now;
  cur_end_ = now + length;
  if (rec_ && rec_->steps) record_rows(op);
  cur_ev_ = sim.schedule(length, Ev{EvKind::op_end, cur_});
}

void SimulationWorkspace::Impl::end_op(const Op& op) {
  switch (op.kind) {
    case OpKind::terminate:
      advance();
      for (auto& s : st) {
        s.old_running -= s.pending;
        s.old_active = std::min(s.old_active, s.old_running);
        s.pending = 0;
      }
      refresh();
      break;
    case OpKind::rb_terminate:
      advance();
      for (auto& s : st) {
        s.new_running -= s.pending;
        s.new_left -= s.pending;
        s.new_active = std::min(s.new_active, s.new_running);
        s.pending = 0;
      }
      refresh();
      break;
    default: break;
  }
}

bool SimulationWorkspace::Impl::in_bake_now() const noexcept {
  if (!cur_active_ || in_rollback_ || cur_ < 0) return false;
  if (current().kind != OpKind::bake) return false;
  const SimTime now = sim.now();
  return now < cur_end_ || now == cur_start_;
}

bool SimulationWorkspace::Impl::past_last_bake() const noexcept {
  if (last_bake_op_ < 0) return true;
  if (cur_ > last_bake_op_) return true;
  if (cur_ == last_bake_op_) return !cur_active_ || !in_bake_now();
  return false;
}

void SimulationWorkspace::Impl::on_trip() {
  if (in_rollback_ || !watched_) return;
  if (past_last_bake()) return;  // after the last bake: does nothing (Precise reading 4)
  if (in_bake_now() || in_->assumptions.alarms_outside_bake) {
    begin_rollback(Outcome::rolled_back);
  } else {
    trip_pending_ = true;  // applies at the start of the next bake
  }
}

void SimulationWorkspace::Impl::on_timeout() {
  if (in_rollback_) return;
  // An operation ending exactly at X is complete (Precise reading 9).
  if (cur_active_ && cur_end_ == sim.now()) {
    sim.cancel(cur_ev_);
    cur_active_ = false;
    const Op& op = current();
    end_op(op);
    close_rows();
    if (static_cast<std::size_t>(cur_) + 1 >= ops.size()) {
      ++cur_;
      finish(Outcome::succeeded);
      return;
    }
  }
  begin_rollback(Outcome::timed_out);
}

void SimulationWorkspace::Impl::on_rollback_fault() {
  if (!in_rollback_) return;
  // As for the timeout: an operation ending exactly now is complete; if that completes the
  // rollback, the rollback succeeded.
  if (cur_active_ && cur_end_ == sim.now()) {
    sim.cancel(cur_ev_);
    cur_active_ = false;
    end_op(current());
    close_rows();
    if (static_cast<std::size_t>(cur_) + 1 >= rb_ops.size()) {
      ++cur_;
      finish(rb_cause_);
      return;
    }
  } else if (cur_active_) {
    sim.cancel(cur_ev_);
    cur_active_ = false;
    close_rows();
  }
  finish(Outcome::update_rollback_failed);
}

void SimulationWorkspace::Impl::begin_rollback(Outcome cause) {
  const SimTime now = sim.now();
  if (cur_active_) {  // abandon the operation in flight
    sim.cancel(cur_ev_);
    cur_active_ = false;
    close_rows();
  }
  advance();
  for (auto& s : st) s.pending = 0;  // in-flight provisions already count; terminations still count
  in_rollback_ = true;
  rb_cause_ = cause;
  out_->rollback_start = now;
  if (cause == Outcome::rolled_back) out_->trip_applied_at = now;
  out_->rollback_peak_instances = running_;
  if (in_->rollback_fault && in_->policy.strategy == Strategy::rolling)
    sim.schedule_at(now + *in_->rollback_fault, Ev{EvKind::rollback_fault, 0});
  build_rollback_ops();
  cur_ = -1;
  start_next();
}

void SimulationWorkspace::Impl::build_rollback_ops() {
  rb_ops.clear();
  const SimTime A = in_->timing.activation;
  if (in_->policy.strategy != Strategy::rolling) {
    for (auto& s : st) s.new_left = s.new_running;
    rb_ops.push_back(Op{OpKind::rb_shift, ShiftKind::none, false, false, 1, A});
    rb_ops.push_back(Op{OpKind::rb_terminate, ShiftKind::none, false, false, 1, 0});
    rb_steps_ = 1;
    return;
  }
  // Precise reading 11: m = ceil(new running / R) (and enough steps to bring every missing old
  // instance back); step j provisions min(R, missing) old (skipped when 0 for every variant),
  // always spends A, then D terminating min(R, new left).
  int m = 0;
  for (std::size_t i = 0; i < st.size(); ++i) {
    auto& s = st[i];
    const auto& p = plan[i];
    s.missing = std::max(0, p.n_old - s.old_running);
    s.new_left = s.new_running;
    m = std::max({m, ceil_div(s.new_left, p.rb_batch), ceil_div(s.missing, p.rb_batch)});
  }
  rb_steps_ = m;
  for (int j = 1; j <= m; ++j) {
    bool any = false;
    for (std::size_t i = 0; i < st.size(); ++i) {
      const std::int64_t before = static_cast<std::int64_t>(j - 1) * plan[i].rb_batch;
      if (st[i].missing > before) any = true;
    }
    if (any) rb_ops.push_back(Op{OpKind::rb_provision, ShiftKind::none, false, false, j, 0});
    rb_ops.push_back(Op{OpKind::rb_shift, ShiftKind::none, false, false, j, A});
    rb_ops.push_back(Op{OpKind::rb_terminate, ShiftKind::none, false, false, j, 0});
  }
}

void SimulationWorkspace::Impl::finish(Outcome outcome) {
  advance();
  finished_ = true;
  const SimTime now = sim.now();
  auto& o = *out_;
  o.outcome = outcome;
  o.duration = now;
  o.instance_seconds = static_cast<double>(inst_ms_) / 1000.0;
  o.extra_instance_seconds =
      o.instance_seconds - static_cast<double>(n_old_total_) * to_seconds(now);
  o.cost_usd = cost_;
  o.extra_cost_usd = cost_ - steady_cost_rate_ * static_cast<double>(now);
  o.exposure_traffic_s = exposure_ms_ / 1000.0;
  o.escaped = opt_.trip.kind != Trip::Kind::none && outcome == Outcome::succeeded &&
              !o.trip_applied_at;
  if (rec_ && rec_->steps) {
    const auto& in = *in_;
    for (std::size_t i = 0; i < st.size(); ++i) {
      const auto& s = st[i];
      Step row;
      row.t = now;
      row.end = now;
      row.phase = Phase::done;
      row.variant = in.variants[i].name;
      row.old_running = s.old_running;
      row.old_active = s.old_active;
      row.new_running = s.new_running;
      row.new_active = s.new_active;
      row.new_traffic_pct = 100.0 * s.f * plan[i].w_new;
      row.endpoint_status = "InService";
      switch (outcome) {
        case Outcome::succeeded:
          row.message = "Update complete: endpoint InService on the new endpoint configuration.";
          break;
        case Outcome::rolled_back:
          row.message = fmt::format(
              "Rollback complete (alarm trip at {} s): endpoint InService on the old endpoint "
              "configuration.",
              format_seconds(o.rollback_start.value_or(0)));
          break;
        case Outcome::timed_out:
          row.message = fmt::format(
              "Rollback complete (timeout at {} s): endpoint InService on the old endpoint "
              "configuration.",
              format_seconds(o.rollback_start.value_or(0)));
          break;
        case Outcome::update_rollback_failed:
          row.endpoint_status = "UpdateRollbackFailed";
          row.message = "Rollback failed: endpoint in service with a mix of configurations.";
          break;
      }
      rec_->steps->push_back(std::move(row));
    }
  }
  sim.stop();
}

// --- Recording (simulate() only) --------------------------------------------------------------

void SimulationWorkspace::Impl::record_rows(const Op& op) {
  auto& steps = *rec_->steps;
  const auto& in = *in_;
  const bool rolling = in.policy.strategy == Strategy::rolling;
  cur_rows_ = steps.size();
  for (std::size_t i = 0; i < st.size(); ++i) {
    const auto& p = plan[i];
    const auto& s = st[i];
    Step row;
    row.t = cur_start_;
    row.end = cur_end_;
    row.variant = in.variants[i].name;
    row.old_running = s.old_running;
    row.old_active = s.old_active;
    row.new_running = s.new_running;
    row.new_active = s.new_active;
    row.new_traffic_pct = 100.0 * s.f * p.w_new;
    row.endpoint_status = "Updating";
    const SimTime length = cur_end_ - cur_start_;
    switch (op.kind) {
      case OpKind::provision:
        row.phase = Phase::provision;
        row.message = fmt::format("Launching {} instance(s).", s.pending);
        break;
      case OpKind::shift:
        row.phase = Phase::shift;
        if (p.n_new == 0)
          row.message = op.shift == ShiftKind::full
                            ? fmt::format("Deactivating traffic on the old fleet of {} instance(s) "
                                          "(variant not in the new endpoint configuration).",
                                          s.old_running)
                            : std::string("No new instance(s) in this variant.");
        else if (op.shift == ShiftKind::canary)
          row.message =
              fmt::format("Activating traffic on canary capacity of {} instance(s).", s.new_active);
        else if (op.shift == ShiftKind::full || s.new_active == p.n_new)
          row.message =
              fmt::format("Activating traffic on full capacity of {} instance(s).", p.n_new);
        else
          row.message = fmt::format("Activating traffic on {} of {} instance(s) ({} {} of {}).",
                                    s.new_active, p.n_new, rolling ? "batch" : "step", op.k,
                                    n_steps_);
        break;
      case OpKind::bake: {
        row.phase = Phase::bake;
        std::string cap;
        if (p.n_new == 0)
          cap = fmt::format("the old fleet of {} instance(s)", s.old_active);
        else if (op.final_bake || s.new_active == p.n_new)
          cap = fmt::format("full capacity of {} instance(s)", p.n_new);
        else if (in.policy.strategy == Strategy::canary)
          cap = fmt::format("canary capacity of {} instance(s)", s.new_active);
        else
          cap = fmt::format("{} of {} instance(s)", s.new_active, p.n_new);
        row.message = fmt::format("Baking for {} seconds ({}) with traffic enabled on {}.",
                                  format_seconds(length),
                                  op.final_bake ? "TerminationWaitInSeconds"
                                                : "WaitIntervalInSeconds",
                                  cap);
        break;
      }
      case OpKind::terminate:
        row.phase = Phase::terminate;
        row.message = fmt::format("Terminating {} instance(s).", s.pending);
        break;
      case OpKind::rb_provision:
        row.phase = Phase::rollback;
        row.message = fmt::format("Rolling back: launching {} instance(s) on the old fleet "
                                  "(step {} of {}).",
                                  s.pending, op.k, rb_steps_);
        break;
      case OpKind::rb_shift:
        row.phase = Phase::rollback;
        if (!rolling)
          row.message = fmt::format(
              "Rolling back: shifting all traffic back to the old fleet of {} instance(s).",
              s.old_running);
        else if (s.new_active == 0)
          row.message = fmt::format(
              "Rolling back: activating traffic on the old fleet of {} instance(s) (step {} of {}).",
              s.old_active, op.k, rb_steps_);
        else
          row.message = fmt::format(
              "Rolling back: moving traffic to {} old instance(s), {} new instance(s) still "
              "serving (step {} of {}).",
              s.old_active, s.new_active, op.k, rb_steps_);
        break;
      case OpKind::rb_terminate:
        row.phase = Phase::rollback;
        row.message = fmt::format("Rolling back: terminating {} instance(s) on the new fleet.",
                                  s.pending);
        break;
    }
    steps.push_back(std::move(row));
  }
}

void SimulationWorkspace::Impl::close_rows() {
  if (!rec_ || !rec_->steps) return;
  auto& steps = *rec_->steps;
  for (std::size_t i = cur_rows_; i < steps.size(); ++i) steps[i].end = sim.now();
  cur_rows_ = steps.size();
}

// --- Accounting ------------------------------------------------------------------------------

void SimulationWorkspace::Impl::advance() {
  if (rec_ && rec_->success_path && !in_rollback_ && ops_done_ > seg_first_) {
    // Operations [seg_first_, ops_done_) elapsed with the current state in force.
    auto& path = *rec_->success_path;
    SuccessPath::Segment seg;
    seg.first_draw = static_cast<std::uint32_t>(path.draws.size());
    for (std::uint32_t i = seg_first_; i < ops_done_; ++i) {
      const auto& [length, drawn] = traced_ops_[i];
      if (drawn)
        path.draws.push_back(*drawn);
      else
        seg.fixed_length += length;
    }
    seg.end_draw = static_cast<std::uint32_t>(path.draws.size());
    seg.running = running_;
    seg.cost_rate = cost_rate_;
    seg.traffic = traffic_;
    path.segments.push_back(seg);
    seg_first_ = ops_done_;
  }
  const SimTime now = sim.now();
  const SimTime dt = now - last_t_;
  if (dt > 0) {
    inst_ms_ += static_cast<std::int64_t>(running_) * dt;
    cost_ += cost_rate_ * static_cast<double>(dt);
    exposure_ms_ += traffic_ * static_cast<double>(dt);
    last_t_ = now;
  }
}

void SimulationWorkspace::Impl::refresh() {
  int running = 0;
  int serving = 0;
  int new_active = 0;
  double traffic = 0.0;
  double rate = 0.0;
  const detail::VState* s = st.data();
  const detail::VPlan* p = plan.data();
  const detail::VState* const s_end = s + st.size();
  if (aws_note_) {
    for (; s != s_end; ++s, ++p) {
      running += s->old_running + s->new_running;
      serving += s->old_active + s->new_active;
      new_active += s->new_active;
      traffic += s->f * p->w_new;
      rate += s->f >= 1.0 ? static_cast<double>(s->new_running) * p->price_new
                          : static_cast<double>(s->old_running) * p->price_old;
    }
  } else {
    for (; s != s_end; ++s, ++p) {
      running += s->old_running + s->new_running;
      serving += s->old_active + s->new_active;
      new_active += s->new_active;
      traffic += s->f * p->w_new;
      rate += static_cast<double>(s->old_running) * p->price_old +
              static_cast<double>(s->new_running) * p->price_new;
    }
  }
  running_ = running;
  serving_ = serving;
  new_active_total_ = new_active;
  traffic_ = traffic;
  cost_rate_ = rate;
  auto& o = *out_;
  if (running > o.peak_instances) o.peak_instances = running;
  if (serving < o.min_serving_instances) o.min_serving_instances = serving;
  if (in_rollback_ && running > o.rollback_peak_instances) o.rollback_peak_instances = running;
  if (rec_ && rec_->timeline) record_point();
}

void SimulationWorkspace::Impl::record_point() {
  TimelinePoint pt;
  pt.t = sim.now();
  for (const auto& v : st) {
    pt.old_running += v.old_running;
    pt.old_active += v.old_active;
    pt.new_running += v.new_running;
    pt.new_active += v.new_active;
  }
  pt.new_traffic_pct = 100.0 * traffic_;
  auto& tl = *rec_->timeline;
  if (tl.empty() || tl.back().old_running != pt.old_running ||
      tl.back().old_active != pt.old_active || tl.back().new_running != pt.new_running ||
      tl.back().new_active != pt.new_active || tl.back().new_traffic_pct != pt.new_traffic_pct)
    tl.push_back(pt);
}

}  // namespace shiftsim
