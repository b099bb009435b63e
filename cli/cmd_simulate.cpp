// Placeholder until the simulate command lands; replaced by its implementation.
#include "commands.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {
int run_simulate(const Args&) {
  fmt::print(stderr, "shiftsim simulate: not available in this build yet\n");
  return kExitInternal;
}
}  // namespace shiftsim::cli
