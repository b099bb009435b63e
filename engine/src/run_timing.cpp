// Step 2 of assemble_run_inputs(): timing and assumptions, in increasing precedence (run_steps.hpp).
#include "run_steps.hpp"

#include <fmt/core.h>

namespace shiftsim::detail {

namespace {

/// The scenario's `timing:` over the profile's; a distribution counts by its median.
void take_scenario_timing(TimingInputs& t, const ScenarioTiming& timing) {
  auto take = [&](const std::optional<TimingSetting>& s, SimTime& slot, TimingOrigin& origin,
                  const char* name) {
    if (!s) return;
    slot = s->value;
    origin.source = TimingSource::scenario;
    if (!s->distribution) return;
    const auto& dist = *s->distribution;
    if (dist.kind == "fixed") return;
    origin.source = TimingSource::scenario_distribution;
    t.distribution_notes.push_back(
        {fmt::format("{}_distribution", name),
         fmt::format("{} p50 {} s{} per {}: each operation at its median{}", dist.kind,
                     dist.p50 ? format_seconds(*dist.p50) : "?",
                     dist.p95 ? fmt::format(", p95 {} s", format_seconds(*dist.p95)) : "",
                     dist.per,
                     dist.per == "instance" ? " (a batch: the median of its slowest instance)"
                                            : "")});
  };
  take(timing.provision, t.timing.provision, t.provision, "provision_s");
  take(timing.terminate, t.timing.terminate, t.terminate, "terminate_s");
  take(timing.activation, t.timing.activation, t.activation, "activation_s");
}

/// One assumption over what is there; its problems are reported at `path`.
void apply(TimingInputs& t, const std::string& name, const std::string& value,
           const std::string& path, TimingOrigin origin, Diagnostics& errors) {
  try {
    apply_assumption(t.assumptions, t.timing, name, value);
    if (name == "provision_s") t.provision = origin;
    if (name == "terminate_s") t.terminate = origin;
    if (name == "activation_s") t.activation = origin;
  } catch (const InputError& e) {
    for (auto d : e.diagnostics()) {
      d.path = path;
      errors.push_back(d);
    }
  }
}

}  // namespace

TimingInputs gather_timing(const std::vector<std::string>& new_types, const Scenario* scenario,
                           const std::vector<TimingOverride>& overrides, Diagnostics& errors) {
  TimingInputs t;
  t.profile = default_timing_profile(new_types);
  t.timing = t.profile.timing;
  if (scenario) {
    take_scenario_timing(t, scenario->timing);
    for (const auto& [n, v] : scenario->assume)
      apply(t, n, v, "assume." + n, TimingOrigin{TimingSource::scenario_assume, 0}, errors);
  }
  for (std::size_t i = 0; i < overrides.size(); ++i)
    apply(t, overrides[i].name, overrides[i].value, overrides[i].path,
          TimingOrigin{TimingSource::override_value, i}, errors);
  return t;
}

}  // namespace shiftsim::detail

namespace shiftsim {

const char* to_string(TimingSource s) noexcept {
  switch (s) {
    case TimingSource::profile: return "profile";
    case TimingSource::scenario: return "scenario";
    case TimingSource::scenario_distribution: return "scenario distribution";
    case TimingSource::scenario_assume: return "scenario assume";
    case TimingSource::override_value: return "override";
  }
  return "?";
}

}  // namespace shiftsim
