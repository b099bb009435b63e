// Trials of the Monte Carlo: the success schedule's draws in bulk, false alarms and the bad
// version (trial_sampler.hpp).
#include "shiftsim/trial_sampler.hpp"

#include "input_check.hpp"

#include <algorithm>
#include <cmath>

namespace shiftsim {

TrialPlan make_trial_plan(const SimulationInput& base, std::shared_ptr<const StochasticModel> model,
                          std::uint64_t seed) {
  detail::check_input(base);
  TrialPlan plan;
  plan.base = base;
  plan.base.trip = Trip{};
  plan.base.draws = TimingDraws{TimingDraws::Mode::trial, model, seed, 0, {}};
  plan.model = std::move(model);
  plan.seed = seed;
  const StochasticModel& m = *plan.model;

  std::vector<VariantSizes> sizes;
  variant_sizes(plan.base, sizes);
  Schedule& schedule = plan.schedule;
  success_schedule(plan.base, sizes, schedule);
  // One sampler (and table) per distinct (distribution, k), shared by every operation using it.
  std::vector<BatchSampler> cache;
  auto sampler_for = [&cache](const DurationDist& d, int k) {
    for (const auto& s : cache)
      if (s.same_as(d, k)) return s;
    cache.emplace_back(d, k);
    return cache.back();
  };
  for (std::size_t i = 0; i < schedule.ops.size(); ++i) {
    const Operation& op = schedule.ops[i];
    if (op.timed()) {
      TrialPlan::TimedOp t;
      t.provision = op.timer == Timer::provision;
      t.stream = t.provision ? DrawStream::provision : DrawStream::terminate;
      t.draw_index = static_cast<std::uint32_t>(op.draw_index);
      t.first_drawn = static_cast<std::uint32_t>(plan.drawn.size());
      for (const OpPart& part : schedule.parts_of(op)) {
        const std::string_view type = instance_type(plan.base, part);
        const DurationDist& d =
            t.provision ? provision_dist_for(m, type) : terminate_dist_for(m, type);
        const auto index = static_cast<std::uint32_t>(t.draw_index * 64 + t.parts.size());
        t.parts.push_back(sampler_for(d, part.instances));
        const BatchSampler& s = t.parts.back();
        if (s.fixed())
          t.floor = std::max(t.floor, s(0.5));
        else
          plan.drawn.push_back(TrialPlan::DrawnPart{draw_counter(t.stream, index), s});
      }
      t.end_drawn = static_cast<std::uint32_t>(plan.drawn.size());
      t.has_parts = !t.parts.empty();
      if (!t.has_parts)
        t.floor = t.provision ? plan.base.timing.provision : plan.base.timing.terminate;
      t.draws_retries =
          t.has_parts && t.provision && m.retry_probability > 0.0 && m.max_retries > 0;
      t.retry_counter = draw_counter(DrawStream::retry, t.draw_index);
      plan.timed.push_back(std::move(t));
    }
    if (op.kind == OpKind::bake && op.length > 0) plan.eligible_bakes.push_back(static_cast<int>(i));
    if (op.kind == OpKind::shift && plan.first_traffic_op < 0)
      for (const OpPart& part : schedule.parts_of(op))
        if (part.instances > 0) plan.first_traffic_op = static_cast<int>(i);
  }

  if (m.bad_version) {
    if (m.detection_delay) {
      if (m.detection_delay->kind == DurationDist::Kind::fixed)
        plan.fixed_detection_delay = m.detection_delay->fixed;
    } else {
      std::optional<SimTime> best;
      for (const auto& a : base.policy.alarms)
        if (a.time_to_alarm && (!best || *a.time_to_alarm < *best)) best = a.time_to_alarm;
      plan.fixed_detection_delay = best.value_or(seconds(300));
    }
  }
  plan.retries = m.retry_probability > 0.0 && m.max_retries > 0;
  if (plan.retries) plan.log_retry_probability = std::log(m.retry_probability);
  if (m.false_trip_per_bake > 0.0 && !plan.eligible_bakes.empty())
    plan.no_false_alarm_below =
        std::exp(static_cast<double>(plan.eligible_bakes.size()) *
                 std::log1p(-m.false_trip_per_bake)) *
        (1.0 - 1e-9);
  plan.base.draws.success.resize(plan.timed.size());
  return plan;
}

SimTime op_start(const TrialPlan& plan, const std::vector<SimTime>& success, int op) noexcept {
  SimTime t = 0;
  for (int i = 0; i < op; ++i) {
    const Operation& o = plan.schedule.ops[static_cast<std::size_t>(i)];
    t += o.timed() ? success[static_cast<std::size_t>(o.slot)] : o.length;
  }
  return t;
}

namespace {

constexpr std::uint64_t kFalseAlarmBake = draw_counter(DrawStream::false_alarm_bake, 0);
constexpr std::uint64_t kFalseAlarmOffset = draw_counter(DrawStream::false_alarm_offset, 0);

/// Durations of the success schedule's timed operations: the slowest part of each (each drawn
/// part with its own key), plus capacity retries for provisioning.
void draw_success(const TrialPlan& plan, std::uint64_t key, std::vector<SimTime>& out) {
  const auto& m = *plan.model;
  const TrialPlan::DrawnPart* const drawn = plan.drawn.data();
  for (std::size_t slot = 0; slot < plan.timed.size(); ++slot) {
    const auto& t = plan.timed[slot];
    SimTime d = t.floor;
    for (std::uint32_t i = t.first_drawn; i < t.end_drawn; ++i)
      d = std::max(d, drawn[i].sampler(counter_uniform(key, drawn[i].counter)));
    if (t.draws_retries) {
      const double u = counter_uniform(key, t.retry_counter);
      const double r = std::floor(std::log(u) / plan.log_retry_probability);
      const int n = r >= static_cast<double>(m.max_retries) ? m.max_retries : static_cast<int>(r);
      d += static_cast<SimTime>(n) * m.retry_delay;
    }
    out[slot] = d;
  }
}

/// When this trial's false alarm fires (a uniform time inside the first bake of positive length
/// that draws one), if any. `success` holds the trial's drawn durations.
std::optional<SimTime> false_alarm_time(const TrialPlan& plan, std::uint64_t key,
                                        const std::vector<SimTime>& success) {
  const double p = plan.model->false_trip_per_bake;
  if (p <= 0.0 || plan.eligible_bakes.empty()) return std::nullopt;
  // The first eligible bake with a false alarm: geometric over eligible bakes.
  const double u = counter_uniform(key, kFalseAlarmBake);
  if (u < plan.no_false_alarm_below) return std::nullopt;
  const double j = std::floor(std::log(u) / std::log1p(-p));
  if (!(j < static_cast<double>(plan.eligible_bakes.size()))) return std::nullopt;
  const int bake = plan.eligible_bakes[static_cast<std::size_t>(j)];
  const SimTime length = plan.schedule.ops[static_cast<std::size_t>(bake)].length;
  const double f = counter_uniform(key, kFalseAlarmOffset);
  auto offset = static_cast<SimTime>(std::floor(f * static_cast<double>(length)));
  offset = std::min(offset, length - 1);
  return op_start(plan, success, bake) + offset;
}

}  // namespace

void draw_trial(const TrialPlan& plan, std::uint64_t trial, SimulationInput& input) {
  const auto& m = *plan.model;
  const std::uint64_t key = trial_key(plan.seed, trial);
  input.draws.trial = trial;
  input.draws.success.resize(plan.timed.size());
  draw_success(plan, key, input.draws.success);
  const auto& success = input.draws.success;

  input.trip = Trip{};
  const std::optional<SimTime> false_at = false_alarm_time(plan, key, success);
  if (m.bad_version) {
    SimTime delay = plan.fixed_detection_delay.value_or(0);
    if (!plan.fixed_detection_delay && m.detection_delay)
      delay = batch_quantile(*m.detection_delay, 1,
                             key_uniform(key, DrawStream::detection_delay, 0));
    input.trip.kind = Trip::Kind::after_new_traffic;
    input.trip.at = delay;
    // A false alarm before the real one trips the run first (both are alarm trips; the earlier
    // takes effect). With no new instance taking traffic the real alarm never fires.
    if (false_at && (plan.first_traffic_op < 0 ||
                     *false_at < op_start(plan, success, plan.first_traffic_op) + delay)) {
      input.trip.kind = Trip::Kind::at_time;
      input.trip.at = *false_at;
    }
    return;
  }
  if (false_at) {
    input.trip.kind = Trip::Kind::at_time;
    input.trip.at = *false_at;
  }
}

}  // namespace shiftsim
