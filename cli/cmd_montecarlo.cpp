// `shiftsim montecarlo`: many seeded trials of one update under the stochastic timing and fault
// model (docs/stochastic-model.md): duration quantiles, P(rollback), P(timeout), cost,
// instance-hours, peak distribution, exposure and a recommended timeout.
#include "commands.hpp"
#include "flag_cursor.hpp"
#include "planning_inputs.hpp"
#include "report/html_report.hpp"
#include "report/montecarlo_report.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace shiftsim::cli {

namespace {

constexpr const char* kUsage =
    "usage: shiftsim montecarlo [inputs as simulate] [--trials N] [--seed S] [--threads T]\n"
    "\n"
    "Runs N seeded trials of one UpdateEndpoint with random provisioning and termination times,\n"
    "capacity retries and alarm trips (docs/stochastic-model.md); reports duration P50/P90/P95/\n"
    "P99/max, P(rollback), P(timeout), cost and instance-hours, the peak distribution, exposure\n"
    "of a bad version and a recommended MaximumExecutionTimeoutInSeconds (P99 completion + 10%,\n"
    "rounded up to a minute, inside 600..28800). Results are identical for any --threads.\n"
    "\n"
    "inputs:\n"
    "{}"
    "\n"
    "trials:\n"
    "  --trials N               number of trials (default 10000, at most 100000000)\n"
    "  --seed S                 seed (default 1); trial i draws only from (S, i)\n"
    "  --threads T              worker threads (default: all cores)\n"
    "  --false-trip-per-bake P  probability of a false alarm in each bake (adds to the scenario)\n"
    "  --bad-version            the new version is bad: an alarm fires a detection delay after it\n"
    "                           first takes traffic (exposure, p_escape)\n"
    "  --detection-delay-s S    that delay (default: the alarms' Period x EvaluationPeriods, else 300)\n"
    "\n"
    "output:\n"
    "  --output table|json|csv  table with a histogram (default), JSON shiftsim.montecarlo/v1, CSV\n"
    "  --csv trials|summary     CSV rows: one per trial (default) or the summary\n"
    "  --bins N                 histogram bins in the table (default 20)\n"
    "  --out FILE               write the output to FILE (atomically) instead of stdout\n"
    "  --report FILE.html       also write a self-contained HTML report\n"
    "  --no-progress            never draw the progress bar (it is drawn on stderr only when\n"
    "                           stderr is a terminal and the run takes over a second)\n"
    "\n"
    "exit codes: 0 ok, 2 invalid input, 3 output not writable\n";

struct Options {
  std::uint64_t trials = 10000;
  std::uint64_t seed = 1;
  int threads = 0;
  std::optional<double> false_trip;
  bool bad_version = false;
  std::optional<SimTime> detection_delay;
  std::string output = "table";
  std::string csv = "trials";
  int bins = 20;
  std::optional<std::string> out, report;
  bool progress = true;
};

Options parse_options(const Args& rest) {
  Options o;
  for (FlagCursor cursor(rest); cursor.next();) {
    const std::string& flag = cursor.flag();
    auto value = [&] { return cursor.value(); };
    if (flag == "--trials") {
      o.trials = static_cast<std::uint64_t>(parse_int_flag(value(), flag, 1, 100'000'000));
    } else if (flag == "--seed") {
      o.seed = static_cast<std::uint64_t>(
          parse_int_flag(value(), flag, 0, std::numeric_limits<std::int64_t>::max()));
    } else if (flag == "--threads") {
      o.threads = static_cast<int>(parse_int_flag(value(), flag, 1, 1024));
    } else if (flag == "--false-trip-per-bake") {
      o.false_trip = parse_number_flag(value(), flag, 0.0, 0.999999);
    } else if (flag == "--bad-version") {
      o.bad_version = true;
    } else if (flag == "--detection-delay-s") {
      o.detection_delay = parse_seconds_flag(value(), flag);
      o.bad_version = true;
    } else if (flag == "--output" || flag == "-o") {
      o.output = value();
      if (o.output != "table" && o.output != "json" && o.output != "csv")
        throw CliUsageError(fmt::format("--output must be table, json or csv (got '{}')", o.output));
    } else if (flag == "--csv") {
      o.csv = value();
      if (o.csv != "trials" && o.csv != "summary")
        throw CliUsageError(fmt::format("--csv must be trials or summary (got '{}')", o.csv));
    } else if (flag == "--bins") {
      o.bins = static_cast<int>(parse_int_flag(value(), flag, 1, 200));
    } else if (flag == "--out") {
      o.out = value();
    } else if (flag == "--report") {
      o.report = value();
    } else if (flag == "--no-progress") {
      o.progress = false;
    } else {
      throw CliUsageError(fmt::format(
          "montecarlo: unknown argument '{}'; see 'shiftsim montecarlo --help'", cursor.word()));
    }
  }
  return o;
}

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
                               const Diagnostics& warnings) {
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
  h.cost_mean_usd = s.cost_usd.mean;
  h.cost_p95_usd = s.cost_usd.p95;
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
                  const Diagnostics& warnings) {
  HtmlReportContext ctx;
  ctx.title = fmt::format("shiftsim montecarlo: {}",
                          pin.endpoint_name.empty() ? "UpdateEndpoint" : pin.endpoint_name);
  ctx.endpoint_name = pin.endpoint_name;
  ctx.question = pin.question;
  ctx.source = pin.source;
  ctx.generated_by = fmt::format("shiftsim {} montecarlo", kVersion);
  write_file_atomically(path, render_montecarlo_html(html_input(r, pin, warnings), ctx));
}

}  // namespace

int run_montecarlo(const Args& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::fputs(fmt::format(fmt::runtime(kUsage), planning_inputs_help()).c_str(), stdout);
      return kExitOk;
    }
  Args rest;
  PlanningInputs pin = parse_planning_inputs(args, rest);
  const Options o = parse_options(rest);
  StochasticModel model = pin.model;
  if (o.false_trip)
    model.false_trip_per_bake = 1.0 - (1.0 - model.false_trip_per_bake) * (1.0 - *o.false_trip);
  if (o.bad_version) model.bad_version = true;
  if (o.detection_delay)
    model.detection_delay = DurationDist{DurationDist::Kind::fixed, *o.detection_delay, 0, 0, true};

  // One deterministic run first: input errors surface here, and its warnings are listed.
  const SimulationResult det = simulate(pin.input);

  Progress progress(o.trials, o.progress);
  MonteCarloOptions mo;
  mo.trials = o.trials;
  mo.seed = o.seed;
  mo.threads = o.threads;
  mo.progress = [&progress](std::uint64_t d) { progress(d); };
  const MonteCarloResult r = run_montecarlo(pin.input, model, mo);
  progress.finish();

  Diagnostics warnings = r.summary.warnings;
  for (const auto& w : det.warnings)
    if (w.code != warning_code::timeout_short || !r.summary.warnings.empty()) warnings.push_back(w);

  std::string text;
  if (o.output == "json")
    text = render_montecarlo_json(r.summary, model, pin.input, warnings, pin.endpoint_name);
  else if (o.output == "csv")
    text = render_montecarlo_csv(r, o.csv);
  else
    text = render_montecarlo_table(r, model, pin.input, warnings, o.bins, pin.endpoint_name);
  if (o.report) write_report(*o.report, r, pin, warnings);
  if (o.out) write_file_atomically(*o.out, text);
  else std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace shiftsim::cli
