#pragma once
// The montecarlo reports (run_montecarlo()'s result, montecarlo.hpp, rendered), one file each:
//   montecarlo_table.cpp  the table: quantiles, probabilities, the recommended timeout, a text
//                         histogram of durations and the peak distribution
//   montecarlo_json.cpp   JSON schema shiftsim.montecarlo/v1
//   montecarlo_csv.cpp    CSV: one row per trial, or the summary
//   montecarlo_html.cpp   the HTML report (html_report.hpp)
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/stochastic.hpp"

#include <string>

namespace shiftsim::cli {

/// The timing model in one line: "provision: lognormal p50 240 s p95 480 s per instance (batch =
/// slowest); terminate: fixed 60 s; activation: fixed 15 s".
[[nodiscard]] std::string describe_model(const StochasticModel& model, const SimulationInput& in);

/// The table, with a histogram of `bins` bins; fitted to `width` columns (0: no limit): the
/// quantile columns narrow, prose lines wrap.
[[nodiscard]] std::string render_montecarlo_table(const MonteCarloResult& result,
                                                  const StochasticModel& model,
                                                  const SimulationInput& in,
                                                  const Diagnostics& warnings, int bins,
                                                  const std::string& endpoint,
                                                  std::size_t width = 0);

/// shiftsim.montecarlo/v1 (with "endpoint_name").
[[nodiscard]] std::string render_montecarlo_json(const MonteCarloSummary& summary,
                                                 const StochasticModel& model,
                                                 const SimulationInput& in,
                                                 const Diagnostics& warnings,
                                                 const std::string& endpoint);

/// `mode` "trials": one row per trial; "summary": the quantiles and probabilities.
[[nodiscard]] std::string render_montecarlo_csv(const MonteCarloResult& result,
                                                const std::string& mode);

}  // namespace shiftsim::cli
