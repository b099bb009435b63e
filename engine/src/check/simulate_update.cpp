// Validating and simulating one endpoint update of an IaC document (check_internal.hpp).
#include "check_internal.hpp"

#include "shiftsim/code_traits.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/run_inputs.hpp"
#include "shiftsim/simulate.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>

namespace shiftsim::check::detail {

iac::Finding finding(iac::Level level, std::string code, std::string message,
                     const iac::EndpointUpdate& update, std::string path) {
  return iac::Finding{level, std::move(code), std::move(message), update.where, std::move(path)};
}

std::string duration_text(double seconds) {
  const auto s = static_cast<long long>(std::llround(seconds));
  return fmt::format("{} s ({}:{:02}:{:02})", s, s / 3600, (s / 60) % 60, s % 60);
}

namespace {

/// Running instances per type at the moment the most instances run: at each step start, the
/// state of each variant is its row that holds then (t <= time < end; zero-length rows are
/// instants and hold nothing).
std::map<std::string, int, std::less<>> peak_by_type(const SimulationResult& r,
                                                     const SimulationInput& in) {
  std::map<std::string, std::pair<std::string, std::string>> types;  // variant -> (old, new)
  for (const auto& v : in.variants) types[v.name] = {v.old_instance_type, v.new_instance_type};
  std::map<std::string, int, std::less<>> best;
  int best_total = -1;
  for (const auto& at : r.steps) {
    const SimTime time = at.t;
    std::map<std::string, int, std::less<>> now;
    int total = 0;
    for (const auto& [variant, type] : types) {
      const Step* holding = nullptr;
      for (const auto& s : r.steps)
        if (s.variant == variant && s.t <= time && (time < s.end || (s.t == s.end && s.t == time)))
          holding = &s;  // the last such row: zero-length rows at `time` come before the one holding
      if (!holding) continue;
      if (!type.first.empty()) now[type.first] += holding->old_running;
      if (!type.second.empty()) now[type.second] += holding->new_running;
      total += holding->old_running + holding->new_running;
    }
    if (total > best_total) {
      best_total = total;
      best = std::move(now);
    }
  }
  return best;
}

std::string prefixed(const iac::EndpointUpdate& u, const std::string& path) {
  if (u.tool == iac::Tool::cloudformation)
    return fmt::format("Resources.{}.Properties{}{}", u.where.address, path.empty() ? "" : ".", path);
  return path;
}

/// Diagnostics of the engine as findings at the update's resource. A template never carries the
/// running fleet: that it is assumed is a note there.
void add_diagnostics(const iac::EndpointUpdate& u, const Diagnostics& ds, EndpointReport& out) {
  for (const auto& d : ds) {
    iac::Level level = d.severity == Severity::error ? iac::Level::error : iac::Level::warning;
    if (has_trait(d.code, CodeTrait::fleet_assumed) && u.tool == iac::Tool::cloudformation)
      level = iac::Level::note;
    out.findings.push_back(finding(level, d.code, d.message, u, prefixed(u, d.path)));
  }
}

}  // namespace

bool simulate_update(const iac::EndpointUpdate& u, const Fleet& fleet, const Options& options,
                     EndpointReport& out) {
  using iac::Level;
  if (!u.request_json) return false;  // the reader said why
  if (!fleet.endpoint && !fleet.current_config && !fleet.new_config) {
    out.findings.push_back(finding(Level::warning, warning_code::not_simulated,
                                   "no endpoint configuration for this endpoint is in the "
                                   "documents: its describe-endpoint-config is needed to simulate "
                                   "the update",
                                   u));
    return false;
  }
  // The engine's one input assembly (run_inputs.hpp), as simulate does: the request validated
  // against the fleet, resolved, priced, and timed by each instance type's default profile.
  RunSources src;
  if (fleet.endpoint) src.given.endpoint = *fleet.endpoint;
  if (fleet.current_config) src.given.current_config = *fleet.current_config;
  if (fleet.new_config) src.given.new_config = *fleet.new_config;
  src.given.request_given = true;
  src.given.request_json = *u.request_json;
  src.prices = options.prices;
  RunInputs run;
  try {
    run = assemble_run_inputs(src);
  } catch (const InputError& e) {
    add_diagnostics(u, e.diagnostics(), out);
    return false;
  }
  add_diagnostics(u, run.docs.warnings, out);
  add_diagnostics(u, run.docs.validate_warnings, out);
  add_diagnostics(u, run.built.resolve_warnings, out);
  add_diagnostics(u, run.built.price_warnings, out);
  SimulationInput in = run.built.input;
  const StochasticModel& model = run.model;

  // The median trial: every operation at the median of its slowest instance (TimingDraws::Mode).
  SimulationInput median = in;
  median.draws = TimingDraws{TimingDraws::Mode::median,
                             std::make_shared<const StochasticModel>(model), 0, 0, {}};
  const SimulationResult r = simulate(median);
  for (const auto& d : r.warnings)
    out.findings.push_back(finding(Level::warning, d.code, d.message, u, prefixed(u, d.path)));

  MonteCarloOptions mc;
  mc.trials = options.trials;
  mc.seed = options.seed;
  mc.threads = options.threads;
  const MonteCarloResult m = run_montecarlo(in, model, mc);

  Figures f;
  f.strategy = r.strategy;
  f.median_duration_s = to_seconds(r.summary.duration);
  f.p95_completion_s = m.summary.completion_s.p95;
  f.p95_duration_s = m.summary.duration_s.p95;
  f.p_timeout = m.summary.p_timeout;
  f.p_rollback = m.summary.p_rollback;
  f.peak_instances = r.summary.peak_instances;
  f.peak_by_type = peak_by_type(r, in);
  f.cost_usd = r.summary.cost_usd;
  f.unpriced_types = r.unpriced_types;
  if (in.policy.timeout) f.timeout_s = *in.policy.timeout / 1000;
  f.trials = options.trials;
  f.seed = options.seed;
  out.figures = f;
  return true;
}

}  // namespace shiftsim::check::detail
