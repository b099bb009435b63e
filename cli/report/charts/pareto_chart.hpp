#pragma once
// The sweep and plan reports' scatter of duration against cost, <svg data-chart="pareto">.
//
// Contract: one <circle data-role="point" data-front="0|1" data-picked="0|1"> per drawn config
// (pareto_points(): every front config and the pick, then an even sample of the rest, drawn
// others first, then the front, the pick on top), the 2-D front line through the front's
// points, the duration and cost limits as dashed lines (data-role="limit-duration|limit-cost")
// when they lie within 1.5x the data, and the pick labelled. <rect data-role="plot-area"> spans
// both axes (data-x-min/max in seconds, data-y-min/max in USD). Precondition: every point's cost
// is known (sweep_html.cpp draws no chart when a price is missing: amendment A12).
#include "report/html_report.hpp"

#include <string>
#include <vector>

namespace shiftsim::cli {

/// The points to draw, at most in.max_points (more only when the front and pick alone are more),
/// in draw order.
[[nodiscard]] std::vector<const SweepPoint*> pareto_points(const SweepHtmlInput& in);

[[nodiscard]] std::string pareto_chart(const SweepHtmlInput& in,
                                       const std::vector<const SweepPoint*>& drawn);

}  // namespace shiftsim::cli
