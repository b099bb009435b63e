// `shiftsim montecarlo`: many seeded trials of one update under the stochastic timing and fault
// model (docs/stochastic-model.md): duration quantiles, P(rollback), P(timeout), cost,
// instance-hours, peak distribution, exposure and a recommended timeout.
#include "commands.hpp"
#include "fleet_run.hpp"
#include "input_files.hpp"
#include "input_flags.hpp"
#include "output/output.hpp"
#include "planning_inputs.hpp"
#include "report/html_report.hpp"
#include "report/montecarlo_report.hpp"
#include "terminal.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/code_traits.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <unistd.h>

namespace shiftsim::cli {

namespace {

constexpr CommandInfo kInfo{
    "montecarlo",
    "simulate many seeded trials with random timing and faults: P50/P95/P99, P(rollback)",
    "shiftsim montecarlo [inputs as simulate] [--trials N] [--seed S] [--threads T] [flags]",
    "Runs N seeded trials of one UpdateEndpoint with random provisioning and termination times,\n"
    "capacity retries and alarm trips (docs/stochastic-model.md); reports duration P50/P90/P95/\n"
    "P99/max, P(rollback), P(timeout), cost and instance-hours, the peak distribution, exposure\n"
    "of a bad version and a recommended MaximumExecutionTimeoutInSeconds (P99 completion + 10%,\n"
    "rounded up to a minute, inside 600..28800). Results are identical for any --threads.",
    "shiftsim montecarlo --scenario bench/peers/rolling-100.json --trials 100000 --seed 7\n"
    "shiftsim montecarlo --scenario s.yaml --bad-version --output json\n"
    "shiftsim montecarlo --scenario s.yaml --csv summary",
    "0 ok, 2 invalid input, 3 output not writable",
};

enum class CsvRows { trials, summary };

struct Options {
  std::uint64_t trials = 10000;
  std::uint64_t seed = 1;
  int threads = 0;
  std::optional<double> false_trip;
  bool bad_version = false;
  std::optional<SimTime> detection_delay;
  std::optional<CsvRows> csv;
  int bins = 20;
  bool progress = true;
};

/// A progress bar on stderr, drawn only when stderr is a terminal and the run has taken more
/// than a second.
class Progress {
 public:
  Progress(std::uint64_t total, bool enabled)
      : total_(total), enabled_(enabled && ::isatty(STDERR_FILENO) == 1),
        start_(std::chrono::steady_clock::now()) {}
  void operator()(std::uint64_t done) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1)) return;
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done < total_) return;
    last_ = now;
    drawn_ = true;
    const double frac = total_ ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
    const int width = 40;
    const int filled = static_cast<int>(frac * width);
    fmt::print(stderr, "\r[{}{}] {:5.1f}% {}/{} trials", std::string(static_cast<std::size_t>(filled), '#'),
               std::string(static_cast<std::size_t>(width - filled), ' '), frac * 100.0, done,
               total_);
    std::fflush(stderr);
  }
  void finish() {
    if (drawn_) fmt::print(stderr, "\n");
  }

 private:
  std::uint64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

/// What the HTML report shows of the run.
MonteCarloHtmlInput html_input(const MonteCarloResult& r, const PlanningInputs& pin,
                               const StochasticModel& model, const Diagnostics& warnings) {
  MonteCarloHtmlInput h;
  const auto& s = r.summary;
  h.trials = s.trials;
  h.seed = s.seed;
  h.strategy = to_string(pin.input.policy.strategy);
  for (const auto& b : histogram_ms(r.figures.duration_ms, 40))
    h.bins.push_back(HistogramBin{b.lo, b.hi, b.count});
  h.p50_s = s.duration_s.p50;
  h.p90_s = s.duration_s.p90;
  h.p95_s = s.duration_s.p95;
  h.p99_s = s.duration_s.p99;
  h.max_s = s.duration_s.max;
  h.mean_s = s.duration_s.mean;
  h.p_rollback = s.p_rollback;
  h.p_timeout = s.p_timeout;
  if (model.bad_version) h.p_escape = s.p_escape;
  h.cost_mean_usd = s.cost_usd.mean;
  h.cost_p95_usd = s.cost_usd.p95;
  h.extra_cost_mean_usd = s.extra_cost_usd.mean;
  h.extra_cost_p95_usd = s.extra_cost_usd.p95;
  h.unpriced_types = s.unpriced_types;
  h.instance_hours_mean = s.instance_hours.mean;
  h.instance_hours_p95 = s.instance_hours.p95;
  h.billed_instance_hours_mean = s.billed_instance_hours.mean;
  if (s.user_timeout) h.timeout_s = to_seconds(*s.user_timeout);
  h.recommended_timeout_s = static_cast<double>(s.recommended_timeout_s);
  h.recommendation_note = "P99 completion + 10%, rounded up to 60 s, inside 600..28800";
  for (const auto& [peak, count] : s.peak_distribution)
    h.peak_distribution.emplace_back(peak,
                                     static_cast<double>(count) / static_cast<double>(s.trials));
  h.warnings = warnings;
  h.assumptions = assumption_values(pin.input, pin.model, false);
  return h;
}

void write_report(const std::string& path, const MonteCarloResult& r, const PlanningInputs& pin,
                  const StochasticModel& model, const Diagnostics& warnings) {
  HtmlReportContext ctx;
  ctx.title = fmt::format("shiftsim montecarlo: {}",
                          pin.endpoint_name.empty() ? "UpdateEndpoint" : pin.endpoint_name);
  ctx.endpoint_name = pin.endpoint_name;
  ctx.question = pin.question;
  ctx.source = pin.source;
  ctx.generated_by = fmt::format("shiftsim {} montecarlo", kVersion);
  write_file_atomically(strip_file_scheme(path),
                        render_montecarlo_html(html_input(r, pin, model, warnings), ctx));
}

class MonteCarlo final : public Command {
 public:
  void declare(OptionSet& options) override {
    declare_input_flags(options, inputs_);
    options.group("trials")
        .add("trials", integer(o_.trials, 1, 100'000'000), "N",
             "number of trials (default 10000, at most 100000000)")
        .add("seed", integer(o_.seed, 0, std::numeric_limits<std::uint64_t>::max()), "S",
             "seed (default 1); trial i draws only from (S, i)")
        .add("threads", integer(o_.threads, 1, 1024), "T", "worker threads (default: all cores)")
        .add("false-trip-per-bake", number(o_.false_trip, 0.0, 0.999999), "P",
             "probability of a false alarm in each bake (adds to the scenario)")
        .add("bad-version", set(o_.bad_version),
             "the new version is bad: an alarm fires a detection delay after it first takes "
             "traffic (exposure, p_escape)")
        .add("detection-delay-s", time_s(o_.detection_delay), "S",
             "that delay (default: the alarms' Period x EvaluationPeriods, else 300); implies "
             "--bad-version");
    declare_fleet_run_flags(options, fleet_);
    declare_output_flags(options, output_,
                         {"quantiles, probabilities, a histogram, the peak distribution",
                          "one row per trial, or the summary (--csv)", true,
                          "the duration histogram with P50/P95/P99 and the timeout"});
    options.group("output")
        .add("csv", choice(o_.csv, Choices<CsvRows>{{"trials", CsvRows::trials},
                                                   {"summary", CsvRows::summary}}),
             "ROWS", "CSV rows: trials (default) or summary; implies --output csv")
        .add("bins", integer(o_.bins, 1, 200), "N", "histogram bins in the table (default 20)")
        .add("no-progress", set(o_.progress, false),
             "never draw the progress bar (it is drawn on stderr only when stderr is a terminal "
             "and the run takes over a second)");
  }

  int run(Diagnostics errors) override {
    if (fleet_.fleet) {
      // The price flags hold for every endpoint (a bad --prices file stops the task at once).
      const PriceSources prices = price_sources(inputs_.prices, errors);
      throw_if_any(std::move(errors));
      return run_fleet(fleet_, "montecarlo", output_.out, words, o_.seed, prices,
                       [this](RunSources sources, Diagnostics errs, std::uint64_t seed) {
                         return fleet_endpoint(
                             planning_inputs_from_sources(sources, std::move(errs), "montecarlo"),
                             seed);
                       });
    }
    // --csv says which CSV rows: it implies --output csv, and contradicts another format.
    if (o_.csv && !output_.format_given) output_.format = OutputFormat::csv;
    if (o_.csv && output_.format != OutputFormat::csv)
      errors.push_back(error_diagnostic(
          error_code::flag_conflict, "--csv", "--output csv", "",
          fmt::format("--csv {} chooses CSV rows, but --output is {}: drop one",
                      *o_.csv == CsvRows::trials ? "trials" : "summary",
                      to_string(output_.format))));
    PlanningInputs pin = read_planning_inputs(inputs_, std::move(errors), "montecarlo");
    const McRun run = montecarlo(pin, o_.seed, o_.threads, o_.progress);
    const StochasticModel& model = run.model;
    const MonteCarloResult& r = run.result;
    const Diagnostics& warnings = run.warnings;

    std::string text;
    switch (output_.format) {
      case OutputFormat::csv:
        text = render_montecarlo_csv(r, o_.csv == CsvRows::summary ? "summary" : "trials");
        break;
      case OutputFormat::table: {
        const Terminal term =
            terminal_for(stdout, output_.color, output_.out && *output_.out != "-");
        text = render_montecarlo_table(r, model, pin.input, warnings, o_.bins, pin.endpoint_name,
                                       term.width);
        break;
      }
      default:
        text = render_json_text(
            render_montecarlo_json(r.summary, model, pin.input, warnings, pin.endpoint_name),
            output_.format);
    }
    if (output_.report) write_report(*output_.report, r, pin, model, warnings);
    write_output(output_, text);
    return kExitOk;
  }

 private:
  InputFlags inputs_;
  /// One Monte Carlo: the model with the fault flags applied, the result, the warnings (the
  /// Monte Carlo's, then the deterministic run's).
  struct McRun {
    StochasticModel model;
    MonteCarloResult result;
    Diagnostics warnings;
  };

  McRun montecarlo(const PlanningInputs& pin, std::uint64_t seed, int threads,
                   bool show_progress) const {
    McRun run;
    StochasticModel& model = run.model;
    model = pin.model;
    if (pin.scenario_detection_delay) {  // trip: {after_new_traffic_s: S}: a bad version
      model.bad_version = true;
      model.detection_delay =
          DurationDist{DurationDist::Kind::fixed, *pin.scenario_detection_delay, 0, 0, true};
    }
    if (o_.false_trip)
      model.false_trip_per_bake = 1.0 - (1.0 - model.false_trip_per_bake) * (1.0 - *o_.false_trip);
    if (o_.bad_version || o_.detection_delay) model.bad_version = true;
    if (o_.detection_delay)
      model.detection_delay =
          DurationDist{DurationDist::Kind::fixed, *o_.detection_delay, 0, 0, true};

    // One deterministic run first: input errors surface here, and its warnings are listed.
    const SimulationResult det = simulate(pin.input);

    Progress progress(o_.trials, show_progress);
    MonteCarloOptions mo;
    mo.trials = o_.trials;
    mo.seed = seed;
    mo.threads = threads;
    mo.progress = [&progress](std::uint64_t d) { progress(d); };
    run.result = run_montecarlo(pin.input, model, mo);
    progress.finish();

    run.warnings = run.result.summary.warnings;
    for (const auto& w : det.warnings)
      if (!has_trait(w.code, CodeTrait::median_timeout_verdict) ||
          !run.result.summary.warnings.empty())
        run.warnings.push_back(w);
    return run;
  }

  /// montecarlo --fleet: one endpoint's JSON (as --output json) and its summary row.
  EndpointOutcome fleet_endpoint(PlanningInputs pin, std::uint64_t seed) const {
    const McRun run = montecarlo(pin, seed, fleet_endpoint_threads(fleet_, o_.threads), false);
    const MonteCarloSummary& s = run.result.summary;
    EndpointOutcome out;
    out.result = render_json_text(
        render_montecarlo_json(s, run.model, pin.input, run.warnings, pin.endpoint_name),
        OutputFormat::json);
    FleetRow& row = out.row;
    row.pick = to_string(pin.input.policy.strategy);
    row.strategy = row.pick;
    row.duration_s = s.duration_s.p50;
    row.p95_s = s.duration_s.p95;
    row.cost_usd = s.cost_usd.mean.usd();  // null when unknown (A12)
    row.extra_cost_usd = s.extra_cost_usd.mean.usd();
    row.unpriced_types = s.unpriced_types;
    if (!s.peak_distribution.empty()) {
      row.peak_instances = s.peak_distribution.back().first;
      row.peak_by_type = fleet_peak_by_type(pin.input, *row.peak_instances);
    }
    if (s.user_timeout) row.timeout_s = *s.user_timeout / 1000;
    for (const auto& w : pin.warnings) row.findings.push_back(w.code);
    for (const auto& w : run.warnings) row.findings.push_back(w.code);
    return out;
  }

  Options o_;
  FleetRunFlags fleet_;
  OutputFlags output_;
};

}  // namespace

CommandEntry montecarlo_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<MonteCarlo>(); }};
}

}  // namespace shiftsim::cli
