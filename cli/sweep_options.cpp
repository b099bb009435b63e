// Shared flags and outputs of `sweep` and `plan` (sweep_options.hpp).
#include "sweep_options.hpp"

#include "input_files.hpp"

#include "report/html_report.hpp"
#include "report/sweep_report.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/int_range.hpp"
#include "shiftsim/nearest.hpp"
#include "shiftsim/risk.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>

namespace shiftsim::cli {

namespace {

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

const std::vector<std::string> kStrategyNames = {"ALL_AT_ONCE", "CANARY", "LINEAR", "ROLLING"};

std::vector<Strategy> parse_strategies(const std::string& text) {
  std::vector<Strategy> out;
  if (upper(text) == "ALL") return {Strategy::all_at_once, Strategy::canary, Strategy::linear,
                             Strategy::rolling};
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto comma = text.find(',', pos);
    std::string item = upper(text.substr(pos, comma == std::string::npos ? std::string::npos
                                                                         : comma - pos));
    std::replace(item.begin(), item.end(), '-', '_');
    Strategy s{};
    if (item == "ALL_AT_ONCE") s = Strategy::all_at_once;
    else if (item == "CANARY") s = Strategy::canary;
    else if (item == "LINEAR") s = Strategy::linear;
    else if (item == "ROLLING") s = Strategy::rolling;
    else
      throw_input_error(error_code::enum_value, "--strategies",
                        "one or more of ALL_AT_ONCE, CANARY, LINEAR, ROLLING (or all)",
                        fmt::format("\"{}\"", text),
                        fmt::format("--strategies: unknown strategy '{}'{} (use ALL_AT_ONCE, "
                                    "CANARY, LINEAR, ROLLING, comma-separated, or all)",
                                    item, did_you_mean(nearest_names(item, kStrategyNames))));
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

/// The largest new fleet: the top of the INSTANCE_COUNT sizes and rollback batches worth trying.
std::int64_t largest_new_fleet(const SimulationInput& in) {
  int n = 1;
  for (const auto& v : in.variants) n = std::max(n, v.n_new);
  return n;
}

/// CapacitySize values: INSTANCE_COUNT 1..N (the largest new fleet), CAPACITY_PERCENT 1..100.
IntRangeField capacity_field(std::string_view member, bool percent, std::int64_t n) {
  IntRangeField f = model_int_field("CapacitySizeValue");  // the model's minimum, 1
  if (percent) {
    f.name = fmt::format("{} as CAPACITY_PERCENT", member);
    f.max = 100;
  } else {
    f.name = fmt::format("{} as INSTANCE_COUNT for a new fleet of {}", member, n);
    f.max = n;
  }
  return f;
}

std::vector<std::optional<CapacitySize>> parse_rollback(const std::string& text, std::int64_t n) {
  std::vector<std::optional<CapacitySize>> out;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto comma = text.find(',', pos);
    std::string item =
        text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    if (item == "default") {
      out.emplace_back(std::nullopt);
    } else {
      const bool pct = !item.empty() && item.back() == '%';
      if (pct) item.pop_back();
      for (const auto v : parse_int_range(item, "--rollback-batch",
                                          capacity_field("RollbackMaximumBatchSize.Value", pct, n)))
        out.emplace_back(CapacitySize{
            pct ? CapacityType::capacity_percent : CapacityType::instance_count, v});
    }
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

}  // namespace

const char* limit_flag(Limit limit) noexcept {
  switch (limit) {
    case Limit::duration: return "--max-duration";
    case Limit::peak: return "--max-peak";
    case Limit::cost: return "--max-cost";
    case Limit::bake: return "--min-bake";
    case Limit::exposure: return "--max-exposure";
    case Limit::timeout: return "MaximumExecutionTimeoutInSeconds";
    case Limit::p_timeout: return "--max-p-timeout";
    case Limit::escape: return "--allow-escape";
  }
  return "?";
}

namespace {

int peak_limit(std::string_view value, std::string_view flag) {
  return static_cast<int>(parse_int_flag(value, flag, 0, 1000000));
}

/// `parse` on the flag's value when given; its InputError appended to `errors`.
template <class F>
void parse_into(const std::optional<std::string>& value, Diagnostics& errors, F parse) {
  if (!value) return;
  try {
    parse(*value);
  } catch (const InputError& e) {
    append_diagnostics(errors, e.diagnostics());
  }
}

}  // namespace

namespace {

Choices<DurationQuantile> quantile_choices() {
  return {{"p50", DurationQuantile::p50}, {"p95", DurationQuantile::p95},
          {"p99", DurationQuantile::p99}};
}

}  // namespace

void declare_sweep_flags(OptionSet& options, SweepFlags& f) {
  options.group("grid (ranges are start:stop:step, inclusive, or comma lists)")
      .add("strategies", text(f.strategies), "LIST",
           "ALL_AT_ONCE,CANARY,LINEAR,ROLLING (any case) or all (default all)")
      .add("sizes", text(f.sizes), "WHICH", "count, percent or both: size types to try (default "
                                            "both)")
      .add("size-count", text(f.size_count), "RANGE",
           "INSTANCE_COUNT values in 1..N, N the largest new fleet (default 1..N; values invalid "
           "for a strategy are skipped)")
      .add("size-percent", text(f.size_percent), "RANGE",
           "CAPACITY_PERCENT values in 1..100 (default 1..100; invalid ones skipped)")
      .add("wait", text(f.wait), "RANGE", "WaitIntervalInSeconds, 0..3600 (default 0:3600:300)")
      .add("termination-wait", text(f.termination_wait), "RANGE",
           "TerminationWaitInSeconds, 0..3600, blue/green (default 0:3600:300)")
      .add("rollback-batch", text(f.rollback_batch), "LIST",
           "rolling RollbackMaximumBatchSize: default, K, K%, a:b:s or a:b:s% (counts 1..N, "
           "percents 1..100; default: the request's, else default, i.e. 100%). A value outside "
           "its field's limits is refused before a range is expanded")
      .add("timeout", integer(f.timeout_s, 600, 28800), "S",
           "MaximumExecutionTimeoutInSeconds for every config (default: the request's; with none, "
           "each config gets its exact P99 completion + 10%, rounded up to a minute, 600..28800)")
      .add("no-timeout", set(f.no_timeout), "no MaximumExecutionTimeoutInSeconds for any config")
      .add("detection-delay-s", time_s(f.detection_delay), "S",
           "bad-version detection delay for exposure and escapes (default: the scenario's trip: "
           "{after_new_traffic_s}, else the alarms' Period x EvaluationPeriods, else 300)")
      .add("threads", integer(f.threads, 1, 1024), "T", "worker threads (default: all cores)");
  // Every config must also have its P99 covered by the timeout in force (else by 28800 s) and,
  // with alarms, not let a bad version escape (--allow-escape lifts that).
  options.group("limits")
      .add("max-duration", time_s(f.limits.max_duration, 1e7), "S",
           "completion time at --duration-quantile (exact, under the timing model)")
      .add("duration-quantile", choice(f.limits.duration_quantile, quantile_choices()), "Q",
           "p50, p95 or p99: the completion quantile --max-duration, the duration objective and "
           "the Pareto front use (default p95)")
      .add("max-p-timeout", number(f.max_p_timeout, 0.0, 1.0), "P",
           "P(timeout) at the timeout the config's request will carry (default 0.01)")
      .add("allow-escape", set(f.limits.allow_escape),
           "admit configs whose bad version (caught --detection-delay-s after first traffic) "
           "escapes: in the median trial or with P(escape) above 1% (by default, with alarms, "
           "they are infeasible)")
      .add("max-peak", parsed<int>(f.limits.max_peak, peak_limit), "N",
           "peak running instances (the scenario's quota.instances applies when not given)")
      .add("instance-quota", parsed<int>(f.limits.max_peak, peak_limit), "N",
           "the same as --max-peak")
      .add("max-cost", number(f.limits.max_cost_usd, 0.0, 1e12), "USD",
           "extra cost of the update: its billed cost minus the old fleet alone over the same "
           "time")
      .add("min-bake", time_s(f.limits.min_bake, 1e7), "S", "every bake at least S seconds")
      .add("max-exposure", number(f.limits.max_exposure, 0.0, 1e15), "T",
           "traffic-seconds a bad version serves before its rollback ends");
  options.group("output")
      .add("rows", output_file(f.rows), "FILE",
           "every evaluated config: CSV, or JSON when FILE ends in .json")
      .add("front-rows", integer(f.front_rows, 1, 100000), "N",
           "Pareto rows in the table (default 30)");
}

SweepCliOptions sweep_options(const SweepFlags& f, const SimulationInput& in, Diagnostics& errors) {
  SweepCliOptions o;
  o.limits = f.limits;
  if (f.max_p_timeout) o.limits.max_p_timeout = *f.max_p_timeout;
  o.rollback_batch_given = f.rollback_batch.has_value();
  o.detection_delay_given = f.detection_delay.has_value();
  o.threads = f.threads;
  o.front_rows = f.front_rows;
  o.rows = f.rows;
  o.no_timeout = f.no_timeout;
  if (f.timeout_s) o.timeout = seconds(*f.timeout_s);
  if (f.timeout_s && f.no_timeout)
    errors.push_back(error_diagnostic(error_code::flag_conflict, "--no-timeout", "one of the two",
                                      "", "give at most one of --timeout and --no-timeout"));
  o.spec.waits_s =
      parse_int_range("0:3600:300", "--wait", model_int_field("WaitIntervalInSeconds"));
  o.spec.termination_waits_s = parse_int_range("0:3600:300", "--termination-wait",
                                               model_int_field("TerminationWaitInSeconds"));
  // Every range is checked against its field's limits before it is expanded (int_range.hpp); `n`
  // is the largest new fleet, the top of INSTANCE_COUNT sizes and rollback batches.
  const std::int64_t n = largest_new_fleet(in);
  parse_into(f.strategies, errors, [&](const std::string& v) {
    o.spec.strategies = parse_strategies(v);
  });
  parse_into(f.sizes, errors, [&](const std::string& v) {
    const std::vector<std::string> names = {"count", "percent", "both"};
    const auto i = match_choice(v, names);
    if (!i) throw InputError({choice_error("--sizes", v, names)});
    o.spec.sizes_count = *i != 1;
    o.spec.sizes_percent = *i != 0;
  });
  parse_into(f.size_count, errors, [&](const std::string& v) {
    o.spec.size_counts =
        parse_int_range(v, "--size-count", capacity_field("CapacitySize.Value", false, n));
  });
  parse_into(f.size_percent, errors, [&](const std::string& v) {
    o.spec.size_percents =
        parse_int_range(v, "--size-percent", capacity_field("CapacitySize.Value", true, n));
  });
  parse_into(f.wait, errors, [&](const std::string& v) {
    o.spec.waits_s = parse_int_range(v, "--wait", model_int_field("WaitIntervalInSeconds"));
  });
  parse_into(f.termination_wait, errors, [&](const std::string& v) {
    o.spec.termination_waits_s =
        parse_int_range(v, "--termination-wait", model_int_field("TerminationWaitInSeconds"));
  });
  parse_into(f.rollback_batch, errors, [&](const std::string& v) {
    o.spec.rollback_batches = parse_rollback(v, n);
  });
  o.spec.detection_delay = f.detection_delay.value_or(default_detection_delay(in.policy));
  return o;
}

void apply_sweep_overrides(PlanningInputs& pin, SweepCliOptions& o,
                           std::vector<std::string>& notes) {
  SimulationInput& in = pin.input;
  const bool falls_back_to_all_at_once = pin.falls_back_to_all_at_once;
  if (pin.scenario_detection_delay && !o.detection_delay_given)
    o.spec.detection_delay = *pin.scenario_detection_delay;
  // What the grid does not sweep comes from the request: its rollback batch.
  if (!o.rollback_batch_given) o.spec.rollback_batches = {in.policy.rollback_batch};
  if (o.timeout) in.policy.timeout = o.timeout;
  if (o.no_timeout) in.policy.timeout.reset();
  if (!o.limits.max_peak && in.instance_quota) o.limits.max_peak = in.instance_quota;
  if (falls_back_to_all_at_once) {
    o.spec.strategies = {Strategy::all_at_once};
    o.spec.termination_waits_s = {0};
    notes.push_back(fmt::format("{}: SageMaker deploys this endpoint ALL_AT_ONCE without bake and "
                                "without guardrails whatever the DeploymentConfig says, so only "
                                "that config is evaluated.",
                                warning_code::fallback_all_at_once));
  } else {
    in.policy.fallback = false;  // the swept configs are not the requested one
  }
}

void write_sweep_rows(const SweepCliOptions& o, const SweepResult& r) {
  if (!o.rows) return;
  const std::string path = strip_file_scheme(*o.rows);
  const bool json = path.size() >= 5 && path.substr(path.size() - 5) == ".json";
  write_file_atomically(path, json ? sweep_json(r, o.limits, true) : sweep_rows_csv(r));
}

void write_sweep_report(const std::string& path, const SweepResult& r, const SweepCliOptions& o,
                        const PlanningInputs& pin, const std::string& kind,
                        const std::string& objective, std::optional<std::size_t> pick,
                        const std::vector<std::string>& explanation,
                        const std::string& request_text) {
  SweepHtmlInput h;
  h.kind = kind;
  h.objective = objective;
  h.points = sweep_points(r, pick);
  h.duration_label = std::string(to_string(o.limits.duration_quantile)) + " completion";
  h.duration_label[0] = 'P';
  if (o.limits.max_duration) h.max_duration_s = to_seconds(*o.limits.max_duration);
  h.max_cost_usd = o.limits.max_cost_usd;
  h.explanation = explanation;
  h.request_text = request_text;
  h.warnings = pin.warnings;
  h.assumptions = assumption_values(pin.input, pin.model, true);
  h.unpriced_types = r.unpriced_types;
  HtmlReportContext ctx;
  ctx.title = fmt::format("shiftsim {}: {}", kind,
                          pin.endpoint_name.empty() ? "UpdateEndpoint" : pin.endpoint_name);
  ctx.endpoint_name = pin.endpoint_name;
  ctx.question = pin.question;
  ctx.source = pin.source;
  ctx.generated_by = fmt::format("shiftsim {} {}", kVersion, kind);
  write_file_atomically(strip_file_scheme(path), render_sweep_html(h, ctx));
}

}  // namespace shiftsim::cli
