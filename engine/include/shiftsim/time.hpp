#pragma once
// Simulated time: integer milliseconds from the UpdateEndpoint request. Seconds only at the edge.
#include <cstdint>

namespace shiftsim {

/// Milliseconds since the request was accepted (t = 0). Never a floating-point value.
using SimTime = std::int64_t;

inline constexpr SimTime kMsPerSecond = 1000;

/// Whole seconds to simulated time.
[[nodiscard]] constexpr SimTime seconds(std::int64_t s) noexcept { return s * kMsPerSecond; }

/// Simulated time to seconds, for output only.
[[nodiscard]] constexpr double to_seconds(SimTime t) noexcept {
  return static_cast<double>(t) / static_cast<double>(kMsPerSecond);
}

}  // namespace shiftsim
