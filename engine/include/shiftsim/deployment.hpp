#pragma once
// The engine's normalised view of one UpdateEndpoint: the fleets after retention rules, the
// deployment policy in force, the timing model, the named assumptions and the injected faults.
// Built from the AWS shapes by resolve_deployment() (resolve.hpp); consumed by simulate().
#include "shiftsim/time.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace shiftsim {

enum class Strategy { all_at_once, canary, linear, rolling };
enum class CapacityType { instance_count, capacity_percent };

/// SageMaker's CapacitySize: a number of instances or a percentage of the variant's new fleet.
struct CapacitySize {
  CapacityType type = CapacityType::instance_count;
  std::int64_t value = 1;
  friend bool operator==(const CapacitySize&, const CapacitySize&) = default;
};

/// One production variant: old (blue) fleet now, new (green) target after retention rules.
struct VariantFleet {
  std::string name;
  int n_old = 0;                 ///< CurrentInstanceCount (0 for a variant new in the config)
  int n_new = 0;                 ///< target count after retention (0: variant goes away)
  std::string old_instance_type; ///< from the current endpoint config
  std::string new_instance_type; ///< from the new endpoint config
  double old_weight = 1.0;       ///< current weight (traffic share among variants before)
  double new_weight = 1.0;       ///< weight after the update
  /// Serverless (ServerlessConfig) on that side (amendment A5): the side has no instances
  /// (n_old / n_new = 0, no instance type) but still carries the variant's traffic; it counts 0
  /// in running, peak and serving figures and is not instance-priced.
  bool old_serverless = false;
  bool new_serverless = false;
};

/// A CloudWatch alarm named in AutoRollbackConfiguration. When the scenario knows its
/// Period x EvaluationPeriods, time_to_alarm is set (used for the W_BAKE_SHORTER_THAN_ALARM check).
struct AlarmSpec {
  std::string name;
  std::optional<SimTime> time_to_alarm;
};

/// The DeploymentConfig in force, normalised. For blue/green `step` is CanarySize (CANARY) or
/// LinearStepSize (LINEAR); for ROLLING it is MaximumBatchSize. Rollback batch: rolling only.
struct DeploymentPolicy {
  Strategy strategy = Strategy::all_at_once;
  std::optional<CapacitySize> step;
  std::optional<CapacitySize> rollback_batch;  ///< absent: 100% of N
  SimTime wait = 0;                            ///< WaitIntervalInSeconds
  SimTime termination_wait = 0;                ///< TerminationWaitInSeconds (blue/green)
  std::optional<SimTime> timeout;              ///< MaximumExecutionTimeoutInSeconds
  std::vector<AlarmSpec> alarms;
  /// SageMaker runs this update as its exclusion fallback (amendment A4: blue/green ALL_AT_ONCE,
  /// W = 0, T = 0, set by resolve_deployment()): guardrails do not apply, so alarms never roll
  /// it back (a trip does nothing); the timeout follows the `fallback_timeout` assumption.
  bool fallback = false;
};

/// Deterministic timing model: P, D, A of the contract.
struct Timing {
  SimTime provision = seconds(300);   ///< P: provision one batch (launch, download, health check)
  SimTime terminate = seconds(60);    ///< D: terminate one batch
  SimTime activation = 0;             ///< A: traffic activation latency of one shift
};

enum class Rounding { ceil, round, floor };                          ///< `rounding`
enum class FinalBake { termination_wait, wait_plus_termination };   ///< `final_bake`
enum class CanaryTraffic { new_fraction, blue_stays_active };       ///< `canary_traffic`
enum class Billing { running, aws_note };                           ///< `billing`
enum class FallbackTimeout { kept, ignored };                       ///< `fallback_timeout`
enum class RollingExclusions { fallback, reject };                  ///< `rolling_exclusions`
enum class VariantSetChange { reject, fallback };                   ///< `variant_set_change`

/// Every GAP the contract names, as a named setting with its default. Listed in every output;
/// overridable with `--assume NAME=VALUE`.
struct Assumptions {
  Rounding rounding = Rounding::ceil;
  FinalBake final_bake = FinalBake::termination_wait;
  bool all_at_once_uses_wait = false;
  CanaryTraffic canary_traffic = CanaryTraffic::new_fraction;
  bool alarms_outside_bake = false;
  /// Amendment A2: ALL_AT_ONCE with T = 0 bills only the fleet carrying the traffic.
  Billing billing = Billing::aws_note;
  /// Amendment A4: under an exclusion fallback, MaximumExecutionTimeoutInSeconds stays in force.
  FallbackTimeout fallback_timeout = FallbackTimeout::kept;
  /// Amendment A4: ROLLING on a multi-variant or serverless endpoint falls back to ALL_AT_ONCE
  /// (reject: E_ROLLING_UNSUPPORTED).
  RollingExclusions rolling_exclusions = RollingExclusions::fallback;
  /// Amendment A10: a variant set that changes under an update policy is refused
  /// (E_VARIANT_SET_CHANGED); fallback: SageMaker runs its exclusion fallback instead (whether
  /// the name rule errors or falls back is undocumented, sagemaker-semantics.md section 3).
  VariantSetChange variant_set_change = VariantSetChange::reject;
};

/// A fault injected into the run: an alarm trip at the start of bake k, at a time, or (a bad new
/// version) a detection delay after new instances first take traffic.
struct Trip {
  enum class Kind { none, at_bake, at_time, after_new_traffic };
  Kind kind = Kind::none;
  int bake = 0;       ///< 1-based, for at_bake
  SimTime at = 0;     ///< for at_time: time from the request; for after_new_traffic: the delay
};

struct StochasticModel;  // stochastic.hpp

/// How long each provisioning and termination operation takes (engine contract amendment A1:
/// every such operation is timed by a draw made for it: its kind, its fleet's instance type and
/// its instance count k; no draw is ever used by another operation).
/// - fixed (the default): every provisioning operation takes timing.provision and every
///   termination timing.terminate (the deterministic model P, D);
/// - median: the median trial under `model`: each operation at the median of its slowest
///   instance (U = 0.5), rounded to the second (stochastic.hpp, median_duration());
/// - trial: trial `trial` of a seeded Monte Carlo under `model`: the operation's uniforms are
///   trial_uniform(seed, trial, stream, index), keyed by the operation (DrawStream).
/// `success`, when non-empty, gives the durations of the success schedule's timed operations by
/// slot (Operation::slot, schedule.hpp) and overrides the model for them (the Monte Carlo draws
/// them in bulk; tests pin them); rollback operations are always timed by the mode.
/// An operation on no instance (e.g. a rolling batch with nothing left to terminate) takes the
/// fixed P or D.
struct TimingDraws {
  enum class Mode : std::uint8_t { fixed, median, trial };
  Mode mode = Mode::fixed;
  std::shared_ptr<const StochasticModel> model;  ///< required for median and trial
  std::uint64_t seed = 0;
  std::uint64_t trial = 0;
  std::vector<SimTime> success;
};

/// USD per instance-hour by instance type.
using PriceTable = std::map<std::string, double, std::less<>>;

/// What a run's prices are for and where they come from (pricing.hpp, amendment A13): listed in
/// every output's assumptions (price_region, price_table).
struct PriceBasis {
  std::string region = "us-east-1";
  std::string region_source = "the default: no region given";  ///< how the region was chosen
  bool table_used = true;             ///< the shipped table counts (not price_table: none)
  std::string table_file = "prices-us-east-1.csv";  ///< empty: no table shipped for the region
  /// How a user gives a missing price (pricing.hpp's PriceSources::hint), for messages.
  std::string hint = "give its price in the scenario (prices: {TYPE: USD_PER_HOUR})";
};

/// Everything simulate() needs. Plain value; cheap to copy for sweeps.
struct SimulationInput {
  std::vector<VariantFleet> variants;
  DeploymentPolicy policy;
  Timing timing;
  Assumptions assumptions;
  Trip trip;
  TimingDraws draws;
  PriceTable prices;
  PriceBasis price_basis;             ///< what `prices` are for (listed, not used in figures)
  std::optional<int> instance_quota;  ///< warn when peak exceeds it
  /// ROLLING only: a fault hits the rollback this long after the rollback starts; if the rollback
  /// is not done by then it stops there (outcome UPDATE_ROLLBACK_FAILED, mixed fleet). Ignored for
  /// blue/green (its rollback cannot fail in the contract's model).
  std::optional<SimTime> rollback_fault;
};

/// The timeout in force: the policy's MaximumExecutionTimeoutInSeconds, except under an
/// exclusion fallback with fallback_timeout=ignored (none).
[[nodiscard]] std::optional<SimTime> timeout_in_force(const SimulationInput& input) noexcept;

/// Whether an alarm trip rolls the update back: alarms are configured and the update is not an
/// exclusion fallback (amendment A4; Precise reading 5).
[[nodiscard]] bool alarms_roll_back(const DeploymentPolicy& policy) noexcept;

[[nodiscard]] const char* to_string(Strategy s) noexcept;      ///< "ALL_AT_ONCE", ...
[[nodiscard]] const char* to_string(CapacityType t) noexcept;  ///< "INSTANCE_COUNT", ...

/// size(cs, N) of the contract: instances a CapacitySize stands for in a fleet of n,
/// under the rounding assumption. Never below 1 when n >= 1, never above n; 0 when n == 0.
[[nodiscard]] int capacity_to_instances(const CapacitySize& cs, int n, Rounding rounding) noexcept;

}  // namespace shiftsim
