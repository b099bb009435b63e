#pragma once
// `shiftsim compare`'s reports: several configs of one endpoint side by side, figures in rows,
// configs in columns. One list of figures (compare_figures) feeds every format, one file each:
//   compare_figures.cpp  the figures: config, outcome and duration of the median trial, P50/P95/
//                        P99 completion, P(timeout) and P(rollback) of a seeded Monte Carlo,
//                        peak, fewest serving, instance-hours, cost, extra cost, the rollback cost
//                        at the worst bake, the timeout and its margin, the warnings
//   compare_table.cpp    the table (fitted to the terminal: configs split into blocks)
//   compare_json.cpp     JSON schema shiftsim.compare/v1, and CSV (one row per figure)
//   compare_html.cpp     the HTML page (html/page.hpp): the same table, the best value of each
//                        ranked figure marked, each config's request and warnings
#include "report/html_report.hpp"
#include "report/text_grid.hpp"

#include "shiftsim/aws.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/result.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace shiftsim::cli {

/// One compared config: its request and what simulate and montecarlo say of it.
struct CompareColumn {
  std::string label;   ///< the column's name: "base", a file's name, a --with's flags
  std::string source;  ///< where the request came from
  aws::UpdateEndpointRequest request;
  std::string request_json;        ///< the request as the AWS CLI would send it
  SimulationResult result;         ///< the median trial, as `simulate` runs it
  MonteCarloSummary risk;          ///< the seeded Monte Carlo, as `montecarlo` runs it
};

struct CompareReport {
  std::string endpoint_name;
  std::string question;  ///< the scenario's, if any
  std::string source;    ///< the scenario file, if any
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  std::vector<CompareColumn> columns;
};

/// Whether a smaller or a larger value of a figure is better (for marking the best).
enum class Better { none, lower, higher };

/// One figure across the configs.
struct FigureRow {
  std::string key;    ///< JSON and CSV name: "p95_completion_s"
  std::string title;  ///< table name: "P95 completion (s)"
  Better better = Better::none;
  std::vector<nlohmann::ordered_json> values;  ///< one per config (null: not applicable)
  std::vector<std::string> texts;              ///< one per config, as the table shows it
};

/// Every figure, in table order.
[[nodiscard]] std::vector<FigureRow> compare_figures(const CompareReport& report);

/// The configs whose value of `row` is the best (none when the row is not ranked or all tie).
[[nodiscard]] std::vector<bool> best_of(const FigureRow& row);

/// The DeploymentConfig in a few words: "CANARY 10%, wait 900 s, final bake 600 s, timeout
/// 5400 s, 1 alarm".
[[nodiscard]] std::string config_text(const aws::UpdateEndpointRequest& request);

[[nodiscard]] std::string render_compare_table(const CompareReport& report,
                                               const TextStyle& style);
[[nodiscard]] std::string render_compare_json(const CompareReport& report);
[[nodiscard]] std::string render_compare_csv(const CompareReport& report);
[[nodiscard]] std::string render_compare_html(const CompareReport& report,
                                              const HtmlReportContext& ctx);

}  // namespace shiftsim::cli
