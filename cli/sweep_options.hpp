#pragma once
// Flags and outputs shared by `shiftsim sweep` and `shiftsim plan`: the grid (strategies, sizes,
// --wait / --termination-wait / --rollback-batch ranges), the limits and their flag names, and
// the HTML report (the renderers are in report/sweep_report.hpp).
#include "commands.hpp"
#include "planning_inputs.hpp"
#include "report/sweep_report.hpp"

#include "shiftsim/plan_choice.hpp"
#include "shiftsim/sweep.hpp"

#include <optional>
#include <string>

namespace shiftsim::cli {

struct SweepCliOptions {
  SweepSpec spec;
  SweepLimits limits;
  int threads = 0;
  std::optional<SimTime> timeout;  ///< --timeout: MaximumExecutionTimeoutInSeconds for every config
  bool no_timeout = false;         ///< --no-timeout
  std::string output = "table";
  std::optional<std::string> out;     ///< every evaluated config (CSV, or JSON by .json extension)
  std::optional<std::string> report;  ///< HTML
  int front_rows = 30;                ///< Pareto rows shown in the table
  Args unused;                        ///< words not consumed (command-specific flags)
};

/// Parses the grid, limit and output flags from `rest` (leaving unknown words in `unused`).
/// `in` supplies N (for validity) and the alarms (default detection delay). Throws InputError
/// (exit 2) naming the flag for bad values and E_GRID_TOO_LARGE for a grid above
/// kMaxSweepConfigs, CliUsageError for a malformed flag.
[[nodiscard]] SweepCliOptions parse_sweep_options(const Args& rest, const SimulationInput& in);

/// The flag that sets a limit ("--max-duration", ...; the timeout:
/// "MaximumExecutionTimeoutInSeconds", the request member, which --timeout overrides).
[[nodiscard]] const char* limit_flag(Limit limit) noexcept;

/// Help lines for the grid, limit and output flags.
[[nodiscard]] std::string sweep_options_help();

/// Applies --timeout / --no-timeout and the scenario quota to the input. When every
/// DeploymentConfig falls back on this endpoint (resolve.hpp: serverless, Inf1, Elastic Inference;
/// SageMaker deploys ALL_AT_ONCE without bake and without guardrails), the grid shrinks to that
/// one config and a note says so. Otherwise the configs swept are no fallback (a requested
/// ROLLING that fell back on a multi-variant endpoint is not swept: sweep skips such configs).
void apply_sweep_overrides(SimulationInput& in, SweepCliOptions& o, bool falls_back_to_all_at_once,
                           std::vector<std::string>& notes);

/// --out: every evaluated config, as CSV, or JSON when the file name ends in .json (nothing
/// without --out).
void write_sweep_rows(const SweepCliOptions& o, const SweepResult& r);

/// Writes the HTML report of a sweep or plan.
void write_sweep_report(const std::string& path, const SweepResult& r, const SweepCliOptions& o,
                        const PlanningInputs& pin, const std::string& kind,
                        const std::string& objective, std::optional<std::size_t> pick,
                        const std::vector<std::string>& explanation,
                        const std::string& request_text);

}  // namespace shiftsim::cli
