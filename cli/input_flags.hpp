#pragma once
// The input flags every simulating command (simulate, montecarlo, sweep, plan, compare) shares:
// the scenario file, the request and fleet groups (aws_flags.hpp), the timing flags, the price
// flags (docs/prices.md), the AWS CLI's global flags; and how they become the engine's
// RunSources (shiftsim/run_inputs.hpp): the documents, the timing flags as assumption overrides,
// the region and prices (shiftsim/pricing.hpp), and messages that name these flags.
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

/// The price flags, as given (amendment A13, docs/prices.md).
struct PriceFlags {
  std::optional<std::string> region;     ///< --region (else AWS_REGION, AWS_DEFAULT_REGION, ...)
  std::optional<bool> price_table;       ///< --price-table shipped|none (none: false)
  std::vector<std::string> prices;       ///< --prices FILE: AWS Price List files, in order
  std::vector<std::string> price;        ///< --price TYPE=USD, in order
};

/// Every input flag of a simulating command.
struct InputFlags {
  std::optional<std::string> scenario;  ///< --scenario FILE
  RequestFlags request;
  FleetFlags fleet;
  TimingFlags timing;
  PriceFlags prices;
  AwsGlobalFlags aws_global;
};

/// The groups "scenario", request, fleet, "timing", "prices" and the hidden AWS CLI global flags.
void declare_input_flags(OptionSet& options, InputFlags& flags);

/// The group "prices": --region, --price-table, --prices, --price.
void declare_price_flags(OptionSet& options, PriceFlags& flags);

/// How W_PRICE_MISSING and E_COST_UNKNOWN tell a user to give a price.
inline constexpr const char* kPriceHint =
    "give its price with --price TYPE=USD, --prices FILE (aws pricing get-products output) or "
    "the scenario's prices: {TYPE: USD_PER_HOUR}";

/// The engine's PriceSources from the price flags and the environment (AWS_REGION,
/// AWS_DEFAULT_REGION: the engine reads none): the --prices files read and parsed, each --price
/// parsed; every problem (E_FILE, E_SIZE, the Price List's, E_PRICE) appended to `errors`.
[[nodiscard]] PriceSources price_sources(const PriceFlags& flags, Diagnostics& errors);

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
/// precedence order: --provision-s, --terminate-s, --activation-s, then each --assume), the
/// prices (price_sources()) and hints naming the flags. A malformed --assume (not NAME=VALUE) is
/// added to `errors` (E_ASSUMPTION).
[[nodiscard]] RunSources run_sources(const AwsInputs& aws, const TimingFlags& timing,
                                     const PriceFlags& prices, Diagnostics& errors);

/// Where a time came from, as shown in simulate's `timing_source` assumption: "profile",
/// "scenario", "scenario distribution", "scenario assume", or the flag ("--provision-s",
/// "--assume") of the override.
[[nodiscard]] std::string timing_source_text(const TimingOrigin& origin,
                                             const RunSources& sources);

}  // namespace shiftsim::cli
