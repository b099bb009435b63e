#pragma once
// Rendering diagnostics for people (text) and machines (JSON).
#include "shiftsim/diagnostic.hpp"

#include <cstdio>
#include <string>

namespace shiftsim::cli {

/// `error E_MAX DeploymentConfig....WaitIntervalInSeconds: must be <= 3600 (got 4000)` lines.
void print_diagnostics_text(std::FILE* out, const Diagnostics& ds);

/// `[{"severity":"error","code":...,"path":...,"rule":...,"value":...,"message":...}]`
[[nodiscard]] std::string diagnostics_json(const Diagnostics& ds);

}  // namespace shiftsim::cli
