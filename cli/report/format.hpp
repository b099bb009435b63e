#pragma once
// The one set of number formatters every reporter uses (table, CSV, JSON, HTML, plan and sweep
// text): money, durations, percentages and plain numbers.
//
// Sign convention, everywhere: a negative value starts with "-" (ASCII hyphen-minus), before
// anything else, the currency sign included: "-$1.23", "-0:01:00", "-1 min 30 s", "-2.5%". A
// value that rounds to zero at the precision shown has no sign: "$0.00", "0", "0%".
//
// Rounding: trim_number(), percent(), usd() and hours_text() round half away from zero
// (round_to()); fixed() rounds like printf (to nearest, ties to even on the exact binary value).
//
// Costs (shiftsim/cost.hpp, amendment A12) are formatted only here: cost_text() and
// cost_grouped() for people ("$1.23", or "unknown (no price for ml.x)"), cost_json() and
// cost_csv() for machines (the amount, or null). No reporter reads a Cost's amount itself.
#include "shiftsim/cost.hpp"
#include "shiftsim/time.hpp"

#include <optional>
#include <string>

namespace shiftsim::cli {

/// v rounded to `decimals` places, half away from zero (machine output free of binary noise);
/// never -0.
[[nodiscard]] double round_to(double v, int decimals) noexcept;

/// v with exactly `decimals` places: fixed(2.5, 2) == "2.50", fixed(-0.001, 2) == "0.00".
[[nodiscard]] std::string fixed(double v, int decimals);

/// v rounded to `decimals` places, trailing zeros (and the point) removed: 12.5, 3, 0.0833.
[[nodiscard]] std::string trim_number(double v, int decimals);

/// Seconds of simulated time, exact to the millisecond: "300", "12.5", "0.001", "-60".
[[nodiscard]] std::string seconds_text(SimTime t);

/// "h:mm:ss" of simulated time (whole seconds, toward zero): "1:02:03", "-0:01:00".
[[nodiscard]] std::string hms_text(SimTime t);

/// "h:mm:ss" of seconds, rounded to the second; below 600 s with a fraction "0:mm:ss.sss".
[[nodiscard]] std::string clock_text(double s);

/// A duration in words: "45 s", "2.5 s" (fractions below 10 s), "12 min 30 s", "2 h 05 min",
/// "1 h 02 min 03 s", "-1 min 30 s".
[[nodiscard]] std::string duration_words(double s);

/// US dollars with cents: "$1234.56", "-$0.50", "$0.00".
[[nodiscard]] std::string usd(double v);

/// US dollars for display: thousands grouped, and four decimals below a cent: "$1,234.56",
/// "-$1,234.56", "$0.0042", "-$0.0042", "$0.00".
[[nodiscard]] std::string usd_grouped(double v);

/// usd() of a known cost, else unknown_cost_text(unpriced) (shiftsim/cost.hpp).
[[nodiscard]] std::string cost_text(Cost c, const UnpricedTypes& unpriced);

/// usd_grouped() of a known cost, else unknown_cost_text(unpriced).
[[nodiscard]] std::string cost_grouped(Cost c, const UnpricedTypes& unpriced);

/// A cost in a narrow table column: fixed(amount, decimals), or "unknown" (the table then says
/// unknown_cost_text() once, above it).
[[nodiscard]] std::string cost_cell(Cost c, int decimals);

/// The amount rounded to `decimals` (round_to()), absent when unknown: what cost_json() writes.
[[nodiscard]] std::optional<double> cost_value(Cost c, int decimals);

/// A cost as JSON (any nlohmann::basic_json): the amount rounded to `decimals`, or null.
template <class Json>
[[nodiscard]] Json cost_json(Cost c, int decimals) {
  if (const auto v = cost_value(c, decimals)) return Json(*v);
  return Json(nullptr);
}

/// The same at full precision (sweep rows: the Pareto marks stay checkable from the file).
template <class Json>
[[nodiscard]] Json cost_json(Cost c) {
  if (const auto v = c.usd()) return Json(*v);
  return Json(nullptr);
}

/// A cost as a CSV cell: fixed(amount, decimals), or "null" when unknown (as JSON writes it).
[[nodiscard]] std::string cost_csv(Cost c, int decimals);
/// The same with the amount's shortest exact form ("17.80125").
[[nodiscard]] std::string cost_csv(Cost c);

/// A percentage: trim_number(v, decimals) + "%": "12.5%", "100%", "-2.5%".
[[nodiscard]] std::string percent(double v, int decimals = 1);

/// Instance-hours of instance-seconds, two decimals: "1.07", "-0.50".
[[nodiscard]] std::string hours_text(double instance_seconds);

}  // namespace shiftsim::cli
