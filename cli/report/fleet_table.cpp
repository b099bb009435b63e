// The fleet report as text (fleet_report.hpp).
#include "report/fleet_report.hpp"

#include "report/format.hpp"
#include "report/simulation_csv.hpp"

#include <fmt/core.h>
#include <fmt/ranges.h>

namespace shiftsim::cli {

namespace {

std::string opt_seconds(const std::optional<double>& s) { return s ? clock_text(*s) : "-"; }
/// A row's cost: the amount, "unknown" when the row names unpriced types (A12; the totals line
/// names them), else "-" (no pick, an error).
std::string opt_usd(const FleetRow& r, const std::optional<double>& v) {
  return v ? usd_grouped(*v) : (r.unpriced_types.empty() ? "-" : "unknown");
}

}  // namespace

std::string render_fleet_table(const MergedFleet& fleet, const FleetTotals& t) {
  std::size_t w = 8;
  for (const auto& r : fleet.rows) w = std::max(w, r.endpoint.size());
  std::string o = fmt::format("{:<{}}  {:<10}  {:<34}  {:>9}  {:>9}  {:>11}  {:>11}  {}\n",
                              "ENDPOINT", w, "STATUS", "PICK", "DURATION", "P95", "COST",
                              "EXTRA COST", "FINDINGS");
  for (const auto& r : fleet.rows)
    o += fmt::format("{:<{}}  {:<10}  {:<34}  {:>9}  {:>9}  {:>11}  {:>11}  {}\n", r.endpoint, w,
                     r.status, r.pick.value_or("-"), opt_seconds(r.duration_s),
                     opt_seconds(r.p95_s), opt_usd(r, r.cost_usd), opt_usd(r, r.extra_cost_usd),
                     r.findings.empty() ? "-" : fmt::format("{}", fmt::join(r.findings, ",")));
  o += fmt::format("\nfleet {} ({}; {} shard{}): {} endpoints, {} ok, {} infeasible, {} errors\n",
                   fleet.fleet, fleet.command, fleet.shards, fleet.shards == 1 ? "" : "s",
                   t.endpoints, t.ok, t.infeasible, t.errors);
  o += fmt::format("cost of every update: {} (extra over the old fleets: {})\n",
                   cost_grouped(t.cost_usd, t.unpriced_types),
                   cost_grouped(t.extra_cost_usd, t.unpriced_types));
  o += fmt::format("longest update: {} (P95 {})\n", clock_text(t.longest_s),
                   clock_text(t.longest_p95_s));
  o += fmt::format("peak instances if every endpoint updated at once: {}\n", t.peak_instances);
  for (const auto& [type, n] : t.peak_by_type) o += fmt::format("  {:<40} {:>8}\n", type, n);
  return o;
}

nlohmann::ordered_json fleet_report_json(const MergedFleet& fleet, const FleetTotals& t) {
  nlohmann::ordered_json j;
  j["schema"] = "shiftsim.fleet-report/v1";
  j["command"] = fleet.command;
  j["fleet"] = fleet.fleet;
  j["fleet_hash"] = fleet.fleet_hash;
  j["settings_hash"] = fleet.settings_hash;
  j["shards"] = fleet.shards;
  nlohmann::ordered_json peaks = nlohmann::ordered_json::object();
  for (const auto& [type, n] : t.peak_by_type) peaks[type] = n;
  j["totals"] = {{"endpoints", t.endpoints},       {"ok", t.ok},
                 {"infeasible", t.infeasible},     {"errors", t.errors},
                 {"cost_usd", cost_json<nlohmann::ordered_json>(t.cost_usd)},
                 {"extra_cost_usd", cost_json<nlohmann::ordered_json>(t.extra_cost_usd)},
                 {"unpriced_types", t.unpriced_types},
                 {"longest_s", t.longest_s},       {"longest_p95_s", t.longest_p95_s},
                 {"peak_instances", t.peak_instances}, {"peak_by_type", peaks}};
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& r : fleet.rows) rows.push_back(nlohmann::ordered_json::parse(fleet_row_json(r)));
  j["endpoints"] = rows;
  return j;
}

std::string fleet_rows_csv(const MergedFleet& fleet) {
  const auto num = [](const auto& v) { return v ? fmt::format("{}", *v) : std::string(); };
  // A cost unknown for want of a price is null (A12); an absent one (no pick, an error) empty.
  const auto cost = [&](const FleetRow& r, const std::optional<double>& v) {
    return v || r.unpriced_types.empty() ? num(v) : std::string("null");
  };
  std::string o = "endpoint,status,pick,strategy,duration_s,p95_s,cost_usd,extra_cost_usd,"
                  "timeout_s,peak_instances,findings,result\r\n";
  for (const auto& r : fleet.rows)
    o += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\r\n", csv_field(r.endpoint),
                     csv_field(r.status), csv_field(r.pick.value_or("")),
                     csv_field(r.strategy.value_or("")), num(r.duration_s), num(r.p95_s),
                     cost(r, r.cost_usd), cost(r, r.extra_cost_usd), num(r.timeout_s),
                     num(r.peak_instances), csv_field(fmt::format("{}", fmt::join(r.findings, " "))),
                     csv_field(r.result));
  return o;
}

}  // namespace shiftsim::cli
