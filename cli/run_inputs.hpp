#pragma once
// What every simulating command (simulate, montecarlo, sweep, plan) reads, in one place and with
// one set of rules:
//
//   1. gather_documents(): the AWS documents from the AWS CLI flags and the scenario file (a
//      document given by flag replaces the scenario's copy), the fleet and the request
//      validated against it;
//   2. gather_timing(): timing and assumptions, in increasing precedence: the timing profile of
//      the new instance type (docs/timing-model.md) < scenario `timing:` < scenario `assume:` <
//      --provision-s/--terminate-s/--activation-s < --assume NAME=VALUE;
//   3. build_simulation_input(): the request resolved against the fleet, the shipped prices with
//      the scenario's, its quota and alarm timings.
//
// Steps 1 and 2 collect problems into `errors` (so a command lists every problem at once);
// step 3 runs only when there are none.
#include "aws_flags.hpp"

#include "shiftsim/aws.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/result.hpp"
#include "shiftsim/resolve.hpp"
#include "shiftsim/scenario.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/timing_profile.hpp"
#include "shiftsim/validate.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace shiftsim::cli {

/// The AWS documents of one run.
struct RunDocuments {
  std::optional<aws::DescribeEndpoint> endpoint;
  std::optional<aws::DescribeEndpointConfig> current_config;
  std::optional<aws::DescribeEndpointConfig> new_config;
  std::string request_text;             ///< empty when there is none (an error was added)
  std::string request_doc = "request";  ///< the request's document name in messages
  FleetContext fleet;
  /// The AWS flags' warnings, the embedded documents' (paths prefixed with their scenario key)
  /// and W_SCENARIO_REQUEST_REPLACED.
  Diagnostics warnings;
  Diagnostics validate_warnings;        ///< validate_request()'s warnings on the request
  /// The new fleet's instance types (from the new config; without one, the running fleet's,
  /// assumed unchanged): they choose the default timing profile.
  std::vector<std::string> new_types;
};

/// Step 1. `scenario` may be null; `scenario_name` names it in messages. Errors: the embedded
/// documents', E_REQUIRED for no request or no fleet, E_RANGE for fleets too large to simulate,
/// validate_request()'s errors.
[[nodiscard]] RunDocuments gather_documents(const AwsInputs& aws_in, const Scenario* scenario,
                                            const std::string& scenario_name,
                                            Diagnostics& errors);

/// The timing flags, as given (values are checked by gather_timing()).
struct TimingFlags {
  std::optional<std::string> provision;   ///< --provision-s
  std::optional<std::string> terminate;   ///< --terminate-s
  std::optional<std::string> activation;  ///< --activation-s
  std::vector<std::string> assume;        ///< --assume NAME=VALUE, in order
};

/// Where one timing value came from: "profile", "scenario", "scenario distribution" (its
/// median), "scenario assume", "--provision-s" (and the like) or "--assume".
struct TimingInputs {
  Timing timing;
  Assumptions assumptions;
  TimingProfile profile;  ///< the default profile of new_types
  std::string provision_source = "profile";
  std::string terminate_source = "profile";
  std::string activation_source = "profile";
  /// simulate's notes on scenario distributions it reduces to their median.
  std::vector<AssumptionValue> distribution_notes;
  /// provision_s / terminate_s set by an assumption (scenario `assume:`, flag or --assume):
  /// planning then drops the scenario's distribution for it.
  bool provision_overridden = false;
  bool terminate_overridden = false;
};

/// Step 2. Errors: E_ASSUMPTION and the assumption's own (E_RANGE, E_ENUM), with the path of the
/// flag or `assume.NAME`.
[[nodiscard]] TimingInputs gather_timing(const std::vector<std::string>& new_types,
                                         const Scenario* scenario, const TimingFlags& flags,
                                         Diagnostics& errors);

/// Step 3's result.
struct BuiltInput {
  SimulationInput input;  ///< no trip, no draws
  aws::UpdateEndpointRequest request;
  Diagnostics resolve_warnings;
  Diagnostics alarm_warnings;  ///< W_SCENARIO_ALARM_UNUSED
  /// P(some alarm of the scenario that the config names fires falsely in a bake), from the
  /// scenario's per-alarm false_trip_per_bake (0 when none).
  double alarm_false_trip_per_bake = 0.0;
  std::string endpoint_name;  ///< the request's, else describe-endpoint's, else empty
};

/// Step 3. Precondition: steps 1 and 2 reported no error.
[[nodiscard]] BuiltInput build_simulation_input(const RunDocuments& docs,
                                                const TimingInputs& timing,
                                                const Scenario* scenario);

/// The timing model, part 1 (with steps 1 and 2): the scenario's stochastic members
/// (`planning`: `timing.provision_s` / `terminate_s` distributions, `alarms.false_trip_per_bake`,
/// `capacity`, `bad_version`, as parse_stochastic_model() reads them) over the fixed timing; a
/// time set by an assumption or flag replaces the scenario's distribution for it. Errors are
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

}  // namespace shiftsim::cli
