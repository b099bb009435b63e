// `shiftsim plan`: the sweep plus an objective: picks the best DeploymentConfig under the
// limits, explains the choice, and emits its UpdateEndpoint request in any `emit` format.
// Nothing meets the limits: says which limit is impossible and by how much, exit 4. The plan
// itself is the engine's (shiftsim/plan.hpp); this file parses flags and renders.
#include "commands.hpp"
#include "flag_cursor.hpp"
#include "planning_inputs.hpp"
#include "report/plan_report.hpp"
#include "sweep_options.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/emit.hpp"
#include "shiftsim/plan.hpp"

#include <fmt/core.h>

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
    "  --resource-name NAME     with --format cloudformation[-json] or terraform: a complete\n"
    "                           template / aws_sagemaker_endpoint resource (as `emit`)\n"
    "  --allow-provider-reject  terraform: write a timeout above 14400 s anyway\n"
    "  --trials N               Monte Carlo trials of the pick (default 100000)\n"
    "  --seed S                 their seed (default 1)\n"
    "\n"
    "exit codes: 0 ok, 2 invalid input, 3 output not writable, 4 no config meets the limits\n";

std::string format_list() {
  std::string s;
  for (auto n : emit::format_names()) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

/// plan's own flags.
struct PlanFlags {
  Objective objective = Objective::cost;
  emit::Format format = emit::Format::cli_input_json;
  std::optional<std::string> request_out;
  std::optional<emit::ResourceOptions> resource;  ///< --resource-name: a complete resource
  bool allow_provider_reject = false;
  std::uint64_t trials = 100'000;
  std::uint64_t seed = 1;
};

Objective parse_objective(const std::string& v) {
  if (v == "cost") return Objective::cost;
  if (v == "duration") return Objective::duration;
  if (v == "exposure") return Objective::exposure;
  throw_input_error(error_code::enum_value, "--minimize", "one of cost, duration, exposure",
                    fmt::format("\"{}\"", v),
                    fmt::format("--minimize: must be cost, duration or exposure, got '{}'", v));
}

emit::Format parse_format(const std::string& v) {
  const auto f = emit::parse_format(v);
  if (!f)
    throw_input_error(error_code::enum_value, "--format", fmt::format("one of {}", format_list()),
                      fmt::format("\"{}\"", v),
                      fmt::format("--format: must be one of {}, got '{}'", format_list(), v));
  return *f;
}

PlanFlags parse_plan_flags(const Args& words) {
  PlanFlags p;
  for (FlagCursor cursor(words); cursor.next();) {
    const std::string& flag = cursor.flag();
    auto value = [&] { return cursor.value(); };
    if (flag == "--minimize" || flag == "--minimise") {
      p.objective = parse_objective(value());
    } else if (flag == "--format") {
      p.format = parse_format(value());
    } else if (flag == "--request-out") {
      p.request_out = value();
    } else if (flag == "--resource-name") {
      p.resource = emit::ResourceOptions{value()};
    } else if (flag == "--allow-provider-reject") {
      cursor.no_value();
      p.allow_provider_reject = true;
    } else if (flag == "--trials") {
      p.trials = static_cast<std::uint64_t>(parse_int_flag(value(), flag, 1, 10'000'000));
    } else if (flag == "--seed") {
      p.seed = static_cast<std::uint64_t>(
          parse_int_flag(value(), flag, 0, std::numeric_limits<std::int64_t>::max()));
    } else {
      throw CliUsageError(fmt::format("plan: unknown argument '{}'; see 'shiftsim plan --help'",
                                      cursor.word()));
    }
  }
  return p;
}

/// Nothing meets the limits: which limit is impossible and by how much (stderr; JSON on stdout).
int report_infeasible(const PlanReport& plan, const SweepCliOptions& o, const PlanningInputs& pin,
                      Objective objective) {
  const auto explanation = choice_explanation(plan.sweep, plan.choice, o.limits, objective);
  if (o.output == "json") {
    const std::string out = render_infeasible_plan_json(plan, explanation);
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  const std::string text = render_infeasible_plan_text(explanation);
  std::fwrite(text.data(), 1, text.size(), stderr);
  write_sweep_rows(o, plan.sweep);
  if (o.report)
    write_sweep_report(*o.report, plan.sweep, o, pin, "plan", to_string(objective), std::nullopt,
                       explanation, "");
  return kExitNoFeasible;
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
  const PlanFlags flags = parse_plan_flags(o.unused);
  std::vector<std::string> notes;
  apply_sweep_overrides(pin.input, o, pin.falls_back_to_all_at_once, notes);

  PlanRequest req;
  req.input = pin.input;
  req.model = pin.model;
  req.request = pin.request;
  req.fleet = pin.fleet;
  req.spec = o.spec;
  req.limits = o.limits;
  req.objective = flags.objective;
  req.threads = o.threads;
  req.trials = flags.trials;
  req.seed = flags.seed;
  const PlanReport plan = plan_deployment(req);
  if (!plan.choice.pick) return report_infeasible(plan, o, pin, flags.objective);

  const Diagnostics warnings = plan_warnings(plan, o.limits);
  const auto explanation = plan_explanation(plan, o.limits, flags.objective, notes, warnings);
  const emit::Rendered rendered =
      emit::render(plan.request, flags.format, flags.resource ? &*flags.resource : nullptr);
  // What the Terraform provider would refuse is not written unless asked for (as `emit`).
  if (!flags.allow_provider_reject)
    for (const auto& d : rendered.warnings)
      if (d.code == warning_code::terraform_timeout_cap)
        throw InputError({error_diagnostic(
            error_code::terraform_timeout_cap, d.path, d.rule, d.value,
            d.message + " (the planned timeout); give --timeout 14400 or less, or "
                        "--allow-provider-reject to write it anyway")});
  const std::string text =
      o.output == "json"
          ? render_plan_json(plan, flags.objective, explanation, warnings, flags.format, rendered)
          : render_plan_text(explanation, flags.format, rendered, flags.request_out);
  if (flags.request_out) write_file_atomically(*flags.request_out, rendered.text);
  write_sweep_rows(o, plan.sweep);
  if (o.report)
    write_sweep_report(*o.report, plan.sweep, o, pin, "plan", to_string(flags.objective),
                       plan.choice.pick, explanation, rendered.text);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace shiftsim::cli
