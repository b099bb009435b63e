#pragma once
// A fleet: one record per endpoint (its AWS documents, optionally a request and scenario
// overrides) plus the defaults every endpoint shares. Two layouts (docs/fleet.md):
//
//   a directory   FLEET/<EndpointName>/endpoint.json         describe-endpoint (required)
//                                      current-config.json   describe-endpoint-config, running
//                                      new-config.json       describe-endpoint-config, to deploy
//                                      request.json          UpdateEndpoint request (optional)
//                                      scenario.json|.yaml   scenario overrides (optional)
//                 FLEET/fleet-defaults.json|.yaml            the defaults (optional)
//   JSON Lines    one object a line: {"name", "endpoint", "current_config", "new_config",
//                 "request"?, "scenario"?}; the defaults in their own file.
//
// Records are streamed: one endpoint's documents are in memory at a time, plus the list of names
// (to order them and refuse duplicates). A record's documents are kept as text: parsing them is
// the run's business, so a bad document becomes that endpoint's error record, not the fleet's.
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/run_inputs.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace shiftsim {

/// The byte budget of one fleet record (a JSON Lines line, or a directory's files together) and
/// of the defaults file.
inline constexpr std::size_t kMaxFleetRecordBytes = std::size_t{4} << 20;

struct FleetRecord {
  std::string name;                       ///< the endpoint name: the record's key
  std::string source;                     ///< where it came from (directory, or file:line)
  std::optional<std::string> endpoint;    ///< describe-endpoint output, JSON text
  std::optional<std::string> current_config;
  std::optional<std::string> new_config;
  std::optional<std::string> request;     ///< UpdateEndpoint request, JSON text
  std::optional<std::string> scenario;    ///< scenario overrides, JSON or YAML text
  std::string scenario_name = "scenario"; ///< its file (the format follows its extension)
  /// Problems reading this record (a file too large, not UTF-8, not JSON): the endpoint gets an
  /// error record with them.
  Diagnostics errors;
};

/// The defaults every endpoint shares (fleet-defaults.json|yaml):
///   {"schema": "shiftsim.fleet-defaults/v1",
///    "options":  {NAME: VALUE, ...,   the command's options by name, in order (the caller's);
///                 NAME: [VALUE, ...],          a flag given once per value (e.g. price);
///                 SCOPE: {NAME: VALUE, ...}}   options for the command named SCOPE only
///    "scenario": {...},               a planning scenario: timing, prices, quota, alarms, ...
///    "request":  {...}}               a request template (e.g. DeploymentConfig with alarms)
struct FleetOption {
  std::string scope;  ///< "" for every command, else the command it is for
  std::string name;
  std::string value;  ///< a JSON scalar as text ("7200", "cost", "true")
  std::string path;   ///< where it is: "FILE:options.plan.price[1]"
  bool boolean = false;  ///< the value was JSON true or false (a switch's)
  bool listed = false;   ///< one element of an array (the flag is given once per element)
};

struct FleetDefaults {
  std::vector<FleetOption> options;
  std::optional<std::string> scenario;  ///< JSON text
  std::optional<std::string> request;   ///< JSON text
  std::string canonical;                ///< the whole file as canonical JSON (for the hash)
  std::string source;                   ///< the file, or "" when there is none
};

/// Reads the defaults (JSON or YAML). Throws InputError naming `path` and the member.
[[nodiscard]] FleetDefaults read_fleet_defaults(const std::filesystem::path& path);

/// The defaults file of a fleet directory (fleet-defaults.json, .yaml or .yml), if it has one.
[[nodiscard]] std::optional<std::filesystem::path> fleet_defaults_path(
    const std::filesystem::path& fleet);

/// An open fleet: its endpoint names, sorted, and the fleet's hash.
struct FleetIndex {
  std::filesystem::path path;
  bool jsonl = false;
  std::vector<std::string> names;  ///< sorted (byte order); unique
  /// fnv1a64 over every record's name and bytes, in name order: two fleets with the same hash
  /// hold the same documents.
  std::uint64_t hash = 0;
};

/// Lists the fleet (a directory, or a .jsonl/.ndjson file) and hashes it, one record at a time.
/// Throws InputError: E_FILE (missing), E_PATTERN (a name SageMaker would refuse:
/// ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$), E_DUPLICATE (a name twice), E_JSON (a JSON Lines line
/// that is not an object with a "name"), E_SIZE (a record over kMaxFleetRecordBytes), E_REQUIRED
/// (an empty fleet). Every problem at once.
[[nodiscard]] FleetIndex index_fleet(const std::filesystem::path& path);

/// Calls `fn` with each record whose name `wanted` accepts, one record in memory at a time: a
/// directory's in name order, a JSON Lines file's in file order (results do not depend on it).
void for_each_fleet_record(const FleetIndex& index,
                           const std::function<bool(const std::string&)>& wanted,
                           const std::function<void(const FleetRecord&)>& fn);

/// The record as the engine's RunSources: its documents parsed (problems go to `errors`), the
/// defaults' scenario with the record's scenario merged over it (RFC 7386 merge patch), the
/// record's request, else the defaults' request template with EndpointName and
/// EndpointConfigName (the new config's) filled in.
[[nodiscard]] RunSources fleet_run_sources(const FleetRecord& record,
                                           const FleetDefaults& defaults, Diagnostics& errors);

}  // namespace shiftsim
