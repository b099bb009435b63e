// `shiftsim sweep`: evaluate a grid of DeploymentConfigs for one endpoint, filter by limits and
// report the Pareto front on (duration, cost, exposure).
#include "commands.hpp"
#include "input_flags.hpp"
#include "output/output.hpp"
#include "planning_inputs.hpp"
#include "report/text_grid.hpp"
#include "sweep_options.hpp"
#include "terminal.hpp"

#include "shiftsim/simulate.hpp"
#include "shiftsim/sweep.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

namespace {

constexpr CommandInfo kInfo{
    "sweep",
    "evaluate a grid of deployment configs for one endpoint; Pareto front",
    "shiftsim sweep [inputs as simulate] [grid flags] [limit flags] [output flags]",
    "Evaluates every valid DeploymentConfig of a grid for one endpoint (strategies x sizes x\n"
    "WaitInterval x TerminationWait x rollback batch; sizes only where the documented ratio\n"
    "rules allow them), each on its median trial and with a bad version detected a delay after\n"
    "first traffic (exposure), and reports the Pareto front on duration (the completion at\n"
    "--duration-quantile), extra cost and exposure. Every config is also evaluated exactly under\n"
    "the timing model: completion P50/P95/P99 and, at the timeout its request will carry (the\n"
    "one in force, else P99 + 10%, rounded up to a minute, 600..28800), P(timeout), P(rollback)\n"
    "(false alarms) and P(escape) (a bad version caught --detection-delay-s after first traffic\n"
    "stays). Besides the limits given, every config must have its P99 covered by the timeout in\n"
    "force (else by 28800 s), P(timeout) at most --max-p-timeout, and, with alarms, not let a\n"
    "bad version escape (--allow-escape). The grid is refused (exit 2) above 2,000,000 configs.",
    "shiftsim sweep --scenario scenarios/rolling-100-rollback-batch.yaml --max-peak 130\n"
    "shiftsim sweep --scenario s.yaml --strategies canary,linear --wait 300:900:300 --rows all.csv",
    "0 ok, 2 invalid input (including a grid above the limit), 3 output not writable",
};

class Sweep final : public Command {
 public:
  void declare(OptionSet& options) override {
    declare_input_flags(options, inputs_);
    declare_sweep_flags(options, sweep_);
    declare_output_flags(options, output_,
                         {"counts, limits and the Pareto front", "every evaluated config", true,
                          "a Pareto scatter of duration against cost, the front"});
  }

  int run(Diagnostics errors) override {
    PlanningInputs pin = read_planning_inputs(inputs_, std::move(errors), "sweep");
    Diagnostics sweep_errors;
    SweepCliOptions o = sweep_options(sweep_, pin.input, sweep_errors);
    throw_if_any(std::move(sweep_errors));
    o.spec.model = pin.model;  // every config at its median trial, as simulate runs it
    std::vector<std::string> notes;
    apply_sweep_overrides(pin, o, notes);
    check_simulation_input(pin.input);  // input errors surface here, once
    const SweepResult r = run_sweep(pin.input, o.spec, o.limits, o.threads);

    std::string text;
    switch (output_.format) {
      case OutputFormat::csv: text = sweep_rows_csv(r); break;
      case OutputFormat::table: {
        const Terminal term =
            terminal_for(stdout, output_.color, output_.out && *output_.out != "-");
        text = sweep_table(r, o.limits, o.front_rows, term.width);
        for (const auto& n : notes) text += fit_prose(n + "\n", term.width);
        break;
      }
      default: text = render_json_text(sweep_json(r, o.limits, false), output_.format);
    }
    write_sweep_rows(o, r);
    if (output_.report)
      write_sweep_report(*output_.report, r, o, pin, "sweep", "", std::nullopt, {}, "");
    write_output(output_, text);
    return kExitOk;
  }

 private:
  InputFlags inputs_;
  SweepFlags sweep_;
  OutputFlags output_;
};

}  // namespace

CommandEntry sweep_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Sweep>(); }};
}

}  // namespace shiftsim::cli
