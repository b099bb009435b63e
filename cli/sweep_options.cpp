// Shared flags and outputs of `sweep` and `plan` (sweep_options.hpp).
#include "sweep_options.hpp"

#include "flag_cursor.hpp"

#include "report/html_report.hpp"
#include "report/sweep_report.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/codes.hpp"
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

std::vector<Strategy> parse_strategies(const std::string& text) {
  std::vector<Strategy> out;
  if (text == "all") return {Strategy::all_at_once, Strategy::canary, Strategy::linear,
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
                        fmt::format("--strategies: unknown strategy '{}' (use ALL_AT_ONCE, "
                                    "CANARY, LINEAR, ROLLING, comma-separated, or all)",
                                    item));
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
  }
  return "?";
}

std::string sweep_options_help() {
  return "grid (ranges are start:stop:step, inclusive, or comma lists):\n"
         "  --strategies LIST        ALL_AT_ONCE,CANARY,LINEAR,ROLLING or all (default all)\n"
         "  --sizes count|percent|both  size types to try (default both)\n"
         "  --size-count RANGE       INSTANCE_COUNT values in 1..N, N the largest new fleet\n"
         "                           (default 1..N; values invalid for a strategy are skipped)\n"
         "  --size-percent RANGE     CAPACITY_PERCENT values in 1..100 (default 1..100; invalid\n"
         "                           ones skipped)\n"
         "  --wait RANGE             WaitIntervalInSeconds, 0..3600 (default 0:3600:300)\n"
         "  --termination-wait RANGE TerminationWaitInSeconds, 0..3600, blue/green (default\n"
         "                           0:3600:300)\n"
         "  --rollback-batch LIST    rolling RollbackMaximumBatchSize: default, K, K%, a:b:s or\n"
         "                           a:b:s% (counts 1..N, percents 1..100; default: default,\n"
         "                           i.e. 100%)\n"
         "  A value outside its field's limits is refused (exit 2) before the range is expanded.\n"
         "  --timeout S | --no-timeout  MaximumExecutionTimeoutInSeconds for every config\n"
         "                           (default: the request's)\n"
         "  --detection-delay-s S    bad-version detection delay for exposure (default: the\n"
         "                           alarms' Period x EvaluationPeriods, else 300)\n"
         "  --threads T              worker threads (default: all cores)\n"
         "  The grid is refused (exit 2) above 2,000,000 configs.\n"
         "\n"
         "limits:\n"
         "  --max-duration S         success-path duration\n"
         "  --max-peak N             peak running instances (--instance-quota N: the same; the\n"
         "                           scenario's quota.instances applies when neither is given)\n"
         "  --max-cost USD           cost of the update\n"
         "  --min-bake S             every bake at least S seconds\n"
         "  --max-exposure T         traffic-seconds a bad version serves before rollback ends\n"
         "\n"
         "output:\n"
         "  --output table|json|csv  stdout: table of the Pareto front (default), JSON, CSV of all\n"
         "  --out FILE               every evaluated config: CSV, or JSON when FILE ends in .json\n"
         "  --report FILE.html       a self-contained HTML report (Pareto scatter)\n"
         "  --front-rows N           Pareto rows in the table (default 30)\n";
}

namespace {

/// The grid's flags; false when `flag` is none of them.
/// Every range is checked against its field's limits before it is expanded (int_range.hpp); `n`
/// is the largest new fleet, the top of INSTANCE_COUNT sizes and rollback batches.
bool take_grid_flag(SweepCliOptions& o, const std::string& flag, FlagCursor& cursor,
                    std::int64_t n) {
  auto value = [&] { return cursor.value(); };
  if (flag == "--strategies") {
    o.spec.strategies = parse_strategies(value());
  } else if (flag == "--sizes") {
    const auto v = value();
    if (v != "count" && v != "percent" && v != "both")
      throw CliUsageError(fmt::format("--sizes must be count, percent or both (got '{}')", v));
    o.spec.sizes_count = v != "percent";
    o.spec.sizes_percent = v != "count";
  } else if (flag == "--size-count") {
    o.spec.size_counts =
        parse_int_range(value(), flag, capacity_field("CapacitySize.Value", false, n));
  } else if (flag == "--size-percent") {
    o.spec.size_percents =
        parse_int_range(value(), flag, capacity_field("CapacitySize.Value", true, n));
  } else if (flag == "--wait") {
    o.spec.waits_s = parse_int_range(value(), flag, model_int_field("WaitIntervalInSeconds"));
  } else if (flag == "--termination-wait") {
    o.spec.termination_waits_s =
        parse_int_range(value(), flag, model_int_field("TerminationWaitInSeconds"));
  } else if (flag == "--rollback-batch") {
    o.spec.rollback_batches = parse_rollback(value(), n);
  } else if (flag == "--timeout") {
    o.timeout = seconds(parse_int_flag(value(), flag, 600, 28800));
  } else if (flag == "--no-timeout") {
    o.no_timeout = true;
  } else if (flag == "--detection-delay-s") {
    o.spec.detection_delay = parse_seconds_flag(value(), flag);
  } else if (flag == "--threads") {
    o.threads = static_cast<int>(parse_int_flag(value(), flag, 1, 1024));
  } else {
    return false;
  }
  return true;
}

/// The limits' flags; false when `flag` is none of them.
bool take_limit_flag(SweepLimits& l, const std::string& flag, FlagCursor& cursor) {
  if (flag == "--max-duration")
    l.max_duration = parse_seconds_flag(cursor.value(), flag, 1e7);
  else if (flag == "--max-peak" || flag == "--instance-quota")
    l.max_peak = static_cast<int>(parse_int_flag(cursor.value(), flag, 0, 1000000));
  else if (flag == "--max-cost")
    l.max_cost_usd = parse_number_flag(cursor.value(), flag, 0.0, 1e12);
  else if (flag == "--min-bake")
    l.min_bake = parse_seconds_flag(cursor.value(), flag, 1e7);
  else if (flag == "--max-exposure")
    l.max_exposure = parse_number_flag(cursor.value(), flag, 0.0, 1e15);
  else
    return false;
  return true;
}

/// The output flags; false when `flag` is none of them.
bool take_output_flag(SweepCliOptions& o, const std::string& flag, FlagCursor& cursor) {
  if (flag == "--output" || flag == "-o") {
    o.output = cursor.value();
    if (o.output != "table" && o.output != "json" && o.output != "csv")
      throw CliUsageError(fmt::format("--output must be table, json or csv (got '{}')", o.output));
  } else if (flag == "--out") {
    o.out = cursor.value();
  } else if (flag == "--report") {
    o.report = cursor.value();
  } else if (flag == "--front-rows") {
    o.front_rows = static_cast<int>(parse_int_flag(cursor.value(), flag, 1, 100000));
  } else {
    return false;
  }
  return true;
}

}  // namespace

SweepCliOptions parse_sweep_options(const Args& rest, const SimulationInput& in) {
  SweepCliOptions o;
  o.spec.waits_s =
      parse_int_range("0:3600:300", "--wait", model_int_field("WaitIntervalInSeconds"));
  o.spec.termination_waits_s = parse_int_range("0:3600:300", "--termination-wait",
                                               model_int_field("TerminationWaitInSeconds"));
  const std::int64_t n = largest_new_fleet(in);
  // Bad-version detection: the fastest alarm's Period x EvaluationPeriods, else 300 s.
  std::optional<SimTime> best;
  for (const auto& a : in.policy.alarms)
    if (a.time_to_alarm && (!best || *a.time_to_alarm < *best)) best = a.time_to_alarm;
  o.spec.detection_delay = best.value_or(seconds(300));
  for (FlagCursor cursor(rest); cursor.next();) {
    const std::string& flag = cursor.flag();
    if (!take_grid_flag(o, flag, cursor, n) && !take_limit_flag(o.limits, flag, cursor) &&
        !take_output_flag(o, flag, cursor))
      o.unused.push_back(cursor.word());
  }
  if (o.timeout && o.no_timeout)
    throw CliUsageError("give at most one of --timeout and --no-timeout");
  return o;
}

void apply_sweep_overrides(SimulationInput& in, SweepCliOptions& o, bool falls_back_to_all_at_once,
                           std::vector<std::string>& notes) {
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
  if (!o.out) return;
  const bool json = o.out->size() >= 5 && o.out->substr(o.out->size() - 5) == ".json";
  write_file_atomically(*o.out, json ? sweep_json(r, o.limits, true) : sweep_rows_csv(r));
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
  if (o.limits.max_duration) h.max_duration_s = to_seconds(*o.limits.max_duration);
  h.max_cost_usd = o.limits.max_cost_usd;
  h.explanation = explanation;
  h.request_text = request_text;
  h.warnings = pin.warnings;
  h.assumptions = assumption_values(pin.input, pin.model, true);
  HtmlReportContext ctx;
  ctx.title = fmt::format("shiftsim {}: {}", kind,
                          pin.endpoint_name.empty() ? "UpdateEndpoint" : pin.endpoint_name);
  ctx.endpoint_name = pin.endpoint_name;
  ctx.question = pin.question;
  ctx.source = pin.source;
  ctx.generated_by = fmt::format("shiftsim {} {}", kVersion, kind);
  write_file_atomically(path, render_sweep_html(h, ctx));
}

}  // namespace shiftsim::cli
