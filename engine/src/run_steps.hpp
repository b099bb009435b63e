#pragma once
// The steps assemble_run_inputs() runs (run_inputs.hpp), one file each:
//   run_documents.cpp  step 1, gather_documents()
//   run_timing.cpp     step 2, gather_timing()
//   run_build.cpp      step 3, build_simulation_input()
//   run_model.cpp      step 4, the timing model; and the planning scenario's split
// Steps 1 and 2 collect problems into `errors` (so a command lists every problem at once);
// step 3 runs only when there are none.
#include "shiftsim/run_inputs.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace shiftsim::detail {

/// Step 1. `scenario` may be null; `scenario_name` names it in messages.
[[nodiscard]] RunDocuments gather_documents(const GivenDocuments& given, const Scenario* scenario,
                                            const std::string& scenario_name,
                                            const InputHints& hints, Diagnostics& errors);

/// Step 2. Errors: E_ASSUMPTION and the assumption's own (E_RANGE, E_ENUM), with the override's
/// path or `assume.NAME`.
[[nodiscard]] TimingInputs gather_timing(const std::vector<std::string>& new_types,
                                         const Scenario* scenario,
                                         const std::vector<TimingOverride>& overrides,
                                         Diagnostics& errors);

/// Step 3, with the prices of `region` (pricing.hpp). Precondition: steps 1 and 2 reported no
/// error. Throws InputError with resolve's errors (E_VARIANT_SET_CHANGED, E_ROLLING_UNSUPPORTED
/// under rolling_exclusions=reject).
[[nodiscard]] BuiltInput build_simulation_input(const RunDocuments& docs,
                                                const TimingInputs& timing,
                                                const Scenario* scenario,
                                                const PriceSources& prices,
                                                const PriceRegion& region);

/// The timing model, part 1 (with steps 1 and 2): the scenario's stochastic members
/// (`planning`: `timing.provision_s` / `terminate_s` distributions, `alarms.false_trip_per_bake`,
/// `capacity`, `bad_version`, as parse_stochastic_model() reads them) over the fixed timing; a
/// time set by an assumption or override replaces the scenario's distribution for it. Errors are
/// collected.
[[nodiscard]] StochasticModel parse_run_model(const nlohmann::json& planning,
                                              const TimingInputs& timing, Diagnostics& errors);

/// The timing model, part 2 (after step 3): per-alarm false-trip rates combined with the global
/// one, and for a time given nowhere, each instance type's default profile as lognormal(p50, p95)
/// per instance (docs/timing-model.md).
void complete_run_model(StochasticModel& model, const TimingInputs& timing,
                        const BuiltInput& built);

/// The stochastic members simulate's scenario carries (timing distributions, `capacity`), in the
/// form parse_run_model() reads.
[[nodiscard]] nlohmann::json scenario_model_members(const Scenario* scenario);

/// Paths of an embedded document become `<prefix>.<path>` (the document root itself: prefix).
void prefix_paths(Diagnostics& ds, const std::string& prefix);

}  // namespace shiftsim::detail
