// `shiftsim sweep`: evaluate a grid of DeploymentConfigs for one endpoint, filter by limits and
// report the Pareto front on (duration, cost, exposure).
#include "commands.hpp"
#include "planning_inputs.hpp"
#include "sweep_options.hpp"

#include "shiftsim/simulate.hpp"
#include "shiftsim/sweep.hpp"

#include <fmt/core.h>

#include <cstdio>

namespace shiftsim::cli {

namespace {

constexpr const char* kUsage =
    "usage: shiftsim sweep [inputs as simulate] [grid] [limits] [output]\n"
    "\n"
    "Evaluates every valid DeploymentConfig of a grid for one endpoint (strategies x sizes x\n"
    "WaitInterval x TerminationWait x rollback batch; sizes only where the documented ratio\n"
    "rules allow them), each on its success path and with a bad version detected a delay after\n"
    "first traffic (exposure), and reports the Pareto front on duration, cost and exposure.\n"
    "\n"
    "inputs:\n"
    "{}"
    "\n"
    "{}"
    "\n"
    "exit codes: 0 ok, 2 invalid input (including a grid above the limit), 3 output not writable\n";

}  // namespace

int run_sweep(const Args& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::fputs(fmt::format(fmt::runtime(kUsage), planning_inputs_help(), sweep_options_help())
                     .c_str(),
                 stdout);
      return kExitOk;
    }
  Args rest;
  PlanningInputs pin = parse_planning_inputs(args, rest);
  SweepCliOptions o = parse_sweep_options(rest, pin.input);
  o.spec.model = pin.model;  // every config at its median trial, as simulate runs it
  if (!o.unused.empty())
    throw CliUsageError(fmt::format("sweep: unknown argument '{}'; see 'shiftsim sweep --help'",
                                    o.unused.front()));
  std::vector<std::string> notes;
  apply_sweep_overrides(pin.input, o, pin.falls_back_to_all_at_once, notes);
  check_simulation_input(pin.input);  // input errors surface here, once
  const SweepResult r = run_sweep(pin.input, o.spec, o.limits, o.threads);

  std::string text;
  if (o.output == "json") text = sweep_json(r, o.limits, false);
  else if (o.output == "csv") text = sweep_rows_csv(r);
  else {
    text = sweep_table(r, o.limits, o.front_rows);
    for (const auto& n : notes) text += n + "\n";
  }
  write_sweep_rows(o, r);
  if (o.report) write_sweep_report(*o.report, r, o, pin, "sweep", "", std::nullopt, {}, "");
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace shiftsim::cli
