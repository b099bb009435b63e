// `shiftsim plan`: the sweep plus an objective: picks the best DeploymentConfig under the
// limits, explains the choice, and emits its UpdateEndpoint request in any `emit` format.
// Nothing meets the limits: says which limit is impossible and by how much, exit 4. The plan
// itself is the engine's (shiftsim/plan.hpp); this file parses flags and renders.
#include "commands.hpp"
#include "fleet_run.hpp"
#include "input_files.hpp"
#include "input_flags.hpp"
#include "output/output.hpp"
#include "planning_inputs.hpp"
#include "report/plan_report.hpp"
#include "sweep_options.hpp"
#include "terminal.hpp"

#include "shiftsim/code_traits.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/emit.hpp"
#include "shiftsim/plan.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <limits>

namespace shiftsim::cli {

namespace {

constexpr CommandInfo kInfo{
    "plan",
    "pick the best deployment config under limits and emit its request",
    "shiftsim plan [inputs as simulate] [--minimize cost|duration|exposure|risk] [grid flags]\n"
    "                     [limit flags] [--format FORMAT] [--request-out FILE]",
    "Runs the sweep (see `shiftsim sweep --help`), picks the config that minimises the objective\n"
    "among those meeting every limit (ties: shorter, then cheaper, then less exposed, then grid\n"
    "order), explains why, and emits its UpdateEndpoint request. Safe by default: with alarms,\n"
    "a config whose bad version escapes is never picked (--allow-escape). The request keeps\n"
    "every member of the input request the grid does not sweep (names, alarms, retention flags,\n"
    "RollbackMaximumBatchSize unless --rollback-batch is given); MaximumExecutionTimeoutInSeconds\n"
    "is the one in force (--timeout or the request's), else the pick's exact P99 completion\n"
    "under the timing model + 10%, rounded up to a minute (600..28800). A Monte Carlo of the pick\n"
    "with that timeout (--trials, --seed) reports its P50/P95/P99 completion, P(rollback) and\n"
    "the P(timeout) it measured; a pick whose measured P(timeout) is over --max-p-timeout is set\n"
    "aside for the next best. The pick's own warnings (simulate's and validate's) are kept.",
    "shiftsim plan --scenario scenarios/rolling-100-rollback-batch.yaml --max-duration 7200\n"
    "shiftsim plan --scenario s.yaml --minimize duration --max-peak 130 --format aws-cli\n"
    "shiftsim plan --scenario s.yaml --request-out picked.json --rows all.csv",
    "0 ok, 2 invalid input, 3 output not writable, 4 no config meets the limits",
};

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
  std::optional<std::string> resource_name;  ///< --resource-name: a complete resource
  bool allow_provider_reject = false;
  std::uint64_t trials = 100'000;
  std::uint64_t seed = 1;
};

Choices<emit::Format> format_choices() {
  Choices<emit::Format> out;
  for (const auto n : emit::format_names()) out.emplace_back(n, *emit::parse_format(n));
  return out;
}

class Plan final : public Command {
 public:
  void declare(OptionSet& options) override {
    declare_input_flags(options, inputs_);
    declare_sweep_flags(options, sweep_);
    options.group("plan")
        .add("minimize", choice(plan_.objective, objectives()), "OBJECTIVE",
             "cost, duration, exposure or risk: the objective (default cost): the update's "
             "extra cost, the completion at --duration-quantile, the exposure, or P(escape) then "
             "exposure")
        .add("format", choice(plan_.format, format_choices()), "FORMAT",
             "the request's format, as `emit`: " + format_list() + " (default cli-input-json)")
        .add("request-out", output_file(plan_.request_out), "FILE",
             "write only the request to FILE (atomically); stdout keeps the explanation")
        .add("resource-name", text(plan_.resource_name), "NAME",
             "with --format cloudformation[-json] or terraform: a complete template / "
             "aws_sagemaker_endpoint resource (as `emit`)")
        .add("allow-provider-reject", set(plan_.allow_provider_reject),
             "terraform: write a timeout above 14400 s anyway")
        .add("trials", integer(plan_.trials, 1, 10'000'000), "N",
             "Monte Carlo trials of the pick (default 100000)")
        .add("seed", integer(plan_.seed, 0, std::numeric_limits<std::uint64_t>::max()), "S",
             "their seed (default 1)");
    options.group("spellings", true)
        .add("minimise", choice(plan_.objective, objectives()), "OBJECTIVE", "--minimize");
    declare_fleet_run_flags(options, fleet_);
    declare_output_flags(options, output_,
                         {"the explanation and the request", "every evaluated config", true,
                          "the Pareto scatter with the pick, the explanation, the request"});
  }

  int run(Diagnostics errors) override {
    if (fleet_.fleet) {
      // The price flags hold for every endpoint (a bad --prices file stops the task at once).
      const PriceSources prices = price_sources(inputs_.prices, errors);
      throw_if_any(std::move(errors));
      return run_fleet(fleet_, "plan", output_.out, words, plan_.seed, prices,
                       [this](RunSources sources, Diagnostics errs, std::uint64_t seed) {
                         return fleet_endpoint(
                             planning_inputs_from_sources(sources, std::move(errs), "plan"), seed);
                       });
    }
    PlanningInputs pin = read_planning_inputs(inputs_, std::move(errors), "plan");
    Diagnostics sweep_errors;
    SweepCliOptions o = sweep_options(sweep_, pin.input, sweep_errors);
    throw_if_any(std::move(sweep_errors));
    std::vector<std::string> notes;
    apply_sweep_overrides(pin, o, notes);

    const PlanReport plan = plan_deployment(plan_request(pin, o, plan_.seed, o.threads));
    if (!plan.choice.pick) return report_infeasible(plan, o, pin);

    const Diagnostics warnings = plan_warnings(plan, o.limits);
    const auto explanation = plan_explanation(plan, o.limits, plan_.objective, notes, warnings);
    const std::optional<emit::ResourceOptions> resource =
        plan_.resource_name
            ? std::optional(emit::ResourceOptions{*plan_.resource_name, "--resource-name"})
            : std::nullopt;
    const emit::Rendered rendered =
        emit::render(plan.request, plan_.format, resource ? &*resource : nullptr);
    // What the Terraform provider would refuse is not written unless asked for (as `emit`).
    if (!plan_.allow_provider_reject)
      for (const auto& d : rendered.warnings)
        if (has_trait(d.code, CodeTrait::provider_rejects))
          throw InputError({error_diagnostic(
              error_code::terraform_timeout_cap, d.path, d.rule, d.value,
              d.message + " (the planned timeout); give --timeout 14400 or less, or "
                          "--allow-provider-reject to write it anyway")});
    std::string text;
    switch (output_.format) {
      case OutputFormat::csv: text = sweep_rows_csv(plan.sweep); break;
      case OutputFormat::table: {
        const Terminal term =
            terminal_for(stdout, output_.color, output_.out && *output_.out != "-");
        text = render_plan_text(explanation, plan_.format, rendered, plan_.request_out, term.width);
        break;
      }
      default:
        text = render_json_text(render_plan_json(plan, plan_.objective, explanation, warnings,
                                                plan_.format, rendered),
                               output_.format);
    }
    if (plan_.request_out)
      write_file_atomically(strip_file_scheme(*plan_.request_out), rendered.text);
    write_sweep_rows(o, plan.sweep);
    if (output_.report)
      write_sweep_report(*output_.report, plan.sweep, o, pin, "plan", to_string(plan_.objective),
                         plan.choice.pick, explanation, rendered.text);
    write_output(output_, text);
    return kExitOk;
  }

 private:
  PlanRequest plan_request(const PlanningInputs& pin, const SweepCliOptions& o,
                           std::uint64_t seed, int threads) const {
    PlanRequest req;
    req.input = pin.input;
    req.model = pin.model;
    req.request = pin.request;
    req.fleet = pin.fleet;
    req.spec = o.spec;
    req.limits = o.limits;
    req.objective = plan_.objective;
    req.threads = threads;
    req.trials = plan_.trials;
    req.seed = seed;
    return req;
  }

  /// plan --fleet: one endpoint's plan JSON (as --output json) and its summary row.
  EndpointOutcome fleet_endpoint(PlanningInputs pin, std::uint64_t seed) const {
    Diagnostics sweep_errors;
    SweepCliOptions o = sweep_options(sweep_, pin.input, sweep_errors);
    throw_if_any(std::move(sweep_errors));
    std::vector<std::string> notes;
    apply_sweep_overrides(pin, o, notes);
    const PlanReport plan =
        plan_deployment(plan_request(pin, o, seed, fleet_endpoint_threads(fleet_, o.threads)));
    EndpointOutcome out;
    FleetRow& row = out.row;
    for (const auto& w : pin.warnings) row.findings.push_back(w.code);
    if (!plan.choice.pick) {
      row.status = "infeasible";
      out.result = render_json_text(
          render_infeasible_plan_json(
              plan, choice_explanation(plan.sweep, plan.choice, o.limits, plan_.objective)),
          OutputFormat::json);
      return out;
    }
    const Diagnostics warnings = plan_warnings(plan, o.limits);
    const auto explanation = plan_explanation(plan, o.limits, plan_.objective, notes, warnings);
    const emit::Rendered rendered = emit::render(plan.request, plan_.format);
    out.result = render_json_text(
        render_plan_json(plan, plan_.objective, explanation, warnings, plan_.format, rendered),
        OutputFormat::json);
    const SweepRow& pick = plan.sweep.rows[*plan.choice.pick];
    row.pick = describe_config(pick.config);
    row.strategy = to_string(pick.config.strategy);
    row.duration_s = to_seconds(pick.duration);
    row.p95_s = plan.montecarlo.completion_s.p95;
    row.cost_usd = pick.cost_usd.usd();  // null when unknown (A12)
    row.extra_cost_usd = pick.extra_cost_usd.usd();
    row.unpriced_types = plan.sweep.unpriced_types;
    row.timeout_s = plan.timeout_s;
    row.peak_instances = pick.peak;
    row.peak_by_type = fleet_peak_by_type(pin.input, pick.peak);
    for (const auto& w : warnings) row.findings.push_back(w.code);
    for (const auto& w : rendered.warnings) row.findings.push_back(w.code);
    return out;
  }

  static Choices<Objective> objectives() {
    return {{"cost", Objective::cost}, {"duration", Objective::duration},
            {"exposure", Objective::exposure}, {"risk", Objective::risk}};
  }

  /// Nothing meets the limits: which limit is impossible and by how much (stderr; the document
  /// on stdout for json, yaml and text).
  int report_infeasible(const PlanReport& plan, const SweepCliOptions& o,
                        const PlanningInputs& pin) {
    const auto explanation = choice_explanation(plan.sweep, plan.choice, o.limits, plan_.objective);
    const std::string text = render_infeasible_plan_text(explanation);
    std::fwrite(text.data(), 1, text.size(), stderr);
    write_sweep_rows(o, plan.sweep);
    if (output_.report)
      write_sweep_report(*output_.report, plan.sweep, o, pin, "plan", to_string(plan_.objective),
                         std::nullopt, explanation, "");
    if (output_.format == OutputFormat::csv)
      write_output(output_, sweep_rows_csv(plan.sweep));
    else if (output_.format != OutputFormat::table)
      write_output(output_, render_json_text(render_infeasible_plan_json(plan, explanation),
                                            output_.format));
    return kExitNoFeasible;
  }

  InputFlags inputs_;
  SweepFlags sweep_;
  PlanFlags plan_;
  OutputFlags output_;
  FleetRunFlags fleet_;
};

}  // namespace

CommandEntry plan_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Plan>(); }};
}

}  // namespace shiftsim::cli
