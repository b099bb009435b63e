// The fleet-run flags and the per-endpoint glue of simulate/plan/montecarlo --fleet
// (fleet_run.hpp).
#include "fleet_run.hpp"

#include "atomic_write.hpp"
#include "input_files.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/fleet_input.hpp"
#include "shiftsim/nearest.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>
#include <fmt/ranges.h>

#include <cstdio>
#include <algorithm>
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

/// The defaults file: --fleet-defaults FILE, else the fleet directory's own, if any.
std::optional<std::filesystem::path> defaults_file(const std::optional<std::string>& flag,
                                                   const std::string& fleet) {
  if (flag) return strip_file_scheme(*flag);
  return fleet_defaults_path(strip_file_scheme(fleet));
}

/// The flag `name` (long, without dashes) of `options`, or nullptr.
const FlagInfo* find_flag(const OptionSet& options, const std::string& name) {
  for (const auto& f : options.flags())
    if (f.name == name) return &f;
  return nullptr;
}

/// A defaults member "options.SCOPE" whose SCOPE is no command run on fleets.
Diagnostic unknown_scope(const FleetDefaults& d, const FleetOption& o,
                         const std::vector<std::string>& fleet_commands) {
  const std::string list = fmt::format("{}", fmt::join(fleet_commands, ", "));
  return error_diagnostic(
      error_code::unknown_member, d.source + ":options." + o.scope,
      "an option value, or the options of a command run on fleets: " + list,
      fmt::format("\"{}\"", o.scope),
      fmt::format("\"{}\" is not a command that runs on fleets ({}){}; its options would never "
                  "be used",
                  o.scope, list, did_you_mean(nearest_names(o.scope, fleet_commands))));
}

/// A defaults option the command does not take, named at its member of the defaults file, with
/// the commands run on fleets that do take it, else the command's flags it is nearest to.
Diagnostic unknown_default_flag(std::string_view command, const FleetOption& o,
                                const OptionSet& options,
                                const std::vector<std::string>& fleet_commands) {
  const std::string flag = "--" + o.name;
  const std::string elsewhere = options.elsewhere ? ", " + options.elsewhere(flag) + ", " : "";
  std::vector<std::string> takers;  // the other commands run on fleets that take it
  for (const auto& c : fleet_commands)
    if (elsewhere.find(", " + c + ", ") != std::string::npos) takers.push_back(c);
  std::vector<std::string> names;
  for (const auto& f : options.flags())
    if (!f.hidden) names.push_back("--" + f.name);
  std::string hint = did_you_mean(nearest_names(flag, names));
  if (hint.empty() && !takers.empty())
    hint = fmt::format("; put it under \"options\".\"{}\" ({} run on fleets that {} it)",
                       fmt::join(takers, "\" and \"options\".\""),
                       takers.size() == 1 ? "the command" : "the commands",
                       takers.size() == 1 ? "takes" : "take");
  return error_diagnostic(error_code::unknown_flag, o.path,
                          fmt::format("a flag of shiftsim {}", command), flag,
                          fmt::format("shiftsim {} has no {} (from the fleet defaults{}){}",
                                      command, flag,
                                      o.scope.empty() ? ", where an option at the top of "
                                                        "\"options\" goes to every command"
                                                      : "",
                                      hint));
}

/// Whether option `o`'s value has the shape its flag takes: a switch is true or false; a flag with
/// a value takes no true/false; only a repeated flag takes an array.
std::optional<Diagnostic> value_shape_problem(const FlagInfo& flag, const FleetOption& o) {
  const auto problem = [&](std::string rule) {
    return error_diagnostic(error_code::type, o.path, rule,
                            o.boolean || o.value.empty() ? o.value : "\"" + o.value + "\"",
                            fmt::format("--{} {}, got {}", o.name, rule, o.value));
  };
  using Arity = Value::Arity;
  const bool switch_value = o.value == "true" || o.value == "false";
  if (flag.arity == Arity::none && !switch_value)
    return problem("is a switch: its value must be true or false");
  if (flag.arity == Arity::none || flag.arity == Arity::optional) {
    if (o.listed) return problem("takes one value, not an array");
    return std::nullopt;
  }
  if (o.boolean) return problem(fmt::format("takes a value ({}), not true or false", flag.arg));
  if (o.listed && flag.arity != Arity::repeated)
    return problem("takes one value, not an array");
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

Args with_fleet_defaults(std::string_view command, const Args& args, const OptionSet& options,
                         const std::function<std::vector<std::string>()>& fleet_commands_of) {
  const auto fleet = value_of(args, "--fleet");
  if (!fleet) return args;
  const auto path = defaults_file(value_of(args, "--fleet-defaults"), *fleet);
  if (!path) return args;
  const FleetDefaults d = read_fleet_defaults(*path);
  const std::vector<std::string> fleet_commands = fleet_commands_of();
  Diagnostics errors;
  std::set<std::string> bad_scopes;
  Args out;
  for (const auto& o : d.options) {
    if (!o.scope.empty() && std::find(fleet_commands.begin(), fleet_commands.end(), o.scope) ==
                                fleet_commands.end()) {
      if (bad_scopes.insert(o.scope).second) errors.push_back(unknown_scope(d, o, fleet_commands));
      continue;
    }
    if (!o.scope.empty() && o.scope != command) continue;
    const FlagInfo* flag = find_flag(options, o.name);
    if (!flag) {
      errors.push_back(unknown_default_flag(command, o, options, fleet_commands));
      continue;
    }
    if (auto problem = value_shape_problem(*flag, o)) {
      errors.push_back(std::move(*problem));
      continue;
    }
    // A switch (its value "true"/"false", as JSON or text), or an optional value given as true or
    // false, is the flag alone or nothing; any other option is the flag and its value.
    const bool bare = flag->arity == Value::Arity::none ||
                      (flag->arity == Value::Arity::optional && o.boolean);
    if (bare && o.value == "false") continue;
    if (given(args, "--" + o.name)) continue;  // the command line's own value wins
    out.push_back("--" + o.name);
    if (!bare) out.push_back(o.value);
  }
  if (has_errors(errors)) throw InputError(std::move(errors));
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
  const auto defaults_path = defaults_file(f.defaults, fleet);
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
