// Shard assignment and per-endpoint seeds (shiftsim/fleet_shard.hpp), checked against a plain
// model of the header's contract written here (FNV-1a 64, splitmix64's finaliser, modulo) and
// the FNV reference vectors.
#include "shiftsim/codes.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/fleet_shard.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace shiftsim;

namespace {

/// The contract, written out: FNV-1a 64 then splitmix64's finaliser, modulo n.
std::uint32_t model_shard(const std::string& name, std::uint32_t n) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return static_cast<std::uint32_t>(h % n);
}

std::vector<std::string> names(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back("ep-" + std::to_string(i) + "-prod");
  return out;
}

ShardSpec from_env(const std::map<std::string, std::string>& env,
                   std::optional<std::uint32_t> shards) {
  return shard_from_environment(
      [&](const char* k) -> std::optional<std::string> {
        const auto it = env.find(k);
        return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
      },
      shards, "--shards");
}

std::string refusal_code(const std::map<std::string, std::string>& env,
                         std::optional<std::uint32_t> shards) {
  try {
    (void)from_env(env, shards);
  } catch (const InputError& e) {
    return e.diagnostics().at(0).code;
  }
  return "accepted";
}

}  // namespace

TEST_CASE("fnv1a64 gives the FNV reference vectors", "[fleet]") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("every endpoint is in exactly one shard, the model's, for N = 1..64", "[fleet]") {
  const auto all = names(2000);
  for (std::uint32_t n = 1; n <= 64; ++n) {
    std::vector<std::set<std::string>> shards(n);
    for (std::uint32_t i = 0; i < n; ++i)  // each task filters the fleet on its own
      for (const auto& name : all)
        if (shard_of(name, n) == i) shards[i].insert(name);
    std::size_t total = 0;
    std::set<std::string> seen;
    for (const auto& s : shards) {
      total += s.size();
      seen.insert(s.begin(), s.end());
    }
    INFO("N = " << n);
    CHECK(total == all.size());  // nobody twice
    CHECK(seen.size() == all.size());  // nobody lost
    for (const auto& name : all) REQUIRE(shard_of(name, n) == model_shard(name, n));
  }
}

TEST_CASE("shards are balanced: no shard of N <= 16 holds more than 1.5x its share", "[fleet]") {
  const auto all = names(4000);
  for (std::uint32_t n = 2; n <= 16; ++n) {
    std::vector<std::size_t> count(n);
    for (const auto& name : all) ++count[shard_of(name, n)];
    for (auto c : count) CHECK(c <= all.size() * 3 / (2 * n));
    for (auto c : count) CHECK(c > 0);
  }
}

TEST_CASE("a shard depends on the name alone, not the fleet or its order", "[fleet]") {
  // The same name in another fleet of another size lands in the same shard.
  CHECK(shard_of("ep-7-prod", 4) == model_shard("ep-7-prod", 4));
  CHECK(shard_of("ep-7-prod", 1) == 0);
  // Pinned values: a change here reshuffles every existing output directory (resume would
  // rerun endpoints), so it must be deliberate.
  CHECK(shard_of("fraud-scoring-prod", 4) == model_shard("fraud-scoring-prod", 4));
  CHECK(shard_of("fraud-scoring-prod", 64) == model_shard("fraud-scoring-prod", 64));
}

TEST_CASE("endpoint seeds depend on the base seed and the name only, within 63 bits", "[fleet]") {
  std::set<std::uint64_t> seeds;
  for (const auto& name : names(1000)) {
    const auto s = endpoint_seed(1, name);
    CHECK(s < (std::uint64_t{1} << 63));
    CHECK(s == endpoint_seed(1, name));
    seeds.insert(s);
  }
  CHECK(seeds.size() == 1000);
  CHECK(endpoint_seed(1, "a") != endpoint_seed(2, "a"));
}

TEST_CASE("a shard I/N is read and checked", "[fleet]") {
  const auto s = parse_shard("3/8", "--shard");
  CHECK(s.index == 3);
  CHECK(s.count == 8);
  for (const char* bad : {"8/8", "1", "a/4", "1/0", "-1/4", "1/4x", "/4", "1/"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_shard(bad, "--shard"), InputError);
  }
}

TEST_CASE("the shard comes from the scheduler's array index", "[fleet]") {
  SECTION("Kubernetes Indexed Job and AWS Batch: 0-based, count from --shards") {
    auto s = from_env({{"JOB_COMPLETION_INDEX", "2"}}, 4);
    CHECK((s.index == 2 && s.count == 4 && s.source == "JOB_COMPLETION_INDEX"));
    s = from_env({{"AWS_BATCH_JOB_ARRAY_INDEX", "0"}}, 3);
    CHECK((s.index == 0 && s.count == 3));
    CHECK(refusal_code({{"AWS_BATCH_JOB_ARRAY_INDEX", "0"}}, std::nullopt) ==
          error_code::required);
    CHECK(refusal_code({{"JOB_COMPLETION_INDEX", "4"}}, 4) == error_code::range);
  }
  SECTION("Slurm: the task id; the count from --shards, else the 0..N-1 array's size") {
    const std::map<std::string, std::string> array{{"SLURM_ARRAY_TASK_ID", "3"},
                                                   {"SLURM_ARRAY_TASK_MIN", "0"},
                                                   {"SLURM_ARRAY_TASK_MAX", "3"},
                                                   {"SLURM_ARRAY_TASK_COUNT", "4"}};
    auto s = from_env(array, std::nullopt);
    CHECK((s.index == 3 && s.count == 4));
    // A failed task resubmitted alone (--array=2): still shard 2 of the --shards count.
    const std::map<std::string, std::string> resubmitted{{"SLURM_ARRAY_TASK_ID", "2"},
                                                         {"SLURM_ARRAY_TASK_MIN", "2"},
                                                         {"SLURM_ARRAY_TASK_MAX", "2"},
                                                         {"SLURM_ARRAY_TASK_COUNT", "1"}};
    s = from_env(resubmitted, 4);
    CHECK((s.index == 2 && s.count == 4));
    CHECK(refusal_code(resubmitted, std::nullopt) == error_code::required);
    CHECK(refusal_code(array, 3) == error_code::range);  // task 3 of 3 shards
    CHECK(refusal_code({{"SLURM_ARRAY_TASK_ID", "x"}}, 4) == error_code::range);
  }
  SECTION("no index: the whole fleet, unless --shards asks for a split") {
    auto s = from_env({}, std::nullopt);
    CHECK((s.index == 0 && s.count == 1));
    CHECK(refusal_code({}, 4) == error_code::required);
  }
}
