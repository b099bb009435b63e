// `shiftsim montecarlo`: many seeded trials of one update under the stochastic timing and fault
// model (docs/stochastic-model.md): duration quantiles, P(rollback), P(timeout), cost,
// instance-hours, peak distribution, exposure and a recommended timeout.
#include "commands.hpp"
#include "flag_cursor.hpp"
#include "planning_inputs.hpp"
#include "report/html_report.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

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

nlohmann::json quantiles_json(const Quantiles& q) {
  return {{"p50", q.p50}, {"p90", q.p90}, {"p95", q.p95}, {"p99", q.p99},
          {"max", q.max}, {"mean", q.mean}, {"min", q.min}};
}

std::string describe_model(const StochasticModel& m, const SimulationInput& in) {
  auto dist = [](const DurationDist& d) {
    if (d.kind == DurationDist::Kind::fixed) return fmt::format("fixed {} s", format_seconds(d.fixed));
    return fmt::format("lognormal p50 {} s p95 {} s per {}", d.p50_s, d.p95_s,
                       d.per_instance ? "instance (batch = slowest)" : "batch");
  };
  std::string s = "provision: " + dist(m.provision);
  for (const auto& [k, d] : m.provision_by_type) s += fmt::format("; {}: {}", k, dist(d));
  s += "; terminate: " + dist(m.terminate);
  s += fmt::format("; activation: fixed {} s", format_seconds(in.timing.activation));
  return s;
}

nlohmann::json summary_json(const MonteCarloSummary& s, const StochasticModel& m,
                            const SimulationInput& in, const Diagnostics& warnings) {
  nlohmann::json j;
  j["schema"] = "shiftsim.montecarlo/v1";
  j["trials"] = s.trials;
  j["seed"] = s.seed;
  j["strategy"] = to_string(in.policy.strategy);
  j["duration_s"] = quantiles_json(s.duration_s);
  j["completion_s"] = quantiles_json(s.completion_s);
  j["p_succeeded"] = s.p_succeeded;
  j["p_rollback"] = s.p_rollback;
  j["p_timeout"] = s.p_timeout;
  j["p_rollback_failed"] = s.p_rollback_failed;
  j["instance_hours"] = quantiles_json(s.instance_hours);
  j["cost_usd"] = quantiles_json(s.cost_usd);
  j["exposure_traffic_s"] = quantiles_json(s.exposure_traffic_s);
  j["p_escape"] = s.p_escape;
  nlohmann::json peaks = nlohmann::json::array();
  for (const auto& [peak, count] : s.peak_distribution)
    peaks.push_back({{"peak_instances", peak}, {"trials", count},
                     {"share", static_cast<double>(count) / static_cast<double>(s.trials)}});
  j["peak_instances"] = peaks;
  j["recommended_timeout_s"] = s.recommended_timeout_s;
  j["recommendation"] = fmt::format(
      "P99 completion {:.0f} s + {:.0f}%, rounded up to {} s, clamped into [{}, {}]",
      s.completion_s.p99, kTimeoutMargin * 100, kTimeoutRoundS, kTimeoutMinS, kTimeoutMaxS);
  j["timeout_s"] = s.user_timeout ? nlohmann::json(to_seconds(*s.user_timeout)) : nlohmann::json();
  nlohmann::json ws = nlohmann::json::array();
  for (const auto& w : warnings) ws.push_back({{"code", w.code}, {"message", w.message}});
  j["warnings"] = ws;
  nlohmann::json model;
  model["timing"] = describe_model(m, in);
  model["false_trip_per_bake"] = m.false_trip_per_bake;
  model["retry_probability"] = m.retry_probability;
  model["retry_delay_s"] = to_seconds(m.retry_delay);
  model["bad_version"] = m.bad_version;
  j["model"] = model;
  nlohmann::json as = nlohmann::json::object();
  for (const auto& a : assumption_values(in.assumptions, in.timing)) as[a.name] = a.value;
  j["assumptions"] = as;
  return j;
}

std::string render_table(const MonteCarloResult& r, const StochasticModel& m,
                         const SimulationInput& in, const Diagnostics& warnings, int bins,
                         const std::string& endpoint) {
  const auto& s = r.summary;
  std::string t;
  t += fmt::format("Monte Carlo: {} trials, seed {}, {}{}\n", s.trials, s.seed,
                   to_string(in.policy.strategy),
                   endpoint.empty() ? "" : fmt::format(", endpoint {}", endpoint));
  t += fmt::format("model: {}\n", describe_model(m, in));
  if (m.false_trip_per_bake > 0) t += fmt::format("false alarms: {} per bake\n", m.false_trip_per_bake);
  if (m.retry_probability > 0)
    t += fmt::format("capacity retries: p={} delay {} s\n", m.retry_probability,
                     format_seconds(m.retry_delay));
  if (m.bad_version) t += "bad version: an alarm fires a detection delay after first traffic\n";
  t += "\n";
  t += fmt::format("{:<22}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}\n", "", "P50", "P90", "P95", "P99",
                   "max", "mean");
  auto row = [&](const char* name, const Quantiles& q, const char* f) {
    t += fmt::format("{:<22}", name);
    for (double v : {q.p50, q.p90, q.p95, q.p99, q.max, q.mean})
      t += fmt::format("{:>10}", fmt::format(fmt::runtime(f), v));
    t += "\n";
  };
  row("duration (s)", s.duration_s, "{:.0f}");
  row("completion (s)", s.completion_s, "{:.0f}");
  row("instance-hours", s.instance_hours, "{:.1f}");
  row("cost (USD)", s.cost_usd, "{:.2f}");
  if (m.bad_version) row("exposure (traffic-s)", s.exposure_traffic_s, "{:.0f}");
  t += "\n";
  t += fmt::format("P(succeeded) {:.4f}   P(rollback) {:.4f}   P(timeout) {:.4f}\n", s.p_succeeded,
                   s.p_rollback, s.p_timeout);
  if (m.bad_version) t += fmt::format("P(escape: detected only after the last bake) {:.4f}\n", s.p_escape);
  t += fmt::format("recommended MaximumExecutionTimeoutInSeconds: {} (P99 completion {:.0f} s + 10%, "
                   "rounded up to a minute, inside 600..28800){}\n",
                   s.recommended_timeout_s, s.completion_s.p99,
                   s.user_timeout ? fmt::format("; yours: {}", format_seconds(*s.user_timeout))
                                  : std::string("; the request sets none"));
  t += "\nduration histogram (s):\n";
  const auto h = histogram_ms(r.figures.duration_ms, bins);
  std::uint64_t most = 1;
  for (const auto& b : h) most = std::max(most, b.count);
  for (const auto& b : h) {
    const auto len = static_cast<std::size_t>(
        std::llround(40.0 * static_cast<double>(b.count) / static_cast<double>(most)));
    t += fmt::format("  {:>8.0f} - {:<8.0f} {:<40} {}\n", b.lo, b.hi, std::string(len, '#'), b.count);
  }
  t += "\npeak instances:\n";
  for (const auto& [peak, count] : s.peak_distribution)
    t += fmt::format("  {:>6}  {:>7.3f}%  ({} trials)\n", peak,
                     100.0 * static_cast<double>(count) / static_cast<double>(s.trials), count);
  if (!warnings.empty()) {
    t += "\nwarnings:\n";
    for (const auto& w : warnings) t += fmt::format("  {}: {}\n", w.code, w.message);
  }
  return t;
}

std::string render_csv(const MonteCarloResult& r, const std::string& mode) {
  std::string t;
  const auto& s = r.summary;
  if (mode == "summary") {
    t += "metric,p50,p90,p95,p99,max,mean\n";
    auto row = [&](const char* n, const Quantiles& q) {
      t += fmt::format("{},{},{},{},{},{},{}\n", n, q.p50, q.p90, q.p95, q.p99, q.max, q.mean);
    };
    row("duration_s", s.duration_s);
    row("completion_s", s.completion_s);
    row("instance_hours", s.instance_hours);
    row("cost_usd", s.cost_usd);
    row("exposure_traffic_s", s.exposure_traffic_s);
    t += fmt::format("p_rollback,{},,,,,\np_timeout,{},,,,,\np_escape,{},,,,,\n"
                     "recommended_timeout_s,{},,,,,\n",
                     s.p_rollback, s.p_timeout, s.p_escape, s.recommended_timeout_s);
    return t;
  }
  const auto& f = r.figures;
  t.reserve(f.size() * 64);
  t += "trial,outcome,duration_s,completion_s,peak_instances,instance_hours,cost_usd,"
       "exposure_traffic_s,escaped\n";
  for (std::size_t i = 0; i < f.size(); ++i)
    t += fmt::format("{},{},{},{},{},{:.4f},{:.4f},{:.1f},{}\n", i,
                     to_string(static_cast<Outcome>(f.outcome[i])), f.duration_ms[i] / 1000.0,
                     f.completion_ms[i] / 1000.0, f.peak[i], static_cast<double>(f.instance_seconds[i]) / 3600.0,
                     f.cost_usd[i], f.exposure_traffic_s[i], static_cast<int>(f.escaped[i]));
  return t;
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
  if (o.output == "json") {
    auto j = summary_json(r.summary, model, pin.input, warnings);
    j["endpoint_name"] = pin.endpoint_name;
    text = j.dump(2) + "\n";
  } else if (o.output == "csv") {
    text = render_csv(r, o.csv);
  } else {
    text = render_table(r, model, pin.input, warnings, o.bins, pin.endpoint_name);
  }
  if (o.report) {
    MonteCarloHtmlInput h;
    h.trials = r.summary.trials;
    h.seed = r.summary.seed;
    h.strategy = to_string(pin.input.policy.strategy);
    for (const auto& b : histogram_ms(r.figures.duration_ms, 40))
      h.bins.push_back(HistogramBin{b.lo, b.hi, b.count});
    const auto& s = r.summary;
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
    if (s.user_timeout) h.timeout_s = to_seconds(*s.user_timeout);
    h.recommended_timeout_s = static_cast<double>(s.recommended_timeout_s);
    h.recommendation_note = "P99 completion + 10%, rounded up to 60 s, inside 600..28800";
    for (const auto& [peak, count] : s.peak_distribution)
      h.peak_distribution.emplace_back(peak,
                                       static_cast<double>(count) / static_cast<double>(s.trials));
    h.warnings = warnings;
    h.assumptions = assumption_values(pin.input.assumptions, pin.input.timing);
    HtmlReportContext ctx;
    ctx.title = fmt::format("shiftsim montecarlo: {}",
                            pin.endpoint_name.empty() ? "UpdateEndpoint" : pin.endpoint_name);
    ctx.endpoint_name = pin.endpoint_name;
    ctx.question = pin.question;
    ctx.source = pin.source;
    ctx.generated_by = fmt::format("shiftsim {} montecarlo", kVersion);
    write_file_atomically(*o.report, render_montecarlo_html(h, ctx));
  }
  if (o.out) write_file_atomically(*o.out, text);
  else std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace shiftsim::cli
