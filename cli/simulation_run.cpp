// One simulate run (simulation_run.hpp).
#include "simulation_run.hpp"

#include "shiftsim/simulate.hpp"

#include <fmt/core.h>

#include <memory>
#include <set>

namespace shiftsim::cli {

namespace {

/// Adds `w` unless a warning with the same code and message is already there.
void add_warning(Diagnostics& ws, const Diagnostic& w) {
  for (const auto& x : ws)
    if (x.code == w.code && x.message == w.message) return;
  ws.push_back(w);
}

/// Resolve's and the inputs' warnings, then the engine's, then validate's not yet listed.
Diagnostics merged_warnings(const RunInputs& run, const Diagnostics& engine) {
  Diagnostics warnings;
  for (const auto& w : run.docs.warnings) add_warning(warnings, w);
  for (const auto& w : run.built.resolve_warnings) add_warning(warnings, w);
  for (const auto& w : engine) add_warning(warnings, w);
  for (const auto& w : run.built.price_warnings) add_warning(warnings, w);
  for (const auto& w : run.built.alarm_warnings) add_warning(warnings, w);
  std::set<std::string, std::less<>> codes;
  for (const auto& w : warnings) codes.insert(w.code);
  for (const auto& w : run.docs.validate_warnings)
    if (!codes.count(w.code)) add_warning(warnings, w);
  return warnings;
}

/// Where the timing came from: the profile, the source of each time, the distributions' notes.
void add_timing_assumptions(const RunInputs& run, const RunSources& sources,
                            std::vector<AssumptionValue>& out) {
  const TimingInputs& timing = run.timing;
  const auto& new_types = run.docs.new_types;
  const bool profile_used = timing.provision.source == TimingSource::profile ||
                            timing.terminate.source == TimingSource::profile ||
                            timing.activation.source == TimingSource::profile;
  out.push_back(
      {"timing_profile",
       fmt::format("{} (timing-facts section 4: lognormal p50/p95 per instance, each batch at the "
                   "median of its slowest{}){}",
                   timing.profile.family,
                   new_types.empty() ? "" : ", new type " + new_types.front(),
                   profile_used ? "" : "; not used: the timing is given")});
  out.push_back({"timing_source",
                 fmt::format("provision_s={}, terminate_s={}, activation_s={}",
                             timing_source_text(timing.provision, sources),
                             timing_source_text(timing.terminate, sources),
                             timing_source_text(timing.activation, sources))});
  for (const auto& n : timing.distribution_notes) out.push_back(n);
}

}  // namespace

RunSources read_run_sources(const InputFlags& flags, Diagnostics& errors, bool planning) {
  std::optional<Scenario> scenario;
  std::optional<std::string> model_members;
  if (const auto text = read_scenario_text(flags, errors)) {
    if (planning) {
      PlanningScenario p = parse_planning_scenario(*text, scenario_name(flags), errors);
      scenario = std::move(p.scenario);
      model_members = std::move(p.model_members);
    } else {
      scenario = parse_scenario(*text, scenario_name(flags), errors);
    }
  }
  const AwsInputs aws_in = read_aws_inputs(flags, errors);
  RunSources sources = run_sources(aws_in, flags.timing, flags.prices, errors);
  sources.scenario = std::move(scenario);
  sources.scenario_name = scenario_name(flags);
  if (planning) sources.model_members = model_members.value_or("{}");
  return sources;
}

SimulationRun run_simulation(RunSources sources, Diagnostics errors,
                             const std::optional<Trip>& fault, const std::string& source) {
  SimulationRun s;
  s.run = assemble_run_inputs(sources, std::move(errors));
  s.sources = std::move(sources);
  s.input = s.run.built.input;
  s.input.draws = TimingDraws{TimingDraws::Mode::median,
                              std::make_shared<const StochasticModel>(s.run.model), 0, 0, {}};
  if (s.sources.scenario && s.sources.scenario->trip) s.input.trip = *s.sources.scenario->trip;
  if (fault) s.input.trip = *fault;
  s.result = simulate(s.input);
  s.result.warnings = merged_warnings(s.run, s.result.warnings);
  add_timing_assumptions(s.run, s.sources, s.result.assumptions);
  s.context.endpoint_name = s.run.built.endpoint_name;
  if (s.sources.scenario) s.context.question = s.sources.scenario->question;
  s.context.source = source;
  s.context.extra_cost_usd = s.result.summary.extra_cost_usd;
  s.context.trip = s.input.trip;
  return s;
}

}  // namespace shiftsim::cli
