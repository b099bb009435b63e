#pragma once
// A scenario file: one what-if in one YAML or JSON document. It carries the timing model, price
// overrides, an instance quota, alarm timings, an injected fault, assumption overrides, a one-line
// question, and may embed the three AWS shapes (describe-endpoint, the two describe-endpoint-config
// outputs) and the UpdateEndpoint request. See scenarios/README.md and docs/timing-model.md.
//
//   question: "How long does a 10% canary take on 4 x ml.g5.2xlarge, and what does a trip cost?"
//   timing:   {provision_s: 330, terminate_s: 60, activation_s: 15}     # seconds, decimals allowed
//             # or per value a distribution (planning runs; simulate uses its p50):
//             # provision_s: {distribution: lognormal, p50: 300, p95: 600, per: instance}
//   prices:   {ml.g5.xlarge: 1.41}          # USD per instance-hour; overrides the region's table
//   price_table: none                       # only the prices given count (negotiated rates)
//   quota:    {instances: 40}
//   alarms:   {p99-latency: {period_s: 60, evaluation_periods: 3}}
//   trip:     {bake: 2} | {at_s: 1000} | {after_new_traffic_s: 120} | null
//   assume:   {rounding: round}
//   endpoint: {...}  current_config: {...}  new_config: {...}  request: {...}
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shiftsim {

/// A timing value given as a distribution (`{distribution: lognormal, p50: 300, p95: 600,
/// per: instance}`, or `{distribution: fixed, value: 300}`). The timing model reads the whole
/// object (`json`): simulate times each operation at its median trial (median_draws()).
struct TimingDistribution {
  std::string kind;             ///< `distribution`: "lognormal", "fixed", ... (not checked here)
  std::optional<SimTime> p50;   ///< `p50` (`value` for fixed; seconds in the file)
  std::optional<SimTime> p95;   ///< `p95`
  std::string per = "instance"; ///< `per`: "instance" (a batch waits for its slowest) or "batch"
  std::string json;             ///< the whole object as written, as compact JSON text
};

/// One timing value of the scenario: a number of seconds or a distribution.
struct TimingSetting {
  SimTime value = 0;  ///< the deterministic value: the number, or the distribution's p50
  std::optional<TimingDistribution> distribution;
};

/// `timing:`; a member left out falls back to the default profile (timing_profile.hpp).
struct ScenarioTiming {
  std::optional<TimingSetting> provision;   ///< `provision_s` (P)
  std::optional<TimingSetting> terminate;   ///< `terminate_s` (D)
  std::optional<TimingSetting> activation;  ///< `activation_s` (A)
};

/// One entry of `alarms:` (keyed by the CloudWatch alarm name used in
/// AutoRollbackConfiguration.Alarms).
struct ScenarioAlarm {
  std::string name;
  std::optional<SimTime> period;                ///< `period_s`
  std::optional<int> evaluation_periods;        ///< `evaluation_periods`
  std::optional<int> datapoints_to_alarm;       ///< `datapoints_to_alarm` (<= evaluation_periods)
  std::optional<double> false_trip_per_bake;    ///< `false_trip_per_bake` in [0,1] (planning runs)
  std::string json;                             ///< the entry as written, compact JSON text

  /// Period x EvaluationPeriods when both are known (the contract's time to ALARM).
  [[nodiscard]] std::optional<SimTime> time_to_alarm() const noexcept;
};

/// A parsed scenario. Embedded AWS shapes are kept as JSON text and parsed by the AWS parsers
/// (aws_parse.hpp) with their paths prefixed by the key (`request.`, `endpoint.`, ...).
struct Scenario {
  std::string origin;                  ///< the file name (for messages)
  std::string question;                ///< one line: what this what-if answers
  std::string description;             ///< free text, optional
  std::optional<std::string> endpoint_json;        ///< `endpoint:` DescribeEndpointOutput
  std::optional<std::string> current_config_json;  ///< `current_config:`
  std::optional<std::string> new_config_json;      ///< `new_config:`
  std::optional<std::string> request_json;         ///< `request:` UpdateEndpointInput
  ScenarioTiming timing;
  PriceTable prices;                   ///< overrides/extensions of the region's prices
  /// `price_table: shipped | none`: absent when not given; false (none) prices only from what
  /// is given, for negotiated rates (pricing.hpp).
  std::optional<bool> price_table;
  std::optional<int> instance_quota;   ///< `quota.instances`
  std::vector<ScenarioAlarm> alarms;   ///< in file order
  std::optional<Trip> trip;            ///< absent when the key is absent; Kind::none for null
  std::vector<std::pair<std::string, std::string>> assume;  ///< `assume:` NAME, VALUE in order
  /// Top-level keys added to scenario_keys() for other commands (planning) that simulate does
  /// not read: key and the value as compact JSON, in file order.
  std::vector<std::pair<std::string, std::string>> sections;
};

/// The top-level keys a scenario may carry (anything else is E_UNKNOWN_MEMBER). To add a section
/// for another command, list it in scenario_keys() (scenario.cpp): it is then accepted and kept
/// as JSON text in Scenario::sections.
[[nodiscard]] const std::vector<std::string_view>& scenario_keys() noexcept;

/// Parses scenario text. The format is JSON when `origin` ends in .json or the first non-blank
/// character is `{` (JSON syntax errors, with line and column), else YAML (JSON is valid YAML).
/// Every problem is reported at once: throws InputError with all error Diagnostics, paths like
/// `timing.provision_s`, `prices["ml.g5.xlarge"]`, `alarms["p99"].period_s`, `trip.bake`.
/// Seconds may have decimals and are rounded to the nearest millisecond; a time must be finite,
/// >= 0 and <= 86400 s (E_RANGE). Codes: E_JSON_SYNTAX, E_YAML_SYNTAX, E_DUPLICATE_KEY, the
/// budget of input_limits.hpp (E_SIZE, E_DEPTH, E_NODE_BUDGET: YAML aliases are expanded within
/// 100,000 values and the message names the alias's line, E_LENGTH, E_LIST_LENGTH), E_TYPE,
/// E_RANGE, E_ENUM, E_PATTERN, E_REQUIRED, E_UNKNOWN_MEMBER, E_ONE_OF; problems are listed in
/// document order.
[[nodiscard]] Scenario parse_scenario(std::string_view text, std::string_view origin);

/// The same, collecting: appends every problem to `errors` and returns what could be read
/// (sections with errors are left at their defaults). For callers that report the scenario's
/// problems together with others (the embedded request's, flags').
[[nodiscard]] Scenario parse_scenario(std::string_view text, std::string_view origin,
                                      Diagnostics& errors);

/// Reads and parses a file (E_FILE when it cannot be read, E_SIZE above 1 MiB: read_input_text()).
[[nodiscard]] Scenario load_scenario(const std::string& path);

/// Collecting form of load_scenario().
[[nodiscard]] Scenario load_scenario(const std::string& path, Diagnostics& errors);

/// Seconds (as written in a scenario or a flag) to SimTime: rounded to the nearest millisecond.
/// Returns nullopt for NaN, infinities, negative values or more than `max_s` seconds.
[[nodiscard]] std::optional<SimTime> seconds_to_simtime(double s, double max_s = 86400.0) noexcept;

}  // namespace shiftsim
