// Shared flags and outputs of `sweep` and `plan` (sweep_options.hpp).
#include "sweep_options.hpp"

#include "flag_cursor.hpp"

#include "report/html_report.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

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

std::vector<std::optional<CapacitySize>> parse_rollback(const std::string& text) {
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
      for (const auto v : parse_int_range(item, "--rollback-batch", 100000)) {
        if (v < 1 || (pct && v > 100))
          throw_input_error(error_code::range, "--rollback-batch",
                            pct ? "percent values in 1..100" : "instance counts >= 1",
                            fmt::format("\"{}\"", text),
                            fmt::format("--rollback-batch {}: {} is out of range ({})", text, v,
                                        pct ? "1..100%" : ">= 1"));
        out.emplace_back(CapacitySize{
            pct ? CapacityType::capacity_percent : CapacityType::instance_count, v});
      }
    }
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return out;
}

std::string size_text(const std::optional<CapacitySize>& s) {
  if (!s) return "";
  return s->type == CapacityType::capacity_percent ? fmt::format("{}%", s->value)
                                                   : fmt::format("{}", s->value);
}

std::string violations_text(std::uint8_t v) {
  std::string s;
  auto add = [&](std::uint8_t bit, const char* name) {
    if ((v & bit) == 0) return;
    if (!s.empty()) s += '|';
    s += name;
  };
  add(kViolTimeout, "timeout");
  add(kViolDuration, "max-duration");
  add(kViolPeak, "max-peak");
  add(kViolCost, "max-cost");
  add(kViolBake, "min-bake");
  add(kViolExposure, "max-exposure");
  return s;
}

nlohmann::json row_json(const SweepRow& r, std::size_t i) {
  nlohmann::json j;
  j["index"] = i;
  j["strategy"] = to_string(r.config.strategy);
  j["size"] = r.config.step ? nlohmann::json(size_text(r.config.step)) : nlohmann::json();
  j["wait_s"] = r.config.wait_s;
  j["termination_wait_s"] = r.config.termination_wait_s;
  j["rollback_batch"] =
      r.config.rollback_batch ? nlohmann::json(size_text(r.config.rollback_batch)) : nlohmann::json();
  j["outcome"] = to_string(r.outcome);
  j["duration_s"] = to_seconds(r.duration);
  j["peak_instances"] = r.peak;
  j["instance_hours"] = r.instance_seconds / 3600.0;
  j["cost_usd"] = r.cost_usd;
  j["exposure_traffic_s"] = r.exposure_traffic_s;
  j["escaped"] = r.escaped;
  j["min_bake_s"] = to_seconds(r.min_bake);
  j["feasible"] = r.feasible();
  j["violations"] = violations_text(r.violations);
  j["pareto"] = r.pareto;
  return j;
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
         "  --size-count RANGE       INSTANCE_COUNT values (default 1..N; invalid ones skipped)\n"
         "  --size-percent RANGE     CAPACITY_PERCENT values (default 1..100; invalid skipped)\n"
         "  --wait RANGE             WaitIntervalInSeconds (default 0:3600:300)\n"
         "  --termination-wait RANGE TerminationWaitInSeconds, blue/green (default 0:3600:300)\n"
         "  --rollback-batch LIST    rolling RollbackMaximumBatchSize: default, N, N%, a:b:s or\n"
         "                           a:b:s% (default: default, i.e. 100%)\n"
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

SweepCliOptions parse_sweep_options(const Args& rest, const SimulationInput& in) {
  SweepCliOptions o;
  o.spec.waits_s = parse_int_range("0:3600:300", "--wait");
  o.spec.termination_waits_s = parse_int_range("0:3600:300", "--termination-wait");
  {
    std::optional<SimTime> best;
    for (const auto& a : in.policy.alarms)
      if (a.time_to_alarm && (!best || *a.time_to_alarm < *best)) best = a.time_to_alarm;
    o.spec.detection_delay = best.value_or(seconds(300));
  }
  for (FlagCursor cursor(rest); cursor.next();) {
    const std::string& flag = cursor.flag();
    auto value = [&] { return cursor.value(); };
    auto check_max = [&](const std::vector<std::int64_t>& v, std::int64_t hi, const char* f) {
      if (!v.empty() && v.back() > hi)
        throw_input_error(error_code::range, f, fmt::format("values must be <= {}", hi),
                          fmt::format("{}", v.back()),
                          fmt::format("{}: {} is above the maximum {}", f, v.back(), hi));
    };
    if (flag == "--strategies") {
      o.spec.strategies = parse_strategies(value());
    } else if (flag == "--sizes") {
      const auto v = value();
      if (v != "count" && v != "percent" && v != "both")
        throw CliUsageError(fmt::format("--sizes must be count, percent or both (got '{}')", v));
      o.spec.sizes_count = v != "percent";
      o.spec.sizes_percent = v != "count";
    } else if (flag == "--size-count") {
      o.spec.size_counts = parse_int_range(value(), flag);
    } else if (flag == "--size-percent") {
      o.spec.size_percents = parse_int_range(value(), flag);
      check_max(o.spec.size_percents, 100, "--size-percent");
    } else if (flag == "--wait") {
      o.spec.waits_s = parse_int_range(value(), flag);
      check_max(o.spec.waits_s, 3600, "--wait");
    } else if (flag == "--termination-wait") {
      o.spec.termination_waits_s = parse_int_range(value(), flag);
      check_max(o.spec.termination_waits_s, 3600, "--termination-wait");
    } else if (flag == "--rollback-batch") {
      o.spec.rollback_batches = parse_rollback(value());
    } else if (flag == "--timeout") {
      o.timeout = seconds(parse_int_flag(value(), flag, 600, 28800));
    } else if (flag == "--no-timeout") {
      o.no_timeout = true;
    } else if (flag == "--detection-delay-s") {
      o.spec.detection_delay = parse_seconds_flag(value(), flag);
    } else if (flag == "--threads") {
      o.threads = static_cast<int>(parse_int_flag(value(), flag, 1, 1024));
    } else if (flag == "--max-duration") {
      o.limits.max_duration = parse_seconds_flag(value(), flag, 1e7);
    } else if (flag == "--max-peak" || flag == "--instance-quota") {
      o.limits.max_peak = static_cast<int>(parse_int_flag(value(), flag, 0, 1000000));
    } else if (flag == "--max-cost") {
      o.limits.max_cost_usd = parse_number_flag(value(), flag, 0.0, 1e12);
    } else if (flag == "--min-bake") {
      o.limits.min_bake = parse_seconds_flag(value(), flag, 1e7);
    } else if (flag == "--max-exposure") {
      o.limits.max_exposure = parse_number_flag(value(), flag, 0.0, 1e15);
    } else if (flag == "--output" || flag == "-o") {
      o.output = value();
      if (o.output != "table" && o.output != "json" && o.output != "csv")
        throw CliUsageError(fmt::format("--output must be table, json or csv (got '{}')", o.output));
    } else if (flag == "--out") {
      o.out = value();
    } else if (flag == "--report") {
      o.report = value();
    } else if (flag == "--front-rows") {
      o.front_rows = static_cast<int>(parse_int_flag(value(), flag, 1, 100000));
    } else {
      o.unused.push_back(cursor.word());
    }
  }
  if (o.timeout && o.no_timeout) throw CliUsageError("give at most one of --timeout and --no-timeout");
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
    notes.push_back(fmt::format("{}: SageMaker deploys this endpoint ALL_AT_ONCE without final "
                                "bake whatever the DeploymentConfig says, so only that config is "
                                "evaluated.",
                                warning_code::fallback_all_at_once));
  }
}

std::string sweep_rows_csv(const SweepResult& r) {
  std::string t;
  t.reserve(r.rows.size() * 110 + 200);
  t += "index,strategy,size,wait_s,termination_wait_s,rollback_batch,outcome,duration_s,"
       "peak_instances,instance_hours,cost_usd,exposure_traffic_s,escaped,min_bake_s,feasible,"
       "violations,pareto\n";
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& x = r.rows[i];
    // Full precision (shortest round-trip): the Pareto marks must be checkable from the file.
    t += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", i,
                     to_string(x.config.strategy), size_text(x.config.step), x.config.wait_s,
                     x.config.termination_wait_s, size_text(x.config.rollback_batch),
                     to_string(x.outcome), to_seconds(x.duration), x.peak,
                     x.instance_seconds / 3600.0, x.cost_usd, x.exposure_traffic_s,
                     x.escaped ? 1 : 0, to_seconds(x.min_bake), x.feasible() ? 1 : 0,
                     violations_text(x.violations), x.pareto ? 1 : 0);
  }
  return t;
}

std::string sweep_json(const SweepResult& r, const SweepLimits& l, bool all_rows) {
  nlohmann::json j;
  j["schema"] = "shiftsim.sweep/v1";
  j["configs"] = r.rows.size();
  j["feasible"] = r.feasible;
  nlohmann::json lim = nlohmann::json::object();
  if (l.max_duration) lim["max_duration_s"] = to_seconds(*l.max_duration);
  if (l.max_peak) lim["max_peak"] = *l.max_peak;
  if (l.max_cost_usd) lim["max_cost_usd"] = *l.max_cost_usd;
  if (l.min_bake) lim["min_bake_s"] = to_seconds(*l.min_bake);
  if (l.max_exposure) lim["max_exposure"] = *l.max_exposure;
  j["limits"] = lim;
  nlohmann::json front = nlohmann::json::array();
  for (const auto i : r.pareto) front.push_back(row_json(r.rows[i], i));
  j["pareto"] = front;
  if (all_rows) {
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i < r.rows.size(); ++i) rows.push_back(row_json(r.rows[i], i));
    j["rows"] = rows;
  }
  return j.dump(1) + "\n";
}

std::string sweep_table(const SweepResult& r, const SweepLimits& l, int front_rows) {
  std::string t;
  t += fmt::format("Evaluated {} configs; {} meet every limit; {} on the Pareto front "
                   "(duration, cost, exposure).\n",
                   r.rows.size(), r.feasible, r.pareto.size());
  std::string lim;
  if (l.max_duration) lim += fmt::format(" max-duration {} s", format_seconds(*l.max_duration));
  if (l.max_peak) lim += fmt::format(" max-peak {}", *l.max_peak);
  if (l.max_cost_usd) lim += fmt::format(" max-cost ${:.2f}", *l.max_cost_usd);
  if (l.min_bake) lim += fmt::format(" min-bake {} s", format_seconds(*l.min_bake));
  if (l.max_exposure) lim += fmt::format(" max-exposure {:.0f}", *l.max_exposure);
  t += fmt::format("limits:{}\n\n", lim.empty() ? " none" : lim);
  t += fmt::format("{:<12}{:>7}{:>7}{:>9}{:>10}{:>10}{:>7}{:>11}{:>13}\n", "strategy", "size",
                   "wait", "T-wait", "rollback", "dur (s)", "peak", "cost ($)", "exposure");
  int shown = 0;
  for (const auto i : r.pareto) {
    if (shown++ >= front_rows) {
      t += fmt::format("... {} more on the front (see --out)\n",
                       r.pareto.size() - static_cast<std::size_t>(front_rows));
      break;
    }
    const auto& x = r.rows[i];
    t += fmt::format("{:<12}{:>7}{:>7}{:>9}{:>10}{:>10.0f}{:>7}{:>11.2f}{:>13.0f}\n",
                     to_string(x.config.strategy), size_text(x.config.step), x.config.wait_s,
                     x.config.strategy == Strategy::rolling
                         ? std::string("-")
                         : fmt::format("{}", x.config.termination_wait_s),
                     x.config.strategy == Strategy::rolling
                         ? (x.config.rollback_batch ? size_text(x.config.rollback_batch) : "100%")
                         : "-",
                     to_seconds(x.duration), x.peak, x.cost_usd, x.exposure_traffic_s);
  }
  return t;
}

void write_sweep_report(const std::string& path, const SweepResult& r, const SweepCliOptions& o,
                        const PlanningInputs& pin, const std::string& kind,
                        const std::string& objective, std::optional<std::size_t> pick,
                        const std::vector<std::string>& explanation,
                        const std::string& request_text) {
  SweepHtmlInput h;
  h.kind = kind;
  h.objective = objective;
  h.points.reserve(r.rows.size());
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& x = r.rows[i];
    SweepPoint p;
    p.duration_s = to_seconds(x.duration);
    p.cost_usd = x.cost_usd;
    p.exposure = x.exposure_traffic_s;
    p.peak_instances = x.peak;
    p.feasible = x.feasible();
    p.on_front = x.pareto;
    p.picked = pick && *pick == i;
    if (p.on_front || p.picked) p.label = describe_config(x.config);
    h.points.push_back(std::move(p));
  }
  if (o.limits.max_duration) h.max_duration_s = to_seconds(*o.limits.max_duration);
  h.max_cost_usd = o.limits.max_cost_usd;
  h.explanation = explanation;
  h.request_text = request_text;
  h.warnings = pin.warnings;
  h.assumptions = assumption_values(pin.input.assumptions, pin.input.timing);
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
