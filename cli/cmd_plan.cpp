// `shiftsim plan`: the sweep plus an objective: picks the best DeploymentConfig under the
// limits, explains the choice, and emits its UpdateEndpoint request in any `emit` format.
// Nothing meets the limits: says which limit is impossible and by how much, exit 4.
#include "commands.hpp"
#include "flag_cursor.hpp"
#include "planning_inputs.hpp"
#include "sweep_options.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/emit.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/sweep.hpp"
#include "shiftsim/validate.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <limits>

namespace shiftsim::cli {

namespace {

constexpr const char* kUsage =
    "usage: shiftsim plan [inputs as simulate] [--minimize cost|duration|exposure] [grid]\n"
    "                     [limits] [--format FORMAT] [--request-out FILE]\n"
    "\n"
    "Runs the sweep (see `shiftsim sweep --help`), picks the config that minimises the objective\n"
    "among those meeting every limit (ties: shorter, then cheaper, then less exposed, then grid\n"
    "order), explains why, and emits its UpdateEndpoint request. The request keeps the input\n"
    "request's names, alarms and retention flags; MaximumExecutionTimeoutInSeconds is the one in\n"
    "force (--timeout or the request's), else the P99 completion time of a Monte Carlo of the\n"
    "picked config under the timing model (--trials, --seed) + 10%, rounded up to a minute\n"
    "(600..28800): the value `shiftsim montecarlo` recommends for it. The same Monte Carlo\n"
    "reports the pick's P50/P95/P99 completion, P(rollback) and P(timeout), and warns\n"
    "(W_PLAN_P95_OVER_LIMIT) when its P95 runs past --max-duration.\n"
    "\n"
    "inputs:\n"
    "{}"
    "\n"
    "{}"
    "\n"
    "plan:\n"
    "  --minimize cost|duration|exposure   the objective (default cost)\n"
    "  --format FORMAT          the request's format, as `emit`: {} (default cli-input-json)\n"
    "  --request-out FILE       write only the request to FILE (atomically); stdout keeps the\n"
    "                           explanation\n"
    "  --trials N               Monte Carlo trials of the pick (default 100000)\n"
    "  --seed S                 their seed (default 1)\n"
    "\n"
    "exit codes: 0 ok, 2 invalid input, 3 output not writable, 4 no config meets the limits\n";

std::string format_list() {
  std::string s;
  for (auto n : emit::format_names()) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

aws::CapacitySizeShape shape_of(const CapacitySize& c) {
  return aws::CapacitySizeShape{to_string(c.type), static_cast<std::int32_t>(c.value)};
}

/// The input request with the picked config as its DeploymentConfig.
aws::UpdateEndpointRequest build_plan_request(const aws::UpdateEndpointRequest& base,
                                              const SweepConfig& c, std::int32_t timeout_s,
                                              std::vector<std::string>& notes) {
  aws::UpdateEndpointRequest r = base;
  aws::DeploymentConfig dc;
  if (base.deployment_config) dc.auto_rollback_configuration = base.deployment_config->auto_rollback_configuration;
  if (c.strategy == Strategy::rolling) {
    aws::RollingUpdatePolicy p;
    p.maximum_batch_size = shape_of(*c.step);
    p.wait_interval_in_seconds = c.wait_s;
    p.maximum_execution_timeout_in_seconds = timeout_s;
    if (c.rollback_batch) p.rollback_maximum_batch_size = shape_of(*c.rollback_batch);
    dc.rolling_update_policy = p;
  } else {
    aws::BlueGreenUpdatePolicy p;
    p.traffic_routing_configuration.type = to_string(c.strategy);
    p.traffic_routing_configuration.wait_interval_in_seconds = c.wait_s;
    if (c.strategy == Strategy::canary) p.traffic_routing_configuration.canary_size = shape_of(*c.step);
    if (c.strategy == Strategy::linear)
      p.traffic_routing_configuration.linear_step_size = shape_of(*c.step);
    p.termination_wait_in_seconds = c.termination_wait_s;
    p.maximum_execution_timeout_in_seconds = timeout_s;
    dc.blue_green_update_policy = p;
  }
  r.deployment_config = dc;
  if (r.retain_deployment_config.value_or(false)) {
    r.retain_deployment_config.reset();
    notes.push_back("RetainDeploymentConfig was true in the input request; the planned request "
                    "drops it, or SageMaker would reuse the old DeploymentConfig.");
  }
  return r;
}

}  // namespace

int run_plan(const Args& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::fputs(fmt::format(fmt::runtime(kUsage), planning_inputs_help(), sweep_options_help(),
                             format_list())
                     .c_str(),
                 stdout);
      return kExitOk;
    }
  Args rest;
  PlanningInputs pin = parse_planning_inputs(args, rest);
  SweepCliOptions o = parse_sweep_options(rest, pin.input);
  o.spec.model = pin.model;  // every config at its median trial, as simulate runs it
  Objective objective = Objective::cost;
  emit::Format format = emit::Format::cli_input_json;
  std::optional<std::string> request_out;
  std::uint64_t trials = 100'000;
  std::uint64_t seed = 1;
  for (FlagCursor cursor(o.unused); cursor.next();) {
    const std::string& flag = cursor.flag();
    auto value = [&] { return cursor.value(); };
    if (flag == "--minimize" || flag == "--minimise") {
      const auto v = value();
      if (v == "cost") objective = Objective::cost;
      else if (v == "duration") objective = Objective::duration;
      else if (v == "exposure") objective = Objective::exposure;
      else
        throw_input_error(error_code::enum_value, "--minimize", "one of cost, duration, exposure",
                          fmt::format("\"{}\"", v),
                          fmt::format("--minimize: must be cost, duration or exposure, got '{}'", v));
    } else if (flag == "--format") {
      const auto v = value();
      const auto f = emit::parse_format(v);
      if (!f)
        throw_input_error(error_code::enum_value, "--format", fmt::format("one of {}", format_list()),
                          fmt::format("\"{}\"", v),
                          fmt::format("--format: must be one of {}, got '{}'", format_list(), v));
      format = *f;
    } else if (flag == "--request-out") {
      request_out = value();
    } else if (flag == "--trials") {
      trials = static_cast<std::uint64_t>(parse_int_flag(value(), flag, 1, 10'000'000));
    } else if (flag == "--seed") {
      seed = static_cast<std::uint64_t>(
          parse_int_flag(value(), flag, 0, std::numeric_limits<std::int64_t>::max()));
    } else {
      throw CliUsageError(fmt::format("plan: unknown argument '{}'; see 'shiftsim plan --help'",
                                      cursor.word()));
    }
  }
  std::vector<std::string> notes;
  apply_sweep_overrides(pin.input, o, pin.falls_back_to_all_at_once, notes);
  static_cast<void>(simulate(pin.input));  // input errors surface here, once
  const SweepResult r = run_sweep(pin.input, o.spec, o.limits, o.threads);
  const PlanOutcome plan = choose_plan(r, o.limits, objective);

  if (!plan.pick) {
    std::string text = "shiftsim plan: no configuration meets the limits.\n";
    for (const auto& line : plan.explanation) text += "  " + line + "\n";
    if (o.output == "json") {
      nlohmann::json j;
      j["schema"] = "shiftsim.plan/v1";
      j["feasible"] = false;
      j["configs"] = r.rows.size();
      j["explanation"] = plan.explanation;
      nlohmann::json lim = nlohmann::json::array();
      for (const auto& l : plan.limits) {
        nlohmann::json x{{"flag", l.flag}, {"limit", l.limit}, {"best_alone", l.best_alone},
                         {"impossible", l.impossible}};
        x["best_with_others"] = l.best_with_others ? nlohmann::json(*l.best_with_others) : nlohmann::json();
        lim.push_back(x);
      }
      j["limits"] = lim;
      const std::string out = j.dump(2) + "\n";
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
    std::fwrite(text.data(), 1, text.size(), stderr);
    if (o.out) {
      const bool json = o.out->size() >= 5 && o.out->substr(o.out->size() - 5) == ".json";
      write_file_atomically(*o.out, json ? sweep_json(r, o.limits, true) : sweep_rows_csv(r));
    }
    if (o.report)
      write_sweep_report(*o.report, r, o, pin, "plan", to_string(objective), std::nullopt,
                         plan.explanation, "");
    return kExitNoFeasible;
  }

  const SweepRow& pick = r.rows[*plan.pick];
  std::vector<std::string> explanation = plan.explanation;
  for (const auto& n : notes) explanation.push_back(n);
  // The pick under the timing model: a Monte Carlo of it (the request's timeout in force, if
  // any). It sets the timeout when none is given, and shows the pick's spread and risks.
  MonteCarloOptions mo;
  mo.trials = trials;
  mo.seed = seed;
  mo.threads = o.threads;
  const MonteCarloResult mc = run_montecarlo(apply_config(pin.input, pick.config), pin.model, mo);
  const MonteCarloSummary& ms = mc.summary;
  const bool fixed = has_fixed_timings(pin.model);
  Diagnostics plan_warnings;
  std::int32_t timeout_s = 0;
  nlohmann::json timeout_json;  // where MaximumExecutionTimeoutInSeconds came from
  if (pin.input.policy.timeout) {
    timeout_s = static_cast<std::int32_t>(*pin.input.policy.timeout / kMsPerSecond);
    timeout_json = {{"timeout_s", timeout_s}, {"source", "given"}};
    for (const auto& w : ms.warnings) plan_warnings.push_back(w);
  } else {
    // The recommendation `shiftsim montecarlo` makes for the picked config: P99 completion of
    // the timing model + 10% (with fixed timings every trial equals the planned duration).
    timeout_s = static_cast<std::int32_t>(ms.recommended_timeout_s);
    timeout_json = {{"timeout_s", timeout_s},
                    {"source", "montecarlo"},
                    {"trials", ms.trials},
                    {"seed", ms.seed},
                    {"completion_p50_s", ms.completion_s.p50},
                    {"completion_p99_s", ms.completion_s.p99},
                    {"margin", kTimeoutMargin}};
    if (fixed)
      explanation.push_back(fmt::format(
          "No timeout was given: MaximumExecutionTimeoutInSeconds {} covers the planned {:.0f} s "
          "+ 10% (timings are fixed, so every run takes that long).",
          timeout_s, to_seconds(pick.duration)));
    else
      explanation.push_back(fmt::format(
          "No timeout was given: MaximumExecutionTimeoutInSeconds {} covers the P99 completion "
          "time {:.0f} s + 10% of {} Monte Carlo trials (seed {}) of the picked config; planned "
          "(median timings) {:.0f} s.",
          timeout_s, ms.completion_s.p99, ms.trials, ms.seed, to_seconds(pick.duration)));
    for (const auto& w : ms.warnings)
      if (w.code != warning_code::timeout_below_recommended) plan_warnings.push_back(w);
  }
  if (!fixed || ms.p_rollback > 0.0 || ms.p_timeout > 0.0)
    explanation.push_back(fmt::format(
        "Under the timing model ({} trials, seed {}): completion P50 {:.0f} s, P95 {:.0f} s, "
        "P99 {:.0f} s; P(rollback) {:.2f}%, P(timeout) {:.2f}%.",
        ms.trials, ms.seed, ms.completion_s.p50, ms.completion_s.p95, ms.completion_s.p99,
        100.0 * ms.p_rollback, 100.0 * ms.p_timeout));
  // Sweep and plan rank configs by their median trial (every operation at its median); the
  // median of the whole run can be longer when many skewed operations add up.
  if (ms.completion_s.p50 > 1.1 * to_seconds(pick.duration))
    plan_warnings.push_back(Diagnostic{
        Severity::warning, warning_code::plan_median_timings_optimistic, "timing", "",
        fmt::format("{:.0f}", ms.completion_s.p50),
        fmt::format("Configs were ranked by their median trial (every operation at its median: "
                    "{:.0f} s for the pick), but the Monte Carlo median completion is {:.0f} s: "
                    "the spread of its operations adds up. Check close candidates with "
                    "`shiftsim montecarlo`.",
                    to_seconds(pick.duration), ms.completion_s.p50)});
  if (o.limits.max_duration && ms.completion_s.p95 > to_seconds(*o.limits.max_duration))
    plan_warnings.push_back(Diagnostic{
        Severity::warning, warning_code::plan_p95_over_limit, "--max-duration",
        fmt::format("<= {} s", to_seconds(*o.limits.max_duration)),
        fmt::format("{:.0f}", ms.completion_s.p95),
        fmt::format("The pick meets --max-duration {} s in its median trial ({:.0f} s), but its P95 "
                    "completion under the timing model is {:.0f} s: more than 1 update in 20 "
                    "will run past the limit.",
                    to_seconds(*o.limits.max_duration), to_seconds(pick.duration),
                    ms.completion_s.p95)});
  for (const auto& w : plan_warnings) explanation.push_back(fmt::format("{}: {}", w.code, w.message));
  const nlohmann::json montecarlo_json = {
      {"trials", ms.trials},
      {"seed", ms.seed},
      {"completion_s",
       {{"p50", ms.completion_s.p50}, {"p95", ms.completion_s.p95}, {"p99", ms.completion_s.p99},
        {"max", ms.completion_s.max}}},
      {"duration_s",
       {{"p50", ms.duration_s.p50}, {"p95", ms.duration_s.p95}, {"p99", ms.duration_s.p99}}},
      {"p_rollback", ms.p_rollback},
      {"p_timeout", ms.p_timeout},
      {"cost_usd", {{"mean", ms.cost_usd.mean}, {"p95", ms.cost_usd.p95}}},
      {"recommended_timeout_s", ms.recommended_timeout_s}};
  const aws::UpdateEndpointRequest request =
      build_plan_request(pin.request, pick.config, timeout_s, explanation);
  // The request must pass `validate` before anything is written.
  const auto as_json = emit::render(request, emit::Format::cli_input_json);
  Diagnostics problems = validate_request(as_json.text, aws::Format::json, &pin.fleet, "plan");
  if (has_errors(problems)) {
    Diagnostics errs;
    for (const auto& d : problems)
      if (d.severity == Severity::error) errs.push_back(d);
    throw std::runtime_error(fmt::format("the planned request does not validate: {}: {}",
                                         errs.front().code, errs.front().message));
  }
  const emit::Rendered rendered = emit::render(request, format);

  std::string text;
  if (o.output == "json") {
    nlohmann::json j;
    j["schema"] = "shiftsim.plan/v1";
    j["feasible"] = true;
    j["objective"] = to_string(objective);
    j["configs"] = r.rows.size();
    j["feasible_configs"] = r.feasible;
    j["pick"] = {{"index", *plan.pick},
                 {"config", describe_config(pick.config)},
                 {"strategy", to_string(pick.config.strategy)},
                 {"duration_s", to_seconds(pick.duration)},
                 {"peak_instances", pick.peak},
                 {"cost_usd", pick.cost_usd},
                 {"exposure_traffic_s", pick.exposure_traffic_s},
                 {"escaped", pick.escaped}};
    j["timeout"] = timeout_json;
    j["montecarlo"] = montecarlo_json;
    j["explanation"] = explanation;
    j["format"] = std::string(emit::format_name(format));
    j["request"] = rendered.text;
    nlohmann::json ws = nlohmann::json::array();
    for (const auto& w : plan_warnings) ws.push_back({{"code", w.code}, {"message", w.message}});
    for (const auto& w : rendered.warnings) ws.push_back({{"code", w.code}, {"message", w.message}});
    j["warnings"] = ws;
    text = j.dump(2) + "\n";
  } else {
    for (const auto& line : explanation) text += line + "\n";
    for (const auto& w : rendered.warnings) text += fmt::format("{}: {}\n", w.code, w.message);
    if (!request_out) text += fmt::format("\n# UpdateEndpoint request ({}):\n{}",
                                          emit::format_name(format), rendered.text);
    else text += fmt::format("The request ({}) is in {}.\n", emit::format_name(format), *request_out);
  }
  if (request_out) write_file_atomically(*request_out, rendered.text);
  if (o.out) {
    const bool json = o.out->size() >= 5 && o.out->substr(o.out->size() - 5) == ".json";
    write_file_atomically(*o.out, json ? sweep_json(r, o.limits, true) : sweep_rows_csv(r));
  }
  if (o.report)
    write_sweep_report(*o.report, r, o, pin, "plan", to_string(objective), plan.pick, explanation,
                       rendered.text);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace shiftsim::cli
