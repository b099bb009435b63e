// `shiftsim simulate`: step through one UpdateEndpoint (engine contract) and report it.
//
//   shiftsim simulate --endpoint describe-endpoint.json --current-config old-config.json
//                     --new-config new-config.json --request update-endpoint.json
//   shiftsim simulate --scenario scenarios/gpu-llm-canary.yaml [--output json]
//
// Inputs: the AWS documents (or the AWS CLI's own update-endpoint flags, cli/aws_flags.hpp) and/or
// a scenario file (engine/include/shiftsim/scenario.hpp) that may embed all of them. A document
// given by flag replaces the scenario's copy. Precedence of the timing model and assumptions:
// the default profile of the new instance type (docs/timing-model.md) < scenario `timing:` <
// scenario `assume:` < --provision-s/--terminate-s/--activation-s < --assume NAME=VALUE.
// Invalid input: every problem is listed (as `validate` does) and the exit code is 2.
#include "commands.hpp"
#include "fleet_run.hpp"
#include "input_files.hpp"
#include "input_flags.hpp"
#include "output/output.hpp"
#include "report/html_report.hpp"
#include "report/simulation_csv.hpp"
#include "report/simulation_json.hpp"
#include "report/simulation_table.hpp"
#include "simulation_run.hpp"
#include "terminal.hpp"

#include "report/format.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/run_inputs.hpp"
#include "shiftsim/scenario.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::cli {

namespace {

constexpr CommandInfo kInfo{
    "simulate",
    "step through the update: capacity, traffic, duration, cost and rollback per step",
    "shiftsim simulate [--scenario FILE] [request flags] [fleet flags] [flags]\n"
    "                         --fleet FLEET --out DIR [--shard I/N] [--resume] [flags]",
    "Steps through one SageMaker UpdateEndpoint: capacity, traffic, duration, cost and the\n"
    "rollback a trip at each bake would cause (docs/engine-contract.md). Inputs: the AWS\n"
    "documents (or the AWS CLI's own update-endpoint flags) and/or a scenario file that may embed\n"
    "all of them; a document given by flag replaces the scenario's copy. Timing precedence: the\n"
    "new instance type's default profile < scenario timing: < scenario assume: < --provision-s,\n"
    "--terminate-s, --activation-s < --assume. Invalid input: every problem is listed, exit 2.\n"
    "\n"
    "When the timing is random (a profile or a distribution) the steps are the median trial\n"
    "(every operation at the median of its slowest instance), and a seeded Monte Carlo of the\n"
    "same update (20000 trials, seed 1, the timeout in force) adds the completion P50/P95/P99,\n"
    "P(timeout) and P(rollback), with W_TIMEOUT_RISK when over 1% of its trials time out\n"
    "(--no-risk skips it).\n"
    "\n"
    "--fleet FLEET --out DIR simulates every endpoint of a fleet (each record's scenario trip, or\n"
    "the fault flags for all): one result file each (this command's --output json), a summary row\n"
    "each (outcome, duration, P95, cost, extra cost, peak), sharded and resumable (docs/fleet.md).",
    "shiftsim simulate --scenario scenarios/gpu-llm-canary.yaml\n"
    "shiftsim simulate --endpoint describe-endpoint.json --current-config old-config.json \\\n"
    "    --new-config new-config.json --request update-endpoint.json --output json\n"
    "shiftsim simulate --scenario scenarios/gpu-llm-canary.yaml --trip-at-bake 2 --report r.html\n"
    "shiftsim simulate --fleet fleet/ --out run/shard-0 --shard 0/4 --resume",
    "0 ok, 2 invalid input (every problem listed), 3 output not writable",
};

/// The injected fault, as given.
struct FaultFlags {
  std::optional<std::int64_t> trip_bake;
  std::optional<SimTime> trip_at;
  std::optional<SimTime> detection_delay;  ///< a bad version, caught this long after first traffic
};

void write_html_report(const std::string& path, const SimulationResult& result,
                       const SimulationReportContext& ctx) {
  HtmlReportContext hctx;
  hctx.title = fmt::format("shiftsim simulate: {}", ctx.endpoint_name.empty()
                                                        ? std::string("UpdateEndpoint")
                                                        : ctx.endpoint_name);
  hctx.endpoint_name = ctx.endpoint_name;
  hctx.question = ctx.question;
  hctx.source = ctx.source;
  hctx.generated_by = fmt::format("shiftsim {} simulate", kVersion);
  hctx.extra_cost_usd = ctx.extra_cost_usd;
  hctx.risk = ctx.risk;
  write_file_atomically(strip_file_scheme(path), render_simulation_html(result, hctx));
}

/// The risk check's trials: about 20 ms of CPU on a 40-instance update (docs/performance.md,
/// (d)), inside the 50 ms the issue allows.
constexpr std::uint64_t kRiskTrials = 20'000;
constexpr std::uint64_t kRiskSeed = 1;
/// W_TIMEOUT_RISK above this share of timed-out trials.
constexpr double kTimeoutRiskShare = 0.01;

/// The risk check: a seeded Monte Carlo of the update (no injected fault, the timeout in
/// force) when its timings are random; W_TIMEOUT_RISK when over 1% of its trials time out.
std::optional<SimulationRisk> risk_check(const SimulationInput& in, const StochasticModel& model,
                                         Diagnostics& warnings, int threads = 0) {
  if (has_fixed_timings(model)) return std::nullopt;
  SimulationInput base = in;
  base.trip = Trip{};
  base.draws = {};
  MonteCarloOptions mo;
  mo.trials = kRiskTrials;
  mo.seed = kRiskSeed;
  mo.threads = threads;
  const MonteCarloSummary s = run_montecarlo(base, model, mo).summary;
  SimulationRisk k{s.trials,           s.seed, timeout_in_force(in), s.completion_s.p50,
                   s.completion_s.p95, s.completion_s.p99, s.p_timeout, s.p_rollback};
  if (k.timeout && k.p_timeout > kTimeoutRiskShare)
    warnings.push_back(
        Diagnostic{Severity::warning, warning_code::timeout_risk,
                   "MaximumExecutionTimeoutInSeconds",
                   fmt::format("P(timeout) <= {}%", trim_number(100 * kTimeoutRiskShare, 2)),
                   percent(100.0 * k.p_timeout, 2),
                   fmt::format("{} of {} Monte Carlo trials (seed {}) of this update under the "
                               "timing model time out at MaximumExecutionTimeoutInSeconds {} s; "
                               "their P99 completion is {} s (`shiftsim montecarlo` recommends a "
                               "timeout for it).",
                               percent(100.0 * k.p_timeout, 2), k.trials, k.seed,
                               seconds_text(*k.timeout), fixed(k.p99_s, 0))});
  return k;
}

/// simulate --fleet's summary row (docs/fleet.md): the outcome of the median trial (with the
/// record's trip or the fault flags), its duration, cost, extra cost and peak; P95 is the risk
/// check's completion P95 (no fault), null when the timing is fixed or --no-risk.
FleetRow simulate_fleet_row(const SimulationRun& sim) {
  const Summary& s = sim.result.summary;
  FleetRow row;
  row.outcome = to_string(sim.result.outcome);
  row.pick = to_string(sim.result.strategy);
  row.strategy = row.pick;
  row.duration_s = to_seconds(s.duration);
  if (sim.context.risk) row.p95_s = sim.context.risk->p95_s;
  row.cost_usd = s.cost_usd.usd();  // null when unknown (A12)
  row.extra_cost_usd = s.extra_cost_usd.usd();
  row.unpriced_types = sim.result.unpriced_types;
  if (const auto t = timeout_in_force(sim.input)) row.timeout_s = *t / 1000;
  row.peak_instances = s.peak_instances;
  row.peak_by_type = fleet_peak_by_type(sim.input, s.peak_instances);
  for (const auto& w : sim.result.warnings) row.findings.push_back(w.code);
  return row;
}

class Simulate final : public Command {
 public:
  void declare(OptionSet& options) override {
    declare_input_flags(options, inputs_);
    options.group("faults")
        .add("trip-at-bake", integer(fault_.trip_bake, 1, 100000), "K",
             "an alarm trips at the start of bake K (1-based; K above the number of bakes is an "
             "error)")
        .add("trip-at-s", time_s(fault_.trip_at), "T", "an alarm trips T seconds after the request")
        .add("detection-delay-s", time_s(fault_.detection_delay), "S",
             "the new version is bad: its alarm fires S seconds after it first takes traffic "
             "(reports exposure and whether it escapes)");
    options.group("risk")
        .add("no-risk", set(risk_, false),
             "skip the seeded Monte Carlo of the update (20000 trials) that adds P95 completion "
             "and P(timeout) when the timing is random");
    declare_fleet_run_flags(options, fleet_);
    declare_output_flags(options, output_,
                         {"steps, summary, trips, timeline, warnings, assumptions",
                          "one row per step", true,
                          "the timeline chart, the trips, the steps"});
  }

  int run(Diagnostics errors) override {
    const std::optional<Trip> fault = fault_from_flags(errors);
    if (fleet_.fleet) {
      // The price flags hold for every endpoint (a bad --prices file stops the task at once).
      const PriceSources prices = price_sources(inputs_.prices, errors);
      throw_if_any(std::move(errors));
      return run_fleet(fleet_, "simulate", output_.out, words, kRiskSeed, prices,
                       [this, &fault](RunSources sources, Diagnostics errs, std::uint64_t) {
                         return fleet_endpoint(std::move(sources), std::move(errs), fault);
                       });
    }
    RunSources sources = read_run_sources(inputs_, errors);
    SimulationRun sim = run_simulation(std::move(sources), std::move(errors), fault,
                                       inputs_.scenario ? input_name(*inputs_.scenario) : "");
    check_trip_bake(sim);
    if (risk_) sim.context.risk = risk_check(sim.input, sim.run.model, sim.result.warnings);
    std::string text;
    const bool to_file = output_.out && *output_.out != "-";
    switch (output_.format) {
      case OutputFormat::json: text = render_simulation_json(sim.result, sim.context); break;
      case OutputFormat::csv: text = render_simulation_csv(sim.result); break;
      case OutputFormat::table: {
        const Terminal term = terminal_for(stdout, output_.color, to_file);
        text = render_simulation_table(sim.result, sim.context, {term.width, term.color});
        break;
      }
      default:
        text = render_json_text(render_simulation_json(sim.result, sim.context), output_.format);
    }
    if (output_.report) write_html_report(*output_.report, sim.result, sim.context);
    write_output(output_, text);
    return kExitOk;
  }

 private:
  /// The injected fault of the flags (at most one: E_FLAG_CONFLICT in `errors` otherwise).
  std::optional<Trip> fault_from_flags(Diagnostics& errors) const {
    const int given = (fault_.trip_bake ? 1 : 0) + (fault_.trip_at ? 1 : 0) +
                      (fault_.detection_delay ? 1 : 0);
    if (given > 1)
      errors.push_back(error_diagnostic(
          error_code::flag_conflict, "--trip-at-bake", "at most one fault", "",
          "give at most one of --trip-at-bake, --trip-at-s and --detection-delay-s"));
    if (fault_.trip_bake) return Trip{Trip::Kind::at_bake, static_cast<int>(*fault_.trip_bake), 0};
    if (fault_.trip_at) return Trip{Trip::Kind::at_time, 0, *fault_.trip_at};
    if (fault_.detection_delay)
      return Trip{Trip::Kind::after_new_traffic, 0, *fault_.detection_delay};
    return std::nullopt;
  }

  /// simulate --fleet: one endpoint's JSON (as --output json) and its summary row. The record's
  /// scenario trip is run, unless a fault flag replaces it (as for one endpoint).
  EndpointOutcome fleet_endpoint(RunSources sources, Diagnostics errors,
                                 const std::optional<Trip>& fault) const {
    SimulationRun sim = run_simulation(std::move(sources), std::move(errors), fault, "");
    check_trip_bake(sim);
    if (risk_)
      sim.context.risk = risk_check(sim.input, sim.run.model, sim.result.warnings,
                                    fleet_endpoint_threads(fleet_, 0));
    EndpointOutcome out;
    out.result = render_simulation_json(sim.result, sim.context);
    out.row = simulate_fleet_row(sim);
    return out;
  }

  /// A trip at bake K of a plan with fewer bakes would do nothing: an error naming where K came
  /// from (the flag or the scenario's trip.bake) and how many bakes there are.
  void check_trip_bake(const SimulationRun& sim) const {
    const Trip& trip = sim.input.trip;
    const std::size_t bakes = sim.result.bakes.size();
    if (trip.kind != Trip::Kind::at_bake || static_cast<std::size_t>(trip.bake) <= bakes) return;
    const std::string path = fault_.trip_bake ? "--trip-at-bake" : "trip.bake";
    throw_input_error(error_code::range, path, fmt::format("must be <= {} (the bakes)", bakes),
                      fmt::format("{}", trip.bake),
                      fmt::format("{}: the update has {} bake(s), so a trip at bake {} would "
                                  "never happen; give a bake from 1 to {}",
                                  path, bakes, trip.bake, bakes));
  }

  InputFlags inputs_;
  FaultFlags fault_;
  bool risk_ = true;  ///< --no-risk: false
  FleetRunFlags fleet_;
  OutputFlags output_;
};

}  // namespace

CommandEntry simulate_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Simulate>(); }};
}

}  // namespace shiftsim::cli
