// Placeholder until the montecarlo command lands; replaced by its implementation.
#include "commands.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {
int run_montecarlo(const Args&) {
  fmt::print(stderr, "shiftsim montecarlo: not available in this build yet\n");
  return kExitInternal;
}
}  // namespace shiftsim::cli
