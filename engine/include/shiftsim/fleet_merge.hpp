#pragma once
// Merging the output directories of a fleet's shards (fleet_run.hpp) into what one unsharded run
// gives: the summary rows of every endpoint in endpoint-name order (byte order), the same bytes
// as the unsharded run's OUT/summary.jsonl. And the fleet's totals, for the report.
#include "shiftsim/cost.hpp"
#include "shiftsim/fleet_run.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace shiftsim {

struct MergedFleet {
  std::string command;
  std::string fleet;          ///< the fleet's path as the shards recorded it
  std::string fleet_hash;
  std::string settings_hash;
  std::uint32_t shards = 0;
  std::string jsonl;          ///< the merged summary: one row a line, in endpoint-name order
  std::vector<FleetRow> rows; ///< the same rows, parsed
};

/// Merges the shard outputs in `dirs` (any order). Refuses (InputError, every problem at once):
///   E_SHARD_FOREIGN     a directory of another command, fleet or settings than the majority, or
///                       not a shard output at all (no shard.json);
///   E_SHARD_DUPLICATE   a shard index given twice, or an endpoint in two shards;
///   E_SHARD_MISSING     a shard index of 0..N-1 not given, or endpoints missing from the total;
///   E_SHARD_INCOMPLETE  a shard whose task did not finish (rerun it with resume).
[[nodiscard]] MergedFleet merge_fleet_outputs(const std::vector<std::filesystem::path>& dirs);

struct FleetTotals {
  std::size_t endpoints = 0;
  std::size_t ok = 0;
  std::size_t infeasible = 0;
  std::size_t errors = 0;
  /// Sums over the endpoints that have one; unknown (A12) when an endpoint's is unknown (its row
  /// names unpriced types): a null is never summed as $0.
  Cost cost_usd;
  Cost extra_cost_usd;
  UnpricedTypes unpriced_types;  ///< every endpoint's, sorted, once each
  double longest_s = 0.0;       ///< the longest planned duration
  double longest_p95_s = 0.0;
  /// Peak instances by type if every endpoint were updated at once (sum of the peaks).
  std::map<std::string, long long> peak_by_type;
  long long peak_instances = 0;
};

[[nodiscard]] FleetTotals fleet_totals(const std::vector<FleetRow>& rows);

}  // namespace shiftsim
