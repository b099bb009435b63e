#pragma once
// What simulate() returns: plain value structs, rendered by the CLI's reporters (table, JSON
// `shiftsim.simulation/v2`, CSV, HTML). Field meanings follow the engine contract.
#include "shiftsim/cost.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shiftsim {

enum class Outcome { succeeded, rolled_back, timed_out, update_rollback_failed };
enum class Phase { provision, shift, bake, terminate, rollback, done };

/// One row of the step table: a state that holds from t to end for one variant.
struct Step {
  SimTime t = 0;
  SimTime end = 0;
  Phase phase = Phase::provision;
  std::string variant;
  int old_running = 0;
  int old_active = 0;
  int new_running = 0;
  int new_active = 0;
  double new_traffic_pct = 0.0;   ///< share of the whole endpoint's traffic on new instances
  std::string endpoint_status;    ///< "Updating", "InService", "UpdateRollbackFailed"
  std::string message;            ///< SageMaker-style VariantStatus text
};

struct Summary {
  SimTime duration = 0;
  int peak_instances = 0;
  int min_serving_instances = 0;
  double instance_seconds = 0.0;
  double extra_instance_seconds = 0.0;
  /// The instance-seconds that are billed and priced into cost_usd (amendment A2): every running
  /// instance, except under billing=aws_note for ALL_AT_ONCE with T = 0 (one fleet per variant).
  double billed_instance_seconds = 0.0;
  Cost cost_usd;                ///< unknown when it includes an unpriced type (A12)
  Cost extra_cost_usd;          ///< cost_usd - the cost of the old fleet running for `duration`
  std::optional<SimTime> timeout;
  std::optional<SimTime> timeout_margin;
  /// Traffic-seconds served by the new version until the run ends (the rollback completes):
  /// the integral over time of the whole-endpoint new traffic fraction (0..1), in seconds.
  double exposure_traffic_s = 0.0;
  /// An injected trip never took effect and the update succeeded: the fault was detected only
  /// after the last bake ended (or no alarm watched), so the new version stayed in service.
  bool escaped = false;
};

/// What a trip at the start of bake k would cost (one entry per bake of the success path).
struct RollbackIfTrip {
  int bake = 0;
  SimTime bake_start = 0;
  SimTime bake_end = 0;
  Outcome outcome = Outcome::rolled_back;
  SimTime rollback_duration = 0;   ///< from the trip to the end of the rollback
  SimTime back_to_old = 0;         ///< from the trip until 100% of traffic is on the old fleet
  double extra_instance_seconds = 0.0;
  Cost total_cost_usd;  ///< billed cost of every instance, request to rollback end (A3, A12)
  Cost extra_cost_usd;  ///< total_cost_usd minus the old fleet alone over that window
  int peak_instances = 0;          ///< from the trip on
};

/// A bake of the planned success path (numbered from 1 in the order they run).
struct Bake {
  int number = 0;
  SimTime start = 0;
  SimTime end = 0;
  bool final = false;  ///< the final bake (TerminationWait) rather than a step bake
};

/// A named assumption and the value in force, for listing in every output.
struct AssumptionValue {
  std::string name;
  std::string value;
};

/// A point of the running/serving/traffic time series (changes only), for charts.
struct TimelinePoint {
  SimTime t = 0;
  int old_running = 0;
  int old_active = 0;
  int new_running = 0;
  int new_active = 0;
  double new_traffic_pct = 0.0;
};

struct SimulationResult {
  Strategy strategy = Strategy::all_at_once;
  Outcome outcome = Outcome::succeeded;
  Summary summary;
  std::vector<Step> steps;
  std::vector<Bake> bakes;
  std::vector<RollbackIfTrip> rollback_if_trip;
  std::vector<TimelinePoint> timeline;  ///< whole endpoint, summed over variants
  Diagnostics warnings;                 ///< severity warning, stable W_ codes
  std::vector<AssumptionValue> assumptions;
  std::optional<SimTime> trip_applied_at;  ///< when an injected trip took effect, if it did
  /// The instance types the run bills with no price: what an unknown cost names (cost.hpp).
  std::vector<std::string> unpriced_types;
};

[[nodiscard]] const char* to_string(Outcome o) noexcept;  ///< "SUCCEEDED", ...
[[nodiscard]] const char* to_string(Phase p) noexcept;    ///< "PROVISION", ...

}  // namespace shiftsim
