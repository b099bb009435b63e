#pragma once
// The input flags every simulating command (simulate, montecarlo, sweep, plan, compare) shares:
// the scenario file, the request and fleet groups (aws_flags.hpp), the timing flags, the AWS
// CLI's global flags; and how they become the engine's RunSources (shiftsim/run_inputs.hpp):
// the documents, the timing flags as assumption overrides, and messages that name these flags.
#include "aws_flags.hpp"
#include "options/option_set.hpp"

#include "shiftsim/run_inputs.hpp"
#include "shiftsim/scenario.hpp"

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

/// Every input flag of a simulating command.
struct InputFlags {
  std::optional<std::string> scenario;  ///< --scenario FILE
  RequestFlags request;
  FleetFlags fleet;
  TimingFlags timing;
  AwsGlobalFlags aws_global;
};

/// The groups "scenario", request, fleet, "timing" and the hidden AWS CLI global flags.
void declare_input_flags(OptionSet& options, InputFlags& flags);

/// The documents the request and fleet flags name; on problems, an empty AwsInputs and the
/// problems appended to `errors` (so that the scenario's are reported with them).
[[nodiscard]] AwsInputs read_aws_inputs(const InputFlags& flags, Diagnostics& errors);

/// The --scenario file's text and its name for messages ("stdin" for -); problems (E_FILE,
/// E_SIZE) appended to `errors`. nullopt when no scenario was given or it cannot be read.
[[nodiscard]] std::optional<std::string> read_scenario_text(const InputFlags& flags,
                                                            Diagnostics& errors);
/// The scenario's name in messages: its path, "stdin", or "scenario".
[[nodiscard]] std::string scenario_name(const InputFlags& flags);

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
