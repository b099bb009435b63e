#pragma once
// Flags and outputs shared by `shiftsim sweep` and `shiftsim plan`: the grid (strategies, sizes,
// --wait / --termination-wait / --rollback-batch ranges), the limits and their flag names, and
// the HTML report (the renderers are in report/sweep_report.hpp).
#include "commands.hpp"
#include "options/option_set.hpp"
#include "planning_inputs.hpp"
#include "report/sweep_report.hpp"

#include "shiftsim/plan_choice.hpp"
#include "shiftsim/sweep.hpp"

#include <optional>
#include <string>

namespace shiftsim::cli {

/// The grid, limit and row flags of sweep and plan, as given (ranges are parsed once the input
/// is known: sweep_options()).
struct SweepFlags {
  std::optional<std::string> strategies, size_count, size_percent, wait, termination_wait,
      rollback_batch;
  std::optional<std::string> sizes;  ///< count | percent | both
  std::optional<std::int64_t> timeout_s;
  bool no_timeout = false;
  std::optional<SimTime> detection_delay;
  int threads = 0;
  SweepLimits limits;
  std::optional<double> max_p_timeout;  ///< --max-p-timeout (else SweepLimits' default)
  std::optional<std::string> rows;  ///< --rows FILE: every evaluated config
  int front_rows = 30;
};

/// What the flags give, parsed against the input.
struct SweepCliOptions {
  SweepSpec spec;
  SweepLimits limits;
  int threads = 0;
  std::optional<SimTime> timeout;  ///< --timeout: MaximumExecutionTimeoutInSeconds for every config
  bool no_timeout = false;         ///< --no-timeout
  bool rollback_batch_given = false;   ///< --rollback-batch (else the request's is kept)
  bool detection_delay_given = false;  ///< --detection-delay-s
  std::optional<std::string> rows;    ///< every evaluated config (CSV, or JSON by .json extension)
  int front_rows = 30;                ///< Pareto rows shown in the table
};

/// The groups "grid" and "limits", and --rows/--front-rows in "output".
void declare_sweep_flags(OptionSet& options, SweepFlags& flags);

/// The flags parsed: ranges expanded, the default detection delay from the input's alarms (the
/// fastest alarm's Period x EvaluationPeriods, else 300 s). Problems (E_RANGE, E_ENUM,
/// E_GRID_TOO_LARGE, E_FLAG_CONFLICT ...), each naming its flag, are appended to `errors`.
[[nodiscard]] SweepCliOptions sweep_options(const SweepFlags& flags, const SimulationInput& in,
                                            Diagnostics& errors);

/// The flag that sets a limit ("--max-duration", ...; the timeout:
/// "MaximumExecutionTimeoutInSeconds", the request member, which --timeout overrides).
[[nodiscard]] const char* limit_flag(Limit limit) noexcept;

/// Applies --timeout / --no-timeout and the scenario quota to the input; without
/// --rollback-batch the grid keeps the request's RollbackMaximumBatchSize; without
/// --detection-delay-s the scenario's `trip: {after_new_traffic_s}` gives the delay. When every
/// DeploymentConfig falls back on this endpoint (resolve.hpp: serverless, Inf1, Elastic Inference;
/// SageMaker deploys ALL_AT_ONCE without bake and without guardrails), the grid shrinks to that
/// one config and a note says so. Otherwise the configs swept are no fallback (a requested
/// ROLLING that fell back on a multi-variant endpoint is not swept: sweep skips such configs).
void apply_sweep_overrides(PlanningInputs& pin, SweepCliOptions& o,
                           std::vector<std::string>& notes);

/// --rows: every evaluated config, as CSV, or JSON when the file name ends in .json (nothing
/// without --rows).
void write_sweep_rows(const SweepCliOptions& o, const SweepResult& r);

/// Writes the HTML report of a sweep or plan.
void write_sweep_report(const std::string& path, const SweepResult& r, const SweepCliOptions& o,
                        const PlanningInputs& pin, const std::string& kind,
                        const std::string& objective, std::optional<std::size_t> pick,
                        const std::vector<std::string>& explanation,
                        const std::string& request_text);

}  // namespace shiftsim::cli
