#pragma once
// The input flags every simulating command (simulate, montecarlo, sweep, plan) shares, turned
// into the engine's RunSources (shiftsim/run_inputs.hpp): the AWS documents given by flag, the
// timing flags as assumption overrides, and messages that name these flags.
#include "aws_flags.hpp"

#include "shiftsim/run_inputs.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shiftsim::cli {

/// The timing flags, as given (values are checked by the engine, at the flag's path).
struct TimingFlags {
  std::optional<std::string> provision;   ///< --provision-s
  std::optional<std::string> terminate;   ///< --terminate-s
  std::optional<std::string> activation;  ///< --activation-s
  std::vector<std::string> assume;        ///< --assume NAME=VALUE, in order
};

/// RunSources with the documents given by the AWS flags, the timing flags as overrides (in
/// precedence order: --provision-s, --terminate-s, --activation-s, then each --assume) and hints
/// naming the flags. A malformed --assume (not NAME=VALUE) is added to `errors` (E_ASSUMPTION).
[[nodiscard]] RunSources run_sources(const AwsInputs& aws, const TimingFlags& timing,
                                     Diagnostics& errors);

/// Where a time came from, as shown in simulate's `timing_source` assumption: "profile",
/// "scenario", "scenario distribution", "scenario assume", or the flag ("--provision-s",
/// "--assume") of the override.
[[nodiscard]] std::string timing_source_text(const TimingOrigin& origin,
                                             const RunSources& sources);

}  // namespace shiftsim::cli
