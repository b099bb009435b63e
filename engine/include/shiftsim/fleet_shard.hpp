#pragma once
// Which endpoints of a fleet one task runs, and with which seed.
//
// A fleet is split into N shards by a stable hash of the endpoint name: shard_of(name, n) depends
// on nothing but the name and n (not on the fleet's order, size or the machine), so every task of
// an array job computes the same partition on its own, and every endpoint is in exactly one
// shard. Each endpoint's seed is derived from the base seed and its name alone
// (endpoint_seed()), so an endpoint's result is the same whatever the shard count.
//
// The shard a task runs comes from a `--shard I/N`-like value, else from the array index the
// scheduler running it sets (shard_from_environment()).
#include "shiftsim/diagnostic.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace shiftsim {

/// The largest shard count (an array job of more tasks than this is not what sharding is for).
inline constexpr std::uint32_t kMaxShards = 100'000;

struct ShardSpec {
  std::uint32_t index = 0;  ///< 0-based, < count
  std::uint32_t count = 1;
  std::string source = "default";  ///< where it came from ("--shard", "SLURM_ARRAY_TASK_ID", ...)
};

/// 64-bit FNV-1a of `bytes` (offset basis 14695981039346656037, prime 1099511628211): the stable
/// hash of names and documents. Not cryptographic.
[[nodiscard]] std::uint64_t fnv1a64(std::string_view bytes,
                                    std::uint64_t basis = 14695981039346656037ULL) noexcept;

/// The shard of endpoint `name` among `count` (>= 1): splitmix64's finaliser of fnv1a64(name),
/// modulo count (the finaliser spreads names that differ only in their last characters).
[[nodiscard]] std::uint32_t shard_of(std::string_view name, std::uint32_t count) noexcept;

/// The seed of endpoint `name`'s runs: splitmix64's finaliser of base_seed ^ fnv1a64(name),
/// shifted right by one (in [0, 2^63): every seed reader takes it).
[[nodiscard]] std::uint64_t endpoint_seed(std::uint64_t base_seed, std::string_view name) noexcept;

/// Parses "I/N" (0 <= I < N <= kMaxShards). Throws InputError E_RANGE at `path`.
[[nodiscard]] ShardSpec parse_shard(std::string_view text, const std::string& path);

/// Reads one environment variable: its value, or nullopt when unset (std::getenv in the CLI; a
/// map in tests).
using EnvLookup = std::function<std::optional<std::string>(const char*)>;

/// The shard from the array index of the engine running this task, with `shards` (a `--shards N`
/// value) as the count when the scheduler gives none:
///   JOB_COMPLETION_INDEX       Kubernetes Indexed Job (0-based; count: `shards`, required)
///   AWS_BATCH_JOB_ARRAY_INDEX  AWS Batch array job   (0-based; count: `shards`, required)
///   SLURM_ARRAY_TASK_ID        Slurm job array (the task id is the index; count: `shards`, else
///                              SLURM_ARRAY_TASK_COUNT when the array is 0..COUNT-1, so that a
///                              failed task resubmitted alone, --array=2, is still shard 2 of N)
/// The first variable set, in this order, decides. None set: shard 0 of `shards` (or 0/1).
/// Throws InputError (E_RANGE, E_REQUIRED) naming the variable: a non-number, an index out of
/// range, no count.
[[nodiscard]] ShardSpec shard_from_environment(const EnvLookup& env,
                                               std::optional<std::uint32_t> shards,
                                               const std::string& shards_path);

}  // namespace shiftsim
