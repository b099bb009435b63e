#pragma once
// Private: a shard's manifest, OUT/shard.json (shiftsim.fleet-shard/v1, docs/fleet.md): the one
// reader and writer of it, for run_fleet_shard() (is OUT this run's?) and merge_fleet_outputs()
// (which shards are there, finished, of one run?).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace shiftsim::detail {

/// A manifest is at most this many bytes: a larger shard.json is not one (the reader's budget).
inline constexpr std::size_t kMaxManifestBytes = std::size_t{64} << 10;

struct ShardManifest {
  std::string shiftsim;       ///< the version that wrote it
  std::string command;        ///< "simulate", "plan", "montecarlo"
  std::string fleet;          ///< the fleet's path, as given to the task
  std::string fleet_hash;     ///< 16 hex digits (FleetIndex::hash)
  std::size_t fleet_endpoints = 0;
  std::string settings_hash;  ///< 16 hex digits
  std::uint32_t shard = 0;
  std::uint32_t shards = 1;
  std::size_t endpoints = 0;  ///< in this shard
  bool complete = false;      ///< every endpoint of the shard has its row and the summary is written
  std::optional<std::size_t> errors;  ///< error records, once complete

  /// The run the shard belongs to: command, fleet hash, settings hash and shard count (not the
  /// index). Shards of one run have the same key.
  [[nodiscard]] std::string run_key() const;
  /// The same run and the same shard index.
  [[nodiscard]] bool same_shard(const ShardManifest& other) const;
};

/// The manifest as the file holds it (2-space JSON, keys in a fixed order, a final newline).
[[nodiscard]] std::string shard_manifest_json(const ShardManifest& m);

struct ManifestFile {
  bool present = false;  ///< DIR/shard.json exists
  std::string text;      ///< its first kMaxManifestBytes bytes
  /// Absent when it is not a manifest: not JSON, another schema, a member missing or mistyped,
  /// or over kMaxManifestBytes.
  std::optional<ShardManifest> manifest;
};

/// Reads DIR/shard.json.
[[nodiscard]] ManifestFile read_shard_manifest(const std::filesystem::path& dir);

}  // namespace shiftsim::detail
