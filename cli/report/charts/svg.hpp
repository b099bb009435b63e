#pragma once
// What the SVG charts of the HTML reports share: the accessible <svg> opening, linear scales,
// coordinates and axis ticks. Coordinates are in the viewBox's units with two decimals.
#include <string>
#include <string_view>

namespace shiftsim::cli::svg {

/// A coordinate: two decimals ("12.50").
[[nodiscard]] std::string px(double v);

/// A number of seconds for data attributes and labels: up to three decimals ("12.5", "300").
[[nodiscard]] std::string secs(double s);

/// An axis label for a count: whole when whole ("3"), else secs().
[[nodiscard]] std::string num_label(double v);

/// A short axis label for a time in seconds: "0", "45s", "5m", "5m30", "1h", "1h30".
[[nodiscard]] std::string tick_label(double s);

/// The tick step (seconds: 1, 2, 5 ... 86400) giving at most ~max_ticks ticks over [0, span].
[[nodiscard]] double time_step(double span, int max_ticks);

/// A nice numeric step (1, 2, 2.5, 5 x 10^k) for at most ~max_ticks ticks over `span`.
[[nodiscard]] double nice_step(double span, int max_ticks);

/// The opening of an accessible chart: <svg class="chart" data-chart="<chart>" role="img"> with
/// a <title> and a <desc> named by aria-labelledby (ids "<id>-title", "<id>-desc").
[[nodiscard]] std::string open(std::string_view id, std::string_view chart, double w, double h,
                               std::string_view title, std::string_view desc);

/// A linear scale from [lo, hi] onto [a, b] (pixels; b < a for a vertical axis).
struct Scale {
  double lo = 0, hi = 1, a = 0, b = 1;
  [[nodiscard]] double operator()(double v) const { return a + (v - lo) / (hi - lo) * (b - a); }
};

}  // namespace shiftsim::cli::svg
