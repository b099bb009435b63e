// Merging shard outputs and the fleet's totals (shiftsim/fleet_merge.hpp).
#include "shiftsim/fleet_merge.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace shiftsim {

namespace fs = std::filesystem;

namespace {

using Json = nlohmann::json;

struct Shard {
  fs::path dir;
  Json manifest;
  std::string key;  ///< command, fleet hash, settings hash, shard count
};

std::optional<std::string> slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

Diagnostic problem(const char* code, const std::string& path, std::string rule,
                   std::string value, std::string message) {
  return error_diagnostic(code, path, std::move(rule), std::move(value), std::move(message));
}

/// The shards' manifests; the ones that cannot be read are problems.
std::vector<Shard> read_manifests(const std::vector<fs::path>& dirs, Diagnostics& errors) {
  std::vector<Shard> shards;
  for (const auto& dir : dirs) {
    const auto text = slurp(dir / "shard.json");
    const Json j = text ? Json::parse(*text, nullptr, false) : Json();
    if (!text || j.is_discarded() || !j.is_object() || j.value("schema", "") != kFleetShardSchema) {
      errors.push_back(problem(error_code::shard_foreign, dir.string(),
                               "a shard output directory (shard.json)", Json(dir.string()).dump(),
                               fmt::format("{}: not a fleet shard output (no readable "
                                           "shard.json)",
                                           dir.string())));
      continue;
    }
    const std::string key = fmt::format("{} fleet {} settings {} shards {}",
                                        j.value("command", ""), j.value("fleet_hash", ""),
                                        j.value("settings_hash", ""), j.value("shards", 0));
    shards.push_back({dir, j, key});
  }
  return shards;
}

/// The key most shards share (ties: the first shard's).
std::string majority_key(const std::vector<Shard>& shards) {
  std::map<std::string, std::size_t> counts;
  for (const auto& s : shards) ++counts[s.key];
  std::string best = shards.front().key;
  for (const auto& s : shards)
    if (counts[s.key] > counts[best]) best = s.key;
  return best;
}

/// Problems of the set of shards: foreign, duplicate, missing, incomplete.
std::vector<const Shard*> check_shards(const std::vector<Shard>& shards, Diagnostics& errors) {
  std::vector<const Shard*> used;
  if (shards.empty()) return used;
  const std::string key = majority_key(shards);
  const Json& ref = shards.front().key == key
                        ? shards.front().manifest
                        : std::find_if(shards.begin(), shards.end(),
                                       [&](const Shard& s) { return s.key == key; })->manifest;
  const auto count = ref.value("shards", 0U);
  std::map<std::uint32_t, std::vector<const Shard*>> by_index;
  for (const auto& s : shards) {
    if (s.key != key) {
      errors.push_back(problem(error_code::shard_foreign, s.dir.string(), "same as " + key,
                               Json(s.key).dump(),
                               fmt::format("{}: output of another run ({}), not of this one ({})",
                                           s.dir.string(), s.key, key)));
      continue;
    }
    by_index[s.manifest.value("shard", 0U)].push_back(&s);
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
    if (!s->manifest.value("complete", false)) {
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

MergedFleet merge_fleet_outputs(const std::vector<fs::path>& dirs) {
  Diagnostics errors;
  const std::vector<Shard> shards = read_manifests(dirs, errors);
  const std::vector<const Shard*> used = check_shards(shards, errors);
  if (!errors.empty()) throw InputError(std::move(errors));
  if (used.empty())
    throw_input_error(error_code::shard_missing, "", "at least one shard output", "[]",
                      "merge: no shard output given");
  MergedFleet m;
  const Json& ref = used.front()->manifest;
  m.command = ref.value("command", "");
  m.fleet = ref.value("fleet", "");
  m.fleet_hash = ref.value("fleet_hash", "");
  m.settings_hash = ref.value("settings_hash", "");
  m.shards = ref.value("shards", 0U);

  std::vector<std::pair<std::string, std::string>> lines;  // (endpoint, line)
  std::map<std::string, std::string> owner;
  for (const Shard* s : used) {
    const fs::path file = s->dir / "summary.jsonl";
    std::ifstream in(file, std::ios::binary);
    std::string line;
    std::size_t count = 0;
    for (std::size_t n = 1; std::getline(in, line); ++n) {
      FleetRow row = parse_fleet_row(line, fmt::format("{}:{}", file.string(), n));
      ++count;
      if (shard_of(row.endpoint, m.shards) != s->manifest.value("shard", 0U) ||
          !owner.emplace(row.endpoint, s->dir.string()).second)
        errors.push_back(problem(error_code::shard_duplicate, file.string(),
                                 "each endpoint in its own shard once", Json(row.endpoint).dump(),
                                 fmt::format("{}: endpoint '{}' does not belong here (also in "
                                             "{}, or another shard's)",
                                             file.string(), row.endpoint, owner[row.endpoint])));
      lines.emplace_back(row.endpoint, line);
      m.rows.push_back(std::move(row));
    }
    if (count != s->manifest.value("endpoints", std::size_t{0}))
      errors.push_back(problem(error_code::shard_missing, file.string(),
                               "one row per endpoint of the shard", std::to_string(count),
                               fmt::format("{}: {} rows for the shard's {} endpoints",
                                           file.string(), count,
                                           s->manifest.value("endpoints", std::size_t{0}))));
  }
  const auto total = ref.value("fleet_endpoints", std::size_t{0});
  if (errors.empty() && lines.size() != total)
    errors.push_back(problem(error_code::shard_missing, m.fleet, "every endpoint of the fleet",
                             std::to_string(lines.size()),
                             fmt::format("merge: {} endpoints in the shards, the fleet has {}",
                                         lines.size(), total)));
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
