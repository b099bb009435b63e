#pragma once
// `shiftsim simulate|plan|montecarlo --fleet FLEET --out DIR`: the command run over every
// endpoint of a fleet's shard (the engine's run_fleet_shard(), shiftsim/fleet_run.hpp); each
// endpoint's result is what the command prints with --output json for that endpoint's documents.
// docs/fleet.md. The one fleet loop of the CLI: a command gives run_fleet() its per-endpoint
// function, nothing else.
//
// The fleet-run group (declare_fleet_run_flags()): --fleet, --fleet-defaults, --shard I/N,
// --shards N, --resume, --jobs N; with --fleet, the output group's --out names the output
// directory. The defaults' "options" are put before the command's own words by the dispatcher
// (with_fleet_defaults()), so they are parsed, checked and hashed like flags.
#include "commands.hpp"
#include "options/option_set.hpp"
#include "planning_inputs.hpp"

#include "shiftsim/deployment.hpp"
#include "shiftsim/fleet_run.hpp"
#include "shiftsim/fleet_shard.hpp"
#include "shiftsim/pricing.hpp"
#include "shiftsim/run_inputs.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::cli {

struct FleetRunFlags {
  std::optional<std::string> fleet;     ///< --fleet PATH (a directory or .jsonl)
  std::optional<std::string> defaults;  ///< --fleet-defaults FILE
  std::optional<ShardSpec> shard;       ///< --shard I/N
  std::optional<std::int64_t> shards;   ///< --shards N
  bool resume = false;                  ///< --resume
  int jobs = 1;                         ///< --jobs N
};

/// The "fleet run" group.
void declare_fleet_run_flags(OptionSet& options, FleetRunFlags& flags);

/// With --fleet among `args`: the fleet defaults' options for `command` ("--name value", once per
/// element of an array; true switches alone, false ones dropped), less those `args` give
/// themselves, then `args`. Without --fleet: `args`. Throws InputError for an unreadable defaults
/// file, and naming the defaults' member for an option `options` (the command's) does not take,
/// a value of the wrong shape (a switch not true/false, a value flag given true/false, an array
/// for a flag taken once), or a scope that is none of `fleet_commands()` (the commands that run on
/// fleets; asked only when there are defaults).
[[nodiscard]] Args with_fleet_defaults(
    std::string_view command, const Args& args, const OptionSet& options,
    const std::function<std::vector<std::string>()>& fleet_commands);

/// One endpoint run by the command: its record as RunSources (the defaults merged in), the
/// problems found reading them so far (to be thrown with the command's own: the endpoint's error
/// record), and its seed. Returns its JSON and row. Planning commands assemble the sources with
/// planning_inputs_from_sources(), simulate with run_simulation().
using FleetEndpointFn =
    std::function<EndpointOutcome(RunSources sources, Diagnostics errors, std::uint64_t seed)>;

/// Runs `command` over the fleet's shard into `out`. `words`: the command's words (settings
/// hash); `base_seed`: --seed; `prices`: the command's price flags (price_sources(): --region,
/// --price, --price-table, --prices and the AWS_REGION variables), the same for every endpoint;
/// an endpoint's region is then A13's (the flag, the variables, else its endpoint.json's ARN),
/// and its scenario's (the defaults' merged with the record's) prices: and price_table: count.
/// Exit 0 when every endpoint has its result or error record, 1 when an endpoint hit an internal
/// error (after all the others ran).
int run_fleet(const FleetRunFlags& flags, const std::string& command,
              const std::optional<std::string>& out, const Args& words, std::uint64_t base_seed,
              const PriceSources& prices, const FleetEndpointFn& endpoint);

/// FleetRow::peak_by_type of an endpoint: its one instance type (old and new fleets), or its
/// types joined by "+" (the peak is not split between them).
[[nodiscard]] std::map<std::string, int> fleet_peak_by_type(const SimulationInput& input, int peak);

/// Per-endpoint threads: `threads` as given, or 1 when endpoints run in parallel (--jobs > 1).
[[nodiscard]] int fleet_endpoint_threads(const FleetRunFlags& flags, int threads);

}  // namespace shiftsim::cli
