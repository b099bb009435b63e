// simulate(), simulate_figures(), planned_bakes(): the public face of the engine. The runs
// themselves happen in simulate_engine.cpp (one code path for both entry points).
#include "shiftsim/simulate.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/pricing.hpp"
#include "input_check.hpp"
#include "run/executor.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>

namespace shiftsim {

namespace {

using detail::Recorder;
using detail::RunOptions;

void warn(Diagnostics& out, const char* code, std::string path, std::string rule,
          std::string value, std::string message) {
  out.push_back(Diagnostic{Severity::warning, code, std::move(path), std::move(rule),
                           std::move(value), std::move(message)});
}

/// W_TRIP_AFTER_LAST_BAKE's sentence, naming the fault as it was given: an injected trip (at a
/// bake, at a time) or a bad version's alarm (a detection delay after first traffic).
std::string trip_after_last_bake_text(const Trip& trip, std::size_t bakes) {
  constexpr const char* kUnwatched = "when SageMaker no longer watches the alarms";
  switch (trip.kind) {
    case Trip::Kind::at_bake:
      return fmt::format("The injected alarm trip at bake {} does nothing: the update has {} "
                         "bake(s), and after the last one SageMaker no longer watches the alarms.",
                         trip.bake, bakes);
    case Trip::Kind::after_new_traffic:
      return fmt::format("The bad version's alarm, {} s after it first takes traffic, fires after "
                         "the last bake, {}: the update completes with the bad version in service.",
                         format_seconds(trip.at), kUnwatched);
    default:
      return fmt::format("The injected alarm trip at {} s does nothing: it falls after the last "
                         "bake, {}.", format_seconds(trip.at), kUnwatched);
  }
}

/// The fault as it was given, to start W_TRIP_IGNORED's sentence: an injected trip, or a bad
/// version's alarm (--detection-delay-s, a Monte Carlo's bad version).
const char* fault_text(const Trip& trip) {
  return trip.kind == Trip::Kind::after_new_traffic ? "The bad version's alarm"
                                                    : "The injected alarm trip";
}

std::string pct(double v) {
  std::string s = fmt::format("{:.1f}", v);
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

/// W_PERCENT_ROUNDING: a CAPACITY_PERCENT whose rounded instance count is not the requested share.
void check_rounding(const SimulationInput& in, Diagnostics& w) {
  const auto& pol = in.policy;
  struct Field {
    const std::optional<CapacitySize>* cs;
    const char* name;
    const char* path;
  };
  Field fields[2] = {{nullptr, "", ""}, {nullptr, "", ""}};
  switch (pol.strategy) {
    case Strategy::all_at_once: break;
    case Strategy::canary:
      fields[0] = {&pol.step, "CanarySize",
                   "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize."
                   "Value"};
      break;
    case Strategy::linear:
      fields[0] = {&pol.step, "LinearStepSize",
                   "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration."
                   "LinearStepSize.Value"};
      break;
    case Strategy::rolling:
      fields[0] = {&pol.step, "MaximumBatchSize",
                   "DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value"};
      fields[1] = {&pol.rollback_batch, "RollbackMaximumBatchSize",
                   "DeploymentConfig.RollingUpdatePolicy.RollbackMaximumBatchSize.Value"};
      break;
  }
  for (const auto& f : fields) {
    if (!f.cs || !*f.cs || (*f.cs)->type != CapacityType::capacity_percent) continue;
    const auto& cs = **f.cs;
    for (const auto& v : in.variants) {
      if (v.n_new <= 0) continue;
      const int k = capacity_to_instances(cs, v.n_new, in.assumptions.rounding);
      if (static_cast<std::int64_t>(k) * 100 == cs.value * v.n_new) continue;
      const double actual = 100.0 * static_cast<double>(k) / static_cast<double>(v.n_new);
      warn(w, warning_code::percent_rounding, f.path,
           fmt::format("rounding={}", to_string(in.assumptions.rounding)),
           fmt::format("{}", cs.value),
           fmt::format("{} {}% of {} instance(s) in variant '{}' rounds ({}) to {} instance(s) = "
                       "{}% of the fleet.",
                       f.name, cs.value, v.n_new, v.name, to_string(in.assumptions.rounding), k,
                       pct(actual)));
    }
  }
}

/// W_STEPS_COLLAPSE: two consecutive traffic shifts of a variant with the same traffic.
void check_collapse(const SimulationInput& in, const std::vector<Step>& planned,
                    Diagnostics& w) {
  for (const auto& v : in.variants) {
    const Step* prev = nullptr;
    int index = 0;
    for (const auto& s : planned) {
      if (s.phase != Phase::shift || s.variant != v.name) continue;
      ++index;
      if (prev && prev->new_active == s.new_active &&
          prev->new_traffic_pct == s.new_traffic_pct && v.n_new > 0) {
        warn(w, warning_code::steps_collapse, "DeploymentConfig", "steps must move traffic",
             fmt::format("{}", s.new_active),
             fmt::format("Variant '{}': traffic shifts {} and {} both put {} of {} new instance(s) "
                         "in service ({}% of endpoint traffic); the later step moves no traffic "
                         "but still costs a shift{}.",
                         v.name, index - 1, index, s.new_active, v.n_new, pct(s.new_traffic_pct),
                         in.policy.strategy == Strategy::canary ? " and a bake" : ""));
        break;
      }
      prev = &s;
    }
  }
}

void engine_warnings(const SimulationInput& in, const SimulationResult& r,
                     const std::vector<Step>& planned_steps, SimTime planned_duration,
                     int planned_peak, Diagnostics& w) {
  const auto& pol = in.policy;
  SimTime waits = 0;
  for (const auto& b : r.bakes) waits += b.end - b.start;

  const std::optional<SimTime> timeout = timeout_in_force(in);
  if (pol.timeout && !timeout) {
    // fallback_timeout=ignored under an exclusion fallback: W_FALLBACK_ALL_AT_ONCE says so.
  } else if (!pol.timeout) {
    warn(w, warning_code::no_timeout, "MaximumExecutionTimeoutInSeconds", "should be set", "null",
         "No MaximumExecutionTimeoutInSeconds: the simulation applies no timeout.");
  } else {
    const SimTime x = *timeout;
    if (x < planned_duration)
      warn(w, warning_code::timeout_short, "MaximumExecutionTimeoutInSeconds",
           fmt::format("must be >= planned duration {} s", format_seconds(planned_duration)),
           format_seconds(x),
           fmt::format("MaximumExecutionTimeoutInSeconds {} s is shorter than the planned duration "
                       "{} s: the update times out and rolls back.",
                       format_seconds(x), format_seconds(planned_duration)));
    if (x <= waits)
      warn(w, warning_code::timeout_le_waits, "MaximumExecutionTimeoutInSeconds",
           fmt::format("must be > total bake time {} s", format_seconds(waits)),
           format_seconds(x),
           fmt::format("MaximumExecutionTimeoutInSeconds {} s is not larger than the total waiting "
                       "time of the bakes ({} s), as AWS requires.",
                       format_seconds(x), format_seconds(waits)));
  }
  check_rounding(in, w);
  check_collapse(in, planned_steps, w);
  if (pol.alarms.empty()) {
    warn(w, warning_code::no_alarms, "AutoRollbackConfiguration.Alarms", "should name alarms",
         "[]",
         "No CloudWatch alarms: bakes are plain waits and nothing rolls the update back "
         "automatically.");
  } else if (!pol.fallback) {  // under a fallback the alarms roll nothing back (A4)
    for (const auto& alarm : pol.alarms) {
      if (!alarm.time_to_alarm) continue;
      bool wait_done = false;
      bool final_done = false;
      for (const auto& b : r.bakes) {
        bool& done = b.final ? final_done : wait_done;
        const SimTime len = b.end - b.start;
        if (done || len >= *alarm.time_to_alarm) continue;
        done = true;
        warn(w, warning_code::bake_shorter_than_alarm, "AutoRollbackConfiguration.Alarms",
             fmt::format("bake >= time to ALARM {} s", format_seconds(*alarm.time_to_alarm)),
             format_seconds(len),
             fmt::format("Bake of {} s ({}) is shorter than alarm '{}' needs to reach ALARM "
                         "({} s = Period x EvaluationPeriods): a fault may not be caught in it.",
                         format_seconds(len),
                         b.final ? "TerminationWaitInSeconds" : "WaitIntervalInSeconds",
                         alarm.name, format_seconds(*alarm.time_to_alarm)));
      }
    }
  }
  if (in.instance_quota) {
    int worst_rollback = 0;
    for (const auto& e : r.rollback_if_trip) worst_rollback = std::max(worst_rollback, e.peak_instances);
    const int peak = std::max(planned_peak, r.summary.peak_instances);
    if (peak > *in.instance_quota)
      warn(w, warning_code::quota_exceeded, "instance_quota",
           fmt::format("peak must be <= {}", *in.instance_quota), fmt::format("{}", peak),
           fmt::format("Peak of {} running instance(s) exceeds the instance quota of {}.", peak,
                       *in.instance_quota));
    else if (worst_rollback > *in.instance_quota)
      warn(w, warning_code::quota_exceeded, "instance_quota",
           fmt::format("rollback peak must be <= {}", *in.instance_quota),
           fmt::format("{}", worst_rollback),
           fmt::format("A rollback would peak at {} running instance(s), above the instance "
                       "quota of {}.",
                       worst_rollback, *in.instance_quota));
  }
  if (planned_duration > seconds(3600))
    warn(w, warning_code::waiter_60min, "", "plan <= 3600 s", format_seconds(planned_duration),
         fmt::format("The planned update takes {} s, longer than the 60 minutes `aws sagemaker wait "
                     "endpoint-in-service` waits (120 polls x 30 s): the waiter gives up first.",
                     format_seconds(planned_duration)));
  if (in.trip.kind != Trip::Kind::none) {
    if (pol.alarms.empty())
      warn(w, warning_code::trip_ignored, "trip", "needs AutoRollbackConfiguration.Alarms", "",
           fmt::format("{} does nothing: no CloudWatch alarms are configured, so bakes are plain "
                       "waits (rollback_if_trip still shows what a rollback would cost).",
                       fault_text(in.trip)));
    else if (pol.fallback)
      warn(w, warning_code::trip_ignored, "trip", "guardrails do not apply under a fallback", "",
           fmt::format("{} does nothing: SageMaker runs this update as its exclusion fallback "
                       "(ALL_AT_ONCE, no bake), where alarms do not roll it back "
                       "(rollback_if_trip still shows what a rollback would cost).",
                       fault_text(in.trip)));
    else if (r.outcome == Outcome::succeeded && !r.trip_applied_at)
      warn(w, warning_code::trip_after_last_bake, "trip", "must fall before the last bake ends",
           "", trip_after_last_bake_text(in.trip, r.bakes.size()));
  }
  for (const auto& v : in.variants) {
    if (!v.old_serverless && !v.new_serverless) continue;
    const char* side = v.old_serverless && v.new_serverless ? "before and after the update"
                       : v.new_serverless                   ? "in the new endpoint config"
                                                            : "in the current endpoint config";
    warn(w, warning_code::serverless_not_priced, "ProductionVariants",
         "serverless capacity is not instance-priced", fmt::format("\"{}\"", v.name),
         fmt::format("Variant '{}' is serverless {}: it has no instances (0 in running, peak and "
                     "serving) and its cost (billed per request and compute time) is left out of "
                     "cost_usd.",
                     v.name, side));
  }
}

}  // namespace

RunFigures simulate_figures(const SimulationInput& input, SimulationWorkspace& ws) {
  detail::check_input(input);
  RunFigures out;
  ws.impl().run(input, RunOptions{input.trip, true, false}, nullptr, out);
  return out;
}

std::vector<Bake> planned_bakes(const SimulationInput& input) {
  detail::check_input(input);
  std::vector<VariantSizes> sizes;
  variant_sizes(input, sizes);
  Schedule schedule;
  success_schedule(input, sizes, schedule);
  detail::OperationTimer timer;
  timer.bind(input);
  std::vector<Bake> bakes;
  SimTime t = 0;
  for (const Operation& op : schedule.ops) {
    const SimTime length = op.timed() ? timer.success(schedule, op) : op.length;
    if (op.kind == OpKind::bake)
      bakes.push_back(Bake{static_cast<int>(bakes.size()) + 1, t, t + length, op.final_bake});
    t += length;
  }
  return bakes;
}

SimulationResult simulate(const SimulationInput& input) {
  detail::check_input(input);
  SimulationWorkspace ws;
  auto& engine = ws.impl();
  SimulationResult r;
  r.strategy = input.policy.strategy;

  // 1. The planned success path: no trip, no timeout. Its bakes are the numbered bakes.
  r.bakes = planned_bakes(input);
  std::vector<Step> planned_steps;
  Recorder planned_rec;
  planned_rec.steps = &planned_steps;
  RunFigures planned;
  engine.run(input, RunOptions{Trip{}, false, false}, &planned_rec, planned);

  // 2. The run itself: the injected trip and the timeout in force.
  Recorder rec;
  rec.steps = &r.steps;
  rec.timeline = &r.timeline;
  RunFigures fig;
  engine.run(input, RunOptions{input.trip, true, false}, &rec, fig);
  r.outcome = fig.outcome;
  r.trip_applied_at = fig.trip_applied_at;
  auto& s = r.summary;
  s.duration = fig.duration;
  s.peak_instances = fig.peak_instances;
  s.min_serving_instances = fig.min_serving_instances;
  s.instance_seconds = fig.instance_seconds;
  s.extra_instance_seconds = fig.extra_instance_seconds;
  s.billed_instance_seconds = fig.billed_instance_seconds;
  s.cost_usd = fig.cost_usd;
  s.extra_cost_usd = fig.extra_cost_usd;
  s.exposure_traffic_s = fig.exposure_traffic_s;
  s.escaped = fig.escaped;
  s.timeout = timeout_in_force(input);
  if (s.timeout) s.timeout_margin = *s.timeout - s.duration;

  // 3. What a trip at the start of each planned bake would cost (Precise reading 13): X in
  //    force, alarms assumed present so the rollback is shown even with none configured.
  for (const auto& b : r.bakes) {
    RunFigures f;
    engine.run(input, RunOptions{Trip{Trip::Kind::at_bake, b.number, 0}, true, true}, nullptr, f);
    RollbackIfTrip e;
    e.bake = b.number;
    e.bake_start = b.start;
    e.bake_end = b.end;
    e.outcome = f.outcome;
    const SimTime from = f.rollback_start.value_or(f.duration);
    e.rollback_duration = f.duration - from;
    e.back_to_old = f.back_to_old ? *f.back_to_old - from : e.rollback_duration;
    e.extra_instance_seconds = f.extra_instance_seconds;
    e.total_cost_usd = f.cost_usd;
    e.extra_cost_usd = f.extra_cost_usd;
    e.peak_instances = f.rollback_peak_instances;
    r.rollback_if_trip.push_back(e);
  }

  engine_warnings(input, r, planned_steps, planned.duration, planned.peak_instances, r.warnings);
  r.assumptions = assumption_values(input);
  r.unpriced_types = unpriced_types(input);
  return r;
}

}  // namespace shiftsim
