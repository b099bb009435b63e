#pragma once
// The simulate report's timeline chart, <svg data-chart="timeline"> (html_report.hpp lists the
// hooks tests rely on).
//
// Contract: one time axis from 0 to the end of the run (every step, timeline point and rollback
// path included) + 2%, widened to the timeout + 3% when the timeout lies within 2.5x that end;
// farther, the timeout line sits at the right edge with data-offscale="true". Top to bottom:
//   - one phase lane per variant, one <g data-step="i"> per SimulationResult::steps[i];
//   - the plot: stacked instance counts of the whole endpoint (old serving, new serving, old
//     idle, new idle; idle hatched), the new fleet's traffic share on a 0..100% right axis, the
//     bakes shaded (data-role="bake"), the injected trip and the timeout as vertical lines;
//   - one lane per planned bake: what a trip at its start would do (data-role="rollback-path").
// <rect data-role="plot-area"> spans the time axis: t sits at x + t / data-x-max * width.
#include "shiftsim/result.hpp"

#include <string>

namespace shiftsim::cli {

[[nodiscard]] std::string timeline_chart(const SimulationResult& result);

}  // namespace shiftsim::cli
