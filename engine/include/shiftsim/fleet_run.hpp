#pragma once
// Running one shard of a fleet into an output directory, one endpoint at a time, so that a task
// can be killed at any moment and rerun (docs/fleet.md):
//
//   OUT/shard.json          the task's manifest: command, fleet and settings hashes, shard I/N,
//                           "complete" once every endpoint of the shard has its result
//   OUT/results/NAME.json   the endpoint's result (the command's JSON output), or its error record
//   OUT/rows/NAME.json      its summary row (one JSON line), written after the result: a row means
//                           the endpoint is done
//   OUT/summary.jsonl       the shard's rows in endpoint-name order (byte order), one a line
//
// Every file is written whole or not at all (the caller's FileWriter: temp file + rename).
// Endpoints are independent: each gets its own seed (endpoint_seed()), so a result does not
// depend on the shard count or the order. An endpoint whose documents are bad gets an error
// record and the others go on. With `resume`, endpoints that have their row are skipped.
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/fleet_input.hpp"
#include "shiftsim/fleet_shard.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim {

/// One endpoint's line of the summary (schema shiftsim.fleet-row/v1, keys in this order; absent
/// optionals are null).
struct FleetRow {
  std::string endpoint;
  std::string status = "ok";  ///< "ok", "infeasible" (no config meets the limits), "error"
  /// simulate: how the simulated update ended ("SUCCEEDED", "ROLLED_BACK", "TIMED_OUT",
  /// "UPDATE_ROLLBACK_FAILED"); null for plan and montecarlo (their results are distributions).
  std::optional<std::string> outcome;
  std::optional<std::string> pick;      ///< the config (plan), or the request's strategy
  std::optional<std::string> strategy;
  std::optional<double> duration_s;     ///< planned (plan), P50 (montecarlo), simulated duration
  std::optional<double> p95_s;          ///< P95 completion under the timing model
  std::optional<double> cost_usd;       ///< billed cost of the update window
  std::optional<double> extra_cost_usd; ///< cost over keeping the old fleet
  /// The instance types the endpoint bills with no price: its costs are null because unknown
  /// (A12), not absent (an infeasible plan, an error). Written only when not empty (rows of a
  /// fully priced fleet keep their bytes).
  std::vector<std::string> unpriced_types;
  std::optional<std::int64_t> timeout_s;
  std::optional<int> peak_instances;
  /// The peak by instance type: one type, or the types joined by "+" when the endpoint mixes
  /// types (the peak is not split between them).
  std::map<std::string, int> peak_by_type;
  std::vector<std::string> findings;    ///< warning and error codes, each once, first seen first
  std::string result;                   ///< the result file, relative to OUT
};

/// The row as one line of JSON (no newline).
[[nodiscard]] std::string fleet_row_json(const FleetRow& row);
/// Reads a row line. Throws InputError E_JSON naming `where`.
[[nodiscard]] FleetRow parse_fleet_row(std::string_view line, const std::string& where);

/// What the caller's runner returns for one endpoint.
struct EndpointOutcome {
  std::string result;  ///< the result file's content
  FleetRow row;        ///< endpoint and result are filled in by run_fleet_shard()
};

/// Runs one endpoint (the caller's command). InputError: the endpoint gets an error record.
using EndpointRunner =
    std::function<EndpointOutcome(const FleetRecord& record, std::uint64_t seed)>;
/// Thrown by an EndpointRunner for a problem of the run's settings rather than of the endpoint
/// (an option the command does not take): run_fleet_shard() stops and passes it on.
struct FleetSettingsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Writes a whole file atomically (the CLI's write_file_atomically).
using FileWriter = std::function<void(const std::filesystem::path&, std::string_view)>;

struct FleetProgress {
  const std::string& endpoint;
  std::size_t position = 0;  ///< 1-based, within the shard
  std::size_t total = 0;     ///< endpoints in the shard
  bool skipped = false;      ///< resumed: the result was there
  const FleetRow* row = nullptr;
  double seconds = 0.0;      ///< wall time of this endpoint
};
using ProgressFn = std::function<void(const FleetProgress&)>;

struct FleetRunRequest {
  FleetIndex index;
  ShardSpec shard;
  std::filesystem::path out;
  bool resume = false;
  std::string command;    ///< "plan", "simulate", "montecarlo"
  /// Everything that decides the results besides the documents (the command's options, the
  /// defaults, the version), as text: its hash tells two runs' settings apart.
  std::string settings;
  std::uint64_t base_seed = 1;
  /// Endpoints run at once (worker threads; the runner must be thread-safe). Results do not
  /// depend on it; the log lines' order does.
  int jobs = 1;
};

struct FleetRunStats {
  std::size_t endpoints = 0;  ///< in the shard
  std::size_t ran = 0;
  std::size_t skipped = 0;
  std::size_t errors = 0;     ///< error records (bad documents, or internal errors)
  std::size_t internal_errors = 0;
  std::uint64_t settings_hash = 0;
};

/// The manifest schema and the error record schema.
inline constexpr const char* kFleetShardSchema = "shiftsim.fleet-shard/v1";
inline constexpr const char* kFleetErrorSchema = "shiftsim.fleet-error/v1";

/// Runs the shard. Throws InputError E_SHARD_FOREIGN when OUT holds another fleet's, settings'
/// or shard's output (nothing is touched then); the FileWriter's exceptions pass through.
FleetRunStats run_fleet_shard(const FleetRunRequest& request, const EndpointRunner& runner,
                              const FileWriter& write, const ProgressFn& progress);

/// The hash of the settings, as the manifests record it (16 hex digits).
[[nodiscard]] std::string hash_hex(std::uint64_t h);

}  // namespace shiftsim
