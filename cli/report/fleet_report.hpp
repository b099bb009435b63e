#pragma once
// The fleet report of `shiftsim merge` (shiftsim/fleet_merge.hpp rendered):
//   fleet_table.cpp  every endpoint's pick, P95, cost and findings, then the fleet's totals (text),
//                    the report as a document and the rows as CSV
//   fleet_html.cpp   the same as one self-contained HTML page (html_report.hpp's rules)
#include "report/html_report.hpp"

#include "shiftsim/fleet_merge.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace shiftsim::cli {

/// The table: one line per endpoint in the merged order, then the totals.
[[nodiscard]] std::string render_fleet_table(const MergedFleet& fleet, const FleetTotals& totals);

/// The report as a document for --output json|yaml|text (schema shiftsim.fleet-report/v1):
/// the run (command, fleet, hashes, shards), the totals and every endpoint's row.
[[nodiscard]] nlohmann::ordered_json fleet_report_json(const MergedFleet& fleet,
                                                       const FleetTotals& totals);

/// One CSV row per endpoint (RFC 4180, as simulation_csv.hpp): the row's scalars, findings
/// joined by spaces.
[[nodiscard]] std::string fleet_rows_csv(const MergedFleet& fleet);

/// The HTML page. Hooks: <tr data-endpoint="NAME" data-status="ok|infeasible|error"> per
/// endpoint; <td data-role="total-cost">, <tr data-instance-type="TYPE" data-peak="N">.
[[nodiscard]] std::string render_fleet_html(const MergedFleet& fleet, const FleetTotals& totals,
                                            const HtmlReportContext& ctx);

}  // namespace shiftsim::cli
