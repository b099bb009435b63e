// Merging shard outputs and the fleet's totals (shiftsim/fleet_merge.hpp).
#include "shiftsim/fleet_merge.hpp"

#include "shiftsim/codes.hpp"

#include "fleet/manifest.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

namespace shiftsim {

namespace fs = std::filesystem;

namespace {

using Json = nlohmann::json;
using detail::ShardManifest;

struct Shard {
  fs::path dir;
  ShardManifest manifest;
};

Diagnostic problem(const char* code, const std::string& path, std::string rule,
                   std::string value, std::string message) {
  return error_diagnostic(code, path, std::move(rule), std::move(value), std::move(message));
}

/// The shards' manifests; the ones that cannot be read are problems.
std::vector<Shard> read_manifests(const std::vector<fs::path>& dirs, Diagnostics& errors) {
  std::vector<Shard> shards;
  for (const auto& dir : dirs) {
    detail::ManifestFile f = detail::read_shard_manifest(dir);
    if (!f.manifest) {
      errors.push_back(problem(error_code::shard_foreign, dir.string(),
                               "a shard output directory (shard.json)", Json(dir.string()).dump(),
                               fmt::format("{}: not a fleet shard output (no readable "
                                           "shard.json)",
                                           dir.string())));
      continue;
    }
    shards.push_back({dir, std::move(*f.manifest)});
  }
  return shards;
}

/// The run most shards belong to (ties: the first shard's).
const ShardManifest& majority(const std::vector<Shard>& shards) {
  std::map<std::string, std::size_t> counts;
  for (const auto& s : shards) ++counts[s.manifest.run_key()];
  const ShardManifest* best = &shards.front().manifest;
  for (const auto& s : shards)
    if (counts[s.manifest.run_key()] > counts[best->run_key()]) best = &s.manifest;
  return *best;
}

/// Problems of the set of shards: foreign, duplicate, missing, incomplete.
std::vector<const Shard*> check_shards(const std::vector<Shard>& shards, Diagnostics& errors) {
  std::vector<const Shard*> used;
  if (shards.empty()) return used;
  const ShardManifest& ref = majority(shards);
  const std::string key = ref.run_key();
  const std::uint32_t count = ref.shards;
  std::map<std::uint32_t, std::vector<const Shard*>> by_index;
  for (const auto& s : shards) {
    if (s.manifest.run_key() != key) {
      errors.push_back(problem(error_code::shard_foreign, s.dir.string(), "same as " + key,
                               Json(s.manifest.run_key()).dump(),
                               fmt::format("{}: output of another run ({}), not of this one ({})",
                                           s.dir.string(), s.manifest.run_key(), key)));
      continue;
    }
    by_index[s.manifest.shard].push_back(&s);
  }
  for (std::uint32_t i = 0; i < count; ++i) {
    const auto it = by_index.find(i);
    if (it == by_index.end()) {
      errors.push_back(problem(error_code::shard_missing, fmt::format("shard {}/{}", i, count),
                               "every shard 0..N-1 once", "null",
                               fmt::format("shard {}/{} is missing", i, count)));
      continue;
    }
    if (it->second.size() > 1) {
      std::string dirs;
      for (const auto* s : it->second) dirs += (dirs.empty() ? "" : ", ") + s->dir.string();
      errors.push_back(problem(error_code::shard_duplicate, fmt::format("shard {}/{}", i, count),
                               "every shard 0..N-1 once", Json(dirs).dump(),
                               fmt::format("shard {}/{} is given {} times: {}", i, count,
                                           it->second.size(), dirs)));
      continue;
    }
    const Shard* s = it->second.front();
    if (!s->manifest.complete) {
      errors.push_back(problem(error_code::shard_incomplete, s->dir.string(),
                               "the task finished", "false",
                               fmt::format("{}: shard {}/{} did not finish (its task was "
                                           "stopped?): rerun it with resume",
                                           s->dir.string(), i, count)));
      continue;
    }
    used.push_back(s);
  }
  return used;
}

}  // namespace

namespace {

/// The rows of one finished shard's summary, appended to `lines` (endpoint, line) and `rows`;
/// an endpoint of another shard or seen before, and a row count other than the manifest's, are
/// problems. `owner`: which directory each endpoint came from.
void read_shard_rows(const Shard& s, std::uint32_t shards,
                     std::vector<std::pair<std::string, std::string>>& lines,
                     std::vector<FleetRow>& rows, std::map<std::string, std::string>& owner,
                     Diagnostics& errors) {
  const fs::path file = s.dir / "summary.jsonl";
  std::ifstream in(file, std::ios::binary);
  std::string line;
  std::size_t count = 0;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    FleetRow row = parse_fleet_row(line, fmt::format("{}:{}", file.string(), n));
    ++count;
    if (shard_of(row.endpoint, shards) != s.manifest.shard ||
        !owner.emplace(row.endpoint, s.dir.string()).second)
      errors.push_back(problem(error_code::shard_duplicate, file.string(),
                               "each endpoint in its own shard once", Json(row.endpoint).dump(),
                               fmt::format("{}: endpoint '{}' does not belong here (also in "
                                           "{}, or another shard's)",
                                           file.string(), row.endpoint, owner[row.endpoint])));
    lines.emplace_back(row.endpoint, line);
    rows.push_back(std::move(row));
  }
  if (count != s.manifest.endpoints)
    errors.push_back(problem(error_code::shard_missing, file.string(),
                             "one row per endpoint of the shard", std::to_string(count),
                             fmt::format("{}: {} rows for the shard's {} endpoints",
                                         file.string(), count, s.manifest.endpoints)));
}

}  // namespace

MergedFleet merge_fleet_outputs(const std::vector<fs::path>& dirs) {
  Diagnostics errors;
  const std::vector<Shard> shards = read_manifests(dirs, errors);
  const std::vector<const Shard*> used = check_shards(shards, errors);
  if (!errors.empty()) throw InputError(std::move(errors));
  if (used.empty())
    throw_input_error(error_code::shard_missing, "", "at least one shard output", "[]",
                      "merge: no shard output given");
  MergedFleet m;
  const ShardManifest& ref = used.front()->manifest;
  m.command = ref.command;
  m.fleet = ref.fleet;
  m.fleet_hash = ref.fleet_hash;
  m.settings_hash = ref.settings_hash;
  m.shards = ref.shards;

  std::vector<std::pair<std::string, std::string>> lines;  // (endpoint, line)
  std::map<std::string, std::string> owner;
  for (const Shard* s : used) read_shard_rows(*s, m.shards, lines, m.rows, owner, errors);
  if (errors.empty() && lines.size() != ref.fleet_endpoints)
    errors.push_back(problem(error_code::shard_missing, m.fleet, "every endpoint of the fleet",
                             std::to_string(lines.size()),
                             fmt::format("merge: {} endpoints in the shards, the fleet has {}",
                                         lines.size(), ref.fleet_endpoints)));
  if (!errors.empty()) throw InputError(std::move(errors));
  std::sort(lines.begin(), lines.end());
  std::sort(m.rows.begin(), m.rows.end(),
            [](const FleetRow& a, const FleetRow& b) { return a.endpoint < b.endpoint; });
  for (const auto& [name, line] : lines) m.jsonl += line + "\n";
  return m;
}

FleetTotals fleet_totals(const std::vector<FleetRow>& rows) {
  FleetTotals t;
  for (const auto& r : rows) {
    ++t.endpoints;
    if (r.status == "ok") ++t.ok;
    else if (r.status == "infeasible") ++t.infeasible;
    else ++t.errors;
    // A null cost is absent (no pick, an error) unless the row names unpriced types: unknown.
    const bool unpriced = !r.unpriced_types.empty();
    if (r.cost_usd) t.cost_usd += *r.cost_usd;
    else if (unpriced) t.cost_usd = Cost::unknown();
    if (r.extra_cost_usd) t.extra_cost_usd += *r.extra_cost_usd;
    else if (unpriced) t.extra_cost_usd = Cost::unknown();
    t.unpriced_types.insert(t.unpriced_types.end(), r.unpriced_types.begin(),
                            r.unpriced_types.end());
    t.longest_s = std::max(t.longest_s, r.duration_s.value_or(0.0));
    t.longest_p95_s = std::max(t.longest_p95_s, r.p95_s.value_or(0.0));
    for (const auto& [type, n] : r.peak_by_type) t.peak_by_type[type] += n;
    t.peak_instances += r.peak_instances.value_or(0);
  }
  std::sort(t.unpriced_types.begin(), t.unpriced_types.end());
  t.unpriced_types.erase(std::unique(t.unpriced_types.begin(), t.unpriced_types.end()),
                         t.unpriced_types.end());
  return t;
}

}  // namespace shiftsim
