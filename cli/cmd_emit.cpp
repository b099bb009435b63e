// Placeholder until the emit command lands; replaced by its implementation.
#include "commands.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {
int run_emit(const Args&) {
  fmt::print(stderr, "shiftsim emit: not available in this build yet\n");
  return kExitInternal;
}
}  // namespace shiftsim::cli
