#pragma once
// Small number formatting helpers shared by the simulate reporters.
#include "shiftsim/time.hpp"

#include <string>

namespace shiftsim::cli {

/// Seconds from simulated time: "300", "12.5", "0.001" (no trailing zeros).
[[nodiscard]] std::string seconds_text(SimTime t);

/// "h:mm:ss" of simulated time (rounded down to the second; "-0:01:00" when negative).
[[nodiscard]] std::string hms_text(SimTime t);

/// A double with `decimals` places, trailing zeros (and the point) removed: 12.5, 3, 0.0833.
[[nodiscard]] std::string trim_number(double v, int decimals);

/// v rounded to `decimals` places (for machine output free of binary noise).
[[nodiscard]] double round_to(double v, int decimals) noexcept;

}  // namespace shiftsim::cli
