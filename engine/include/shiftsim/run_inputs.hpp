#pragma once
// What every simulating command (simulate, montecarlo, sweep, plan) reads, assembled in one place
// with one set of rules, from plain values (the caller turns its flags and files into them):
//
//   1. the AWS documents given directly and the scenario's embedded copies (a document given
//      directly replaces the scenario's copy), each of the right kind (a scenario's is checked
//      here, the caller checks its own: document_checks.hpp); the fleet and the request validated
//      against it; the documents agreeing with each other and the endpoint updatable (A6, A7);
//   2. timing and assumptions, in increasing precedence: the timing profile of the new instance
//      type (docs/timing-model.md) < scenario `timing:` < scenario `assume:` < the caller's
//      overrides, in their order;
//   3. the request resolved against the fleet under the assumptions (fallbacks, variant-set
//      changes: resolve.hpp); the prices of the region (pricing.hpp: the caller's region,
//      AWS_REGION, AWS_DEFAULT_REGION, the endpoint's ARN, us-east-1), from the shipped table,
//      Price Lists, the scenario's and the caller's prices; the scenario's quota and alarm
//      timings: the SimulationInput;
//   4. the timing model (stochastic.hpp): the scenario's distributions and faults over the fixed
//      timing, per-alarm false-trip rates, and for a time given nowhere each instance type's
//      default profile as lognormal(p50, p95) per instance.
//
// assemble_run_inputs() runs the four steps and reports every problem of every step at once.
// Messages name the caller's inputs only through what the caller passes (the scenario's name,
// each override's path, InputHints): the engine knows no command-line flag.
#include "shiftsim/assumptions.hpp"
#include "shiftsim/aws.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/pricing.hpp"
#include "shiftsim/resolve.hpp"
#include "shiftsim/scenario.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/timing_profile.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim {

/// The AWS documents the caller read itself (files, command-line flags), each optional.
struct GivenDocuments {
  std::optional<aws::DescribeEndpoint> endpoint;
  std::optional<aws::DescribeEndpointConfig> current_config;
  std::optional<aws::DescribeEndpointConfig> new_config;
  bool request_given = false;  ///< a request was given (it replaces the scenario's)
  std::string request_json;    ///< the UpdateEndpointInput as JSON text (not yet validated)
  /// Where each document came from, in the caller's words ("--endpoint FILE"), for the
  /// messages of documents that disagree (E_MISMATCH); empty: not given.
  std::string request_source, endpoint_source, current_config_source, new_config_source;
  Diagnostics warnings;        ///< the caller's warnings on these documents, listed first
};

/// How the caller's user supplies a missing input: completes the E_REQUIRED messages
/// "no UpdateEndpoint request: <request>" and "no fleet to simulate: <fleet>".
struct InputHints {
  std::string request = "give an UpdateEndpoint request, or request: in the scenario";
  std::string fleet =
      "give the describe-endpoint output and/or the endpoint configs, or endpoint:, "
      "current_config:, new_config: in the scenario";
};

/// One named assumption (assumptions.hpp: rounding, provision_s, ...) set by the caller, e.g.
/// from a command-line flag. Problems with it are reported at `path`.
struct TimingOverride {
  std::string name;   ///< an assumption name
  std::string value;  ///< its value as written
  std::string path;   ///< where the value came from, for messages
};

/// Where one of the three times (provision, terminate, activation) came from.
enum class TimingSource {
  profile,                ///< the default profile of the new instance type
  scenario,               ///< scenario `timing:` (a number, or a fixed distribution)
  scenario_distribution,  ///< the median of a scenario `timing:` distribution
  scenario_assume,        ///< scenario `assume:`
  override_value,         ///< TimingOverride number `override_index`
};

struct TimingOrigin {
  TimingSource source = TimingSource::profile;
  std::size_t override_index = 0;  ///< for override_value: the index in RunSources::overrides
  /// Set by an assumption (scenario `assume:` or an override): the timing model then drops the
  /// scenario's distribution for this time.
  [[nodiscard]] bool overridden() const noexcept {
    return source == TimingSource::scenario_assume || source == TimingSource::override_value;
  }
};

/// "profile", "scenario", "scenario distribution", "scenario assume" ("override" for
/// override_value: callers name their own overrides).
[[nodiscard]] const char* to_string(TimingSource s) noexcept;

/// Step 1's result: the AWS documents of one run.
struct RunDocuments {
  std::optional<aws::DescribeEndpoint> endpoint;
  std::optional<aws::DescribeEndpointConfig> current_config;
  std::optional<aws::DescribeEndpointConfig> new_config;
  std::string request_text;             ///< empty when there is none (an error was added)
  std::string request_doc = "request";  ///< the request's document name in messages
  /// Where each document came from (GivenDocuments' sources, or "FILE (endpoint)" for a
  /// scenario's), for messages.
  std::string request_source, endpoint_source, current_config_source, new_config_source;
  FleetContext fleet;
  /// The given documents' warnings, the embedded documents' (paths prefixed with their scenario
  /// key) and W_SCENARIO_REQUEST_REPLACED.
  Diagnostics warnings;
  Diagnostics validate_warnings;        ///< validate_request()'s warnings on the request
  /// The new fleet's instance types (from the new config; without one, the running fleet's,
  /// assumed unchanged): they choose the default timing profile.
  std::vector<std::string> new_types;
};

/// Step 2's result.
struct TimingInputs {
  Timing timing;
  Assumptions assumptions;
  TimingProfile profile;  ///< the default profile of new_types
  TimingOrigin provision;
  TimingOrigin terminate;
  TimingOrigin activation;
  /// simulate's notes on scenario distributions it reduces to their median.
  std::vector<AssumptionValue> distribution_notes;
};

/// Step 3's result.
struct BuiltInput {
  SimulationInput input;  ///< no trip, no draws
  aws::UpdateEndpointRequest request;
  Diagnostics resolve_warnings;
  Diagnostics alarm_warnings;  ///< W_SCENARIO_ALARM_UNUSED
  /// The prices of the run's region from every source (input.prices is its table).
  PriceBook prices;
  Diagnostics price_warnings;  ///< W_PRICE_MISSING, once per unpriced instance type
  /// P(some alarm of the scenario that the config names fires falsely in a bake), from the
  /// scenario's per-alarm false_trip_per_bake (0 when none).
  double alarm_false_trip_per_bake = 0.0;
  std::string endpoint_name;  ///< the request's, else describe-endpoint's, else empty
  /// SageMaker ignores the DeploymentConfig (Inf1, Elastic Inference) and deploys ALL_AT_ONCE
  /// without final bake (resolve.hpp, W_FALLBACK_ALL_AT_ONCE).
  bool falls_back_to_all_at_once = false;
};

/// Everything one run reads.
struct RunSources {
  GivenDocuments given;
  std::optional<Scenario> scenario;
  std::string scenario_name = "scenario";  ///< names the scenario in messages (its file)
  /// The scenario's stochastic members as JSON text, as parse_planning_scenario() splits them
  /// off. Absent: they are taken from `scenario` (its timing distributions and `capacity:`) and
  /// read only when no other problem was found (parse_scenario() has checked them already).
  std::optional<std::string> model_members;
  std::vector<TimingOverride> overrides;  ///< applied after the scenario's, in order
  PriceSources prices;                    ///< the region and the prices beyond the scenario's
  InputHints hints;
};

struct RunInputs {
  RunDocuments docs;
  TimingInputs timing;
  BuiltInput built;
  StochasticModel model;  ///< the timing model (step 4)
};

/// Steps 1 to 4. `errors` holds the caller's problems so far (flags, files): every problem the
/// steps find is added, and InputError with all of them is thrown when there is any error.
/// Errors: the embedded documents' (E_WRONG_DOCUMENT for one of the wrong kind), E_REQUIRED for
/// no request or no fleet, E_RANGE for fleets too large to simulate, validate_request()'s,
/// check_documents()'s (E_MISMATCH, E_ENDPOINT_STATUS; W_ENDPOINT_NOT_IN_SERVICE goes to the
/// documents' warnings), E_ASSUMPTION and the assumptions' own (E_RANGE, E_ENUM) at the
/// override's path or `assume.NAME`, the timing model's, E_REGION for a region that is not a
/// region code; then resolve's (E_VARIANT_SET_CHANGED, E_ROLLING_UNSUPPORTED under
/// rolling_exclusions=reject), thrown by step 3.
[[nodiscard]] RunInputs assemble_run_inputs(const RunSources& sources, Diagnostics errors = {});

/// A scenario read by the planning commands (montecarlo, sweep, plan): its planning members
/// (`capacity:`, `bad_version:`, a numeric `alarms.false_trip_per_bake`, the `timing.provision_s`
/// / `terminate_s` values) are split off as JSON text for the timing model, and the rest (timing
/// distributions replaced by their median) goes to parse_scenario(), so a scenario written for
/// montecarlo is also accepted by the scenario parser.
struct PlanningScenario {
  std::optional<Scenario> scenario;  ///< absent when the scenario parser found errors
  std::string model_members = "{}";  ///< for RunSources::model_members
};

/// Parses a planning scenario (JSON or YAML, by `name`'s extension and the content). Problems are
/// appended to `errors`: E_SCENARIO when the text is not a JSON or YAML document, the scenario
/// parser's. The members are split off (and checked later, by assemble_run_inputs()) even when
/// the rest has errors, so that every problem is reported at once.
[[nodiscard]] PlanningScenario parse_planning_scenario(std::string_view text,
                                                       const std::string& name,
                                                       Diagnostics& errors);

}  // namespace shiftsim
