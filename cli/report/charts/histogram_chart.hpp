#pragma once
// The montecarlo report's duration histogram, <svg data-chart="histogram">.
//
// Contract: bars of trials per duration bin (<rect data-role="bin">, one per bin, at least 7 px
// wide so a single value stays visible), the P50/P95/P99 lines (data-role="p50|p95|p99") and
// the timeout and recommended timeout (data-role="timeout|recommended-timeout"). The time axis
// spans the bins and the quantiles; a timeout line within 1.5 data spans widens it, a farther
// one sits at the nearer edge with data-offscale="true". <rect data-role="plot-area"> spans it:
// t sits at x + (t - data-x-min) / (data-x-max - data-x-min) * width.
#include "report/html_report.hpp"

#include <string>
#include <vector>

namespace shiftsim::cli {

/// The bins to draw: in.bins when given, else in.durations_s binned (sqrt(n) bins, at most 60;
/// every trial alike: one bar 2% of the value wide, centred on it).
[[nodiscard]] std::vector<HistogramBin> histogram_bins(const MonteCarloHtmlInput& in);

[[nodiscard]] std::string histogram_chart(const MonteCarloHtmlInput& in,
                                          const std::vector<HistogramBin>& bins);

}  // namespace shiftsim::cli
