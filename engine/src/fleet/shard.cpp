// Shard assignment, per-endpoint seeds and the array index of the running task
// (shiftsim/fleet_shard.hpp).
#include "shiftsim/fleet_shard.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <charconv>

namespace shiftsim {

namespace {

/// splitmix64's finaliser (Steele, Lea, Flood 2014): a bijection that mixes every input bit.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// A whole decimal number in [lo, hi], or nullopt.
std::optional<std::uint64_t> parse_uint(std::string_view s, std::uint64_t lo, std::uint64_t hi) {
  std::uint64_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size() || v < lo || v > hi)
    return std::nullopt;
  return v;
}

[[noreturn]] void bad_value(const std::string& path, const std::string& rule,
                            const std::string& value, const std::string& message) {
  throw_input_error(error_code::range, path, rule, fmt::format("\"{}\"", value), message);
}

/// The index variable `name` (0-based after subtracting `min`), checked against `count`.
ShardSpec indexed(const char* name, const std::string& value, std::uint64_t min,
                  std::uint32_t count) {
  const auto i = parse_uint(value, 0, kMaxShards);
  if (!i || *i < min || *i - min >= count)
    bad_value(name, fmt::format("must be a task index in [{}, {}]", min, min + count - 1), value,
              fmt::format("{}={}: not a task index in [{}, {}] for {} shards", name, value, min,
                          min + count - 1, count));
  return ShardSpec{static_cast<std::uint32_t>(*i - min), count, name};
}

}  // namespace

std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t basis) noexcept {
  std::uint64_t h = basis;
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

std::uint32_t shard_of(std::string_view name, std::uint32_t count) noexcept {
  if (count <= 1) return 0;
  return static_cast<std::uint32_t>(mix64(fnv1a64(name)) % count);
}

std::uint64_t endpoint_seed(std::uint64_t base_seed, std::string_view name) noexcept {
  return mix64(base_seed ^ fnv1a64(name)) >> 1;  // 63 bits: a seed any signed reader takes
}

ShardSpec parse_shard(std::string_view text, const std::string& path) {
  const auto slash = text.find('/');
  const auto i = slash == std::string_view::npos
                     ? std::nullopt
                     : parse_uint(text.substr(0, slash), 0, kMaxShards - 1);
  const auto n = slash == std::string_view::npos ? std::nullopt
                                                 : parse_uint(text.substr(slash + 1), 1, kMaxShards);
  if (!i || !n || *i >= *n)
    bad_value(path, fmt::format("must be I/N with 0 <= I < N <= {}", kMaxShards),
              std::string(text),
              fmt::format("{}: expected I/N (shard I of N, 0 <= I < N <= {}), got '{}'", path,
                          kMaxShards, text));
  return ShardSpec{static_cast<std::uint32_t>(*i), static_cast<std::uint32_t>(*n), path};
}

ShardSpec shard_from_environment(const EnvLookup& env, std::optional<std::uint32_t> shards,
                                 const std::string& shards_path) {
  const auto need_count = [&](const char* name) -> std::uint32_t {
    if (!shards)
      throw_input_error(error_code::required, shards_path, "required with " + std::string(name),
                        "null",
                        fmt::format("{} is set: give the array's size with {} N", name,
                                    shards_path));
    return *shards;
  };
  for (const char* name : {"JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"})
    if (const auto v = env(name)) return indexed(name, *v, 0, need_count(name));
  if (const auto id = env("SLURM_ARRAY_TASK_ID")) {
    // The task id is the shard index. The count: `shards`, else the array's own size when the
    // array is 0..COUNT-1 (a resubmitted subset, e.g. --array=2, needs `shards`).
    if (shards) return indexed("SLURM_ARRAY_TASK_ID", *id, 0, *shards);
    const auto number = [&](const char* name) -> std::optional<std::uint64_t> {
      const auto v = env(name);
      return v ? parse_uint(*v, 0, kMaxShards) : std::nullopt;
    };
    const auto count = number("SLURM_ARRAY_TASK_COUNT");
    const auto min = number("SLURM_ARRAY_TASK_MIN");
    const auto max = number("SLURM_ARRAY_TASK_MAX");
    if (!count || *count == 0 || !min || *min != 0 || !max || *max + 1 != *count)
      throw_input_error(error_code::required, shards_path, "required unless the array is 0..N-1",
                        "null",
                        fmt::format("SLURM_ARRAY_TASK_ID is set and the array is not 0..N-1 "
                                    "(SLURM_ARRAY_TASK_MIN/MAX/COUNT): give the shard count "
                                    "with {} N",
                                    shards_path));
    return indexed("SLURM_ARRAY_TASK_ID", *id, 0, static_cast<std::uint32_t>(*count));
  }
  if (shards && *shards > 1)
    throw_input_error(error_code::required, shards_path, "needs the task's index",
                      std::to_string(*shards),
                      fmt::format("{} {}: no array index in the environment "
                                  "(JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, "
                                  "SLURM_ARRAY_TASK_ID) and no shard given",
                                  shards_path, *shards));
  return ShardSpec{0, 1, "default"};
}

}  // namespace shiftsim
