// Placeholder until the plan command lands; replaced by its implementation.
#include "commands.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {
int run_plan(const Args&) {
  fmt::print(stderr, "shiftsim plan: not available in this build yet\n");
  return kExitInternal;
}
}  // namespace shiftsim::cli
