#pragma once
// The compare page's chart: one row per config, a bar for the median trial's duration and marks
// at its P95 and P99 completion, on one time axis from 0.
//
// Contract: <svg data-chart="compare">; <rect data-role="plot-area" data-x-max=...> spans the
// axis; per config i a <g data-config="i"> holding <rect data-role="duration" data-s=...> from
// the axis' 0 to the duration, and <line data-role="p95|p99" data-s=...> at those completions
// (x = plot-area x + s / data-x-max * width). Labels longer than 34 characters are cut with an
// ellipsis (the whole label is in the row's <title>).
#include "report/compare_report.hpp"

#include <string>

namespace shiftsim::cli {

[[nodiscard]] std::string compare_chart(const CompareReport& report);

}  // namespace shiftsim::cli
