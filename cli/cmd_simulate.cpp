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
#include "aws_flags.hpp"
#include "commands.hpp"
#include "flag_cursor.hpp"
#include "input_flags.hpp"
#include "report/html_report.hpp"
#include "report/simulation_csv.hpp"
#include "report/simulation_json.hpp"
#include "report/simulation_table.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/run_inputs.hpp"
#include "shiftsim/scenario.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cstdio>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::cli {

namespace {

constexpr const char* kUsage =
    "usage: shiftsim simulate [--scenario FILE] [AWS inputs] [options]\n"
    "\n"
    "Steps through one SageMaker UpdateEndpoint: capacity, traffic, duration, cost and the\n"
    "rollback a trip at each bake would cause (docs/engine-contract.md).\n"
    "\n"
    "inputs:\n"
    "  --scenario FILE          a what-if (YAML or JSON): timing, prices, quota, alarms, trip,\n"
    "                           assume, question, and optionally the AWS documents below\n"
    "                           (endpoint:, current_config:, new_config:, request:)\n"
    "{}"
    "\n"
    "faults and timing:\n"
    "  --trip-at-bake K         an alarm trips at the start of bake K (1-based)\n"
    "  --trip-at-s T            an alarm trips T seconds after the request\n"
    "  --detection-delay-s S    the new version is bad: its alarm fires S seconds after it first\n"
    "                           takes traffic (reports exposure and whether it escapes)\n"
    "  --provision-s S          P: seconds to provision one batch (decimals allowed)\n"
    "  --terminate-s S          D: seconds to terminate one batch\n"
    "  --activation-s S         A: seconds for one traffic shift\n"
    "  --assume NAME=VALUE      override a named assumption (repeatable); names:\n"
    "                           {}\n"
    "\n"
    "output:\n"
    "  --output table|json|csv  table (default), JSON schema shiftsim.simulation/v1, CSV steps\n"
    "  --out FILE               write the output to FILE (atomically) instead of stdout\n"
    "  --report FILE.html       also write a self-contained HTML report\n"
    "\n"
    "exit codes: 0 ok, 2 invalid input (every problem listed), 3 output not writable\n";

struct Options {
  std::optional<std::string> scenario;
  std::optional<int> trip_bake;
  std::optional<SimTime> trip_at;
  std::optional<SimTime> detection_delay;  ///< a bad version, detected this long after first traffic
  std::vector<std::string> assume;  ///< NAME=VALUE
  std::optional<std::pair<std::string, std::string>> provision, terminate, activation;
  std::string output = "table";
  std::optional<std::string> out;
  std::optional<std::string> report;
  bool help = false;
};

Options parse_options(const Args& rest, Diagnostics& errors) {
  Options o;
  for (FlagCursor cursor(rest); cursor.next();) {
    const std::string& flag = cursor.flag();
    auto value = [&] { return cursor.value(); };
    if (flag == "--help" || flag == "-h") {
      o.help = true;
    } else if (flag == "--scenario") {
      o.scenario = value();
    } else if (flag == "--trip-at-bake") {
      const std::string v = value();
      int k = 0;
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), k);
      if (ec != std::errc() || p != v.data() + v.size() || k < 1)
        errors.push_back(error_diagnostic(error_code::range, "--trip-at-bake", "must be an integer >= 1", v,
                               fmt::format("must be a bake number >= 1, got '{}'", v)));
      else o.trip_bake = k;
    } else if (flag == "--trip-at-s" || flag == "--detection-delay-s") {
      const std::string v = value();
      double s = 0;
      const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), s);
      std::optional<SimTime> t;
      if (ec == std::errc() && p == v.data() + v.size()) t = seconds_to_simtime(s);
      if (!t)
        errors.push_back(error_diagnostic(error_code::range, flag, "must be seconds in [0, 86400]", v,
                               fmt::format("must be seconds between 0 and 86400, got '{}'", v)));
      else if (flag == "--trip-at-s") o.trip_at = t;
      else o.detection_delay = t;
    } else if (flag == "--assume") {
      o.assume.push_back(value());
    } else if (flag == "--provision-s") {
      o.provision = std::pair{flag, value()};
    } else if (flag == "--terminate-s") {
      o.terminate = std::pair{flag, value()};
    } else if (flag == "--activation-s") {
      o.activation = std::pair{flag, value()};
    } else if (flag == "--output" || flag == "-o") {
      o.output = value();
      if (o.output != "table" && o.output != "json" && o.output != "csv")
        throw CliUsageError(
            fmt::format("--output must be table, json or csv (got '{}')", o.output));
    } else if (flag == "--out") {
      o.out = value();
    } else if (flag == "--report") {
      o.report = value();
    } else {
      throw CliUsageError(fmt::format("simulate: unknown argument '{}'; see 'shiftsim simulate --help'",
                                      cursor.word()));
    }
  }
  if ((o.trip_bake ? 1 : 0) + (o.trip_at ? 1 : 0) + (o.detection_delay ? 1 : 0) > 1)
    throw CliUsageError("give at most one of --trip-at-bake, --trip-at-s and --detection-delay-s");
  return o;
}

/// Adds `w` unless a warning with the same code and message is already there.
void add_warning(Diagnostics& ws, const Diagnostic& w) {
  for (const auto& x : ws)
    if (x.code == w.code && x.message == w.message) return;
  ws.push_back(w);
}

/// simulate's own flags (with their values) picked out of `args`; used when the AWS flags could
/// not be read, so that the scenario and the other flags are still checked.
Args own_flags(const Args& args) {
  static constexpr std::string_view with_value[] = {
      "--scenario",     "--trip-at-bake",  "--trip-at-s", "--detection-delay-s", "--assume",
      "--provision-s",  "--terminate-s",   "--activation-s", "--output",
      "-o",             "--out",           "--report"};
  Args own;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view a = args[i];
    const std::string_view name = a.substr(0, a.find('='));
    if (a == "--help" || a == "-h") {
      own.push_back(args[i]);
      continue;
    }
    for (auto f : with_value) {
      if (name != f) continue;
      own.push_back(args[i]);
      if (name.size() == a.size() && i + 1 < args.size()) own.push_back(args[++i]);
      break;
    }
  }
  return own;
}

std::string names_line() {
  std::string s;
  for (auto n : assumption_names()) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

/// The run's inputs, read and assembled (shiftsim/run_inputs.hpp), every problem collected.
struct Inputs {
  RunSources sources;
  RunInputs run;
};

Inputs read_inputs(const Options& opt, const AwsInputs& aws_in, Diagnostics errors) {
  std::optional<Scenario> loaded;
  if (opt.scenario) loaded = load_scenario(*opt.scenario, errors);
  TimingFlags timing_flags;
  if (opt.provision) timing_flags.provision = opt.provision->second;
  if (opt.terminate) timing_flags.terminate = opt.terminate->second;
  if (opt.activation) timing_flags.activation = opt.activation->second;
  timing_flags.assume = opt.assume;
  Inputs in;
  in.sources = run_sources(aws_in, timing_flags, errors);
  in.sources.scenario = std::move(loaded);
  in.sources.scenario_name = opt.scenario.value_or("scenario");
  in.run = assemble_run_inputs(in.sources, std::move(errors));
  return in;
}

/// One timeline under the model: every operation at its median (a batch of k instances: the
/// median of its slowest), as sweep and plan rank configs (TimingDraws::Mode::median); the
/// fault of the scenario, replaced by the one of the flags.
SimulationInput simulation_input(const Inputs& inputs, const Options& opt) {
  SimulationInput in = inputs.run.built.input;
  in.draws = TimingDraws{TimingDraws::Mode::median,
                         std::make_shared<const StochasticModel>(inputs.run.model), 0, 0, {}};
  const auto& scenario = inputs.sources.scenario;
  if (scenario && scenario->trip) in.trip = *scenario->trip;
  if (opt.trip_bake) in.trip = Trip{Trip::Kind::at_bake, *opt.trip_bake, 0};
  else if (opt.trip_at) in.trip = Trip{Trip::Kind::at_time, 0, *opt.trip_at};
  else if (opt.detection_delay) in.trip = Trip{Trip::Kind::after_new_traffic, 0, *opt.detection_delay};
  return in;
}

/// Resolve's and the inputs' warnings, then the engine's, then validate's not yet listed.
Diagnostics merged_warnings(const RunInputs& run, const Diagnostics& engine) {
  Diagnostics warnings;
  for (const auto& w : run.docs.warnings) add_warning(warnings, w);
  for (const auto& w : run.built.resolve_warnings) add_warning(warnings, w);
  for (const auto& w : engine) add_warning(warnings, w);
  for (const auto& w : run.built.alarm_warnings) add_warning(warnings, w);
  std::set<std::string, std::less<>> codes;
  for (const auto& w : warnings) codes.insert(w.code);
  for (const auto& w : run.docs.validate_warnings)
    if (!codes.count(w.code)) add_warning(warnings, w);
  return warnings;
}

/// Where the timing came from: the profile, the source of each time, the distributions' notes.
void add_timing_assumptions(const Inputs& inputs, std::vector<AssumptionValue>& out) {
  const TimingInputs& timing = inputs.run.timing;
  const auto& new_types = inputs.run.docs.new_types;
  const bool profile_used = timing.provision.source == TimingSource::profile ||
                            timing.terminate.source == TimingSource::profile ||
                            timing.activation.source == TimingSource::profile;
  out.push_back(
      {"timing_profile",
       fmt::format("{} (timing-facts section 4: lognormal p50/p95 per instance, each batch at the "
                   "median of its slowest{}){}",
                   timing.profile.family, new_types.empty() ? "" : ", new type " + new_types.front(),
                   profile_used ? "" : "; not used: the timing is given")});
  out.push_back({"timing_source",
                 fmt::format("provision_s={}, terminate_s={}, activation_s={}",
                             timing_source_text(timing.provision, inputs.sources),
                             timing_source_text(timing.terminate, inputs.sources),
                             timing_source_text(timing.activation, inputs.sources))});
  for (const auto& n : timing.distribution_notes) out.push_back(n);
}

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
  write_file_atomically(path, render_simulation_html(result, hctx));
}

}  // namespace

int run_simulate(const Args& args) {
  Diagnostics errors;
  Args rest;
  AwsInputs aws_in;
  try {
    aws_in = parse_aws_flags(args, rest);
  } catch (const InputError& e) {
    append_diagnostics(errors, e.diagnostics());
    // Keep going with simulate's own flags, to report every problem at once.
    rest = own_flags(args);
  }
  Options opt = parse_options(rest, errors);
  if (opt.help) {
    fmt::print(kUsage, aws_flags_help(), names_line());
    return kExitOk;
  }
  const Inputs inputs = read_inputs(opt, aws_in, std::move(errors));
  const SimulationInput in = simulation_input(inputs, opt);
  SimulationResult result = simulate(in);
  result.warnings = merged_warnings(inputs.run, result.warnings);
  add_timing_assumptions(inputs, result.assumptions);

  SimulationReportContext ctx;
  ctx.endpoint_name = inputs.run.built.endpoint_name;
  if (inputs.sources.scenario) ctx.question = inputs.sources.scenario->question;
  if (opt.scenario) ctx.source = *opt.scenario;
  ctx.extra_cost_usd = result.summary.extra_cost_usd;
  ctx.trip = in.trip;
  std::string text;
  if (opt.output == "json") text = render_simulation_json(result, ctx);
  else if (opt.output == "csv") text = render_simulation_csv(result);
  else text = render_simulation_table(result, ctx);
  if (opt.report) write_html_report(*opt.report, result, ctx);
  if (opt.out) write_file_atomically(*opt.out, text);
  else std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace shiftsim::cli
