// The figures of `compare` (compare_report.hpp).
#include "report/compare_report.hpp"

#include "diagnostics_output.hpp"
#include "report/format.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <tuple>

namespace shiftsim::cli {

namespace {

using Json = nlohmann::ordered_json;

std::string size_words(const aws::CapacitySizeShape& s) {
  return s.type == "CAPACITY_PERCENT" ? fmt::format("{}%", s.value)
                                      : fmt::format("{} instance(s)", s.value);
}

/// The rollback a trip at the worst bake would cost: its extra cost and the bake (an unknown
/// cost, A12, counts as the worst).
const RollbackIfTrip* worst_bake(const SimulationResult& r) {
  const auto rank = [](const RollbackIfTrip& t) {
    return t.extra_cost_usd.value_or(std::numeric_limits<double>::infinity());
  };
  const RollbackIfTrip* worst = nullptr;
  for (const auto& t : r.rollback_if_trip)
    if (!worst || rank(t) > rank(*worst)) worst = &t;
  return worst;
}

struct Builder {
  const CompareReport& report;
  std::vector<FigureRow> rows;

  template <class Value, class Text>
  void add(std::string key, std::string title, Better better, Value value, Text text) {
    FigureRow row{std::move(key), std::move(title), better, {}, {}};
    for (const auto& c : report.columns) {
      row.values.push_back(value(c));
      row.texts.push_back(text(c));
    }
    rows.push_back(std::move(row));
  }
};

}  // namespace

std::string config_text(const aws::UpdateEndpointRequest& r) {
  if (!r.deployment_config) return "no DeploymentConfig (SageMaker's default)";
  const auto& c = *r.deployment_config;
  std::vector<std::string> parts;
  std::optional<std::int32_t> timeout;
  if (const auto& bg = c.blue_green_update_policy) {
    const auto& t = bg->traffic_routing_configuration;
    std::string head = t.type;
    for (const auto& size : {t.canary_size, t.linear_step_size})
      if (size) head.append(" ").append(size_words(*size));
    parts.push_back(head);
    parts.push_back(fmt::format("wait {} s", t.wait_interval_in_seconds));
    parts.push_back(fmt::format("final bake {} s", bg->termination_wait_in_seconds.value_or(0)));
    timeout = bg->maximum_execution_timeout_in_seconds;
  } else if (const auto& ru = c.rolling_update_policy) {
    parts.push_back("ROLLING " + size_words(ru->maximum_batch_size));
    parts.push_back(fmt::format("wait {} s", ru->wait_interval_in_seconds));
    const auto& rb = ru->rollback_maximum_batch_size;
    parts.push_back(fmt::format("rollback batch {}", rb ? size_words(*rb) : std::string("100%")));
    timeout = ru->maximum_execution_timeout_in_seconds;
  } else {
    parts.push_back("no update policy");
  }
  parts.push_back(timeout ? fmt::format("timeout {} s", *timeout) : "no timeout");
  const std::size_t alarms = c.auto_rollback_configuration && c.auto_rollback_configuration->alarms
                                 ? c.auto_rollback_configuration->alarms->size()
                                 : 0;
  parts.push_back(fmt::format("{} alarm{}", alarms, alarms == 1 ? "" : "s"));
  std::string out;
  for (const auto& p : parts) out.append(out.empty() ? "" : ", ").append(p);
  return out;
}

std::vector<FigureRow> compare_figures(const CompareReport& report) {
  Builder b{report, {}};
  using C = const CompareColumn&;
  b.add("config", "config", Better::none, [](C c) { return Json(config_text(c.request)); },
        [](C c) { return config_text(c.request); });
  b.add("outcome", "outcome (median trial)", Better::none,
        [](C c) { return Json(to_string(c.result.outcome)); },
        [](C c) { return std::string(to_string(c.result.outcome)); });
  b.add("duration_s", "duration (s, median trial)", Better::lower,
        [](C c) { return Json(to_seconds(c.result.summary.duration)); },
        [](C c) { return seconds_text(c.result.summary.duration); });
  // Not a structured binding: clang (C++20 as of clang 14) cannot capture one in a lambda.
  for (const auto& row :
       {std::tuple{"p50_completion_s", "P50 completion (s)", &Quantiles::p50},
        std::tuple{"p95_completion_s", "P95 completion (s)", &Quantiles::p95},
        std::tuple{"p99_completion_s", "P99 completion (s)", &Quantiles::p99}}) {
    const auto pick = std::get<2>(row);
    b.add(std::get<0>(row), std::get<1>(row), Better::lower,
          [pick](C c) { return Json(c.risk.completion_s.*pick); },
          [pick](C c) { return fixed(c.risk.completion_s.*pick, 0); });
  }
  b.add("p_timeout", "P(timeout)", Better::lower, [](C c) { return Json(c.risk.p_timeout); },
        [](C c) { return percent(c.risk.p_timeout * 100.0, 2); });
  b.add("p_rollback", "P(rollback)", Better::lower, [](C c) { return Json(c.risk.p_rollback); },
        [](C c) { return percent(c.risk.p_rollback * 100.0, 2); });
  b.add("peak_instances", "peak instances", Better::lower,
        [](C c) { return Json(c.result.summary.peak_instances); },
        [](C c) { return std::to_string(c.result.summary.peak_instances); });
  b.add("min_serving_instances", "fewest serving", Better::higher,
        [](C c) { return Json(c.result.summary.min_serving_instances); },
        [](C c) { return std::to_string(c.result.summary.min_serving_instances); });
  b.add("instance_hours", "instance-hours", Better::lower,
        [](C c) { return Json(round_to(c.result.summary.instance_seconds / 3600.0, 6)); },
        [](C c) { return hours_text(c.result.summary.instance_seconds); });
  b.add("billed_instance_hours", "billed inst-hours", Better::lower,
        [](C c) { return Json(round_to(c.result.summary.billed_instance_seconds / 3600.0, 6)); },
        [](C c) { return hours_text(c.result.summary.billed_instance_seconds); });
  b.add("cost_usd", "cost", Better::lower,
        [](C c) { return cost_json<Json>(c.result.summary.cost_usd, 6); },
        [](C c) { return cost_text(c.result.summary.cost_usd, c.result.unpriced_types); });
  b.add("extra_cost_usd", "extra cost", Better::lower,
        [](C c) { return cost_json<Json>(c.result.summary.extra_cost_usd, 6); },
        [](C c) { return cost_text(c.result.summary.extra_cost_usd, c.result.unpriced_types); });
  b.add("worst_bake_rollback_usd", "rollback at the worst bake", Better::lower,
        [](C c) {
          const auto* w = worst_bake(c.result);
          return w ? cost_json<Json>(w->extra_cost_usd, 6) : Json();
        },
        [](C c) {
          const auto* w = worst_bake(c.result);
          return w ? fmt::format("{} (bake {})",
                                 cost_text(w->extra_cost_usd, c.result.unpriced_types), w->bake)
                   : std::string("-");
        });
  b.add("timeout_s", "timeout (s)", Better::none,
        [](C c) {
          return c.result.summary.timeout ? Json(to_seconds(*c.result.summary.timeout)) : Json();
        },
        [](C c) {
          return c.result.summary.timeout ? seconds_text(*c.result.summary.timeout)
                                          : std::string("none");
        });
  b.add("timeout_margin_s", "timeout margin (s)", Better::higher,
        [](C c) {
          const auto& m = c.result.summary.timeout_margin;
          return m ? Json(to_seconds(*m)) : Json();
        },
        [](C c) {
          const auto& m = c.result.summary.timeout_margin;
          return m ? seconds_text(*m) : std::string("-");
        });
  b.add("recommended_timeout_s", "recommended timeout (s)", Better::none,
        [](C c) { return Json(c.risk.recommended_timeout_s); },
        [](C c) { return std::to_string(c.risk.recommended_timeout_s); });
  b.add("warnings", "warnings", Better::none,
        [](C c) { return Json(c.result.warnings.size() + c.risk.warnings.size()); },
        [](C c) {
          std::string codes;
          for (const auto* ws : {&c.result.warnings, &c.risk.warnings})
            for (const auto& w : *ws) codes.append(codes.empty() ? "" : " ").append(w.code);
          return codes.empty() ? std::string("none") : codes;
        });
  return b.rows;
}

std::vector<bool> best_of(const FigureRow& row) {
  std::vector<bool> best(row.values.size(), false);
  if (row.better == Better::none) return best;
  // An unknown cost (A12, null) cannot be ranked: no cost of the row is the best.
  const bool cost = row.key.find("usd") != std::string::npos;
  for (const auto& v : row.values)
    if (cost && v.is_null()) return best;
  std::optional<double> top;
  for (const auto& v : row.values) {
    if (!v.is_number()) continue;
    const double x = v.get<double>();
    if (!top || (row.better == Better::lower ? x < *top : x > *top)) top = x;
  }
  if (!top) return best;
  std::size_t n = 0;
  for (std::size_t i = 0; i < row.values.size(); ++i)
    if (row.values[i].is_number() && row.values[i].get<double>() == *top) best[i] = true, ++n;
  if (n == row.values.size()) std::fill(best.begin(), best.end(), false);  // all tie
  return best;
}

}  // namespace shiftsim::cli
