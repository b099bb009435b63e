// Placeholder until the validate command lands; replaced by its implementation.
#include "commands.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {
int run_validate(const Args&) {
  fmt::print(stderr, "shiftsim validate: not available in this build yet\n");
  return kExitInternal;
}
}  // namespace shiftsim::cli
