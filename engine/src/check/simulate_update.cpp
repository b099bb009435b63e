// Validating and simulating one endpoint update of an IaC document (check_internal.hpp).
#include "check_internal.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/prices.hpp"
#include "shiftsim/resolve.hpp"
#include "shiftsim/simulate.hpp"
#include "shiftsim/timing_profile.hpp"
#include "shiftsim/validate.hpp"

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

StochasticModel default_model(const SimulationInput& input) {
  StochasticModel model = deterministic_model(input.timing);
  const auto lognormal = [](SimTime p50, SimTime p95) {
    DurationDist d;
    d.kind = DurationDist::Kind::lognormal;
    d.p50_s = to_seconds(p50);
    d.p95_s = to_seconds(std::max(p95, p50));
    d.per_instance = true;
    return d;
  };
  for (const auto& v : input.variants)
    for (const auto* t : {&v.new_instance_type, &v.old_instance_type})
      if (!t->empty()) {
        const auto prof = timing_profile_for(*t);
        model.provision_by_type[*t] = lognormal(prof.timing.provision, prof.provision_p95);
      }
  if (!input.variants.empty()) {
    const auto& v = input.variants.front();
    const auto prof = timing_profile_for(v.old_instance_type.empty() ? v.new_instance_type
                                                                     : v.old_instance_type);
    model.terminate = lognormal(prof.timing.terminate, prof.terminate_p95);
  }
  return model;
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

}  // namespace

bool simulate_update(const iac::EndpointUpdate& u, const Fleet& fleet, const Options& options,
                     EndpointReport& out, SimulationInput* input_out) {
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
  const FleetContext ctx = make_fleet_context(fleet.endpoint, fleet.current_config, fleet.new_config);
  const Diagnostics ds = validate_request(*u.request_json, aws::Format::json, &ctx, u.label);
  bool invalid = false;
  for (const auto& d : ds) {
    // Terraform always sends WaitIntervalInSeconds etc.; the validator's advice stays a warning.
    const Level level = d.severity == Severity::error ? Level::error : Level::warning;
    invalid = invalid || level == Level::error;
    out.findings.push_back(finding(level, d.code, d.message, u, prefixed(u, d.path)));
  }
  if (invalid) return false;

  const aws::UpdateEndpointRequest request =
      aws::parse_update_endpoint(*u.request_json, u.label, aws::Format::json);
  ResolvedDeployment resolved =
      resolve_deployment(request, fleet.endpoint, fleet.current_config, fleet.new_config);
  // A template never carries the running fleet: that it is assumed is a note there.
  for (const auto& d : resolved.warnings)
    out.findings.push_back(finding(
        d.code == warning_code::fleet_assumed && u.tool == iac::Tool::cloudformation ? Level::note
                                                                            : Level::warning,
        d.code, d.message, u, prefixed(u, d.path)));

  SimulationInput in;
  in.variants = std::move(resolved.variants);
  in.policy = std::move(resolved.policy);
  std::vector<std::string> types;
  for (const auto& v : in.variants)
    if (!v.new_instance_type.empty()) types.push_back(v.new_instance_type);
  in.timing = default_timing_profile(types).timing;
  in.prices = default_prices();
  for (const auto& v : in.variants)
    if (v.n_old > 10000 || v.n_new > 10000) {
      out.findings.push_back(finding(Level::error, error_code::range,
                                     fmt::format("variant {} has more than 10000 instances: too "
                                                 "large to simulate",
                                                 v.name),
                                     u));
      return false;
    }
  const StochasticModel model = default_model(in);

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
  bool priced = true;
  for (const auto& v : in.variants)
    for (const auto* t : {&v.old_instance_type, &v.new_instance_type})
      if (!t->empty() && !in.prices.contains(*t)) priced = false;
  if (priced) f.cost_usd = r.summary.cost_usd;
  if (in.policy.timeout) f.timeout_s = *in.policy.timeout / 1000;
  f.trials = options.trials;
  f.seed = options.seed;
  out.figures = f;
  if (input_out) *input_out = std::move(in);
  return true;
}

}  // namespace shiftsim::check::detail
