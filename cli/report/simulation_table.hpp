#pragma once
// `--output table` (the default): a person's view of one simulated update.
//   header      strategy, outcome, endpoint, the scenario's question
//   Steps       t, end, phase, variant, old running/active, new running/active, traffic %,
//               endpoint status, message
//   Summary     outcome, duration (s and h:mm:ss), peak, fewest serving, instance-hours, extra
//               instance-hours, cost, extra cost, timeout and margin
//   Trip        what a trip at each bake would cost (rollback_if_trip)
//   Timeline    a ~60-column text chart: traffic on the new fleet, instances running and serving,
//               and the phase in each column
//   Warnings    code, field path and message;  Assumptions  NAME = VALUE
// Plain UTF-8 text; deterministic (golden-tested). With a width (text_grid.hpp) the message
// column and long lines wrap to fit it, and the chart narrows; numbers are never cut. With colour,
// headings are bold and the outcome coloured.
#include "report/charts/text_timeline_chart.hpp"
#include "report/simulation_context.hpp"
#include "report/text_grid.hpp"

#include "shiftsim/result.hpp"

#include <string>

namespace shiftsim::cli {

[[nodiscard]] std::string render_simulation_table(const SimulationResult& result,
                                                  const SimulationReportContext& ctx = {},
                                                  const TextStyle& style = {});

}  // namespace shiftsim::cli
