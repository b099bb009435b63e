// Placeholder until the sweep command lands; replaced by its implementation.
#include "commands.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {
int run_sweep(const Args&) {
  fmt::print(stderr, "shiftsim sweep: not available in this build yet\n");
  return kExitInternal;
}
}  // namespace shiftsim::cli
