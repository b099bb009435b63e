// Running one shard of a fleet into its output directory (shiftsim/fleet_run.hpp).
#include "shiftsim/fleet_run.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/version.hpp"

#include "fleet/parallel.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>

namespace shiftsim {

namespace fs = std::filesystem;

namespace {

using Json = nlohmann::ordered_json;

struct Manifest {
  std::string command;
  std::string fleet_hash;
  std::string settings_hash;
  std::uint32_t shard = 0;
  std::uint32_t shards = 1;
};

Json manifest_json(const FleetRunRequest& req, const Manifest& m, std::size_t endpoints,
                   const FleetRunStats* done) {
  Json j;
  j["schema"] = kFleetShardSchema;
  j["shiftsim"] = kVersion;
  j["command"] = m.command;
  j["fleet"] = req.index.path.string();
  j["fleet_hash"] = m.fleet_hash;
  j["fleet_endpoints"] = req.index.names.size();
  j["settings_hash"] = m.settings_hash;
  j["shard"] = m.shard;
  j["shards"] = m.shards;
  j["endpoints"] = endpoints;
  j["complete"] = done != nullptr;
  j["errors"] = done ? Json(done->errors) : Json();
  return j;
}

std::optional<std::string> read_small(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

/// Refuses an OUT that holds the output of another fleet, settings or shard.
void check_previous(const fs::path& out, const Manifest& m) {
  const auto text = read_small(out / "shard.json");
  if (!text) return;
  const Json j = Json::parse(*text, nullptr, false);
  const auto same = [&](const char* key, const Json& want) {
    return j.is_object() && j.contains(key) && j[key] == want;
  };
  if (same("command", m.command) && same("fleet_hash", m.fleet_hash) &&
      same("settings_hash", m.settings_hash) && same("shard", m.shard) &&
      same("shards", m.shards))
    return;
  const std::string path = (out / "shard.json").string();
  throw_input_error(
      error_code::shard_foreign, path, "the same command, fleet, settings and shard",
      Json(*text).dump().substr(0, 200),
      fmt::format("{} holds the output of another run (command, fleet, settings or shard "
                  "differ: fleet {} settings {} shard {}/{} here); give an empty output "
                  "directory",
                  out.string(), m.fleet_hash, m.settings_hash, m.shard, m.shards));
}

EndpointOutcome error_outcome(const std::string& name, const Diagnostics& ds) {
  Json errors = Json::array();
  EndpointOutcome o;
  o.row.status = "error";
  for (const auto& d : ds) {
    errors.push_back({{"code", d.code},
                      {"path", d.path},
                      {"rule", d.rule},
                      {"value", d.value},
                      {"message", d.message}});
    o.row.findings.push_back(d.code);
  }
  Json j;
  j["schema"] = kFleetErrorSchema;
  j["endpoint"] = name;
  j["errors"] = errors;
  o.result = j.dump(2) + "\n";
  return o;
}

}  // namespace

std::string hash_hex(std::uint64_t h) { return fmt::format("{:016x}", h); }

FleetRunStats run_fleet_shard(const FleetRunRequest& req, const EndpointRunner& runner,
                              const FileWriter& write, const ProgressFn& progress) {
  FleetRunStats stats;
  stats.settings_hash = fnv1a64(req.settings);
  const Manifest m{req.command, hash_hex(req.index.hash), hash_hex(stats.settings_hash),
                   req.shard.index, req.shard.count};
  std::vector<std::string> names;
  for (const auto& n : req.index.names)
    if (shard_of(n, req.shard.count) == req.shard.index) names.push_back(n);
  stats.endpoints = names.size();

  check_previous(req.out, m);
  fs::create_directories(req.out / "results");
  fs::create_directories(req.out / "rows");
  // A killed task's half-written temp files (".NAME.json.tmp.PID"): never results, so removed.
  for (const char* dir : {"results", "rows"})
    for (const auto& e : fs::directory_iterator(req.out / dir))
      if (e.path().filename().string().starts_with(".")) fs::remove(e.path());
  write(req.out / "shard.json", manifest_json(req, m, names.size(), nullptr).dump(2) + "\n");

  const auto row_path = [&](const std::string& n) { return req.out / "rows" / (n + ".json"); };
  const auto result_rel = [](const std::string& n) { return "results/" + n + ".json"; };
  std::mutex mutex;  // stats, position and progress, when endpoints run in parallel
  std::size_t position = 0;
  const auto wanted = [&](const std::string& n) {
    return shard_of(n, req.shard.count) == req.shard.index;
  };
  const auto run_one = [&](const FleetRecord& record) {
    std::error_code ec;
    if (req.resume && fs::exists(row_path(record.name), ec) &&
        fs::exists(req.out / result_rel(record.name), ec)) {
      std::lock_guard lock(mutex);
      ++stats.skipped;
      if (progress) progress({record.name, ++position, names.size(), true, nullptr, 0.0});
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    EndpointOutcome o;
    bool internal = false;
    try {
      if (!record.errors.empty()) throw InputError(record.errors);
      o = runner(record, endpoint_seed(req.base_seed, record.name));
    } catch (const InputError& e) {
      o = error_outcome(record.name, e.diagnostics());
    } catch (const FleetSettingsError&) {
      throw;
    } catch (const std::exception& e) {
      o = error_outcome(record.name,
                        {error_diagnostic(error_code::internal, "", "no internal error", "null",
                                          fmt::format("internal error: {}", e.what()))});
      internal = true;
    }
    std::vector<std::string> distinct;
    for (auto& code : o.row.findings)
      if (std::find(distinct.begin(), distinct.end(), code) == distinct.end())
        distinct.push_back(std::move(code));
    o.row.findings = std::move(distinct);
    o.row.endpoint = record.name;
    o.row.result = result_rel(record.name);
    write(req.out / o.row.result, o.result);                     // the result first,
    write(row_path(record.name), fleet_row_json(o.row) + "\n");  // then the row: done
    const double s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::lock_guard lock(mutex);
    ++stats.ran;
    if (internal) ++stats.internal_errors;
    if (progress) progress({record.name, ++position, names.size(), false, &o.row, s});
  };
  detail::run_records(
      req.jobs,
      [&](const std::function<void(FleetRecord)>& emit) {
        for_each_fleet_record(req.index, wanted,
                              [&](const FleetRecord& r) { emit(r); });
      },
      run_one);

  // The summary, in name order, from the rows (this run's and the resumed ones).
  std::string summary;
  stats.errors = 0;
  for (const auto& n : names) {
    const auto row = read_small(row_path(n));
    if (!row) throw std::logic_error("fleet: no row for " + n + " after its run");
    if (parse_fleet_row(*row, row_path(n).string()).status == "error") ++stats.errors;
    summary += *row;
  }
  write(req.out / "summary.jsonl", summary);
  write(req.out / "shard.json", manifest_json(req, m, names.size(), &stats).dump(2) + "\n");
  return stats;
}

}  // namespace shiftsim
