// Running one shard of a fleet into its output directory (shiftsim/fleet_run.hpp).
#include "shiftsim/fleet_run.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/version.hpp"

#include "fleet/manifest.hpp"
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
using detail::ShardManifest;

std::optional<std::string> read_small(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

/// Refuses an OUT that holds the output of another fleet, settings or shard.
void check_previous(const fs::path& out, const ShardManifest& m) {
  const detail::ManifestFile previous = detail::read_shard_manifest(out);
  if (!previous.present || (previous.manifest && previous.manifest->same_shard(m))) return;
  const std::string path = (out / "shard.json").string();
  throw_input_error(
      error_code::shard_foreign, path, "the same command, fleet, settings and shard",
      Json(previous.text.substr(0, 200)).dump(),
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

/// One endpoint's outcome: the runner's, or the error record of its problems. `internal` is set
/// when the runner failed other than on bad input (E_INTERNAL).
EndpointOutcome run_endpoint(const FleetRecord& record, std::uint64_t seed,
                             const EndpointRunner& runner, bool& internal) {
  EndpointOutcome o;
  try {
    if (!record.errors.empty()) throw InputError(record.errors);
    o = runner(record, seed);
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
  return o;
}

/// OUT prepared for the run: refused if another run's, its folders made, a killed task's
/// half-written temp files (".NAME.json.tmp.PID": never results) removed, the manifest written
/// (not complete).
void prepare_out(const FleetRunRequest& req, const ShardManifest& m, const FileWriter& write) {
  check_previous(req.out, m);
  fs::create_directories(req.out / "results");
  fs::create_directories(req.out / "rows");
  for (const char* dir : {"results", "rows"})
    for (const auto& e : fs::directory_iterator(req.out / dir))
      if (e.path().filename().string().starts_with(".")) fs::remove(e.path());
  write(req.out / "shard.json", detail::shard_manifest_json(m));
}

fs::path row_path(const fs::path& out, const std::string& name) {
  return out / "rows" / (name + ".json");
}

std::string result_rel(const std::string& name) { return "results/" + name + ".json"; }

/// The summary, in name order, from the rows (this run's and the resumed ones); returns the
/// number of error records.
std::size_t write_summary(const FleetRunRequest& req, const std::vector<std::string>& names,
                          const FileWriter& write) {
  std::string summary;
  std::size_t errors = 0;
  for (const auto& n : names) {
    const auto row = read_small(row_path(req.out, n));
    if (!row) throw std::logic_error("fleet: no row for " + n + " after its run");
    if (parse_fleet_row(*row, row_path(req.out, n).string()).status == "error") ++errors;
    summary += *row;
  }
  write(req.out / "summary.jsonl", summary);
  return errors;
}

}  // namespace

std::string hash_hex(std::uint64_t h) { return fmt::format("{:016x}", h); }

FleetRunStats run_fleet_shard(const FleetRunRequest& req, const EndpointRunner& runner,
                              const FileWriter& write, const ProgressFn& progress) {
  FleetRunStats stats;
  stats.settings_hash = fnv1a64(req.settings);
  const auto wanted = [&](const std::string& n) {
    return shard_of(n, req.shard.count) == req.shard.index;
  };
  std::vector<std::string> names;
  for (const auto& n : req.index.names)
    if (wanted(n)) names.push_back(n);
  stats.endpoints = names.size();
  ShardManifest m{.shiftsim = kVersion,
                  .command = req.command,
                  .fleet = req.index.path.string(),
                  .fleet_hash = hash_hex(req.index.hash),
                  .fleet_endpoints = req.index.names.size(),
                  .settings_hash = hash_hex(stats.settings_hash),
                  .shard = req.shard.index,
                  .shards = req.shard.count,
                  .endpoints = names.size(),
                  .complete = false,
                  .errors = std::nullopt};
  prepare_out(req, m, write);

  std::mutex mutex;  // stats, position and progress, when endpoints run in parallel
  std::size_t position = 0;
  const auto run_one = [&](const FleetRecord& record) {
    std::error_code ec;
    if (req.resume && fs::exists(row_path(req.out, record.name), ec) &&
        fs::exists(req.out / result_rel(record.name), ec)) {
      std::lock_guard lock(mutex);
      ++stats.skipped;
      if (progress) progress({record.name, ++position, names.size(), true, nullptr, 0.0});
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    bool internal = false;
    EndpointOutcome o =
        run_endpoint(record, endpoint_seed(req.base_seed, record.name), runner, internal);
    o.row.endpoint = record.name;
    o.row.result = result_rel(record.name);
    write(req.out / o.row.result, o.result);                             // the result first,
    write(row_path(req.out, record.name), fleet_row_json(o.row) + "\n"); // then the row: done
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
        for_each_fleet_record(req.index, wanted, [&](const FleetRecord& r) { emit(r); });
      },
      run_one);

  stats.errors = write_summary(req, names, write);
  m.complete = true;
  m.errors = stats.errors;
  write(req.out / "shard.json", detail::shard_manifest_json(m));
  return stats;
}

}  // namespace shiftsim
