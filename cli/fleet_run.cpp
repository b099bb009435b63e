// The fleet-run flags and the per-endpoint glue of simulate/plan/montecarlo --fleet
// (fleet_run.hpp).
#include "fleet_run.hpp"

#include "atomic_write.hpp"
#include "input_files.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/fleet_input.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <cstdlib>
#include <set>

namespace shiftsim::cli {

namespace {

/// The flags that do not change an endpoint's result (left out of the settings hash).
bool result_neutral(std::string_view flag) {
  for (const char* f : {"--fleet", "--fleet-defaults", "--out", "--shard", "--shards", "--jobs",
                        "--threads", "--output", "-o", "--color", "--resume", "--seed"})
    if (flag == f) return true;
  return false;
}

/// The words that decide results, `--name=value` split, result-neutral flags dropped.
std::string settings_words(const Args& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string w = words[i];
    const bool inline_value = w.starts_with("--") && w.find('=') != std::string::npos;
    const std::string flag = inline_value ? w.substr(0, w.find('=')) : w;
    if (result_neutral(flag)) {
      const bool has_value = flag != "--resume" && !inline_value;
      if (has_value) ++i;
      continue;
    }
    out += " " + w;
  }
  return out;
}

/// The value of `flag` among `args` (`--flag V` or `--flag=V`).
std::optional<std::string> value_of(const Args& args, std::string_view flag) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == flag && i + 1 < args.size()) return args[i + 1];
    if (args[i].starts_with(std::string(flag) + "=")) return args[i].substr(flag.size() + 1);
  }
  return std::nullopt;
}

bool given(const Args& args, const std::string& flag) {
  for (const auto& a : args)
    if (a == flag || a.starts_with(flag + "=")) return true;
  return false;
}

std::optional<std::filesystem::path> defaults_file(const Args& args) {
  if (auto d = value_of(args, "--fleet-defaults")) return strip_file_scheme(*d);
  if (auto f = value_of(args, "--fleet")) return fleet_defaults_path(strip_file_scheme(*f));
  return std::nullopt;
}

ShardSpec shard_spec(const FleetRunFlags& f) {
  const std::optional<std::uint32_t> shards =
      f.shards ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(*f.shards))
               : std::nullopt;
  if (f.shard) {
    if (shards && *shards != f.shard->count)
      throw_input_error(error_code::range, "--shards", "must equal N of --shard",
                        std::to_string(*shards),
                        fmt::format("--shards {} disagrees with --shard {}/{}", *shards,
                                    f.shard->index, f.shard->count));
    return *f.shard;
  }
  return shard_from_environment(
      [](const char* name) -> std::optional<std::string> {
        const char* v = std::getenv(name);  // NOLINT(concurrency-mt-unsafe): read at start only
        return v ? std::optional<std::string>(v) : std::nullopt;
      },
      shards, "--shards");
}

}  // namespace

void declare_fleet_run_flags(OptionSet& options, FleetRunFlags& f) {
  options.group("fleet run (docs/fleet.md)")
      .add("fleet", text(f.fleet), "PATH",
           "run every endpoint of a fleet (a directory or .jsonl file) into --out DIR: one "
           "result per endpoint, a summary row each")
      .add("fleet-defaults", text(f.defaults), "FILE",
           "the fleet's defaults (default: FLEET/fleet-defaults.json or .yaml)")
      .add("shard", parsed<ShardSpec>(f.shard, [](std::string_view v, std::string_view flag) {
             return parse_shard(v, std::string(flag));
           }),
           "I/N",
           "run shard I of N (default: the array index of the job: JOB_COMPLETION_INDEX, "
           "AWS_BATCH_JOB_ARRAY_INDEX, SLURM_ARRAY_TASK_ID, with --shards N)")
      .add("shards", integer(f.shards, 1, kMaxShards), "N", "the number of shards of the array")
      .add("resume", set(f.resume), "skip endpoints whose result is already in --out")
      .add("jobs", integer(f.jobs, 1, 256), "N",
           "run N endpoints at once, each on one thread unless --threads (default 1)");
}

Args with_fleet_defaults(std::string_view command, const Args& args) {
  if (!given(args, "--fleet")) return args;
  const auto path = defaults_file(args);
  if (!path) return args;
  const FleetDefaults d = read_fleet_defaults(*path);
  Args out;
  for (const auto& o : d.options) {
    if ((!o.scope.empty() && o.scope != command) || o.value == "false") continue;
    if (given(args, "--" + o.name)) continue;  // the command line's own value wins
    out.push_back("--" + o.name);
    if (o.value != "true") out.push_back(o.value);
  }
  out.insert(out.end(), args.begin(), args.end());
  return out;
}

std::map<std::string, int> fleet_peak_by_type(const SimulationInput& input, int peak) {
  std::set<std::string> types;
  for (const auto& v : input.variants) {
    if (v.n_old > 0 && !v.old_instance_type.empty()) types.insert(v.old_instance_type);
    if (v.n_new > 0 && !v.new_instance_type.empty()) types.insert(v.new_instance_type);
  }
  if (types.empty()) return {};
  return {{fmt::format("{}", fmt::join(types, "+")), peak}};
}

/// The settings line of the price region the environment gives (A13), when no --region does:
/// shards run where AWS_REGION differs price differently, so their settings differ too.
std::string environment_region_setting(const RegionInputs& region) {
  if (region.given) return "price region: given";
  if (region.aws_region) return "price region: AWS_REGION " + *region.aws_region;
  if (region.aws_default_region)
    return "price region: AWS_DEFAULT_REGION " + *region.aws_default_region;
  return "price region: per endpoint ARN";
}

int fleet_endpoint_threads(const FleetRunFlags& flags, int threads) {
  return flags.jobs > 1 && threads == 0 ? 1 : threads;
}

int run_fleet(const FleetRunFlags& f, const std::string& command,
              const std::optional<std::string>& out, const Args& words, std::uint64_t base_seed,
              const PriceSources& prices, const FleetEndpointFn& endpoint) {
  if (!out || *out == "-")
    throw_input_error(error_code::required, "--out", "an output directory with --fleet", "null",
                      "--fleet: give the output directory with --out DIR");
  const std::string fleet = strip_file_scheme(*f.fleet);
  const ShardSpec shard = shard_spec(f);
  FleetIndex index = index_fleet(fleet);
  const auto defaults_path = f.defaults ? std::optional<std::filesystem::path>(
                                              strip_file_scheme(*f.defaults))
                                        : fleet_defaults_path(fleet);
  const FleetDefaults defaults =
      defaults_path ? read_fleet_defaults(*defaults_path) : FleetDefaults{};

  FleetRunRequest req;
  req.index = std::move(index);
  req.shard = shard;
  req.out = strip_file_scheme(*out);
  req.resume = f.resume;
  req.command = command;
  req.base_seed = base_seed;
  req.jobs = f.jobs;
  req.settings = fmt::format("shiftsim {}\n{}\nseed {}\n{}\n{}\n{}", kVersion, command,
                             base_seed, defaults.canonical, settings_words(words),
                             environment_region_setting(prices.region));

  const std::string tag = fmt::format("[{} shard {}/{}]", command, shard.index, shard.count);
  fmt::print(stderr, "{} fleet {} ({} endpoints, hash {}), shard from {}, output {}\n", tag,
             fleet, req.index.names.size(), hash_hex(req.index.hash), shard.source,
             req.out.string());
  const auto runner = [&](const FleetRecord& record, std::uint64_t seed) {
    Diagnostics errors;
    RunSources sources = fleet_run_sources(record, defaults, errors);
    sources.prices = prices;
    return endpoint(std::move(sources), std::move(errors), seed);
  };
  const auto progress = [&](const FleetProgress& p) {
    if (p.skipped)
      fmt::print(stderr, "{} {}/{} {} skipped (resumed)\n", tag, p.position, p.total, p.endpoint);
    else
      fmt::print(stderr, "{} {}/{} {} {} {:.2f} s{}{}\n", tag, p.position, p.total, p.endpoint,
                 p.row->status, p.seconds, p.row->findings.empty() ? "" : " ",
                 fmt::join(p.row->findings, ","));
    std::fflush(stderr);
  };
  const FleetRunStats stats = run_fleet_shard(
      req, runner,
      [](const std::filesystem::path& p, std::string_view s) { write_file_atomically(p, s); },
      progress);
  fmt::print(stderr,
             "{} done: {} endpoints, {} ran, {} skipped, {} with errors; {}/summary.jsonl\n", tag,
             stats.endpoints, stats.ran, stats.skipped, stats.errors, req.out.string());
  return stats.internal_errors > 0 ? kExitInternal : kExitOk;
}

}  // namespace shiftsim::cli
